#include "engine/analyses/station_reach.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>

#include "layers/error.hpp"

namespace atlante {

static std::string text_or_empty(const Layer& layer, const std::string& field, std::size_t row) {
    const Column& c = layer.column(field);
    return c.is_null(row) ? std::string() : c.text(row);
}

StationSnaps snap_stations(const RoadGraph& graph, const Layer& stations,
                           const StationReachOptions& options) {
    if (!std::isfinite(options.snap_limit_m) || options.snap_limit_m <= 0)
        throw Error("the snap limit must be a positive number of metres");
    StationSnaps out;
    out.stations = Layer("stations", stations.crs(), true);
    out.stations.add_fields({{"station_id", FieldType::String, false},
                             {"name", FieldType::String, true},
                             {"snap_m", FieldType::Real, true},
                             {"component_nodes", FieldType::Integer, true},
                             {"status", FieldType::String, false},
                             {"edge_from", FieldType::String, true},
                             {"edge_to", FieldType::String, true},
                             {"edge_fraction", FieldType::Real, true},
                             {"snap_x", FieldType::Real, true},
                             {"snap_y", FieldType::Real, true}});
    std::size_t far = 0;
    std::string far_names;
    for (std::size_t row = 0; row < stations.size(); ++row) {
        const Geometry& g = stations.geometry(row);
        if (!g || g.kind() != GeometryKind::Point)
            throw Error(stations.where(row), "a station must be a point");
        const std::string id = text_or_empty(stations, options.station_id, row);
        const std::string name = text_or_empty(stations, options.station_name, row);
        const std::optional<RoadSnap> snap =
            g.is_empty() ? std::nullopt : graph.snap(g, options.snap_limit_m);
        if (!snap) {
            ++far;
            if (far <= 5) far_names += (far_names.empty() ? "" : ", ") + name;
            out.stations.append(stations.id(row), g.clone(),
                                {id, name, Value{}, Value{}, std::string("beyond the snap limit"),
                                 Value{}, Value{}, Value{}, Value{}, Value{}});
            continue;
        }
        const std::size_t component = graph.components().of_node[graph.edges()[snap->edge].from];
        const std::size_t size = graph.components().sizes[component];
        const bool tiny =
            size < options.small_component_nodes && component != graph.components().largest;
        // Where on which edge, so that other tools (pgRouting) can start from the same points.
        const RoadEdge& e = graph.edges()[snap->edge];
        out.stations.append(
            stations.id(row), g.clone(),
            {id, name, snap->distance_m, static_cast<std::int64_t>(size),
             std::string(tiny ? "snapped, small component" : "snapped"), graph.node_id(e.from),
             graph.node_id(e.to), e.length_m > 0 ? snap->offset_m / e.length_m : 0.0,
             snap->on_graph.first, snap->on_graph.second});
        if (tiny)
            out.notes.push_back("station '" + name + "' lies on a component of " +
                                std::to_string(size) + " nodes: its reach is cut short");
        out.snaps.push_back(*snap);
        out.rows.push_back(row);
    }
    if (far > 0)
        out.notes.push_back(std::to_string(far) + " of " + std::to_string(stations.size()) +
                            " stations lie farther than " +
                            std::to_string(int(options.snap_limit_m)) +
                            " m from the road graph and are left out (e.g. " + far_names + ")");
    if (out.snaps.empty())
        throw Error("no station lies within " + std::to_string(options.snap_limit_m) +
                    " m of the road graph");
    return out;
}

StationReachResult station_reach(const RoadGraph& graph, const Layer& stations,
                                 const StationReachOptions& options) {
    for (const ModeBands& m : options.modes) {
        m.mode.check();
        check_isochrone_options(m.bands, m.mode.name + " bands");
    }
    StationReachResult result;
    result.stations = snap_stations(graph, stations, options);
    const RoadComponents& components = graph.components();
    if (components.sizes.size() > 1)
        result.notes.push_back("the road graph has " + std::to_string(components.sizes.size()) +
                               " components; the largest holds " +
                               std::to_string(components.sizes[components.largest]) + " of " +
                               std::to_string(graph.node_count()) + " nodes");
    for (const std::string& n : result.stations.notes) result.notes.push_back(n);

    result.nodes = Layer("nodes", stations.crs(), true);
    result.nodes.add_field({"node_id", FieldType::String, true});
    for (const ModeBands& m : options.modes) {
        result.nodes.add_field({m.mode.name + "_min", FieldType::Real, true});
        result.nodes.add_field({m.mode.name + "_station", FieldType::String, true});
    }
    const std::vector<RoadSnap>& snaps = result.stations.snaps;
    for (const ModeBands& m : options.modes) {
        auto start = std::chrono::steady_clock::now();
        auto since = [&start] {
            const auto now = std::chrono::steady_clock::now();
            const double s = std::chrono::duration<double>(now - start).count();
            start = now;
            return s;
        };
        result.reach.push_back(multi_source_reach(graph, snaps, m.mode));
        result.shortest_paths_s.push_back(since());
        const std::vector<Isochrone> bands =
            isochrones(graph, result.reach.back(), snaps, m.mode, m.bands);
        result.polygons_s.push_back(since());
        Layer layer(m.mode.name + "_isochrones", stations.crs(), true);
        layer.add_fields({{"minutes", FieldType::Real, false},
                          {"label", FieldType::String, false},
                          {"mode", FieldType::String, false},
                          {"speed_kmh", FieldType::Real, false},
                          {"area_km2", FieldType::Real, false},
                          {"street_km", FieldType::Real, false}});
        // Widest first, so drawing in order leaves the nearer bands on top.
        for (std::size_t k = bands.size(); k-- > 0;) {
            const Isochrone& b = bands[k];
            layer.append(static_cast<std::int64_t>(k + 1), b.area.clone(),
                         {b.minutes, options.labels.band(b.minutes), m.mode.name, m.mode.speed_kmh,
                          b.area.area() / 1e6, b.street_km});
        }
        result.isochrones.push_back(std::move(layer));
    }
    for (std::size_t v = 0; v < graph.node_count(); ++v) {
        // Filled one alternative at a time (GCC 12 misreads ternaries of variants).
        std::vector<Value> values(1 + 2 * result.reach.size());
        if (!graph.node_id(v).empty()) values[0] = graph.node_id(v);
        for (std::size_t m = 0; m < result.reach.size(); ++m) {
            const NetworkReach& r = result.reach[m];
            if (std::isfinite(r.seconds[v])) values[1 + 2 * m] = r.seconds[v] / 60;
            if (r.source[v] != kNoSource)
                values[2 + 2 * m] = text_or_empty(stations, options.station_name,
                                                  result.stations.rows[r.source[v]]);
        }
        result.nodes.append(static_cast<std::int64_t>(v + 1),
                            Geometry::point(graph.node(v).first, graph.node(v).second), values);
    }
    return result;
}

}  // namespace atlante
