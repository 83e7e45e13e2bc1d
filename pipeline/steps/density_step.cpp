#include "pipeline/steps/density_step.hpp"

#include <cmath>

#include "layers/output_set.hpp"
#include "pipeline/report/text_table.hpp"
#include "render/format/number_format.hpp"

namespace atlante {

const StepKind& DensityStep::info() {
    static const StepKind kind{"density",
                               "population, area and services per band, zone, comune or field",
                               true, [] { return std::make_unique<DensityStep>(); }, false};
    return kind;
}

void DensityStep::declare(OptionSet& o) {
    o.source("services", services,
             "points counted per group: the catalogue's hospitals, a source, or \"\" for none")
        .catalog("hospitals");
    o.text("by", by, "grouping: band, zone, comune, or a field of the comuni");
    o.text("type_field", type_field, "service type field, counted per group");
    o.text("beds_field", beds_field, "service attribute summed per group (beds)");
    o.integer("population_year", population_year, "population year (0: the catalogue's)")
        .within(NumberRange::between(0, 2100));
    o.integer("change_from_year", change_from_year,
              "also the population change since this year (0: none)")
        .within(NumberRange::between(0, 2100));
    bands.declare(o, "band_");
    o.text("out", out, "output folder, relative to the run's").not_on_command_line();
}

std::vector<StepOutputDecl> DensityStep::outputs() const {
    return {{"by_" + by, "one polygon per group: population, area, services and ratios"},
            {"by_" + by + "_by_type", "table: services per group and type"}};
}

namespace {

std::string join_ids(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (auto id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
    return out;
}

std::string describe(const DensityResult& r, const std::map<std::string, std::string>& facts,
                     const std::vector<std::string>& files) {
    const Layer& g = r.groups;
    std::string out =
        "Density by " + facts.at("GROUPED_BY") + ", population " + facts.at("POPULATION") + "\n";
    if (facts.count("BAND_METHOD")) out += "  bands: " + facts.at("BAND_METHOD") + "\n";
    const bool beds = g.field_index("beds_per_1000").has_value();
    TextTable table({"group", "comuni", "population", "area km²", "ab./km²", "services",
                     "1 ogni N ab.", "per 10.000 ab.", beds ? "beds per 1.000 ab." : ""},
                    {false, true, true, true, true, true, true, true, true});
    auto number = [&](const char* field, std::size_t row, int decimals) {
        const auto v = g.column(field).number(row);
        return v ? format_italian(*v, decimals) : std::string("-");
    };
    for (std::size_t i = 0; i < g.size(); ++i)
        table.add({g.column("label").text(i), g.column("n_comuni").text(i),
                   number("population", i, 0), number("area_km2", i, 1),
                   number("density_per_km2", i, 1), number("n_services", i, 0),
                   number("inhabitants_per_service", i, 0), number("services_per_10000", i, 2),
                   beds ? number("beds_per_1000", i, 2) : ""});
    out += table.render();
    if (!r.services_outside.empty())
        out += "  " + std::to_string(r.services_outside.size()) +
               " services lie in no comune (ids " + join_ids(r.services_outside) +
               "): not counted\n";
    if (!r.population_missing.empty())
        out += "  " + std::to_string(r.population_missing.size()) +
               " comuni have no population value (ids " + join_ids(r.population_missing) + ")\n";
    out += "  outputs:\n";
    for (const auto& f : files) out += "    " + f + "\n";
    return out;
}

}  // namespace

StepResult DensityStep::run(StepContext& context) const {
    const CatalogSpec& spec = context.catalog().spec();
    if (!spec.population)
        throw Error(ErrorContext{spec.file, {}, {}, {}}, "the catalogue has no [population] table");
    const int year =
        static_cast<int>(population_year ? population_year : spec.population->default_year);

    // Polygons with the grouping field.
    BandedComuni comuni = by == "band" ? banded_comuni(bands, context)
                                       : BandedComuni{context.layer(bands.comuni).clone(), {}, {}};
    DensityOptions options;
    options.unassigned_label = kUnassigned;
    options.population_field = spec.population->field(year);
    if (!comuni.layer.field_index(options.population_field))
        throw Error(comuni.layer.where(std::nullopt, options.population_field),
                    "no population column for " + std::to_string(year));
    if (change_from_year)
        options.change_from_field = spec.population->field(static_cast<int>(change_from_year));
    options.area_attribute = spec.comuni.area_km2;
    if (by == "band") {
        options.by = catalog_fields::band;
        options.order = spec.bands ? spec.bands->order : std::vector<std::string>{};
    } else if (by == "zone") {
        options.by = catalog_fields::zone_name;
    } else if (by == "comune") {
        options.by = spec.comuni.name;
    } else {
        options.by = by;
    }
    comuni.layer.require_field(options.by);

    // Services.
    const Layer* services_layer = nullptr;
    std::string services_line;
    if (services.kind == SourceRef::Kind::Catalog && services.name == "hospitals") {
        services_layer = &context.layer(services);
        options.type_field = type_field.empty() ? spec.hospitals->type : type_field;
        options.beds_field = beds_field.empty() ? spec.hospitals->beds : beds_field;
        services_line = "Ospedali e case di cura: Eurostat GISCO (" + spec.hospitals->source + ")";
    } else if (!services.empty()) {
        services_layer = &context.layer(services);
        options.type_field = type_field;
        options.beds_field = beds_field;
        services_line = services.text();
    }
    context.progress().step("aggregating");
    StepResult result;
    DensityResult density = service_density(comuni.layer, services_layer, options);

    auto& facts = result.facts;
    facts = comuni.metadata;
    facts["ATLANTE_STEP"] = "density";
    facts["GROUPED_BY"] = by + " (field " + options.by + ")";
    facts["POPULATION"] =
        options.population_field + " (ISTAT resident population, " + std::to_string(year) + ")";
    if (!options.change_from_field.empty())
        facts["POPULATION_CHANGE_FROM"] = options.change_from_field;
    facts["SOURCES"] = "Comuni: ISTAT via Openpolis; popolazione: ISTAT" +
                       (services_layer ? " | " + services_line : std::string());
    if (!density.services_outside.empty())
        facts["SERVICES_OUTSIDE"] =
            "ids " + join_ids(density.services_outside) + " lie in no comune";
    if (!density.population_missing.empty())
        facts["POPULATION_MISSING"] = "comuni ids " + join_ids(density.population_missing);

    OutputSet outputs;
    const std::string file = "density_by_" + by;
    outputs.geopackage = file + ".gpkg";
    outputs.geopackage_layers = {&density.groups, &density.by_type};
    outputs.csv = {{file + ".csv", &density.groups}};
    if (density.by_type.size() > 0)
        outputs.csv.emplace_back(file + "_by_type.csv", &density.by_type);
    outputs.metadata = facts;
    context.progress().step("writing density outputs");
    result.files = write_output_set(outputs, context.output_dir() / out);
    result.summary = describe(density, facts, result.files);
    if (!density.services_outside.empty())
        result.warnings.push_back(std::to_string(density.services_outside.size()) +
                                  " services lie in no comune (ids " +
                                  join_ids(density.services_outside) + ")");
    result.tables.push_back(
        table_of(density.groups,
                 {"label", "n_comuni", "population", "area_km2", "density_per_km2", "n_services",
                  "inhabitants_per_service", "services_per_10000"},
                 "density_" + by, "Servizi per " + by + " (" + facts.at("POPULATION") + ")"));
    context.publish("density", "by_" + by, std::move(density.groups));
    context.publish("density", "by_" + by + "_by_type", std::move(density.by_type));
    return result;
}

}  // namespace atlante
