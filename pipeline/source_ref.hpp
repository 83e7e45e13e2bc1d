// A layer a step reads, parsed once from the text of the project file or the command line:
//   ""                  none (an optional source left out)
//   "data/census.gpkg"  a file (relative to the project file's folder, or absolute)
//   "PG:dbname=…"       a PostGIS connection
//   "catalog:stations"  a layer of the data catalogue ("catalog" alone: the option's own one)
//   "tor:brownfields"   an output of another step of the run (STEP:OUTPUT)
//   "demo"              the demonstration brownfields of this run
// A file or database source may say how to read it in its table form:
//   brownfields = { path = "census.shp", where = "STATO = 'dismessa'", assume_crs = "EPSG:3003",
//                   encoding = "CP1252" }
//   services = { path = "scuole.csv", x = "LONGITUDINE", y = "LATITUDINE", separator = ";",
//                decimal = "," }
#pragma once

#include <string>
#include <vector>

#include "layers/reader.hpp"

namespace atlante {

struct SourceRef {
    enum class Kind { None, File, Database, Catalog, StepOutput, Demo };
    Kind kind = Kind::None;
    std::string path;  // File: as written; Database: the connection string
    std::string step;  // StepOutput: the producing step ("tor")
    std::string name;  // Catalog: the layer ("stations"); StepOutput: the output ("brownfields")
    // How to read it: for files and databases; `where` also for the catalogue's read layers.
    std::string layer, where, assume_crs, encoding;
    std::string wkt, x, y, separator, decimal;  // CSV

    // Throws atlante::Error for "catalog" where the option names no catalogue layer.
    static SourceRef parse(const std::string& text, const std::string& catalog_default = {});
    // The text that parses back to this reference (without the reading options).
    std::string text() const;
    bool empty() const { return kind == Kind::None; }
    bool is_file() const { return kind == Kind::File; }
    bool reads_data() const { return kind == Kind::File || kind == Kind::Database; }
    ReadOptions read_options() const;
    // The reading option named `key` (one of source_read_keys()).
    std::string& reading(const std::string& key);
    const std::string& reading(const std::string& key) const;
    bool has_reading_options() const;
    bool operator==(const SourceRef&) const = default;
};

// The keys of a source's table form besides `path`, in the order `atlante help` lists them,
// each with what it does.
struct SourceReadKey {
    std::string key, help;
};
const std::vector<SourceReadKey>& source_read_keys();

}  // namespace atlante
