#include "pipeline/step_sources.hpp"

#include "geodata/demo_brownfields.hpp"
#include "pipeline/options/nearest_name.hpp"
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

void RecordRules::declare(OptionSet& o, const std::string& prefix) {
    o.choice(prefix + "on_invalid", on_invalid, {"repair", "skip", "stop"},
             "dirty records: repair invalid polygons and stop at any other problem, listing "
             "all; skip: also leave out records without geometry or id, repeated ids and "
             "outliers (each listed); stop: any problem stops");
    o.number(prefix + "outlier_km", outlier_km,
             "a record farther than this from the study area (the comuni) is an outlier")
        .unit_of("km")
        .within(NumberRange::positive(1000));
}

RecordScreenOptions RecordRules::screen_options() const {
    RecordScreenOptions options;
    options.policy = *record_policy(on_invalid);
    options.outlier_m = outlier_km * 1000;
    return options;
}

namespace {

// A field the step was told to use must be there; one it uses by default may be missing.
void check_fields(const Layer& layer, const ScreenRequest& request) {
    std::vector<std::string> names;
    for (const Field& f : layer.fields()) names.push_back(f.name);
    std::string listed;
    for (const std::string& n : names) listed += (listed.empty() ? "" : ", ") + n;
    for (const auto& [key, field] : request.fields) {
        if (field.empty() || layer.field_index(field)) continue;
        const bool given = request.origin && request.origin->given.count(key);
        if (!given && key != request.screen.id_field && field != request.screen.id_field) continue;
        const std::string message = "'" + layer.origin().source + "' has no field '" + field +
                                    "' (fields: " + listed + ")" + did_you_mean(field, names);
        if (request.origin) request.origin->fail(key, message);
        throw Error(layer.where(std::nullopt, field), "no such field (fields: " + listed + ")");
    }
}

// Takes the layer over (the shared ones are passed as clones).
ScreenedSource screen(Layer layer, const ScreenRequest& request, std::string line,
                      bool demonstration) {
    check_fields(layer, request);
    return {screen_records(std::move(layer), request.screen), std::move(line), demonstration, {}};
}

// The file's way into the working CRS, for run.json and the outputs' metadata.
std::string crs_line(const LoadedLayer& loaded) {
    if (!loaded.reprojection.name.empty()) return loaded.reprojection.summary();
    return (loaded.layer.crs() ? loaded.layer.crs()->label() : std::string("no CRS")) +
           " (no reprojection)";
}

}  // namespace

ScreenedSource screened_brownfields(const SourceRef& source, StepContext& context,
                                    const ScreenRequest& request) {
    if (!source.reads_data()) {
        const StepSource shared = step_brownfields(source, context);
        return screen(shared.layer->clone(), request, shared.source_line, shared.demonstration);
    }
    LoadedLayer loaded = context.load(source, false, request.screen.id_field, true);
    const std::string crs = crs_line(loaded);
    const bool demonstration = is_demonstration(loaded.layer);
    ScreenedSource out = screen(std::move(loaded.layer), request,
                                "Aree dismesse: " + file_name(source), demonstration);
    out.crs_line = crs;
    return out;
}

ScreenedSource screened_services(const SourceRef& source, StepContext& context,
                                 const ScreenRequest& request, const std::string& source_line) {
    if (!source.reads_data()) {
        Layer layer = context.layer(source).clone();
        if (!request.screen.id_field.empty()) {  // names the run's layer's records by it too
            LayerOrigin origin = layer.origin();
            origin.id_field = request.screen.id_field;
            layer.set_origin(std::move(origin));
        }
        return screen(std::move(layer), request, source_line, false);
    }
    LoadedLayer loaded = context.load(source, false, request.screen.id_field, true);
    const std::string crs = crs_line(loaded);
    ScreenedSource out = screen(std::move(loaded.layer), request, source_line, false);
    out.crs_line = crs;
    return out;
}

std::vector<std::string> screen_warnings(const RecordScreen& screen, const std::string& what) {
    std::vector<std::string> out;
    for (const RecordNote& n : screen.repaired)
        out.push_back(what + " " + n.label() + ": " + n.problem + ": repaired");
    for (const RecordNote& n : screen.skipped)
        out.push_back(what + " " + n.label() + ": " + n.problem + ": left out");
    for (const auto& group : screen.same_place) {
        std::string ids;
        for (const std::string& id : group) ids += (ids.empty() ? "" : ", ") + id;
        out.push_back(what + "s at the same place: " + ids);
    }
    return out;
}

}  // namespace atlante
