// Multi-source shortest paths over a road graph (Boost.Graph Dijkstra), for one travel mode:
// every node gets the time from the nearest source along the network and which source that is.
// Sources sit on edges (snapped), so the first leg runs along part of an edge in whichever
// directions the mode may use; the walk from the source to the road (the snap distance) counts
// at the same speed.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "engine/network/road_graph.hpp"

namespace atlante {

struct TravelMode {
    std::string name = "walk";
    double speed_kmh = 4.8;
    bool honour_one_way = false;  // walking ignores one-way streets, cycling honours them

    double metres_per_second() const { return speed_kmh / 3.6; }
    // Throws unless the speed is a positive finite number.
    void check() const;
    bool may_go_forward(const RoadEdge& e) const { return !honour_one_way || e.forward; }
    bool may_go_backward(const RoadEdge& e) const { return !honour_one_way || e.backward; }
};

inline constexpr std::size_t kNoSource = std::numeric_limits<std::size_t>::max();

struct NetworkReach {
    std::vector<double> seconds;      // per node; infinity where no source reaches
    std::vector<std::size_t> source;  // per node: index into the sources, or kNoSource
    std::size_t reached = 0;          // nodes with a finite time
};

NetworkReach multi_source_reach(const RoadGraph& graph, const std::vector<RoadSnap>& sources,
                                const TravelMode& mode);

// The time to a point on the graph (e.g. a site snapped onto it), and from which source: through
// either end of its edge, or straight along the edge from a source on the same edge. The snap
// distance of the target is not included.
struct PointReach {
    double seconds = std::numeric_limits<double>::infinity();
    std::size_t source = kNoSource;
};
PointReach reach_of(const RoadGraph& graph, const NetworkReach& reach,
                    const std::vector<RoadSnap>& sources, const TravelMode& mode,
                    const RoadSnap& target);

// What a time budget covers: every edge stretch reachable within `budget_s` (whole edges, and
// the last edge cut where the budget ends), plus the legs from each source to the road.
std::vector<Polyline> reached_within(const RoadGraph& graph, const NetworkReach& reach,
                                     const std::vector<RoadSnap>& sources, const TravelMode& mode,
                                     double budget_s);

}  // namespace atlante
