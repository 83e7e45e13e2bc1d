#include "pipeline/step_sources.hpp"

#include "geodata/demo_brownfields.hpp"
#include "pipeline/steps/demo_step.hpp"

namespace atlante {

static std::string file_name(const SourceRef& source) {
    return source.reads_data() ? std::filesystem::path(source.path).filename().string()
                               : source.text();
}

StepSource step_stations(const SourceRef& source, bool include_metro, StepContext& context) {
    StepSource out;
    if (source.kind == SourceRef::Kind::Catalog && source.name == "stations") {
        const auto& spec = *context.catalog().spec().stations;
        out.layer =
            source.where.empty()
                ? &context.stations(include_metro).layer
                : &context.shared(
                      "stations" + std::to_string(include_metro) + " where " + source.where, [&] {
                          return context.catalog().load_stations(include_metro, source.where).layer;
                      });
        out.id_field = spec.id;
        out.name_field = spec.name;
        out.source_line = "Stazioni ferroviarie: OpenStreetMap (" + spec.source +
                          "), © OpenStreetMap contributors, ODbL";
    } else {
        out.layer = &context.layer(source);
        out.source_line = "Stazioni ferroviarie: " + file_name(source);
    }
    return out;
}

StepSource step_brownfields(const SourceRef& source, StepContext& context) {
    StepSource out;
    if (source.kind == SourceRef::Kind::Demo) {
        const Layer* made = context.published("demo_brownfields", "sites");
        // Without a demo step the layer is made in memory, once per run, with the defaults.
        out.layer =
            made ? made : &context.shared("demo", [&] { return make_demo_layer({}, context); });
    } else {
        out.layer = &context.layer(source);
    }
    // A demonstration layer says so in every output made from it.
    out.demonstration = is_demonstration(*out.layer);
    out.source_line =
        out.demonstration ? std::string(kDemoSourceLine) : "Aree dismesse: " + file_name(source);
    return out;
}

}  // namespace atlante
