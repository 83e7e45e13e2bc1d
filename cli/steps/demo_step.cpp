#include "cli/steps/demo_step.hpp"

#include <cmath>

#include "layers/atomic_output.hpp"
#include "layers/writer.hpp"

namespace atlante {

DemoStep read_demo_step(const StrictTable& table) {
    DemoStep step;
    const double count = table.number_or("count", static_cast<double>(step.options.count));
    const double seed = table.number_or("seed", static_cast<double>(step.options.seed));
    if (!(count >= 1) || count != std::floor(count))
        throw Error(ErrorContext{table.file(), {}, {}, {}},
                    "demo_brownfields.count must be a whole number >= 1");
    if (!(seed >= 0) || seed != std::floor(seed))
        throw Error(ErrorContext{table.file(), {}, {}, {}},
                    "demo_brownfields.seed must be a whole number >= 0");
    step.options.count = static_cast<std::size_t>(count);
    step.options.seed = static_cast<std::uint64_t>(seed);
    step.options.avoid_overlaps = table.boolean_or("avoid_overlaps", step.options.avoid_overlaps);
    step.out = table.string_or("out", step.out);
    table.reject_unknown_keys();
    return step;
}

std::string run_demo_step(const DemoStep& step, StepContext& context, bool write) {
    const Catalog& catalog = context.catalog();
    const Catalog::Comuni& comuni = context.comuni();
    context.progress().step("making demonstration brownfields");
    const LoadedLayer& stations = context.stations();
    const std::string population = catalog.spec().bands ? catalog.spec().bands->population : "";
    if (population.empty())
        throw Error(ErrorContext{catalog.spec().file, {}, {}, {}},
                    "the catalogue names no population field ([bands] population)");
    Layer demo = make_demo_brownfields(comuni.layer, catalog.spec().comuni.name, population,
                                       stations.layer, step.options);
    if (!write) {
        context.produced["demo"] = std::move(demo);
        return {};
    }
    const std::filesystem::path path = context.output_dir() / step.out;
    std::filesystem::create_directories(path.parent_path());
    WriteOptions options;
    options.metadata["SOURCES"] = kDemoSourceLine;
    options.metadata["DEMO_SEED"] = std::to_string(step.options.seed);
    write_layer(demo, path.string(), options);
    context.produced["demo"] = std::move(demo);
    return path.string();
}

}  // namespace atlante
