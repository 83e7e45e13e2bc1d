// A CSV as the planner saved it, made readable by GDAL's CSV driver: a byte order mark and
// leading "# …" lines dropped, a declared encoding recoded to UTF-8, decimal commas made points,
// a separator GDAL does not detect ('|') rewritten; the columns that hold its geometry; and the
// checks GDAL does not make (a WKT that does not parse, a coordinate that is not a number
// would otherwise be a record with no geometry, silently).
#pragma once

#include <string>
#include <vector>

#include "layers/gdal_handles.hpp"
#include "layers/layer.hpp"
#include "layers/reader.hpp"

namespace atlante {

bool is_csv(const std::string& source);

struct PreparedCsv {
    std::string memory_path;  // a /vsimem/ copy to open instead, or "" (the file itself)
    char separator = ',';
    std::vector<std::string> header;  // the column names as written
};
PreparedCsv prepare_csv(const std::string& source, const ReadOptions& options);

// GDAL's open options for a CSV read with `options`.
std::vector<std::string> csv_open_options(const ReadOptions& options);

// Whether the points come from latitude and longitude columns (degrees of WGS 84 unless said
// otherwise): no WKT column, and the coordinate columns are named for degrees.
bool csv_in_degrees(const std::vector<std::string>& header, const ReadOptions& options);

// After reading (with the geometry columns kept as fields): a record whose WKT or coordinates
// are written but made no geometry is an error naming it; then those columns are dropped, as
// the geometry holds them.
void check_csv_geometry(Layer& layer, const ReadOptions& options,
                        const std::vector<gdal::ErrorCapture::Message>& messages);

}  // namespace atlante
