#include "pipeline/steps/dissolve_step.hpp"

#include <algorithm>
#include <cmath>

#include "engine/dissolve.hpp"
#include "layers/gdal_handles.hpp"
#include "layers/output_set.hpp"
#include "pipeline/layer_styles.hpp"
#include "pipeline/project.hpp"
#include "pipeline/report/text_table.hpp"
#include "render/format/number_format.hpp"

namespace atlante {

const StepKind& DissolveStep::info() {
    static const StepKind kind{
        "dissolve", "polygons merged by a catalogue level (province, region) or a field, checked",
        true, [] { return std::make_unique<DissolveStep>(); }, false};
    return kind;
}

void DissolveStep::declare(OptionSet& o) {
    o.source("polygons", polygons, "the polygons: the catalogue's comuni, or any source")
        .catalog("comuni");
    o.text("by", by,
           "grouping: a level of the catalogue (its key, name and fields) or a field of the "
           "polygons");
    o.texts("sum_fields", sum_fields, "numeric fields summed per group");
    o.number("tolerance", tolerance,
             "largest relative difference between a group's area and its members' sum before "
             "it is reported")
        .within(NumberRange::between(0, 0.1));
    engine.declare(o);
    o.text("out", out, "output folder, relative to the run's").not_on_command_line();
    o.text("output_crs", output_crs, "the GeoPackage's CRS (empty: the run's output_crs)")
        .for_example("EPSG:6707");
}

void DissolveStep::finish_options() {
    if (by.empty()) origin.fail("by", "a level of the catalogue or a field to group by");
    engine.check(origin);
    check_output_crs(output_crs, origin, "output_crs");
}

std::vector<StepOutputDecl> DissolveStep::outputs() const {
    StepOutputDecl groups{"by_" + by, "one polygon per group: members, area, the area check"};
    groups.fields = {"label", "n_features", "area_km2", "members_area_km2", "area_difference"};
    groups.more_fields = true;  // the level's key, name and fields; the sums
    return {groups};
}

namespace {

// The members' area and the relative difference of the union's, per group.
void add_area_check(Layer& groups, const std::vector<DissolveGroup>& report) {
    const std::size_t members = groups.add_field({"members_area_km2", FieldType::Real, false});
    const std::size_t difference = groups.add_field({"area_difference", FieldType::Real, false});
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const DissolveGroup& group = report[g];
        groups.column(members).set(g, group.parts_area / 1e6);
        groups.column(difference)
            .set(g, group.parts_area > 0 ? (group.union_area - group.parts_area) / group.parts_area
                                         : 0.0);
    }
}

// The groups whose area differs from their members' sum by more than `tolerance`.
std::vector<std::string> areas_over(const Layer& groups, double tolerance) {
    std::vector<std::string> over;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const double relative = groups.column("area_difference").number(g).value_or(0);
        if (std::abs(relative) > tolerance)
            over.push_back(std::string(groups.column("label").string(g)) + " (" +
                           format_italian(100 * relative, 6) + " %)");
    }
    return over;
}

std::string describe(const Layer& groups, const std::string& title, double worst,
                     const std::vector<std::string>& files) {
    std::string out = "Dissolved by " + title + ": " + std::to_string(groups.size()) + " groups\n";
    TextTable table({"group", "members", "area km²", "members' km²"}, {false, true, true, true});
    const std::size_t shown = std::min<std::size_t>(groups.size(), 25);
    for (std::size_t g = 0; g < shown; ++g)
        table.add({groups.column("label").text(g), groups.column("n_features").text(g),
                   format_italian(groups.column("area_km2").real(g), 1),
                   format_italian(groups.column("members_area_km2").real(g), 1)});
    out += table.render();
    if (shown < groups.size())
        out += "  … and " + std::to_string(groups.size() - shown) + " more (in the files)\n";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.1e", worst);
    out += "  largest relative area difference from the members' sum: " + std::string(buffer) +
           "\n  outputs:\n";
    for (const auto& f : files) out += "    " + f + "\n";
    return out;
}

}  // namespace

Layer DissolveStep::groups_here(StepContext& context) const {
    const CatalogSpec::Level* level = context.catalog().spec().level_by(by);
    const Layer& input = context.layer(polygons);
    DissolveResult dissolved;
    if (level) {
        dissolved = context.catalog().level(input, *level, sum_fields);
    } else {
        DissolveOptions options;
        options.by = by;
        options.unassigned_label = kUnassigned;
        options.sum_fields = sum_fields;
        dissolved = dissolve(input, options);
    }
    add_area_check(dissolved.layer, dissolved.groups);
    return std::move(dissolved.layer);
}

DissolveQuery DissolveStep::query(StepContext& context) const {
    const CatalogSpec::Level* level = context.catalog().spec().level_by(by);
    DissolveQuery q;
    q.input = pushdown_table("dissolve_" + by, "polygons");
    q.output = pushdown_table("dissolve_" + by, "groups");
    q.key = level ? level->key : by;
    if (level) {
        q.name = level->name;
        q.fields = level->fields;
    }
    q.sums = sum_fields;
    q.unassigned_label = kUnassigned;
    return q;
}

std::optional<std::string> DissolveStep::pushdown_sql(StepContext& context) const {
    return dissolve_sql(query(context));
}

Layer DissolveStep::groups_in_postgis(StepContext& context) const {
    const DissolveQuery q = query(context);
    return run_pushdown(context.resolve(engine.database), {{&context.layer(polygons), q.input}},
                        dissolve_sql(q), q.output, context.working_crs(),
                        "dissolve by " + by + " in PostGIS");
}

StepResult DissolveStep::run(StepContext& context) const {
    const CatalogSpec::Level* level = context.catalog().spec().level_by(by);
    context.progress().step("dissolving by " + by + (engine.postgis() ? " in PostGIS" : ""));
    Layer groups = engine.postgis() ? groups_in_postgis(context) : groups_here(context);
    const std::string name = level ? level->layer : "by_" + by;
    groups.set_name(name);
    const std::vector<std::string> over = areas_over(groups, tolerance);
    double worst = 0;
    for (std::size_t g = 0; g < groups.size(); ++g)
        worst = std::max(worst, std::abs(groups.column("area_difference").number(g).value_or(0)));

    StepResult result;
    const std::string title = level ? level->title : by;
    result.facts["ATLANTE_STEP"] = "dissolve";
    result.facts["GROUPED_BY"] =
        title + " (field " + (level ? level->key : by) + ", " + polygons.text() + ")";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.3e", worst);
    result.facts["AREA_CHECK"] = std::string("largest relative difference ") + buffer +
                                 " from the members' sum (tolerance " + format_plain(tolerance) +
                                 ")";
    result.facts["SOURCES"] = "Comuni: ISTAT via Openpolis";
    result.facts["ENGINE"] =
        engine.postgis() ? "postgis (" + gdal::redact(engine.database) + ")" : "local";
    OutputSet outputs = context.output_set(output_crs);
    outputs.geopackage = name + ".gpkg";
    outputs.geopackage_layers = {&groups};
    outputs.csv = {{name + ".csv", &groups}};
    outputs.table_titles = {{name + ".csv", "Comuni aggregati per " + title}};
    outputs.metadata = result.facts;
    context.progress().step("writing " + name);
    result.files = write_styled_output_set(outputs, context.output_dir() / out);
    result.summary = describe(groups, title, worst, result.files);
    for (const std::string& group : over)
        result.warnings.push_back("area differs from its members' sum: " + group);
    const std::string key = level ? level->key : by;
    for (std::size_t g = 0; g < groups.size(); ++g)
        if (groups.column(key).is_null(g))
            result.warnings.push_back(groups.column("n_features").text(g) + " features have no " +
                                      by + ": grouped as '" + kUnassigned + "'");
    std::vector<std::string> fields{"label", "n_features", "area_km2", "members_area_km2"};
    result.tables.push_back(
        table_of(groups, fields, "dissolve_" + by, "Comuni aggregati per " + title));
    context.publish("dissolve", "by_" + by, std::move(groups));
    return result;
}

}  // namespace atlante
