#include "cli/steps/density_step.hpp"

#include <cmath>

#include "cli/text_table.hpp"
#include "engine/format/number_format.hpp"
#include "layers/output_set.hpp"

namespace atlante {

DensityStep read_density_step(const StrictTable& table) {
    DensityStep step;
    step.services = table.string_or("services", step.services);
    step.services_layer = table.string_or("services_layer", "");
    step.services_where = table.string_or("services_where", "");
    step.by = table.string_or("by", step.by);
    step.type_field = table.string_or("type_field", "");
    step.beds_field = table.string_or("beds_field", "");
    step.population_year = static_cast<int>(table.number_or("population_year", 0));
    step.change_from_year = static_cast<int>(table.number_or("change_from_year", 0));
    step.bands.method = table.string_or("band_method", step.bands.method);
    step.bands.comuni = table.string_or("comuni", step.bands.comuni);
    step.bands.dem = table.string_or("dem", "");
    step.out = table.string_or("out", step.out);
    table.reject_unknown_keys();
    return step;
}

static std::string join_ids(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (auto id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
    return out;
}

DensityStepReport run_density_step(const DensityStep& step, StepContext& context) {
    const CatalogSpec& spec = context.catalog().spec();
    if (!spec.population)
        throw Error(ErrorContext{spec.file, {}, {}, {}}, "the catalogue has no [population] table");
    DensityStepReport report;
    const int year = step.population_year ? step.population_year : spec.population->default_year;

    // Polygons with the grouping field.
    BandedComuni comuni = step.by == "band" ? banded_comuni(step.bands, context)
                          : step.bands.comuni == "catalog"
                              ? BandedComuni{context.comuni().layer.clone(), {}, {}}
                              : BandedComuni{context.load(step.bands.comuni).layer, {}, {}};
    DensityOptions options;
    options.population_field = spec.population->field(year);
    if (!comuni.layer.field_index(options.population_field))
        throw Error(comuni.layer.where(std::nullopt, options.population_field),
                    "no population column for " + std::to_string(year));
    if (step.change_from_year)
        options.change_from_field = spec.population->field(step.change_from_year);
    options.area_attribute = spec.comuni.area_km2;
    if (step.by == "band") {
        options.by = catalog_fields::band;
        options.order = spec.bands ? spec.bands->order : std::vector<std::string>{};
    } else if (step.by == "zone") {
        options.by = catalog_fields::zone_name;
    } else if (step.by == "comune") {
        options.by = spec.comuni.name;
    } else {
        options.by = step.by;
    }
    comuni.layer.require_field(options.by);

    // Services.
    LoadedLayer services;
    bool has_services = !step.services.empty();
    std::string services_source = step.services;
    if (step.services == "hospitals") {
        services = context.catalog().load_hospitals();
        options.type_field = step.type_field.empty() ? spec.hospitals->type : step.type_field;
        options.beds_field = step.beds_field.empty() ? spec.hospitals->beds : step.beds_field;
        services_source =
            "Ospedali e case di cura: Eurostat GISCO (" + spec.hospitals->source + ")";
    } else if (has_services) {
        ReadOptions read;
        read.layer = step.services_layer;
        read.where = step.services_where;
        services = context.load(step.services, read);
        options.type_field = step.type_field;
        options.beds_field = step.beds_field;
    }
    context.progress().step("aggregating");
    report.result =
        service_density(comuni.layer, has_services ? &services.layer : nullptr, options);

    report.metadata = comuni.metadata;
    report.metadata["ATLANTE_STEP"] = "density";
    report.metadata["GROUPED_BY"] = step.by + " (field " + options.by + ")";
    report.metadata["POPULATION"] =
        options.population_field + " (ISTAT resident population, " + std::to_string(year) + ")";
    if (!options.change_from_field.empty())
        report.metadata["POPULATION_CHANGE_FROM"] = options.change_from_field;
    report.metadata["SOURCES"] = "Comuni: ISTAT via Openpolis; popolazione: ISTAT" +
                                 (has_services ? " | " + services_source : std::string());
    if (!report.result.services_outside.empty())
        report.metadata["SERVICES_OUTSIDE"] =
            "ids " + join_ids(report.result.services_outside) + " lie in no comune";
    if (!report.result.population_missing.empty())
        report.metadata["POPULATION_MISSING"] =
            "comuni ids " + join_ids(report.result.population_missing);

    OutputSet outputs;
    const std::string name = "density_by_" + step.by;
    outputs.geopackage = name + ".gpkg";
    outputs.geopackage_layers = {&report.result.groups, &report.result.by_type};
    outputs.csv = {{name + ".csv", &report.result.groups}};
    if (report.result.by_type.size() > 0)
        outputs.csv.emplace_back(name + "_by_type.csv", &report.result.by_type);
    outputs.metadata = report.metadata;
    context.progress().step("writing density outputs");
    report.files = write_output_set(outputs, context.output_dir() / step.out);
    context.progress().clear();
    return report;
}

std::string describe_density(const DensityStepReport& report) {
    const Layer& g = report.result.groups;
    std::string out = "Density by " + report.metadata.at("GROUPED_BY") + ", population " +
                      report.metadata.at("POPULATION") + "\n";
    if (report.metadata.count("BAND_METHOD"))
        out += "  bands: " + report.metadata.at("BAND_METHOD") + "\n";
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
    if (!report.result.services_outside.empty())
        out += "  " + std::to_string(report.result.services_outside.size()) +
               " services lie in no comune (ids " + join_ids(report.result.services_outside) +
               "): not counted\n";
    if (!report.result.population_missing.empty())
        out += "  " + std::to_string(report.result.population_missing.size()) +
               " comuni have no population value (ids " +
               join_ids(report.result.population_missing) + ")\n";
    out += "  outputs:\n";
    for (const auto& f : report.files) out += "    " + f + "\n";
    return out;
}

}  // namespace atlante
