// Writing layers: GeoPackage, FlatGeobuf, CSV and Shapefile through OGR, GeoJSON (RFC 7946,
// EPSG:4326) streamed by geojson_writer.
// Every write goes to a temporary file renamed into place when complete.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "layers/crs.hpp"
#include "layers/gpkg_styles.hpp"
#include "layers/layer.hpp"

namespace atlante {

enum class OutputFormat { GeoPackage, GeoJSON, FlatGeobuf, CSV, Shapefile };
enum class CsvGeometry { None, WKT, XY };

struct WriteOptions {
    std::optional<OutputFormat> format;  // unset: from the file extension
    CsvGeometry csv_geometry = CsvGeometry::None;
    // GeoJSON is written in EPSG:4326 (RFC 7946); this governs that reprojection.
    bool allow_ballpark = false;
    // Dataset metadata (GeoPackage, FlatGeobuf title/description): method and parameters.
    std::map<std::string, std::string> metadata;
    // GeoPackage: the layers' styles for QGIS (layer_styles), written before the file lands.
    std::vector<GpkgLayerStyle> styles;
};

OutputFormat format_for_path(const std::string& path);
std::string to_string(OutputFormat format);

void write_layer(const Layer& layer, const std::string& path, const WriteOptions& options = {});
// Several layers into one GeoPackage (the only format here that holds more than one).
void write_layers(const std::vector<const Layer*>& layers, const std::string& path,
                  const WriteOptions& options = {});

}  // namespace atlante
