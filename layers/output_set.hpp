// The files one step writes, landing together: a GeoPackage with several layers and dataset
// metadata, CSV tables whose first lines are "# key: value" comments carrying the same metadata
// (so a table can be traced to its method and parameters), and GeoJSON layers (RFC 7946). Files
// are written in parallel into a staging folder and moved into place only when all succeeded.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "layers/layer.hpp"

namespace atlante {

struct OutputSet {
    std::string geopackage;  // file name, e.g. "tor.gpkg" (empty: none)
    std::vector<const Layer*> geopackage_layers;
    std::vector<std::pair<std::string, const Layer*>> csv;      // file name, table
    std::vector<std::pair<std::string, const Layer*>> geojson;  // file name, layer
    std::map<std::string, std::string> metadata;
    bool allow_ballpark = false;
};

// Returns the paths written, sorted.
std::vector<std::string> write_output_set(const OutputSet& outputs,
                                          const std::filesystem::path& folder);

// Prepends "# key: value" lines to a text file (atomically).
void prepend_comment_lines(const std::string& path,
                           const std::map<std::string, std::string>& metadata);

}  // namespace atlante
