#include "pipeline/steps/demo_step.hpp"

#include "layers/writer.hpp"
#include "pipeline/layer_styles.hpp"

namespace atlante {

const StepKind& DemoStep::info() {
    static const StepKind kind{"demo_brownfields",
                               "the demonstration brownfield layer (dati dimostrativi, non reali)",
                               false, [] { return std::make_unique<DemoStep>(); }, false};
    return kind;
}

void DemoStep::declare(OptionSet& o) {
    o.integer("count", options.count, "number of sites")
        .within(NumberRange::between(1, 10'000'000));
    o.integer("seed", options.seed, "random seed: the same seed gives the same layer anywhere");
    o.boolean("avoid_overlaps", options.avoid_overlaps,
              "keep sites apart (false for very large counts, which do not fit apart)");
    o.text("out", out,
           "the file written, relative to the run's output folder (.gpkg, .geojson, "
           ".fgb, .shp, .csv)")
        .not_on_command_line();
}

std::vector<StepOutputDecl> DemoStep::outputs() const {
    return {{"sites", "the demonstration brownfields (also named \"demo\")"}};
}

Layer make_demo_layer(const DemoBrownfieldOptions& options, StepContext& context) {
    const Catalog& catalog = context.catalog();
    const Catalog::Comuni& comuni = context.comuni();
    context.progress().step("making demonstration brownfields");
    const LoadedLayer& stations = context.stations();
    // Without a population (the national catalogue) every comune takes sites by its area.
    const std::string population = catalog.spec().bands ? catalog.spec().bands->population : "";
    return make_demo_brownfields(comuni.layer, catalog.spec().comuni.name, population,
                                 stations.layer, options);
}

StepResult DemoStep::run(StepContext& context) const {
    Layer demo = make_demo_layer(options, context);
    const std::filesystem::path path = context.output_dir() / out;
    std::filesystem::create_directories(path.parent_path());
    WriteOptions write;
    write.metadata["SOURCES"] = kDemoSourceLine;
    write.metadata["DEMO_SEED"] = std::to_string(options.seed);
    write.styles = default_styles({&demo});  // a GeoPackage opens styled in QGIS
    write_layer(demo, path.string(), write);
    StepResult result;
    result.files = {path.string()};
    result.sources = {kDemoSourceLine};
    result.summary =
        std::to_string(demo.size()) + " sites (" + kDemoSourceNote + ")\n  " + path.string() + "\n";
    context.publish("demo_brownfields", "sites", std::move(demo));
    return result;
}

}  // namespace atlante
