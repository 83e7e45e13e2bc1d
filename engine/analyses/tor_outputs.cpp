#include "engine/analyses/tor_outputs.hpp"

#include "layers/output_set.hpp"

namespace atlante {

std::vector<std::string> write_tor_outputs(const TorResult& result,
                                           const std::filesystem::path& folder,
                                           const TorOutputOptions& options) {
    OutputSet outputs;
    outputs.geopackage = "tor.gpkg";
    outputs.geopackage_layers = {&result.ranked, &result.discs, &result.stations, &result.by_zone,
                                 &result.by_comune};
    outputs.csv = {{"brownfields_ranked.csv", &result.ranked},
                   {"summary_zones.csv", &result.by_zone},
                   {"summary_comuni.csv", &result.by_comune}};
    outputs.geojson = {{"brownfields_ranked.geojson", &result.ranked}};
    outputs.metadata = options.metadata;
    outputs.allow_ballpark = options.allow_ballpark;
    return write_output_set(outputs, folder);
}

}  // namespace atlante
