#include "cli/steps/step_sources.hpp"

#include "cli/steps/demo_step.hpp"

namespace atlante {

static std::string file_name(const std::string& source) {
    return std::filesystem::path(source).filename().string();
}

StepSource step_stations(const std::string& source, bool include_metro, const ReadOptions& read,
                         StepContext& context) {
    StepSource out;
    if (source == "catalog") {
        const auto& spec = *context.catalog().spec().stations;
        out.shared = &context.stations(include_metro).layer;
        out.id_field = spec.id;
        out.name_field = spec.name;
        out.source_line = "Stazioni ferroviarie: OpenStreetMap (" + spec.source +
                          "), © OpenStreetMap contributors, ODbL";
    } else {
        out.loaded = context.load(source, read);
        out.source_line = "Stazioni ferroviarie: " + file_name(source);
    }
    return out;
}

StepSource step_brownfields(const std::string& source, const ReadOptions& read,
                            StepContext& context) {
    StepSource out;
    if (source == "demo") {
        // Made in memory when no demo step ran; the project's demo step writes it as a file.
        if (!context.produced.count("demo")) run_demo_step(DemoStep{}, context, false);
        out.shared = &context.produced.at("demo");
    } else {
        out.loaded = context.load(source, read);
    }
    // A demonstration layer says so in every output made from it.
    out.source_line = is_demonstration(out.layer()) ? std::string(kDemoSourceLine)
                                                    : "Aree dismesse: " + file_name(source);
    return out;
}

}  // namespace atlante
