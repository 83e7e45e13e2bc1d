#include "layers/output_set.hpp"

#include <functional>
#include <future>

#include "layers/atomic_output.hpp"
#include "layers/reproject.hpp"
#include "layers/writer.hpp"

namespace atlante {
namespace {

// The GeoPackage's layers in the output CRS (copies when they must be reprojected), and the
// operation used, for its metadata.
std::vector<Layer> in_output_crs(const OutputSet& outputs, std::vector<const Layer*>& layers,
                                 std::string& operation) {
    std::vector<Layer> copies;
    layers = outputs.geopackage_layers;
    if (!outputs.crs) return copies;
    copies.reserve(layers.size());
    TransformOptions transform;
    transform.allow_ballpark = outputs.allow_ballpark;
    for (const Layer*& layer : layers) {
        if (!layer->has_geometry() || !layer->crs() || layer->crs()->equivalent_to(*outputs.crs))
            continue;
        copies.push_back(layer->clone());
        const OperationInfo info = reproject(copies.back(), *outputs.crs, transform);
        if (operation.empty()) operation = info.summary();
        layer = &copies.back();
    }
    return copies;
}

}  // namespace

std::vector<std::string> write_output_set(const OutputSet& outputs,
                                          const std::filesystem::path& folder) {
    StagedOutputs staged(folder);
    std::vector<const Layer*> gpkg_layers;
    std::string operation;
    const std::vector<Layer> copies = in_output_crs(outputs, gpkg_layers, operation);
    WriteOptions with_metadata;
    with_metadata.metadata = outputs.metadata;
    if (!operation.empty()) with_metadata.metadata["OUTPUT_CRS"] = operation;
    with_metadata.styles = outputs.styles;
    with_metadata.allow_ballpark = outputs.allow_ballpark;
    WriteOptions plain;
    plain.allow_ballpark = outputs.allow_ballpark;
    // GEOS 3.11 computes a geometry's envelope lazily on first use; computing the extents here
    // first means the parallel writers only read the shared geometries.
    for (const Layer* layer : gpkg_layers) layer->extent();
    for (const auto& [name, layer] : outputs.geojson) layer->extent();

    std::vector<std::function<void()>> jobs;
    if (!outputs.geopackage.empty())
        jobs.emplace_back(
            [&] { write_layers(gpkg_layers, staged.path(outputs.geopackage), with_metadata); });
    for (const auto& [name, layer] : outputs.geojson)
        jobs.emplace_back(
            [&, name = name, layer = layer] { write_layer(*layer, staged.path(name), plain); });
    jobs.emplace_back([&] {
        for (const auto& [name, layer] : outputs.csv) {
            write_csv_table(*layer, staged.path(name), outputs.csv_dialect);
            const auto title = outputs.table_titles.find(name);
            write_csv_metadata(*layer, staged.path(name), outputs.csv_dialect,
                               {title == outputs.table_titles.end() ? "" : title->second,
                                outputs.metadata, outputs.column_titles});
        }
    });
    std::vector<std::future<void>> running;
    for (const auto& job : jobs) running.push_back(std::async(std::launch::async, job));
    for (auto& r : running)
        r.get();  // rethrows the first failure; the staging folder is then discarded
    return staged.commit();
}

}  // namespace atlante
