// The files one step writes, landing together: a GeoPackage with several layers and dataset
// metadata (in the output CRS asked for, else the working one), CSV tables (spreadsheet-clean,
// see csv_table.hpp) each with its CSV on the Web sidecar carrying the same metadata and the
// columns' titles, and GeoJSON layers (RFC 7946, EPSG:4326). Files are written in parallel into a
// staging folder and moved into place only when all succeeded.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "layers/crs.hpp"
#include "layers/csv_table.hpp"
#include "layers/layer.hpp"
#include "layers/writer.hpp"

namespace atlante {

struct OutputSet {
    std::string geopackage;  // file name, e.g. "tor.gpkg" (empty: none)
    std::vector<const Layer*> geopackage_layers;
    std::vector<std::pair<std::string, const Layer*>> csv;      // file name, table
    std::vector<std::pair<std::string, const Layer*>> geojson;  // file name, layer
    std::map<std::string, std::string> metadata;
    bool allow_ballpark = false;
    // The GeoPackage's CRS (the PROJ operation used goes into its metadata); unset: the
    // layers' own. GeoJSON is EPSG:4326 whatever this says.
    std::optional<Crs> crs;
    CsvDialect csv_dialect;
    std::map<std::string, std::string> column_titles;  // field -> title, for the sidecars
    std::map<std::string, std::string> table_titles;   // CSV file name -> title
    std::vector<GpkgLayerStyle> styles;  // rows of the GeoPackage's layer_styles (QGIS, SLD)
};

// Returns the paths written, sorted.
std::vector<std::string> write_output_set(const OutputSet& outputs,
                                          const std::filesystem::path& folder);

}  // namespace atlante
