// TOR along the road network beside TOR in a straight line: for every brownfield, the distance
// to the nearest station in a straight line (nearest part of the site, as the TOR step measures)
// and along the network (station to road + streets + road to the site's nearest point), and
// whether each is within the radius. Sites or stations off the graph are reported as such.
#pragma once

#include <string>
#include <vector>

#include "engine/analyses/station_reach.hpp"

namespace atlante {

// The words of the `status` column (the caller's language).
struct NetworkTorStatus {
    std::string both = "within the radius both ways";
    std::string straight_only = "in a straight line only";
    std::string network_only = "along the network only";
    std::string neither = "outside both ways";
    // The site, or the station nearest to it, lies beyond the street graph: no comparison.
    std::string off_graph = "off the street graph";
};

struct NetworkTorOptions {
    double radius_m = 1500;
    double snap_limit_m = 250;  // a site farther than this from any street is "off the graph"
    std::string id_field = "id";
    std::string name_field = "name";
    std::string station_name = "name";
    NetworkTorStatus status;
};

struct NetworkTorResult {
    // One row per brownfield: id, name, straight_m, straight_station, network_m,
    // network_station, site_to_road_m, straight_within, network_within, status, differs.
    Layer sites;
    std::size_t within_straight = 0, within_network = 0, differing = 0, off_graph = 0;
};

// `snaps` are the stations' snaps (see snap_stations), `rows` their rows in `stations`.
NetworkTorResult network_tor(const RoadGraph& graph, const Layer& stations,
                             const StationSnaps& snapped, const Layer& brownfields,
                             const NetworkTorOptions& options);

}  // namespace atlante
