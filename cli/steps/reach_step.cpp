#include "cli/steps/reach_step.hpp"

#include <chrono>
#include <cstdio>

#include "cli/steps/step_sources.hpp"
#include "cli/text_table.hpp"
#include "engine/format/number_format.hpp"
#include "layers/output_set.hpp"

namespace atlante {

namespace {

ModeBands read_mode(const StrictTable& parent, const std::string& key, ModeBands mode) {
    if (auto t = parent.optional_table(key)) {
        mode.mode.speed_kmh = t->number_or("speed_kmh", mode.mode.speed_kmh);
        mode.mode.honour_one_way = t->boolean_or("one_way", mode.mode.honour_one_way);
        mode.bands.minutes = t->numbers_or("minutes", mode.bands.minutes);
        mode.bands.buffer_m = t->number_or("buffer_m", mode.bands.buffer_m);
        t->reject_unknown_keys();
    }
    // Checked here so that the error names the project file.
    try {
        mode.mode.check();
        check_isochrone_options(mode.bands, "reach." + key);
    } catch (const Error& e) {
        throw Error(ErrorContext{parent.file(), {}, {}, {}}, e.what());
    }
    return mode;
}

std::string list_text(const std::vector<double>& values) {
    std::string out;
    for (double v : values) out += (out.empty() ? "" : ", ") + format_plain(v);
    return out;
}

}  // namespace

ReachStep read_reach_step(const StrictTable& table) {
    ReachStep step;
    step.stations = table.string_or("stations", step.stations);
    step.include_metro = table.boolean_or("include_metro", step.include_metro);
    step.roads = table.string_or("roads", step.roads);
    step.roads_where = table.string_or("roads_where", "");
    step.road_fields.from_field = table.string_or("roads_from", step.road_fields.from_field);
    step.road_fields.to_field = table.string_or("roads_to", step.road_fields.to_field);
    step.road_fields.oneway_field = table.string_or("roads_oneway", step.road_fields.oneway_field);
    step.reach.snap_limit_m = table.number_or("snap_limit_m", step.reach.snap_limit_m);
    step.reach.modes = {read_mode(table, "walk", step.reach.modes[0]),
                        read_mode(table, "cycle", step.reach.modes[1])};
    if (!(step.reach.snap_limit_m > 0))
        throw Error(ErrorContext{table.file(), {}, {}, {}},
                    "reach.snap_limit_m must be a positive number of metres");
    if (auto t = table.optional_table("tor")) {
        step.brownfields = t->string("brownfields");
        step.tor.radius_m = t->number_or("radius_m", step.tor.radius_m);
        step.tor.id_field = t->string_or("id_field", step.tor.id_field);
        step.tor.name_field = t->string_or("name_field", step.tor.name_field);
        t->reject_unknown_keys();
        if (!(step.tor.radius_m > 0))
            throw Error(ErrorContext{table.file(), {}, {}, {}},
                        "reach.tor.radius_m must be a positive number of metres");
    }
    step.tor.snap_limit_m = step.reach.snap_limit_m;
    if (auto t = table.optional_table("travel_time")) {
        TravelTimeOptions& o = step.time;
        step.travel_time = t->boolean_or("enabled", true);
        o.origin = t->string_or("origin", o.origin);
        o.access_speed_kmh = t->number_or("access_speed_kmh", o.access_speed_kmh);
        o.detour_factor = t->number_or("detour_factor", o.detour_factor);
        o.rail.default_speed_kmh = t->number_or("line_speed_kmh", o.rail.default_speed_kmh);
        if (t->has("line_speeds_kmh")) o.rail.line_speed_kmh = t->number_map("line_speeds_kmh");
        o.rail.dwell_s = t->number_or("dwell_s", o.rail.dwell_s);
        o.rail.transfer_s = t->number_or("transfer_s", o.rail.transfer_s);
        o.class_minutes = t->numbers_or("classes_min", o.class_minutes);
        t->reject_unknown_keys();
        try {
            check_rail_model(o.rail);
        } catch (const Error& e) {
            throw Error(ErrorContext{table.file(), {}, {}, {}}, e.what());
        }
    }
    step.out = table.string_or("out", step.out);
    table.reject_unknown_keys();
    return step;
}

ReachStepReport run_reach_step(const ReachStep& step, StepContext& context) {
    using Clock = std::chrono::steady_clock;
    auto seconds = [](Clock::time_point from) {
        return std::chrono::duration<double>(Clock::now() - from).count();
    };
    ReachStepReport report;
    Progress& progress = context.progress();
    auto start = Clock::now();

    progress.step("reach: loading the road graph");
    LoadedLayer roads;
    RoadGraphOptions fields = step.road_fields;
    if (step.roads == "catalog") {
        const auto& spec = context.catalog().spec().roads;
        if (!spec) throw Error("the catalogue has no [roads]");
        roads = context.catalog().load_road_edges(step.roads_where);
        fields = {spec->from, spec->to, spec->oneway};
        report.sources.push_back("Grafo stradale: OpenStreetMap via OSMnx (" + spec->edges +
                                 "), © OpenStreetMap contributors, ODbL");
    } else {
        ReadOptions read;
        read.where = step.roads_where;
        roads = context.load(step.roads, read);
        report.sources.push_back("Grafo stradale: " + step.roads);
    }
    report.graph.emplace(RoadGraph::from_layer(roads.layer, fields));
    const RoadGraph& graph = *report.graph;
    report.seconds["graph"] = seconds(start);

    start = Clock::now();
    progress.step("reach: loading stations");
    const StepSource stations = step_stations(step.stations, step.include_metro, {}, context);
    StationReachOptions options = step.reach;
    if (!stations.id_field.empty()) {
        options.station_id = stations.id_field;
        options.station_name = stations.name_field;
    }
    report.sources.push_back(stations.source_line);
    progress.step("reach: isochrones");
    report.reach = station_reach(graph, stations.layer(), options);
    report.seconds["isochrones"] = seconds(start);

    if (!step.brownfields.empty()) {
        start = Clock::now();
        progress.step("reach: network TOR");
        const StepSource brownfields = step_brownfields(step.brownfields, {}, context);
        NetworkTorOptions tor = step.tor;
        tor.station_name = options.station_name;
        report.tor =
            network_tor(graph, stations.layer(), report.reach.stations, brownfields.layer(), tor);
        report.sources.push_back(brownfields.source_line);
        report.seconds["network_tor"] = seconds(start);
    }

    if (step.travel_time) {
        start = Clock::now();
        progress.step("reach: travel time from " + step.time.origin);
        const CatalogSpec& spec = context.catalog().spec();
        TravelTimeOptions time = step.time;
        time.station_id = spec.stations->id;
        time.station_name = spec.stations->name;
        time.rail_from = spec.rail->from;
        time.rail_to = spec.rail->to;
        time.rail_line = spec.rail->line;
        time.rail_km = spec.rail->length_km;
        time.comune_name = spec.comuni.name;
        // The metro is rail too: its stations are access points and its line a rail line.
        report.time = travel_time(context.comuni().layer, context.stations(true).layer,
                                  context.rail().edges.layer, time);
        report.sources.push_back("Comuni: ISTAT via Openpolis; grafo ferroviario: OpenStreetMap (" +
                                 spec.rail->source + ")");
        report.seconds["travel_time"] = seconds(start);
    }

    start = Clock::now();
    progress.step("reach: writing outputs");
    auto& md = report.metadata;
    md["ATLANTE_STEP"] = "reach";
    for (const ModeBands& m : options.modes)
        md["REACH_" + m.mode.name + "_MODEL"] =
            format_plain(m.mode.speed_kmh) + " km/h, one-way streets " +
            (m.mode.honour_one_way ? "honoured" : "ignored") + ", bands " +
            list_text(m.bands.minutes) + " min, corridor " + format_plain(m.bands.buffer_m) +
            " m each side of the reached streets";
    md["REACH_SNAP"] = "stations snapped onto the nearest street within " +
                       format_plain(options.snap_limit_m) +
                       " m; the station-to-street leg counts at the mode's speed";
    md["REACH_GRAPH"] = std::to_string(graph.node_count()) + " nodes, " +
                        std::to_string(graph.edges().size()) + " edges (" +
                        std::to_string(graph.one_way_edges()) + " one-way), " +
                        format_italian(graph.total_length_m() / 1000, 0) + " km" +
                        (step.roads_where.empty() ? "" : ", filter: " + step.roads_where);
    if (report.tor)
        md["NETWORK_TOR"] = "radius " + format_plain(step.tor.radius_m) +
                            " m; straight line: nearest part of the site; network: station to "
                            "street + streets + street to the site's nearest point";
    std::string line_speeds;
    for (const auto& [line, kmh] : step.time.rail.line_speed_kmh)
        line_speeds += (line_speeds.empty() ? " (" : ", ") + line + " " + format_plain(kmh);
    if (!line_speeds.empty()) line_speeds += " km/h)";
    if (report.time)
        md["TRAVEL_TIME_MODEL"] =
            "a model, not a timetable: origin " + step.time.origin + "; access " +
            format_plain(step.time.access_speed_kmh) + " km/h over the straight line x " +
            format_plain(step.time.detour_factor) +
            " from the comune's centroid to its nearest "
            "served station; rail " +
            format_plain(step.time.rail.default_speed_kmh) + " km/h unless set per line" +
            line_speeds + ", dwell " + format_plain(step.time.rail.dwell_s) +
            " s per stop, transfer " + format_plain(step.time.rail.transfer_s) +
            " s; classes are upper bounds (t <= 15 -> 15 minuti)";
    std::string sources;
    for (const auto& s : report.sources) sources += (sources.empty() ? "" : " | ") + s;
    md["SOURCES"] = sources;

    OutputSet outputs;
    outputs.geopackage = "reach.gpkg";
    outputs.metadata = md;
    outputs.geopackage_layers.push_back(&report.reach.stations.stations);
    for (const Layer& l : report.reach.isochrones) outputs.geopackage_layers.push_back(&l);
    outputs.geopackage_layers.push_back(&report.reach.nodes);
    outputs.csv.push_back({"stations_snapped.csv", &report.reach.stations.stations});
    if (report.tor) {
        outputs.geopackage_layers.push_back(&report.tor->sites);
        outputs.csv.push_back({"tor_network.csv", &report.tor->sites});
    }
    if (report.time) {
        outputs.geopackage_layers.push_back(&report.time->comuni);
        outputs.geopackage_layers.push_back(&report.time->stations);
        outputs.csv.push_back({"travel_time_comuni.csv", &report.time->comuni});
    }
    report.files = write_output_set(outputs, context.output_dir() / step.out);
    report.seconds["write"] = seconds(start);

    // For the maps.
    for (std::size_t m = 0; m < options.modes.size(); ++m)
        context.produced["reach:" + options.modes[m].mode.name] =
            report.reach.isochrones[m].clone();
    context.produced["reach:stations"] = report.reach.stations.stations.clone();
    context.produced["reach:roads"] = roads.layer.clone();
    if (report.tor) context.produced["reach:tor_network"] = report.tor->sites.clone();
    if (report.time) {
        context.produced["reach:travel_time"] = report.time->comuni.clone();
        context.produced["reach:rail_times"] = report.time->stations.clone();
    }
    progress.clear();
    return report;
}

std::string describe_reach(const ReachStepReport& report) {
    const RoadGraph& graph = *report.graph;
    std::string out = "Road graph: " + report.metadata.at("REACH_GRAPH") + "; " +
                      std::to_string(graph.components().sizes.size()) + " component(s)\n";
    out += "Stations: " + std::to_string(report.reach.stations.snaps.size()) + " of " +
           std::to_string(report.reach.stations.stations.size()) + " on the graph\n";
    for (const auto& n : report.reach.notes) out += "  note: " + n + "\n";
    TextTable bands({"mode", "band", "area km²", "streets km"}, {false, false, true, true});
    for (const Layer& l : report.reach.isochrones)
        for (std::size_t i = l.size(); i-- > 0;)
            bands.add({l.column("mode").text(i), l.column("label").text(i),
                       format_italian(l.column("area_km2").real(i), 2),
                       format_italian(l.column("street_km").real(i), 1)});
    out += bands.render();
    if (report.tor) {
        const NetworkTorResult& t = *report.tor;
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
    if (report.time) {
        const TravelTimeResult& t = *report.time;
        std::map<std::string, int> counts;
        const Layer& c = t.comuni;
        for (std::size_t i = 0; i < c.size(); ++i) ++counts[c.column("class").text(i)];
        out += "Travel time from " + t.origin_name + " (station " + t.origin_id +
               "; a model, not a timetable): ";
        for (const auto& label : t.class_labels)
            out += label + " " + std::to_string(counts[label]) + "; ";
        out += "\n";
        for (const auto& n : t.notes) out += "  note: " + n + "\n";
    }
    auto phase = [&](const char* name) {  // 0 for a phase that did not run
        const auto it = report.seconds.find(name);
        return it == report.seconds.end() ? 0.0 : it->second;
    };
    char timing[200];
    std::snprintf(timing, sizeof timing,
                  "  time: graph %.2f s, isochrones %.2f s, network TOR %.2f s, travel time "
                  "%.2f s, write %.2f s\n",
                  phase("graph"), phase("isochrones"), phase("network_tor"), phase("travel_time"),
                  phase("write"));
    out += timing;
    for (std::size_t m = 0; m < report.reach.shortest_paths_s.size(); ++m) {
        std::snprintf(timing, sizeof timing,
                      "  %s: shortest paths from all stations %.4f s, isochrone polygons %.3f s\n",
                      report.reach.isochrones[m].column("mode").text(0).c_str(),
                      report.reach.shortest_paths_s[m], report.reach.polygons_s[m]);
        out += timing;
    }
    out += "  outputs:\n";
    for (const auto& f : report.files) out += "    " + f + "\n";
    return out;
}

}  // namespace atlante
