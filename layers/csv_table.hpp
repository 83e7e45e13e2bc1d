// Tables as spreadsheets open them: RFC 4180 CSV (the header on the first line, no comment
// lines, fields quoted when they hold the separator, a quote or a line break, CRLF line ends),
// in two dialects: "rfc4180" (comma, decimal point, UTF-8) and "excel-it" (semicolon, decimal
// comma, UTF-8 with a byte order mark: Italian Excel and LibreOffice open it into columns with
// accents intact). What a table is — its title, sources, method and parameters, each column's
// title and datatype — goes into a W3C CSV on the Web sidecar, NAME.csv-metadata.json.
#pragma once

#include <map>
#include <string>

#include "layers/layer.hpp"

namespace atlante {

struct CsvDialect {
    std::string name = "rfc4180";
    char separator = ',';
    char decimal = '.';
    bool byte_order_mark = false;
};

// "rfc4180" or "excel-it"; throws for anything else.
CsvDialect csv_dialect(const std::string& name);

// What the sidecar says of a table.
struct CsvDescription {
    std::string title;                                 // dc:title
    std::map<std::string, std::string> metadata;       // method, parameters, sources (KEY -> text)
    std::map<std::string, std::string> column_titles;  // field -> title for a reader
};

// Writes the layer's attributes (no geometry) to `path`, atomically.
void write_csv_table(const Layer& layer, const std::string& path, const CsvDialect& dialect);
// The CSVW metadata of that file: `path` + "-metadata.json" beside it, atomically.
void write_csv_metadata(const Layer& layer, const std::string& csv_path, const CsvDialect& dialect,
                        const CsvDescription& description);

}  // namespace atlante
