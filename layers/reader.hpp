// Reading any OGR vector source into a Layer: files (GPKG, GeoJSON, Shapefile, FlatGeobuf, CSV
// with WKT or lon/lat columns) and PostGIS connection strings ("PG:dbname=...").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "layers/layer.hpp"

namespace atlante {

struct ReadOptions {
    std::string layer;  // layer inside the source; empty: the source's only layer
    std::string where;  // OGR SQL attribute filter, e.g. "railway IN ('station','halt')"
    // CRS for sources that carry none (CSV). Never overrides a CRS the source declares.
    std::optional<std::string> assume_crs;
    // Declared field types: text columns are converted, and a value that does not parse is an
    // error naming the feature. Types of other fields come from the source.
    std::map<std::string, FieldType> field_types;
    // CSV: columns read as text become integer/real when every value is a number. A value with a
    // leading zero ("001001") keeps its column text: codes are names, not numbers.
    bool infer_text_types = true;
    // CSV: read as an attribute table, never looking for WKT or lon/lat columns.
    bool attributes_only = false;
    // The text encoding of a source that does not say (a DBF without .cpg, a CSV): "CP1252",
    // "ISO-8859-1"; recoded to UTF-8. Empty: the source's own, or UTF-8, checked.
    std::string encoding;
    // CSV: the columns holding the geometry (as WKT, or x/longitude and y/latitude). Empty: the
    // usual names (wkt, geometry; x, lon, longitude, longitudine; y, lat, latitude, latitudine).
    std::string wkt_field, x_field, y_field;
    // CSV: the separator (",", ";", "tab", "|"; empty: as the file's header shows) and the
    // decimal mark ("." or ","; with "," a number written 45,07 or 1.234,5 reads as a number).
    std::string separator, decimal;
    // The field naming each record in messages ("record 'AD-027' (feature 34)").
    std::string id_field;
    // A source that must hold geometry (sites, services): one that has none is an error that
    // lists its columns.
    bool need_geometry = false;
};

// Reads one layer. Rejects non-finite coordinates and text that is not UTF-8 once decoded,
// naming the record and field.
Layer read_layer(const std::string& source, const ReadOptions& options = {});

// Driver short name and the names of the layers in a source.
struct SourceLayers {
    std::string driver;
    std::vector<std::string> layers;
};
SourceLayers list_layers(const std::string& source);

}  // namespace atlante
