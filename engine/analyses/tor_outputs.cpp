#include "engine/analyses/tor_outputs.hpp"

#include <functional>
#include <future>

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
    WriteOptions plain;
    plain.allow_ballpark = options.allow_ballpark;
    // The files are independent, so they are written in parallel (GDAL datasets, GEOS and PROJ
    // contexts are per thread). GEOS 3.11 computes a geometry's envelope lazily on first use;
    // computing the extents here first means the writers only read shared geometries.
    for (const Layer* layer : {&result.ranked, &result.discs, &result.stations}) layer->extent();
    const std::vector<std::function<void()>> jobs{
        [&] {
            write_layers({&result.ranked, &result.discs, &result.stations, &result.by_zone,
                          &result.by_comune},
                         staged.path("tor.gpkg"), write);
        },
        [&] { write_layer(result.ranked, staged.path("brownfields_ranked.geojson"), plain); },
        [&] {
            write_layer(result.ranked, staged.path("brownfields_ranked.csv"), plain);
            write_layer(result.by_zone, staged.path("summary_zones.csv"), plain);
            write_layer(result.by_comune, staged.path("summary_comuni.csv"), plain);
        }};
    std::vector<std::future<void>> running;
    for (const auto& job : jobs) running.push_back(std::async(std::launch::async, job));
    for (auto& r : running) r.get();  // rethrows the first failure; staged files are then discarded
    return staged.commit();
}

}  // namespace atlante
