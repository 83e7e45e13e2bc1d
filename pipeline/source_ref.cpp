#include "pipeline/source_ref.hpp"

#include <regex>

#include "layers/error.hpp"
#include "layers/gdal_handles.hpp"

namespace atlante {

SourceRef SourceRef::parse(const std::string& text, const std::string& catalog_default) {
    SourceRef ref;
    if (text.empty()) return ref;
    if (text == "demo") {
        ref.kind = Kind::Demo;
    } else if (text == "catalog") {
        if (catalog_default.empty())
            throw Error("'catalog' names no layer here: write catalog:NAME");
        ref.kind = Kind::Catalog;
        ref.name = catalog_default;
    } else if (gdal::is_database(text)) {
        ref.kind = Kind::Database;
        ref.path = text;
    } else {
        // STEP:OUTPUT is two lower-case words; a path has a dot, a slash or capitals.
        static const std::regex reference("([a-z][a-z_]*):([a-z][a-z0-9_]*)");
        std::smatch m;
        if (std::regex_match(text, m, reference)) {
            ref.kind = m[1] == "catalog" ? Kind::Catalog : Kind::StepOutput;
            if (ref.kind == Kind::StepOutput) ref.step = m[1];
            ref.name = m[2];
        } else {
            ref.kind = Kind::File;
            ref.path = text;
        }
    }
    return ref;
}

std::string SourceRef::text() const {
    switch (kind) {
        case Kind::None:
            return "";
        case Kind::File:
        case Kind::Database:
            return path;
        case Kind::Catalog:
            return "catalog:" + name;
        case Kind::StepOutput:
            return step + ":" + name;
        case Kind::Demo:
            return "demo";
    }
    return "";
}

ReadOptions SourceRef::read_options() const {
    ReadOptions read;
    read.layer = layer;
    read.where = where;
    if (!assume_crs.empty()) read.assume_crs = assume_crs;
    read.encoding = encoding;
    read.wkt_field = wkt;
    read.x_field = x;
    read.y_field = y;
    read.separator = separator;
    read.decimal = decimal;
    return read;
}

std::string& SourceRef::reading(const std::string& key) {
    if (key == "layer") return layer;
    if (key == "where") return where;
    if (key == "assume_crs") return assume_crs;
    if (key == "encoding") return encoding;
    if (key == "wkt") return wkt;
    if (key == "x") return x;
    if (key == "y") return y;
    if (key == "separator") return separator;
    if (key == "decimal") return decimal;
    throw std::logic_error("no reading option " + key);
}

const std::string& SourceRef::reading(const std::string& key) const {
    return const_cast<SourceRef&>(*this).reading(key);
}

bool SourceRef::has_reading_options() const {
    for (const SourceReadKey& k : source_read_keys())
        if (!reading(k.key).empty()) return true;
    return false;
}

const std::vector<SourceReadKey>& source_read_keys() {
    static const std::vector<SourceReadKey> keys{
        {"layer", "the layer inside the source"},
        {"where", "an OGR SQL filter on its records"},
        {"assume_crs", "its CRS, when the source declares none (a CSV, a Shapefile without .prj)"},
        {"encoding", "its text encoding, when it does not say (CP1252 for a DBF without .cpg)"},
        {"wkt", "CSV: the column holding the geometry as WKT"},
        {"x", "CSV: the column of the x coordinate or longitude (LONGITUDINE)"},
        {"y", "CSV: the column of the y coordinate or latitude (LATITUDINE)"},
        {"separator", "CSV: the separator: , ; tab | (default: as the header shows)"},
        {"decimal", "CSV: the decimal mark, . or , (Italian spreadsheets: ,)"}};
    return keys;
}

}  // namespace atlante
