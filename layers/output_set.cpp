#include "layers/output_set.hpp"

#include <fstream>
#include <functional>
#include <future>
#include <sstream>

#include "layers/atomic_output.hpp"
#include "layers/writer.hpp"

namespace atlante {

void prepend_comment_lines(const std::string& path,
                           const std::map<std::string, std::string>& metadata) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();
    std::string header;
    for (const auto& [key, value] : metadata) {
        std::string one_line = value;
        for (char& c : one_line)
            if (c == '\n' || c == '\r') c = ' ';
        header += "# " + key + ": " + one_line + "\n";
    }
    write_text_atomically(path, header + body.str());
}

std::vector<std::string> write_output_set(const OutputSet& outputs,
                                          const std::filesystem::path& folder) {
    StagedOutputs staged(folder);
    WriteOptions with_metadata;
    with_metadata.metadata = outputs.metadata;
    with_metadata.allow_ballpark = outputs.allow_ballpark;
    WriteOptions plain;
    plain.allow_ballpark = outputs.allow_ballpark;
    // GEOS 3.11 computes a geometry's envelope lazily on first use; computing the extents here
    // first means the parallel writers only read the shared geometries.
    for (const Layer* layer : outputs.geopackage_layers) layer->extent();
    for (const auto& [name, layer] : outputs.geojson) layer->extent();

    std::vector<std::function<void()>> jobs;
    if (!outputs.geopackage.empty())
        jobs.emplace_back([&] {
            write_layers(outputs.geopackage_layers, staged.path(outputs.geopackage), with_metadata);
        });
    for (const auto& [name, layer] : outputs.geojson)
        jobs.emplace_back(
            [&, name = name, layer = layer] { write_layer(*layer, staged.path(name), plain); });
    jobs.emplace_back([&] {
        for (const auto& [name, layer] : outputs.csv) {
            write_layer(*layer, staged.path(name), plain);
            prepend_comment_lines(staged.path(name), outputs.metadata);
        }
    });
    std::vector<std::future<void>> running;
    for (const auto& job : jobs) running.push_back(std::async(std::launch::async, job));
    for (auto& r : running)
        r.get();  // rethrows the first failure; the staging folder is then discarded
    return staged.commit();
}

}  // namespace atlante
