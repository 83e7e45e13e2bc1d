#include "pipeline/steps/reach_step.hpp"

#include <chrono>
#include <cstdio>

#include "geodata/demo_brownfields.hpp"
#include "layers/output_set.hpp"
#include "pipeline/layer_styles.hpp"
#include "pipeline/project.hpp"
#include "pipeline/report/text_table.hpp"
#include "pipeline/step_sources.hpp"
#include "render/format/number_format.hpp"

namespace atlante {

TimeLabels plan_time_labels() { return {"{} minuti", "oltre {} minuti", "non raggiungibile"}; }

NetworkTorStatus plan_network_tor_status() {
    return {"entro il raggio in entrambi i modi", "solo in linea d'aria", "solo lungo la rete",
            "fuori in entrambi i modi", "fuori dal grafo stradale"};
}

ReachStep::ReachStep() {
    reach.labels = plan_time_labels();
    time.labels = plan_time_labels();
    tor.status = plan_network_tor_status();
}

const StepKind& ReachStep::info() {
    static const StepKind kind{
        "reach", "walking/cycling isochrones from stations, network TOR, travel time by rail",
        false, [] { return std::make_unique<ReachStep>(); }, false};
    return kind;
}

namespace {

void declare_mode(OptionSet& o, const std::string& key, ModeBands& mode, const char* what) {
    o.number(key + ".speed_kmh", mode.mode.speed_kmh, std::string(what) + " speed")
        .unit_of("km/h")
        .within(NumberRange::positive(100));
    o.numbers(key + ".minutes", mode.bands.minutes, std::string(what) + " time bands")
        .unit_of("min")
        .within(NumberRange::positive(600))
        .rising()
        .items(1, 20);
    o.boolean(key + ".one_way", mode.mode.honour_one_way, "honour one-way streets");
    o.number(key + ".buffer_m", mode.bands.buffer_m,
             "isochrone corridor each side of a reached street")
        .unit_of("m")
        .within(NumberRange::positive(1000));
}

}  // namespace

void ReachStep::declare(OptionSet& o) {
    o.source("stations", stations, "rail access points (points)").catalog("stations");
    o.boolean("include_metro", include_metro, "catalogue stations: also the metro stations");
    o.text("station_id_field", reach.station_id,
           "station id field of a station source (catalogue stations: the catalogue's)");
    o.text("station_name_field", reach.station_name, "station name field of a station source");
    o.source("roads", roads, "street graph: lines, one part each").catalog("roads");
    o.text("roads_from", road_fields.from_field,
           "node-id field of an edge's start ('' with roads_to '': nodes from the endpoints)");
    o.text("roads_to", road_fields.to_field, "node-id field of an edge's end");
    o.text("roads_oneway", road_fields.oneway_field, "one-way flag field ('' = all two-way)");
    o.number("snap_limit_m", reach.snap_limit_m,
             "farthest a station (or a site) may lie from a street")
        .unit_of("m")
        .within(NumberRange::positive(10'000));
    declare_mode(o, "walk", reach.modes[0], "walking");
    declare_mode(o, "cycle", reach.modes[1], "cycling");
    o.source("tor.brownfields", brownfields,
             "network TOR on these sites (a source, or \"demo\"); empty: no network TOR");
    o.number("tor.radius_m", tor.radius_m, "network TOR radius")
        .unit_of("m")
        .within(NumberRange::between(1, 100'000));
    o.text("tor.id_field", tor.id_field, "site id field");
    o.text("tor.name_field", tor.name_field, "site name field");
    records.declare(o, "tor.");
    o.boolean("travel_time.enabled", travel_time_enabled,
              "the travel time by rail from the origin");
    o.text("travel_time.origin", time.origin,
           "origin station, by name (empty: the catalogue's [rail] origin)");
    o.number("travel_time.access_speed_kmh", time.access_speed_kmh,
             "comune to its station (car or bus feeder)")
        .unit_of("km/h")
        .within(NumberRange::positive(200));
    o.number("travel_time.detour_factor", time.detour_factor,
             "street distance / straight distance on the access leg")
        .within(NumberRange::between(1, 5));
    o.number("travel_time.line_speed_kmh", time.rail.default_speed_kmh,
             "commercial speed of the lines not listed in line_speeds_kmh")
        .unit_of("km/h")
        .within(NumberRange::positive(400));
    o.number_table("travel_time.line_speeds_kmh", time.rail.line_speed_kmh,
                   "commercial speed per line name")
        .unit_of("km/h")
        .within(NumberRange::positive(400));
    o.number("travel_time.dwell_s", time.rail.dwell_s, "dwell at every stop")
        .unit_of("s")
        .within(NumberRange::between(0, 3600));
    o.number("travel_time.transfer_s", time.rail.transfer_s, "changing line at a station")
        .unit_of("s")
        .within(NumberRange::between(0, 7200));
    o.numbers("travel_time.classes_min", time.class_minutes, "upper bounds of the time classes")
        .unit_of("min")
        .within(NumberRange::positive(1440))
        .rising()
        .items(1, 20);
    o.text("out", out, "output folder, relative to the run's").not_on_command_line();
    o.text("output_crs", output_crs, "the GeoPackage's CRS (empty: the run's output_crs)")
        .for_example("EPSG:6707");
}

void ReachStep::finish_options() {
    check_output_crs(output_crs, origin, "output_crs");
    // A site is on the graph when a station would be.
    tor.snap_limit_m = reach.snap_limit_m;
    if ((road_fields.from_field.empty()) != (road_fields.to_field.empty()))
        origin.fail("roads_from", "roads_from and roads_to are both set or both ''");
}

std::vector<StepOutputDecl> ReachStep::outputs() const {
    std::vector<StepOutputDecl> out{{"walk", "walking isochrones, one feature per band"},
                                    {"cycle", "cycling isochrones, one feature per band"},
                                    {"stations", "stations with their snap to the street graph"},
                                    {"roads", "the street graph's edges"}};
    if (!brownfields.empty())
        out.push_back({"tor_network", "sites: straight-line and network distance to a station"});
    if (travel_time_enabled) {
        out.push_back({"travel_time", "comuni with their travel time from the origin"});
        out.push_back({"rail_times", "stations with their rail time from the origin"});
    }
    return out;
}

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point from) {
    return std::chrono::duration<double>(Clock::now() - from).count();
}

std::string list_text(const std::vector<double>& values) {
    std::string out;
    for (double v : values) out += (out.empty() ? "" : ", ") + format_plain(v);
    return out;
}

}  // namespace

struct ReachRun {
    std::optional<RoadGraph> graph;
    LoadedLayer roads;
    const Layer* stations = nullptr;
    StationReachOptions options;  // as run: the stations' fields filled in
    StationReachResult reach;
    std::optional<NetworkTorResult> tor;
    std::optional<TravelTimeResult> time;
    std::map<std::string, double> seconds;
    std::map<std::string, std::string> metadata;
    std::vector<std::string> sources;
    TravelTimeOptions time_options;  // as run: the origin and the catalogue's fields filled in
    std::vector<std::string> screen_notes;  // the sites' records repaired or left out
    bool demonstration = false;             // network TOR ran on the demonstration layer
};

namespace {

std::string describe(const ReachRun& run, const std::vector<std::string>& files) {
    const RoadGraph& graph = *run.graph;
    std::string out = "Road graph: " + run.metadata.at("REACH_GRAPH") + "; " +
                      std::to_string(graph.components().sizes.size()) + " component(s)\n";
    out += "Stations: " + std::to_string(run.reach.stations.snaps.size()) + " of " +
           std::to_string(run.reach.stations.stations.size()) + " on the graph\n";
    TextTable bands({"mode", "band", "area km²", "streets km"}, {false, false, true, true});
    for (const Layer& l : run.reach.isochrones)
        for (std::size_t i = l.size(); i-- > 0;)
            bands.add({l.column("mode").text(i), l.column("label").text(i),
                       format_italian(l.column("area_km2").real(i), 2),
                       format_italian(l.column("street_km").real(i), 1)});
    out += bands.render();
    if (run.tor) {
        const NetworkTorResult& t = *run.tor;
        const Layer& s = t.sites;
        std::size_t straight = 0;
        for (std::size_t i = 0; i < s.size(); ++i)
            straight +=
                !s.column("network_within").is_null(i) && s.column("straight_within").integer(i);
        out += "Network TOR on the " + std::to_string(s.size() - t.off_graph) +
               " brownfields the street graph covers: " + std::to_string(straight) +
               " within the radius in a straight line, " + std::to_string(t.within_network) +
               " along the streets, " + std::to_string(t.differing) + " differ; " +
               std::to_string(t.off_graph) +
               " not compared (the site or its nearest station is beyond the street graph)\n";
        for (std::size_t i = 0; i < s.size(); ++i)
            if (s.column("differs").integer(i))
                out += "  differs: " + s.column("id").text(i) + " straight " +
                       format_italian(s.column("straight_m").real(i)) + " m, network " +
                       format_italian(s.column("network_m").real(i)) + " m (" +
                       s.column("network_station").text(i) + ")\n";
    }
    if (run.time) {
        const TravelTimeResult& t = *run.time;
        std::map<std::string, int> counts;
        const Layer& c = t.comuni;
        for (std::size_t i = 0; i < c.size(); ++i) ++counts[c.column("class").text(i)];
        out += "Travel time from " + t.origin_name + " (station " + t.origin_id +
               "; a model, not a timetable): ";
        for (const auto& label : t.class_labels)
            out += label + " " + std::to_string(counts[label]) + "; ";
        out += "\n";
    }
    auto phase = [&](const char* name) {  // 0 for a phase that did not run
        const auto it = run.seconds.find(name);
        return it == run.seconds.end() ? 0.0 : it->second;
    };
    char timing[200];
    std::snprintf(timing, sizeof timing,
                  "  time: graph %.2f s, isochrones %.2f s, network TOR %.2f s, travel time "
                  "%.2f s, write %.2f s\n",
                  phase("graph"), phase("isochrones"), phase("network_tor"), phase("travel_time"),
                  phase("write"));
    out += timing;
    for (std::size_t m = 0; m < run.reach.shortest_paths_s.size(); ++m) {
        std::snprintf(timing, sizeof timing,
                      "  %s: shortest paths from all stations %.4f s, isochrone polygons %.3f s\n",
                      run.reach.isochrones[m].column("mode").text(0).c_str(),
                      run.reach.shortest_paths_s[m], run.reach.polygons_s[m]);
        out += timing;
    }
    out += "  outputs:\n";
    for (const auto& f : files) out += "    " + f + "\n";
    return out;
}

}  // namespace

// The phases of a run, each timed into run.seconds.
void ReachStep::load_graph(ReachRun& run, StepContext& context) const {
    const auto start = Clock::now();
    context.progress().step("reach: loading the road graph");
    RoadGraphOptions fields = road_fields;
    if (roads.kind == SourceRef::Kind::Catalog && roads.name == "roads") {
        const auto& spec = context.catalog().spec().roads;
        if (!spec) throw Error("the catalogue has no [roads]");
        run.roads = context.catalog().load_road_edges(roads.where);
        fields = {spec->from, spec->to, spec->oneway};
        run.sources.push_back("Grafo stradale: OpenStreetMap via OSMnx (" + spec->edges +
                              "), © OpenStreetMap contributors, ODbL");
    } else {
        run.roads = context.load(roads);
        run.sources.push_back("Grafo stradale: " + roads.text());
    }
    run.graph.emplace(RoadGraph::from_layer(run.roads.layer, fields));
    run.seconds["graph"] = seconds_since(start);
}

void ReachStep::station_isochrones(ReachRun& run, StepContext& context) const {
    const auto start = Clock::now();
    context.progress().step("reach: loading stations");
    const StepSource station_source = step_stations(stations, include_metro, context);
    run.options = reach;
    if (!station_source.id_field.empty()) {
        run.options.station_id = station_source.id_field;
        run.options.station_name = station_source.name_field;
    }
    run.stations = station_source.layer;
    run.sources.push_back(station_source.source_line);
    context.progress().step("reach: isochrones");
    run.reach = station_reach(*run.graph, *run.stations, run.options);
    run.seconds["isochrones"] = seconds_since(start);
}

void ReachStep::network_tor_phase(ReachRun& run, StepContext& context) const {
    if (brownfields.empty()) return;
    const auto start = Clock::now();
    context.progress().step("reach: network TOR");
    ScreenRequest request{records.screen_options(),
                          {{"tor.id_field", tor.id_field}, {"tor.name_field", tor.name_field}},
                          &origin,
                          "tor.brownfields"};
    request.screen.what = "a brownfield";
    request.screen.id_field = tor.id_field;
    request.screen.study_area = &context.comuni().layer;
    const ScreenedSource sites = screened_brownfields(brownfields, context, request);
    run.screen_notes = screen_warnings(sites.screen, "brownfield");
    if (!sites.crs_line.empty()) run.metadata["BROWNFIELDS_CRS"] = sites.crs_line;
    NetworkTorOptions network = tor;
    network.station_name = run.options.station_name;
    run.tor =
        network_tor(*run.graph, *run.stations, run.reach.stations, sites.screen.layer, network);
    run.sources.push_back(sites.source_line);
    run.demonstration = sites.demonstration;
    run.seconds["network_tor"] = seconds_since(start);
}

void ReachStep::travel_time_phase(ReachRun& run, StepContext& context) const {
    run.time_options = time;
    if (!travel_time_enabled) return;
    const auto start = Clock::now();
    const CatalogSpec& spec = context.catalog().spec();
    TravelTimeOptions& o = run.time_options;
    if (o.origin.empty()) o.origin = spec.rail ? spec.rail->origin : "";
    if (o.origin.empty())
        throw Error(ErrorContext{spec.file, {}, {}, {}},
                    "travel time needs an origin station: set travel_time.origin, or the "
                    "catalogue's [rail] origin");
    context.progress().step("reach: travel time from " + o.origin);
    o.station_id = spec.stations->id;
    o.station_name = spec.stations->name;
    o.rail_from = spec.rail->from;
    o.rail_to = spec.rail->to;
    o.rail_line = spec.rail->line;
    o.rail_km = spec.rail->length_km;
    o.comune_name = spec.comuni.name;
    // The metro is rail too: its stations are access points and its line a rail line.
    run.time = travel_time(context.comuni().layer, context.stations(true).layer,
                           context.rail().edges.layer, o);
    run.sources.push_back("Comuni: ISTAT via Openpolis; grafo ferroviario: OpenStreetMap (" +
                          spec.rail->source + ")");
    run.seconds["travel_time"] = seconds_since(start);
}

// The model's parameters, as the outputs' metadata says them.
void ReachStep::describe_model(ReachRun& run) const {
    const RoadGraph& graph = *run.graph;
    auto& md = run.metadata;
    md["ATLANTE_STEP"] = "reach";
    for (const ModeBands& m : run.options.modes)
        md["REACH_" + m.mode.name + "_MODEL"] =
            format_plain(m.mode.speed_kmh) + " km/h, one-way streets " +
            (m.mode.honour_one_way ? "honoured" : "ignored") + ", bands " +
            list_text(m.bands.minutes) + " min, corridor " + format_plain(m.bands.buffer_m) +
            " m each side of the reached streets";
    md["REACH_SNAP"] = "stations snapped onto the nearest street within " +
                       format_plain(run.options.snap_limit_m) +
                       " m; the station-to-street leg counts at the mode's speed";
    md["REACH_GRAPH"] = std::to_string(graph.node_count()) + " nodes, " +
                        std::to_string(graph.edges().size()) + " edges (" +
                        std::to_string(graph.one_way_edges()) + " one-way), " +
                        format_italian(graph.total_length_m() / 1000, 0) + " km" +
                        (roads.where.empty() ? "" : ", filter: " + roads.where);
    if (run.tor)
        md["NETWORK_TOR"] = "radius " + format_plain(tor.radius_m) +
                            " m; straight line: nearest part of the site; network: station to "
                            "street + streets + street to the site's nearest point";
    const TravelTimeOptions& o = run.time_options;
    std::string line_speeds;
    for (const auto& [line, kmh] : o.rail.line_speed_kmh)
        line_speeds += (line_speeds.empty() ? " (" : ", ") + line + " " + format_plain(kmh);
    if (!line_speeds.empty()) line_speeds += " km/h)";
    if (run.time)
        md["TRAVEL_TIME_MODEL"] =
            "a model, not a timetable: origin " + o.origin + "; access " +
            format_plain(o.access_speed_kmh) + " km/h over the straight line x " +
            format_plain(o.detour_factor) +
            " from the comune's centroid to its nearest served station; rail " +
            format_plain(o.rail.default_speed_kmh) + " km/h unless set per line" + line_speeds +
            ", dwell " + format_plain(o.rail.dwell_s) + " s per stop, transfer " +
            format_plain(o.rail.transfer_s) + " s; classes are upper bounds (t <= 15 -> 15 minuti)";
    std::string source_lines;
    for (const auto& s : run.sources) source_lines += (source_lines.empty() ? "" : " | ") + s;
    md["SOURCES"] = source_lines;
}

std::vector<std::string> ReachStep::write_outputs(ReachRun& run, StepContext& context) const {
    const auto start = Clock::now();
    context.progress().step("reach: writing outputs");
    OutputSet outputs = context.output_set(output_crs);
    outputs.geopackage = "reach.gpkg";
    outputs.table_titles = {{"stations_snapped.csv", "Stazioni e grafo stradale"},
                            {"tor_network.csv", "TOR in linea d'aria e lungo la rete stradale"},
                            {"travel_time_comuni.csv", "Tempo di percorrenza per comune"}};
    outputs.metadata = run.metadata;
    outputs.geopackage_layers.push_back(&run.reach.stations.stations);
    for (const Layer& l : run.reach.isochrones) outputs.geopackage_layers.push_back(&l);
    outputs.geopackage_layers.push_back(&run.reach.nodes);
    outputs.csv.push_back({"stations_snapped.csv", &run.reach.stations.stations});
    if (run.tor) {
        outputs.geopackage_layers.push_back(&run.tor->sites);
        outputs.csv.push_back({"tor_network.csv", &run.tor->sites});
    }
    if (run.time) {
        outputs.geopackage_layers.push_back(&run.time->comuni);
        outputs.geopackage_layers.push_back(&run.time->stations);
        outputs.csv.push_back({"travel_time_comuni.csv", &run.time->comuni});
    }
    std::vector<std::string> files = write_styled_output_set(outputs, context.output_dir() / out);
    run.seconds["write"] = seconds_since(start);
    return files;
}

// The report's tables: travel times, and the sites both measures cover, differing ones first.
std::vector<ReportTable> ReachStep::report_tables(const ReachRun& run, StepContext& context) const {
    std::vector<ReportTable> tables;
    if (run.time)
        tables.push_back(table_of(
            run.time->comuni,
            {context.catalog().spec().comuni.name, catalog_fields::zone_name, "station",
             "access_min", "rail_min", "total_min", "class"},
            "travel_time",
            "Tempo di percorrenza da " + run.time_options.origin + " (modello, non orario)",
            run.time->comuni.size()));
    if (run.tor) {
        Layer compared = run.tor->sites.clone();
        std::vector<std::size_t> rows;
        for (int differs = 1; differs >= 0; --differs)
            for (std::size_t i = 0; i < compared.size(); ++i)
                if (!compared.column("network_m").is_null(i) &&
                    compared.column("differs").integer(i) == differs)
                    rows.push_back(i);
        compared.keep_rows(rows);
        tables.push_back(table_of(
            compared,
            {"id", "status", "straight_m", "straight_station", "network_m", "network_station"},
            "tor_network",
            "TOR entro " + format_distance(tor.radius_m) +
                " in linea d'aria e lungo la rete stradale" +
                (run.demonstration ? " (" + std::string(kDemoSourceNote) + ")" : "")));
    }
    return tables;
}

// For the maps.
void ReachStep::publish(ReachRun& run, StepContext& context) const {
    for (std::size_t m = 0; m < run.options.modes.size(); ++m)
        context.publish("reach", run.options.modes[m].mode.name,
                        std::move(run.reach.isochrones[m]));
    context.publish("reach", "stations", std::move(run.reach.stations.stations));
    context.publish("reach", "roads", std::move(run.roads.layer));
    if (run.tor) {
        if (run.demonstration) mark_demonstration(run.tor->sites);
        context.publish("reach", "tor_network", std::move(run.tor->sites));
    }
    if (run.time) {
        context.publish("reach", "travel_time", std::move(run.time->comuni));
        context.publish("reach", "rail_times", std::move(run.time->stations));
    }
}

StepResult ReachStep::run(StepContext& context) const {
    ReachRun run;
    load_graph(run, context);
    station_isochrones(run, context);
    network_tor_phase(run, context);
    travel_time_phase(run, context);
    describe_model(run);
    StepResult result;
    result.files = write_outputs(run, context);
    result.summary = describe(run, result.files);
    result.sources = run.sources;
    result.warnings = run.reach.notes;
    if (run.time)
        result.warnings.insert(result.warnings.end(), run.time->notes.begin(),
                               run.time->notes.end());
    result.warnings.insert(result.warnings.end(), run.screen_notes.begin(), run.screen_notes.end());
    result.facts = run.metadata;
    for (const auto& [phase, s] : run.seconds) result.facts[phase + "_s"] = std::to_string(s);
    result.tables = report_tables(run, context);
    publish(run, context);
    return result;
}

}  // namespace atlante
