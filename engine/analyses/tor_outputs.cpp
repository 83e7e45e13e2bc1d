#include "engine/analyses/tor_outputs.hpp"

#include "layers/atomic_output.hpp"
#include "layers/writer.hpp"

namespace atlante {

std::vector<std::string> write_tor_outputs(const TorResult& result,
                                           const std::filesystem::path& folder,
                                           const TorOutputOptions& options) {
    StagedOutputs staged(folder);
    WriteOptions write;
    write.metadata = options.metadata;
    write.allow_ballpark = options.allow_ballpark;
    write_layers(
        {&result.ranked, &result.discs, &result.stations, &result.by_zone, &result.by_comune},
        staged.path("tor.gpkg"), write);
    WriteOptions plain;
    plain.allow_ballpark = options.allow_ballpark;
    write_layer(result.ranked, staged.path("brownfields_ranked.csv"), plain);
    write_layer(result.ranked, staged.path("brownfields_ranked.geojson"), plain);
    write_layer(result.by_zone, staged.path("summary_zones.csv"), plain);
    write_layer(result.by_comune, staged.path("summary_comuni.csv"), plain);
    return staged.commit();
}

}  // namespace atlante
