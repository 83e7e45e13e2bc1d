#include "pipeline/steps/density_step.hpp"

#include <cmath>

#include "layers/output_set.hpp"
#include "pipeline/layer_styles.hpp"
#include "pipeline/project.hpp"
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
    o.text("by", by,
           "grouping: band, zone, comune, a level of the catalogue (province, region) or a field "
           "of the comuni");
    o.text("type_field", type_field, "service type field, counted per group");
    o.text("sum_field", sum_field,
           "service attribute summed per group and type (beds, pupils): columns named after it, "
           "ALUNNI -> alunni, alunni_per_1000");
    o.text("sum_label", sum_label, "what the sum counts, in headings (default: the field)")
        .for_example("alunni")
        .caption();
    o.text("services_id_field", services_id_field, "the services' id field, naming them in lists");
    records.declare(o, "services_");
    o.integer("population_year", population_year,
              "population year (0: the catalogue's; a catalogue without population: area only)")
        .within(NumberRange::between(0, 2100));
    o.integer("change_from_year", change_from_year,
              "also the population change since this year (0: none)")
        .within(NumberRange::between(0, 2100));
    bands.declare(o, "band_");
    o.text("out", out, "output folder, relative to the run's").not_on_command_line();
    o.text("output_crs", output_crs, "the GeoPackage's CRS (empty: the run's output_crs)")
        .for_example("EPSG:6707");
}

void DensityStep::finish_options() {
    bands.check(origin, "band_");
    check_output_crs(output_crs, origin, "output_crs");
}

std::vector<StepOutputDecl> DensityStep::outputs() const {
    StepOutputDecl groups{"by_" + by,
                          "one polygon per group: population, area, services and ratios"};
    StepOutputDecl by_type{"by_" + by + "_by_type", "table: services per group and type"};
    // The fields known before the run; the grouping field of a comune or field grouping and
    // the catalogue's summed attribute are known only to the catalogue.
    groups.fields = {"label",
                     "n_comuni",
                     "area_km2",
                     "population",
                     "population_nulls",
                     "area_km2_attribute",
                     "density_per_km2",
                     "n_services",
                     "inhabitants_per_service",
                     "services_per_10000",
                     "services_per_100km2"};
    if (by == "band") groups.fields.push_back(catalog_fields::band);
    if (by == "zone") groups.fields.push_back(catalog_fields::zone_name);
    if (change_from_year)
        for (const char* f : {"population_from", "population_from_nulls", "change", "change_pct"})
            groups.fields.push_back(f);
    by_type.fields = {"group", "type", "n_services", "inhabitants_per_service"};
    const bool catalog_sum = sum_field.empty() && services.kind == SourceRef::Kind::Catalog;
    for (StepOutputDecl* o : {&groups, &by_type}) {
        if (!sum_field.empty()) {
            o->fields.push_back(sum_column_name(sum_field));
            o->fields.push_back(sum_column_name(sum_field) + "_per_1000");
        }
        o->more_fields = catalog_sum || (o == &groups && by != "band" && by != "zone");
    }
    return {groups, by_type};
}

namespace {

template <class Id>
std::string join_ids(const std::vector<Id>& ids) {
    std::string out;
    for (const auto& id : ids) {
        if constexpr (std::is_same_v<Id, std::string>)
            out += (out.empty() ? "" : ", ") + id;
        else
            out += (out.empty() ? "" : ", ") + std::to_string(id);
    }
    return out;
}

std::string describe(const DensityResult& r, const std::map<std::string, std::string>& facts,
                     const std::vector<std::string>& files, const std::string& sum_label) {
    const Layer& g = r.groups;
    std::string out =
        "Density by " + facts.at("GROUPED_BY") + ", population " + facts.at("POPULATION") + "\n";
    if (facts.count("BAND_METHOD")) out += "  bands: " + facts.at("BAND_METHOD") + "\n";
    const bool summed = !r.sum_column.empty();
    TextTable table(
        {"group", "comuni", "population", "area km²", "ab./km²", "services", "1 ogni N ab.",
         "per 10.000 ab.", "per 100 km²", summed ? sum_label + " per 1.000 ab." : ""},
        {false, true, true, true, true, true, true, true, true, true});
    auto number = [&](const char* field, std::size_t row, int decimals) {
        const auto v = g.column(field).number(row);
        return v ? format_italian(*v, decimals) : std::string("-");
    };
    for (std::size_t i = 0; i < g.size(); ++i)
        table.add({g.column("label").text(i), g.column("n_comuni").text(i),
                   number("population", i, 0), number("area_km2", i, 1),
                   number("density_per_km2", i, 1), number("n_services", i, 0),
                   number("inhabitants_per_service", i, 0), number("services_per_10000", i, 2),
                   number("services_per_100km2", i, 2),
                   summed ? number((r.sum_column + "_per_1000").c_str(), i, 2) : ""});
    out += table.render();
    if (!r.services_outside.empty())
        out += "  " + std::to_string(r.services_outside.size()) + " services lie in no comune (" +
               join_ids(r.services_outside) + "): not counted\n";
    if (!r.services_without_geometry.empty())
        out += "  " + std::to_string(r.services_without_geometry.size()) +
               " services have no geometry (" + join_ids(r.services_without_geometry) +
               "): not counted\n";
    if (!r.population_missing.empty())
        out += "  " + std::to_string(r.population_missing.size()) +
               " comuni have no population value (ids " + join_ids(r.population_missing) + ")\n";
    out += "  outputs:\n";
    for (const auto& f : files) out += "    " + f + "\n";
    return out;
}

}  // namespace

std::optional<ScreenedSource> DensityStep::load_services(StepContext& context,
                                                         DensityOptions& options, std::string& line,
                                                         const Layer& study_area) const {
    if (services.empty()) return std::nullopt;
    const CatalogSpec& spec = context.catalog().spec();
    ScreenRequest request{records.screen_options(),
                          {{"services_id_field", services_id_field},
                           {"type_field", type_field},
                           {"sum_field", sum_field}},
                          &origin,
                          "services"};
    request.screen.what = "a service";
    request.screen.id_field = services_id_field;
    request.screen.families = {GeometryFamily::Point, GeometryFamily::Polygon};
    request.screen.study_area =
        &study_area;  // the comuni the run groups, not always the catalogue's
    options.type_field = type_field;
    options.sum_field = sum_field;
    if (services.kind == SourceRef::Kind::Catalog && services.name == "hospitals") {
        if (type_field.empty()) options.type_field = spec.hospitals->type;
        if (sum_field.empty()) options.sum_field = spec.hospitals->beds;
        line = "Ospedali e case di cura: Eurostat GISCO (" + spec.hospitals->source + ")";
        // The catalogue's layer is read as the catalogue reads it; nothing to screen.
        request.screen.policy = RecordPolicy::Skip;
        request.screen.study_area = nullptr;
    } else {
        line = "Servizi: " + services.text();
    }
    return screened_services(services, context, request, line);
}

namespace {

// The population column of `year`, or none when the catalogue has no population (a year asked
// for is then an error).
std::string population_field(const CatalogSpec& spec, long long year, const std::string& key) {
    if (spec.population) return spec.population->field(static_cast<int>(year));
    if (year)
        throw Error(ErrorContext{spec.file, {}, {}, {}},
                    key + " = " + std::to_string(year) +
                        ": the catalogue has no [population] table (area and services only)");
    return {};
}

}  // namespace

DensityOptions DensityStep::density_options(const CatalogSpec& spec, int year,
                                            const Layer& comuni) const {
    DensityOptions options;
    options.unassigned_label = kUnassigned;
    options.population_field = population_field(spec, year, "population_year");
    if (!options.population_field.empty() && !comuni.field_index(options.population_field))
        throw Error(comuni.where(std::nullopt, options.population_field),
                    "no population column for " + std::to_string(year));
    if (change_from_year)
        options.change_from_field = population_field(spec, change_from_year, "change_from_year");
    options.area_attribute = spec.comuni.area_km2;
    const CatalogSpec::Level* level = spec.level_by(by);
    if (by == "band") {
        options.by = catalog_fields::band;
        options.order = spec.bands ? spec.bands->order : std::vector<std::string>{};
    } else if (by == "zone") {
        options.by = catalog_fields::zone_name;
    } else if (by == "comune") {
        options.by = spec.comuni.name;
    } else {
        options.by = level ? level->key : by;
    }
    comuni.require_field(options.by);
    return options;
}

StepResult DensityStep::run(StepContext& context) const {
    const CatalogSpec& spec = context.catalog().spec();
    const int year = static_cast<int>(
        population_year ? population_year : (spec.population ? spec.population->default_year : 0));
    const CatalogSpec::Level* level = spec.level_by(by);

    // Polygons with the grouping field.
    BandedComuni comuni = by == "band" ? banded_comuni(bands, context)
                                       : BandedComuni{context.layer(bands.comuni).clone(), {}, {}};
    DensityOptions options = density_options(spec, year, comuni.layer);

    std::string services_line;
    const std::optional<ScreenedSource> screened =
        load_services(context, options, services_line, comuni.layer);
    const Layer* services_layer = screened ? &screened->screen.layer : nullptr;
    context.progress().step("aggregating");
    StepResult result;
    DensityResult density = service_density(comuni.layer, services_layer, options);
    if (level) label_by_level_name(density.groups, comuni.layer, *level);  // names, not codes

    auto& facts = result.facts;
    facts = comuni.metadata;
    facts["ATLANTE_STEP"] = "density";
    facts["GROUPED_BY"] = by + " (field " + options.by + ")";
    facts["POPULATION"] =
        options.population_field.empty()
            ? "none: the catalogue (" + spec.name + ") has no population, area only"
            : options.population_field + " (ISTAT resident population, " + std::to_string(year) +
                  ")";
    if (!options.change_from_field.empty())
        facts["POPULATION_CHANGE_FROM"] = options.change_from_field;
    facts["SOURCES"] = std::string("Comuni: ISTAT via Openpolis") +
                       (options.population_field.empty() ? "" : "; popolazione: ISTAT") +
                       (services_layer ? " | " + services_line : std::string());
    if (!density.services_outside.empty())
        facts["SERVICES_OUTSIDE"] = join_ids(density.services_outside) + " lie in no comune";
    if (!density.services_without_geometry.empty())
        facts["SERVICES_WITHOUT_GEOMETRY"] = join_ids(density.services_without_geometry);
    if (!density.population_missing.empty())
        facts["POPULATION_MISSING"] = "comuni ids " + join_ids(density.population_missing);
    if (screened && !screened->crs_line.empty()) facts["SERVICES_CRS"] = screened->crs_line;
    if (!density.sum_column.empty())
        facts["SUMMED"] = options.sum_field + " as " + density.sum_column;

    OutputSet outputs = context.output_set(output_crs);
    const std::string file = "density_by_" + by;
    outputs.geopackage = file + ".gpkg";
    outputs.geopackage_layers = {&density.groups, &density.by_type};
    Layer repaired, skipped;
    if (screened) {
        repaired = notes_table("records_repaired", screened->screen.repaired);
        skipped = notes_table("records_skipped", screened->screen.skipped);
        if (repaired.size() > 0) outputs.geopackage_layers.push_back(&repaired);
        if (skipped.size() > 0) outputs.geopackage_layers.push_back(&skipped);
    }
    outputs.csv = {{file + ".csv", &density.groups}};
    if (density.by_type.size() > 0)
        outputs.csv.emplace_back(file + "_by_type.csv", &density.by_type);
    const std::string grouping = by == "band"     ? "fascia altimetrica"
                                 : by == "zone"   ? "zona omogenea"
                                 : by == "comune" ? "comune"
                                 : level          ? level->title
                                                  : by;
    outputs.table_titles = {{file + ".csv", "Popolazione e servizi per " + grouping},
                            {file + "_by_type.csv", "Servizi per " + grouping + " e tipo"}};
    // The catalogue's hospitals sum their beds: "posti letto", as the plan says.
    const bool hospitals = services.kind == SourceRef::Kind::Catalog && sum_field.empty();
    const std::string label = !sum_label.empty() ? sum_label
                              : hospitals        ? std::string("posti letto")
                                                 : density.sum_column;
    if (!density.sum_column.empty()) {
        outputs.column_titles[density.sum_column] = label;
        outputs.column_titles[density.sum_column + "_per_1000"] = label + " per 1.000 ab.";
    }
    outputs.metadata = facts;
    context.progress().step("writing density outputs");
    result.files = write_styled_output_set(outputs, context.output_dir() / out);
    result.summary = describe(density, facts, result.files, label);
    if (!density.services_outside.empty())
        result.warnings.push_back(std::to_string(density.services_outside.size()) +
                                  " services lie in no comune (" +
                                  join_ids(density.services_outside) + ")");
    if (!density.services_without_geometry.empty())
        result.warnings.push_back(std::to_string(density.services_without_geometry.size()) +
                                  " services have no geometry (" +
                                  join_ids(density.services_without_geometry) + ")");
    if (screened)
        for (std::string& w : screen_warnings(screened->screen, "service"))
            result.warnings.push_back(std::move(w));
    std::vector<std::string> fields{"label",
                                    "n_comuni",
                                    "population",
                                    "area_km2",
                                    "density_per_km2",
                                    "n_services",
                                    "inhabitants_per_service",
                                    "services_per_10000",
                                    "services_per_100km2"};
    if (!density.sum_column.empty()) fields.push_back(density.sum_column + "_per_1000");
    ReportTable table =
        table_of(density.groups, fields, "density_" + by,
                 "Popolazione e servizi per " + grouping +
                     (options.population_field.empty()
                          ? std::string(" (senza popolazione nel catalogo)")
                          : " (popolazione residente ISTAT, " + std::to_string(year) + ")"));
    if (!density.sum_column.empty()) table.header.back() = label + " per 1.000 ab.";
    result.tables.push_back(std::move(table));
    context.publish("density", "by_" + by, std::move(density.groups));
    context.publish("density", "by_" + by + "_by_type", std::move(density.by_type));
    return result;
}

}  // namespace atlante
