#include "cli/steps/bands_step.hpp"

#include <cmath>

#include "cli/text_table.hpp"
#include "engine/format/number_format.hpp"
#include "layers/output_set.hpp"

namespace atlante {

BandsStep read_bands_step(const StrictTable& table) {
    BandsStep step;
    step.method = table.string_or("method", step.method);
    step.comuni = table.string_or("comuni", step.comuni);
    step.dem = table.string_or("dem", "");
    step.rule.mountain_elevation_m =
        table.number_or("mountain_elevation_m", step.rule.mountain_elevation_m);
    step.rule.mountain_share = table.number_or("mountain_share", step.rule.mountain_share);
    step.rule.plain_mean_m = table.number_or("plain_mean_m", step.rule.plain_mean_m);
    step.rule.plain_relief_m = table.number_or("plain_relief_m", step.rule.plain_relief_m);
    step.out = table.string_or("out", step.out);
    table.reject_unknown_keys();
    if (step.method != "istat" && step.method != "dem")
        throw Error(ErrorContext{table.file(), {}, {}, {}},
                    "bands.method must be \"istat\" or \"dem\", not \"" + step.method + "\"");
    if (step.method == "dem" && step.dem.empty())
        throw Error(ErrorContext{table.file(), {}, {}, {}},
                    "bands.method \"dem\" needs bands.dem (a raster)");
    return step;
}

BandedComuni banded_comuni(const BandsStep& step, StepContext& context) {
    const CatalogSpec& spec = context.catalog().spec();
    BandedComuni out{
        step.comuni == "catalog" ? context.comuni().layer.clone() : context.load(step.comuni).layer,
        {},
        {}};
    if (step.method == "dem") {
        if (step.dem.empty()) throw Error("the DEM band method needs a raster (--dem)");
        context.progress().step("zonal statistics of the DEM");
        const Raster dem(context.resolve(step.dem));
        out.without_band = assign_dem_bands(out.layer, dem, step.rule, catalog_fields::band);
        out.metadata["BAND_METHOD"] =
            "dem: zonal statistics of " + dem.path() + " (" + dem.crs().label() +
            "), cells by centre; montagna when >= " + format_plain(100 * step.rule.mountain_share) +
            " % of cells lie above " + format_plain(step.rule.mountain_elevation_m) +
            " m; pianura when mean <= " + format_plain(step.rule.plain_mean_m) +
            " m and relief <= " + format_plain(step.rule.plain_relief_m) + " m; collina otherwise";
    } else {
        if (!spec.bands)
            throw Error(ErrorContext{spec.file, {}, {}, {}}, "the catalogue has no [bands]");
        for (std::size_t row = 0; row < out.layer.size(); ++row)
            if (out.layer.column(catalog_fields::band).is_null(row))
                out.without_band.push_back(out.layer.id(row));
        out.metadata["BAND_METHOD"] =
            "istat: ISTAT zona altimetrica (" + spec.bands->field +
            "): 1-2 montagna, 3-4 collina, 5 pianura; comuni assigned whole";
    }
    return out;
}

BandsStepReport run_bands_step(const BandsStep& step, StepContext& context) {
    const CatalogSpec& spec = context.catalog().spec();
    BandedComuni comuni = banded_comuni(step, context);
    context.progress().step("dissolving bands");
    DissolveOptions options;
    options.by = catalog_fields::band;
    options.order =
        spec.bands ? spec.bands->order : std::vector<std::string>{"montagna", "collina", "pianura"};
    if (spec.population)
        options.sum_fields = {spec.population->field(spec.population->default_year)};
    else if (spec.bands && !spec.bands->population.empty())
        options.sum_fields = {spec.bands->population};
    DissolveResult dissolved = dissolve(comuni.layer, options);
    dissolved.layer.set_name("fasce_altimetriche");
    comuni.layer.set_name("comuni_bands");

    BandsStepReport report;
    report.metadata = comuni.metadata;
    report.metadata["ATLANTE_STEP"] = "bands";
    report.metadata["POPULATION_FIELD"] =
        options.sum_fields.empty() ? "" : options.sum_fields.front();
    report.metadata["SOURCES"] = "Comuni: ISTAT limits via Openpolis; attributes: ISTAT SITUAS";
    OutputSet outputs;
    outputs.geopackage = "bands.gpkg";
    outputs.geopackage_layers = {&dissolved.layer, &comuni.layer};
    outputs.csv = {{"fasce_altimetriche.csv", &dissolved.layer},
                   {"comuni_bands.csv", &comuni.layer}};
    outputs.metadata = report.metadata;
    context.progress().step("writing band outputs");
    report.files = write_output_set(outputs, context.output_dir() / step.out);
    report.bands = std::move(dissolved.layer);
    report.without_band = comuni.without_band;
    context.progress().clear();
    return report;
}

std::string describe_bands(const BandsStepReport& report, const std::string& population_field) {
    std::string out = "Bands (" + report.metadata.at("BAND_METHOD") + ")\n";
    TextTable table({"band", "comuni", "population", "area km²"}, {false, true, true, true});
    const Layer& b = report.bands;
    for (std::size_t i = 0; i < b.size(); ++i)
        table.add({b.column("label").text(i), b.column("n_features").text(i),
                   population_field.empty()
                       ? ""
                       : format_italian(b.column(population_field).number(i).value_or(NAN)),
                   format_italian(b.column("area_km2").real(i), 1)});
    out += table.render();
    if (!report.without_band.empty())
        out += "  " + std::to_string(report.without_band.size()) +
               " comuni without a band, grouped as 'non assegnato'\n";
    out += "  outputs:\n";
    for (const auto& f : report.files) out += "    " + f + "\n";
    return out;
}

}  // namespace atlante
