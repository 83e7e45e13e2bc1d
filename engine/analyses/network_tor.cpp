#include "engine/analyses/network_tor.hpp"

#include <algorithm>
#include <cmath>

#include "engine/analyses/tor.hpp"
#include "engine/proximity/within_distance.hpp"
#include "layers/error.hpp"

namespace atlante {

NetworkTorResult network_tor(const RoadGraph& graph, const Layer& stations,
                             const StationSnaps& snapped, const Layer& brownfields,
                             const NetworkTorOptions& options) {
    check_tor_radius(options.radius_m);
    // At 1 m/s, seconds are metres: the distance mode ignores one-way rules, as walking does.
    const TravelMode metres{"distance", 3.6, false};
    const NetworkReach reach = multi_source_reach(graph, snapped.snaps, metres);
    const Column* names = brownfields.field_index(options.name_field)
                              ? &brownfields.column(options.name_field)
                              : nullptr;
    const Column& ids = brownfields.column(options.id_field);
    auto station_name = [&](std::size_t row) -> std::string {
        const Column& c = stations.column(options.station_name);
        return c.is_null(row) ? std::string() : c.text(row);
    };

    if (stations.empty()) throw Error(stations.where(), "network TOR needs stations");
    const WithinDistance nearest_station(stations);
    NetworkTorResult result;
    Layer& out = result.sites = Layer("tor_network", brownfields.crs(), true);
    out.add_fields({{"id", FieldType::String, false},
                    {"name", FieldType::String, true},
                    {"straight_m", FieldType::Real, false},
                    {"straight_station", FieldType::String, true},
                    {"network_m", FieldType::Real, true},
                    {"network_station", FieldType::String, true},
                    {"site_to_road_m", FieldType::Real, true},
                    {"straight_within", FieldType::Integer, false},
                    {"network_within", FieldType::Integer, true},
                    {"status", FieldType::String, false},
                    {"differs", FieldType::Integer, false}});
    for (std::size_t row = 0; row < brownfields.size(); ++row) {
        const Geometry& site = brownfields.geometry(row);
        if (!site || site.is_empty())
            throw Error(brownfields.where(row), "a brownfield has no geometry");
        // Straight line: to the nearest part of the site (as TOR measures).
        const SourceAtDistance nearest = *nearest_station.nearest(site);
        const double straight = nearest.distance;
        const std::size_t straight_row = nearest.source;
        const bool straight_within = straight <= options.radius_m;
        result.within_straight += straight_within ? 1 : 0;
        const std::optional<RoadSnap> at = graph.snap(site, options.snap_limit_m);
        PointReach along;
        if (at) along = reach_of(graph, reach, snapped.snaps, metres, *at);
        // Comparable only when the site's nearest station is on the graph too: a site next to a
        // station beyond the street graph would otherwise look far "along the network".
        const bool station_on_graph =
            std::find(snapped.rows.begin(), snapped.rows.end(), straight_row) != snapped.rows.end();
        const bool on_graph = at && std::isfinite(along.seconds) && station_on_graph;
        const double network = on_graph ? along.seconds + at->distance_m : NAN;
        const bool network_within = on_graph && network <= options.radius_m;
        const NetworkTorStatus& words = options.status;
        const std::string& status = !on_graph                           ? words.off_graph
                                    : straight_within && network_within ? words.both
                                    : straight_within                   ? words.straight_only
                                    : network_within                    ? words.network_only
                                                                        : words.neither;
        const bool differs = on_graph && straight_within != network_within;
        result.within_network += network_within ? 1 : 0;
        result.differing += differs ? 1 : 0;
        result.off_graph += on_graph ? 0 : 1;
        out.append(brownfields.id(row), site.clone(),
                   {ids.is_null(row) ? std::string() : ids.text(row),
                    names && !names->is_null(row) ? Value{names->text(row)} : Value{}, straight,
                    station_name(straight_row), on_graph ? Value{network} : Value{},
                    on_graph ? Value{station_name(snapped.rows[along.source])} : Value{},
                    at ? Value{at->distance_m} : Value{}, std::int64_t{straight_within},
                    on_graph ? Value{std::int64_t{network_within}} : Value{}, std::string(status),
                    std::int64_t{differs}});
    }
    return result;
}

}  // namespace atlante
