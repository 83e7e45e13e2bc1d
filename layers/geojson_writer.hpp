// GeoJSON (RFC 7946) written feature by feature: coordinates transformed to EPSG:4326 longitude/
// latitude one geometry at a time, rounded to 7 decimals (about 1 cm, as GDAL's RFC 7946 writer
// does), exterior rings counter-clockwise and holes clockwise; properties in the layer's field
// order with their JSON types (dates as "YYYY-MM-DD", non-finite reals as null). Nothing but
// the output buffer is held: no reprojected copy of the layer, no JSON object tree.
#pragma once

#include <string>

#include "layers/layer.hpp"

namespace atlante {

struct GeoJsonOptions {
    bool allow_ballpark = false;  // governs the transformation to EPSG:4326
    int decimals = 7;
};

// Writes the layer to `path` atomically; a coordinate PROJ cannot transform is an Error naming
// the file, the layer and the feature.
void write_geojson(const Layer& layer, const std::string& path, const GeoJsonOptions& options);

}  // namespace atlante
