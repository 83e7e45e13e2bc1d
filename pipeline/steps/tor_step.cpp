#include "pipeline/steps/tor_step.hpp"

#include <chrono>
#include <cstdio>

#include "engine/analyses/tor_outputs.hpp"
#include "geodata/demo_brownfields.hpp"
#include "layers/postgis_writer.hpp"
#include "pipeline/report/text_table.hpp"
#include "pipeline/step_sources.hpp"
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
    o.number_table("class_scores", analysis.class_scores, "score of each competitiveness class")
        .within(NumberRange::between(0, 1));
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
}

std::vector<StepOutputDecl> TorStep::outputs() const {
    return {{"brownfields", "every site, ranked inside the radius, by distance outside"},
            {"discs", "the radius around each station"},
            {"stations", "stations with their degree and the sites within"},
            {"summary_zones", "table: sites and areas per zone"},
            {"summary_comuni", "table: sites and areas per comune"}};
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
    for (const auto& note : r.notes) out += "  note: " + note + "\n";
    out += "  time: read " + result.facts.at("read_s") + " s, join and rank " +
           result.facts.at("join_s") + " s, write " + result.facts.at("write_s") + " s\n";
    for (const auto& source : result.sources) out += "  fonte: " + source + "\n";
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

    progress.step("loading brownfields");
    const StepSource sites = step_brownfields(brownfields, context);
    result.sources.push_back(sites.source_line);

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
        options.comune_name = context.catalog().spec().comuni.name;
        options.zone_name = catalog_fields::zone_name;
        const auto& zones = context.catalog().spec().zones;
        result.sources.push_back("Comuni: ISTAT via Openpolis; zone omogenee: " +
                                 (zones ? zones->source : std::string("-")));
    } else if (!comuni.empty()) {
        comuni_layer = &context.layer(comuni);
    }
    result.facts["read_s"] = seconds_text(seconds_since(read_start));

    progress.step("joining brownfields to stations");
    const auto analysis_start = Clock::now();
    TorResult tor = run_tor({station_source.layer, sites.layer, rail_layer, comuni_layer}, options);
    result.facts["join_s"] = seconds_text(seconds_since(analysis_start));

    const auto write_start = Clock::now();
    progress.step("writing TOR outputs");
    TorOutputOptions output;
    output.allow_ballpark = allow_ballpark;
    char weights[160];
    std::snprintf(weights, sizeof weights, "proximity %.3g, service %.3g, area %.3g, class %.3g",
                  options.weights.proximity, options.weights.service, options.weights.area,
                  options.weights.competitiveness);
    output.metadata["ATLANTE_STEP"] = "tor";
    output.metadata["TOR_RADIUS_M"] = std::to_string(options.radius_m);
    output.metadata["TOR_WEIGHTS"] = weights;
    output.metadata["TOR_DISTANCE"] =
        "planar, nearest part of the site, inclusive (d <= radius), " +
        station_source.layer->crs()->label();
    std::string source_lines, notes;
    for (const auto& s : result.sources) source_lines += (source_lines.empty() ? "" : " | ") + s;
    for (const auto& n : tor.notes) notes += (notes.empty() ? "" : "; ") + n;
    output.metadata["SOURCES"] = source_lines;
    if (!notes.empty()) output.metadata["NOTES"] = notes;
    result.files = write_tor_outputs(tor, context.output_dir() / out, output);
    if (!postgis.empty()) {
        progress.step("writing the ranking to PostGIS");
        write_postgis(tor.ranked, postgis, postgis_table);
        result.facts["postgis_table"] = postgis_table;
    }
    result.facts["write_s"] = seconds_text(seconds_since(write_start));

    result.warnings = tor.notes;
    result.summary = describe(tor, options.radius_m, result);
    if (!postgis.empty()) result.summary += "    PostGIS table " + postgis_table + "\n";
    result.tables.push_back(table_of(
        tor.ranked,
        {"rank", "id", "comune", "zone", "class", "nearest_station", "distance_m",
         "n_stations_within", "share_within", "score"},
        "tor_ranking",
        "TOR: aree dismesse entro " + format_distance(options.radius_m) + " dalle stazioni" +
            (sites.demonstration ? " (" + std::string(kDemoSourceNote) + ")" : ""),
        tor.inside));

    // Later steps (maps, atlases) draw what this run found; made from the demonstration layer,
    // it says so.
    if (sites.demonstration) mark_demonstration(tor.ranked);
    context.publish("tor", "brownfields", std::move(tor.ranked));
    context.publish("tor", "discs", std::move(tor.discs));
    context.publish("tor", "stations", std::move(tor.stations));
    context.publish("tor", "summary_zones", std::move(tor.by_zone));
    context.publish("tor", "summary_comuni", std::move(tor.by_comune));
    return result;
}

}  // namespace atlante
