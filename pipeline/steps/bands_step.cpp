#include "pipeline/steps/bands_step.hpp"

#include <cmath>

#include "layers/output_set.hpp"
#include "layers/raster.hpp"
#include "pipeline/layer_styles.hpp"
#include "pipeline/project.hpp"
#include "pipeline/report/text_table.hpp"
#include "render/format/number_format.hpp"

namespace atlante {

void BandMethod::declare(OptionSet& o, const std::string& prefix) {
    o.choice(prefix + "method", method, {"istat", "dem"},
             "istat: each comune's ISTAT zona altimetrica, whole; dem: zonal statistics of a DEM");
    o.source("comuni", comuni,
             "comuni: the catalogue's, or polygons with its band code (istat) or any polygons "
             "(dem), population and name fields")
        .catalog("comuni");
    o.source("dem", dem, "DEM raster (any GDAL raster with a CRS) for the dem method");
    if (!prefix.empty()) return;  // density groups by band with the rule's defaults
    const NumberRange elevation = NumberRange::between(-500, 9000);
    o.number("mountain_elevation_m", rule.mountain_elevation_m,
             "dem: cells above this elevation count as mountain")
        .unit_of("m")
        .within(elevation);
    o.number("mountain_share", rule.mountain_share,
             "dem: montagna when at least this share of the cells lies above it")
        .within(NumberRange::between(0, 1));
    o.number("plain_mean_m", rule.plain_mean_m, "dem: highest mean elevation of pianura")
        .unit_of("m")
        .within(elevation);
    o.number("plain_relief_m", rule.plain_relief_m, "dem: highest relief (max - min) of pianura")
        .unit_of("m")
        .within(NumberRange::between(0, 9000));
}

void BandMethod::check(const OptionOrigin& origin, const std::string& prefix) const {
    if (method == "dem" && dem.empty())
        origin.fail(prefix + "method", "the dem method needs dem = \"a raster\"");
    if (!dem.empty() && !dem.reads_data())
        origin.fail("dem", "the DEM must be a raster file, not " + dem.text());
}

BandedComuni banded_comuni(const BandMethod& bands, StepContext& context) {
    const CatalogSpec& spec = context.catalog().spec();
    BandedComuni out{context.layer(bands.comuni).clone(), {}, {}};
    if (bands.method == "dem") {
        context.progress().step("zonal statistics of the DEM");
        const Raster dem(context.resolve(bands.dem.path));
        DemBandRule rule = bands.rule;
        rule.mountain = "montagna", rule.hill = "collina", rule.plain = "pianura";
        out.without_band = assign_dem_bands(out.layer, dem, rule, catalog_fields::band);
        out.metadata["BAND_METHOD"] =
            "dem: zonal statistics of " + dem.path() + " (" + dem.crs().label() +
            "), cells by centre; montagna when >= " + format_plain(100 * rule.mountain_share) +
            " % of cells lie above " + format_plain(rule.mountain_elevation_m) +
            " m; pianura when mean <= " + format_plain(rule.plain_mean_m) +
            " m and relief <= " + format_plain(rule.plain_relief_m) + " m; collina otherwise";
    } else {
        if (!spec.bands)
            throw Error(ErrorContext{spec.file, {}, {}, {}}, "the catalogue has no [bands]");
        if (!out.layer.field_index(catalog_fields::band))
            throw Error(out.layer.where(std::nullopt, catalog_fields::band),
                        "the istat method needs the comuni's band (the catalogue's comuni, or "
                        "polygons with a 'band' field)");
        for (std::size_t row = 0; row < out.layer.size(); ++row)
            if (out.layer.column(catalog_fields::band).is_null(row))
                out.without_band.push_back(out.layer.id(row));
        out.metadata["BAND_METHOD"] =
            "istat: ISTAT zona altimetrica (" + spec.bands->field +
            "): 1-2 montagna, 3-4 collina, 5 pianura; comuni assigned whole";
    }
    return out;
}

const StepKind& BandsStep::info() {
    static const StepKind kind{
        "bands", "the altimetric band of every comune and the band polygons, with population",
        false, [] { return std::make_unique<BandsStep>(); }, false};
    return kind;
}

void BandsStep::declare(OptionSet& o) {
    bands.declare(o, "");
    o.text("out", out, "output folder, relative to the run's").not_on_command_line();
    o.text("output_crs", output_crs, "the GeoPackage's CRS (empty: the run's output_crs)")
        .for_example("EPSG:6707");
}

void BandsStep::finish_options() {
    bands.check(origin, "");
    check_output_crs(output_crs, origin, "output_crs");
}

std::vector<StepOutputDecl> BandsStep::outputs() const {
    return {{"bands", "one polygon per band, with population and area"},
            {"comuni", "the comuni with their band"}};
}

namespace {

std::string describe(const Layer& b, const BandedComuni& comuni, const std::string& population,
                     const std::vector<std::string>& files) {
    std::string out = "Bands (" + comuni.metadata.at("BAND_METHOD") + ")\n";
    TextTable table({"band", "comuni", "population", "area km²"}, {false, true, true, true});
    for (std::size_t i = 0; i < b.size(); ++i)
        table.add(
            {b.column("label").text(i), b.column("n_features").text(i),
             population.empty() ? "" : format_italian(b.column(population).number(i).value_or(NAN)),
             format_italian(b.column("area_km2").real(i), 1)});
    out += table.render();
    if (!comuni.without_band.empty())
        out += "  " + std::to_string(comuni.without_band.size()) +
               " comuni without a band, grouped as '" + kUnassigned + "'\n";
    out += "  outputs:\n";
    for (const auto& f : files) out += "    " + f + "\n";
    return out;
}

}  // namespace

StepResult BandsStep::run(StepContext& context) const {
    const CatalogSpec& spec = context.catalog().spec();
    BandedComuni comuni = banded_comuni(bands, context);
    context.progress().step("dissolving bands");
    std::vector<std::string> sum;
    if (spec.population)
        sum = {spec.population->field(spec.population->default_year)};
    else if (spec.bands && !spec.bands->population.empty())
        sum = {spec.bands->population};
    DissolveResult dissolved = context.catalog().bands(comuni.layer, sum);
    comuni.layer.set_name("comuni_bands");

    StepResult result;
    result.facts = comuni.metadata;
    result.facts["ATLANTE_STEP"] = "bands";
    result.facts["POPULATION_FIELD"] = sum.empty() ? "" : sum.front();
    result.facts["SOURCES"] = "Comuni: ISTAT limits via Openpolis; attributes: ISTAT SITUAS";
    OutputSet outputs = context.output_set(output_crs);
    outputs.geopackage = "bands.gpkg";
    outputs.table_titles = {{"fasce_altimetriche.csv", "Fasce altimetriche"},
                            {"comuni_bands.csv", "Comuni e fascia altimetrica"}};
    outputs.geopackage_layers = {&dissolved.layer, &comuni.layer};
    outputs.csv = {{"fasce_altimetriche.csv", &dissolved.layer},
                   {"comuni_bands.csv", &comuni.layer}};
    outputs.metadata = result.facts;
    context.progress().step("writing band outputs");
    result.files = write_styled_output_set(outputs, context.output_dir() / out);
    result.summary =
        describe(dissolved.layer, comuni, result.facts.at("POPULATION_FIELD"), result.files);
    for (std::int64_t id : comuni.without_band)
        result.warnings.push_back("comune " + std::to_string(id) + " has no band");
    context.publish("bands", "bands", std::move(dissolved.layer));
    context.publish("bands", "comuni", std::move(comuni.layer));
    return result;
}

}  // namespace atlante
