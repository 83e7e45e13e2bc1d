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
};

// Reads one layer. Rejects non-finite coordinates, naming the feature.
Layer read_layer(const std::string& source, const ReadOptions& options = {});

// Driver short name and the names of the layers in a source.
struct SourceLayers {
    std::string driver;
    std::vector<std::string> layers;
};
SourceLayers list_layers(const std::string& source);

}  // namespace atlante
