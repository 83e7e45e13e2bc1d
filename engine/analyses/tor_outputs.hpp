// Files of a TOR run, written together (staged, then moved into place):
//   tor.gpkg                  layers brownfields_ranked, tor_discs, stations, summary_zones,
//                             summary_comuni; dataset metadata holds the parameters and sources
//   brownfields_ranked.csv    the ranking as a table (no geometry)
//   brownfields_ranked.geojson the ranking in EPSG:4326 (RFC 7946)
//   summary_zones.csv, summary_comuni.csv
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "engine/analyses/tor.hpp"

namespace atlante {

struct TorOutputOptions {
    std::map<std::string, std::string> metadata;  // parameters and sources, as KEY -> text
    bool allow_ballpark = false;                  // for the GeoJSON reprojection
};

// Returns the paths written.
std::vector<std::string> write_tor_outputs(const TorResult& result,
                                           const std::filesystem::path& folder,
                                           const TorOutputOptions& options);

}  // namespace atlante
