#include "pipeline/steps/tor_step.hpp"

#include <chrono>
#include <cstdio>

#include "geodata/demo_brownfields.hpp"
#include "layers/output_set.hpp"
#include "layers/postgis_writer.hpp"
#include "layers/reproject.hpp"
#include "pipeline/layer_styles.hpp"
#include "pipeline/project.hpp"
#include "pipeline/report/column_titles.hpp"
#include "pipeline/report/text_table.hpp"
#include "render/format/number_format.hpp"

namespace atlante {

TorStep::TorStep() {
    // The catalogue's names for what the comuni carry; sites in no comune are the plan's.
    analysis.zone_name = catalog_fields::zone_name;
    analysis.unassigned_label = kUnassigned;
}

const StepKind& TorStep::info() {
    static const StepKind kind{"tor", "TOR: rank brownfields within a radius of rail access points",
                               false, [] { return std::make_unique<TorStep>(); }, false};
    return kind;
}

void TorStep::declare(OptionSet& o) {
    o.source("stations", stations, "rail access points (points)").catalog("stations");
    o.boolean("include_metro", include_metro, "catalogue stations: also the metro stations");
    o.source("brownfields", brownfields,
             "the sites to rank: polygons or points with an id (\"demo\": the demonstration "
             "layer)")
        .must();
    o.source("rail", rail, "station-to-station rail graph, for the service component")
        .catalog("rail");
    o.source("comuni", comuni, "comuni with their zone, for comune, zone and the summaries")
        .catalog("comuni");
    o.number("radius_m", analysis.radius_m, "a site within this distance of a station is in TOR")
        .unit_of("m")
        .within(NumberRange::between(1, 100'000));
    o.integer("disc_quadrant_segments", analysis.disc_quadrant_segments,
              "segments per quarter circle of the station discs")
        .within(NumberRange::between(16, 1024));
    const NumberRange weight = NumberRange::between(0, 100);
    o.number("weights.proximity", analysis.weights.proximity, "weight of 1 - d/R").within(weight);
    o.number("weights.service", analysis.weights.service,
             "weight of the nearest station's rail-graph degree")
        .within(weight);
    o.number("weights.area", analysis.weights.area, "weight of the area inside the discs")
        .within(weight);
    o.number("weights.class", analysis.weights.competitiveness,
             "weight of the competitiveness class")
        .within(weight);
    o.number_table("class_scores", analysis.class_scores,
                   "score of each competitiveness class (matched without case: ALTA is alta; "
                   "numeric classes as \"1\", \"2\")")
        .within(NumberRange::between(0, 1));
    o.choice("class_missing", class_missing, {"neutral", "lowest", "error"},
             "a site with no class, or one class_scores does not name: no class component "
             "(neutral), the lowest score, or an error listing them");
    records.declare(o, "");
    o.text("id_field", analysis.brownfield_id, "brownfield id field (unique, required)");
    o.text("name_field", analysis.brownfield_name, "brownfield name field");
    o.text("class_field", analysis.brownfield_class, "competitiveness class field");
    o.text("station_id_field", analysis.station_id,
           "station id field of a station source (catalogue stations: the catalogue's)");
    o.text("station_name_field", analysis.station_name, "station name field of a station source");
    o.text("comune_field", analysis.comune_name,
           "comune name field of a comuni source (catalogue comuni: the catalogue's)");
    o.text("zone_field", analysis.zone_name, "zone name field of a comuni source");
    o.text("out", out, "output folder, relative to the run's").not_on_command_line();
    o.texts("formats", formats,
            "files to write: gpkg (every layer), csv (ranking and summaries), geojson (the "
            "ranking, EPSG:4326; large for a million sites)")
        .items(1, 3)
        .among({"gpkg", "csv", "geojson"});
    o.text("output_crs", output_crs, "the GeoPackage's CRS (empty: the run's output_crs)")
        .for_example("EPSG:6707");
    o.text("postgis", postgis, "also write the ranking to this PG: connection")
        .for_example("PG:dbname=atlante");
    o.text("postgis_table", postgis_table, "PostGIS table for the ranking (replaced whole)");
    o.boolean("allow_ballpark", allow_ballpark,
              "accept coordinate transformations of unknown accuracy");
}

void TorStep::finish_options() {
    const TorWeights& w = analysis.weights;
    if (!(w.proximity + w.service + w.area + w.competitiveness > 0))
        origin.fail("weights", "the weights sum to 0: nothing would be scored");
    if (!postgis.empty() && postgis.rfind("PG:", 0) != 0)
        origin.fail("postgis", "expected a PG: connection string, not '" + postgis + "'");
    check_output_crs(output_crs, origin, "output_crs");
    analysis.class_missing = class_missing == "lowest"  ? ClassMissing::Lowest
                             : class_missing == "error" ? ClassMissing::Error
                                                        : ClassMissing::Neutral;
}

std::vector<StepOutputDecl> TorStep::outputs() const {
    return {
        {"brownfields", "every site, ranked inside the radius, by distance outside"},
        {"discs", "the radius around each station"},
        {"stations", "stations with their degree and the sites within"},
        {"summary_zones",
         "table: sites and areas per zone",
         {"zone", "n_brownfields", "n_in_tor", "area_m2", "area_within_m2", "share_area_within"}},
        {"summary_comuni",
         "table: sites and areas per comune",
         {"comune", "zone", "n_brownfields", "n_in_tor", "area_m2", "area_within_m2",
          "share_area_within"}}};
}

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point from) {
    return std::chrono::duration<double>(Clock::now() - from).count();
}

std::string describe(const TorResult& r, double radius_m, const StepResult& result,
                     std::size_t top = 10) {
    std::string out = "TOR: " + std::to_string(r.ranked.size()) + " brownfields, " +
                      std::to_string(r.inside) + " within " + format_italian(radius_m) + " m of " +
                      std::to_string(r.stations.size()) + " stations (" +
                      std::to_string(r.pairs.size()) + " brownfield-station pairs)\n";
    out += "  time: read " + result.facts.at("read_s") + " s, join and rank " +
           result.facts.at("join_s") + " s, write " + result.facts.at("write_s") + " s\n";
    for (const auto& source : result.sources) out += "  fonte: " + source + "\n";
    if (const auto it = result.facts.find("BROWNFIELDS_CRS"); it != result.facts.end())
        out += "  CRS delle aree dismesse: " + it->second + "\n";
    TextTable table(
        {"rank", "id", "comune", "nearest station", "distance m", "share within", "score"},
        {true, false, false, false, true, true, true});
    const Layer& ranked = r.ranked;
    for (std::size_t i = 0; i < ranked.size() && i < top && !ranked.column("rank").is_null(i); ++i)
        table.add({ranked.column("rank").text(i), ranked.column("id").text(i),
                   ranked.column("comune").text(i), ranked.column("nearest_station").text(i),
                   format_italian(ranked.column("distance_m").real(i)),
                   ranked.column("share_within").is_null(i)
                       ? ""
                       : format_italian(100 * ranked.column("share_within").real(i), 1) + "%",
                   format_italian(ranked.column("score").real(i), 3)});
    out += table.render();
    out += "  outputs:\n";
    for (const auto& f : result.files) out += "    " + f + "\n";
    return out;
}

std::string seconds_text(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", s);
    return text;
}

// What the run says of the sites beyond the ranking: classes with no score, sites outside the
// comuni, the screen's repairs, omissions and records at one place.
std::vector<std::string> site_warnings(const TorResult& tor, const RecordScreen& screen,
                                       const std::string& class_field) {
    std::vector<std::string> out = tor.notes;
    for (const auto& [value, count] : tor.unscored_classes)
        out.push_back(std::to_string(count) + (count == 1 ? " site has " : " sites have ") +
                      (value.empty() ? "no class" : "class '" + value + "'") + " (field '" +
                      class_field + "'), which class_scores does not score");
    if (!tor.outside_area.empty()) {
        std::string ids;
        for (const std::string& id : tor.outside_area) ids += (ids.empty() ? "" : ", ") + id;
        const std::size_t n = tor.outside_area.size();
        out.push_back(std::to_string(n) + (n == 1 ? " site lies" : " sites lie") +
                      " in no comune of the study area (in_area = 0): " + ids);
    }
    for (std::string& w : screen_warnings(screen, "brownfield")) out.push_back(std::move(w));
    return out;
}

// The ranking as the PostGIS table gets it: in the output CRS, like the GeoPackage.
Layer in_output_crs(const Layer& ranked, const std::optional<Crs>& crs, bool allow_ballpark) {
    Layer copy = ranked.clone();
    if (crs && copy.crs() && !copy.crs()->equivalent_to(*crs)) {
        TransformOptions transform;
        transform.allow_ballpark = allow_ballpark;
        reproject(copy, *crs, transform);
    }
    return copy;
}

// The report's table: the sites in ranking order, inside and outside the radius, with their
// score's components; a census of a whole region stops at kReportRows (a page a browser still
// sorts at once), the files keep every site.
constexpr std::size_t kReportRows = 2000;
ReportTable ranking_table(const TorResult& tor, double radius_m, bool demonstration,
                          const StepResult& result, const TorOptions& options) {
    ReportTable table = table_of(
        tor.ranked,
        {"rank", "rank_in_zone", "id", "name", "comune", "zone", "class", "in_tor", "distance_m",
         "nearest_station", "score", "c_proximity", "c_service", "c_area", "c_class"},
        "tor_ranking",
        "TOR: aree dismesse entro " + format_distance(radius_m) + " dalle stazioni" +
            (demonstration ? " (" + std::string(kDemoSourceNote) + ")" : ""),
        kReportRows);
    table.filters = {"in_tor", "zone", "class"};
    if (tor.ranked.size() > kReportRows)
        table.notes.push_back("Mostrate le prime " +
                              format_italian(static_cast<double>(kReportRows)) + " aree di " +
                              format_italian(static_cast<double>(tor.ranked.size())) +
                              " nell'ordine della graduatoria; l'elenco completo è in "
                              "brownfields_ranked.csv e tor.gpkg.");
    table.notes.push_back("Campi: id = " + options.brownfield_id + ", denominazione = " +
                          options.brownfield_name + ", classe = " + options.brownfield_class +
                          "; pesi: prossimità " + format_italian(options.weights.proximity, 2) +
                          ", servizio " + format_italian(options.weights.service, 2) +
                          ", superficie " + format_italian(options.weights.area, 2) + ", classe " +
                          format_italian(options.weights.competitiveness, 2) + ".");
    for (const auto& [key, value] : result.facts)
        if (key == "FILTER") table.notes.push_back("Filtro sulle aree dismesse: " + value + ".");
    return table;
}

}  // namespace

namespace {

// What the summaries group the catalogue's comuni by: the zone omogenee, else the catalogue's
// first level (the province): its field and its word in titles.
struct SummaryZone {
    std::string field, word;
};
SummaryZone summary_zone(const CatalogSpec& spec) {
    if (spec.zones || spec.levels.empty()) return {catalog_fields::zone_name, "zona omogenea"};
    return {spec.levels.front().name, spec.levels.front().title};
}

}  // namespace

StepResult TorStep::run(StepContext& context) const {
    TorOptions options = analysis;
    StepResult result;
    ProgressSink& progress = context.progress();
    const auto read_start = Clock::now();

    progress.step("loading stations");
    const StepSource station_source = step_stations(stations, include_metro, context);
    if (!station_source.id_field.empty()) {
        options.station_id = station_source.id_field;
        options.station_name = station_source.name_field;
    }
    result.sources.push_back(station_source.source_line);

    const Layer* rail_layer = nullptr;
    if (rail.kind == SourceRef::Kind::Catalog && rail.name == "rail") {
        options.rail_from = context.catalog().spec().rail->from;
        options.rail_to = context.catalog().spec().rail->to;
        rail_layer = &context.rail().edges.layer;
    } else if (!rail.empty()) {
        rail_layer = &context.layer(rail);
    }
    const Layer* comuni_layer = nullptr;
    if (comuni.kind == SourceRef::Kind::Catalog && comuni.name == "comuni") {
        comuni_layer = &context.comuni().layer;
        const CatalogSpec& spec = context.catalog().spec();
        options.comune_name = spec.comuni.name;
        options.zone_name = summary_zone(spec).field;
        result.sources.push_back(
            spec.zones ? "Comuni: ISTAT via Openpolis; zone omogenee: " + spec.zones->source
                       : "Comuni: ISTAT via Openpolis (" + spec.comuni.source + ")");
    } else if (!comuni.empty()) {
        comuni_layer = &context.layer(comuni);
    }

    progress.step("loading brownfields");
    ScreenRequest request{records.screen_options(),
                          {{"id_field", options.brownfield_id},
                           {"name_field", options.brownfield_name},
                           {"class_field", options.brownfield_class}},
                          &origin,
                          "brownfields"};
    request.screen.what = "a brownfield";
    request.screen.id_field = options.brownfield_id;
    // The study area: the comuni the sites are placed in, else the catalogue's.
    request.screen.study_area = comuni_layer ? comuni_layer : &context.comuni().layer;
    ScreenedSource sites = screened_brownfields(brownfields, context, request);
    result.sources.push_back(sites.source_line);
    if (!brownfields.where.empty()) result.facts["FILTER"] = brownfields.where;
    if (!sites.crs_line.empty()) result.facts["BROWNFIELDS_CRS"] = sites.crs_line;
    result.facts["read_s"] = seconds_text(seconds_since(read_start));

    progress.step("joining brownfields to stations");
    const auto analysis_start = Clock::now();
    TorResult tor = run_tor(
        {station_source.layer, &sites.screen.layer, rail_layer, comuni_layer, &sites.screen.layer},
        options);
    result.facts["join_s"] = seconds_text(seconds_since(analysis_start));
    result.warnings = site_warnings(tor, sites.screen, options.brownfield_class);
    sites.screen.layer = Layer();  // the ranking holds what is left to write: the input can go

    const auto write_start = Clock::now();
    progress.step("writing TOR outputs");
    result.files = write_outputs(tor, sites.screen, options, station_source, result, context);
    if (!postgis.empty()) {
        progress.step("writing the ranking to PostGIS");
        write_postgis(in_output_crs(tor.ranked, context.output_set(output_crs).crs, allow_ballpark),
                      postgis, postgis_table);
        result.facts["postgis_table"] = postgis_table;
    }
    result.facts["write_s"] = seconds_text(seconds_since(write_start));

    result.summary = describe(tor, options.radius_m, result);
    if (!postgis.empty()) result.summary += "    PostGIS table " + postgis_table + "\n";
    result.tables.push_back(
        ranking_table(tor, options.radius_m, sites.demonstration, result, options));
    publish(tor, sites.demonstration, context);
    return result;
}

std::vector<std::string> TorStep::write_outputs(const TorResult& tor, const RecordScreen& screen,
                                                const TorOptions& options,
                                                const StepSource& stations_used,
                                                const StepResult& result,
                                                StepContext& context) const {
    OutputSet outputs = context.output_set(output_crs);
    outputs.geopackage = "tor.gpkg";
    outputs.geopackage_layers = {&tor.ranked, &tor.discs, &tor.stations, &tor.by_zone,
                                 &tor.by_comune};
    const Layer repaired = notes_table("records_repaired", screen.repaired);
    const Layer skipped = notes_table("records_skipped", screen.skipped);
    if (repaired.size() > 0) outputs.geopackage_layers.push_back(&repaired);
    if (skipped.size() > 0) outputs.geopackage_layers.push_back(&skipped);
    outputs.csv = {{"brownfields_ranked.csv", &tor.ranked},
                   {"summary_zones.csv", &tor.by_zone},
                   {"summary_comuni.csv", &tor.by_comune}};
    outputs.geojson = {{"brownfields_ranked.geojson", &tor.ranked}};
    const auto wanted = [&](const char* format) {
        return std::find(formats.begin(), formats.end(), format) != formats.end();
    };
    if (!wanted("gpkg")) outputs.geopackage.clear();
    if (!wanted("csv")) outputs.csv.clear();
    if (!wanted("geojson")) outputs.geojson.clear();
    outputs.table_titles = {
        {"brownfields_ranked.csv", "Aree dismesse ordinate per priorità TOR"},
        {"summary_zones.csv", "Aree dismesse per " + summary_zone(context.catalog().spec()).word},
        {"summary_comuni.csv", "Aree dismesse per comune"}};
    outputs.allow_ballpark = allow_ballpark;
    char weights[160];
    std::snprintf(weights, sizeof weights, "proximity %.3g, service %.3g, area %.3g, class %.3g",
                  options.weights.proximity, options.weights.service, options.weights.area,
                  options.weights.competitiveness);
    auto& md = outputs.metadata;
    md["ATLANTE_STEP"] = "tor";
    md["TOR_RADIUS_M"] = std::to_string(options.radius_m);
    md["TOR_WEIGHTS"] = weights;
    md["TOR_DISTANCE"] = "planar, nearest part of the site, inclusive (d <= radius), " +
                         stations_used.layer->crs()->label();
    md["TOR_FIELDS"] = "id " + options.brownfield_id + ", name " + options.brownfield_name +
                       ", class " + options.brownfield_class + " (class_missing " + class_missing +
                       ")";
    for (const char* key : {"FILTER", "BROWNFIELDS_CRS"})
        if (const auto it = result.facts.find(key); it != result.facts.end()) md[key] = it->second;
    std::string source_lines, notes;
    for (const auto& s : result.sources) source_lines += (source_lines.empty() ? "" : " | ") + s;
    for (const auto& n : result.warnings) notes += (notes.empty() ? "" : "; ") + n;
    md["SOURCES"] = source_lines;
    if (!notes.empty()) md["NOTES"] = notes;
    return write_styled_output_set(outputs, context.output_dir() / out);
}

// Later steps (maps, atlases) draw what this run found; made from the demonstration layer, it
// says so.
void TorStep::publish(TorResult& tor, bool demonstration, StepContext& context) const {
    if (demonstration) mark_demonstration(tor.ranked);
    context.publish("tor", "brownfields", std::move(tor.ranked));
    context.publish("tor", "discs", std::move(tor.discs));
    context.publish("tor", "stations", std::move(tor.stations));
    context.publish("tor", "summary_zones", std::move(tor.by_zone));
    context.publish("tor", "summary_comuni", std::move(tor.by_comune));
}

}  // namespace atlante
