#include "engine/network/network_reach.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cmath>

#include "layers/error.hpp"

namespace atlante {

void TravelMode::check() const {
    if (!std::isfinite(speed_kmh) || speed_kmh <= 0)
        throw Error("the " + name + " speed must be a positive number of km/h, not " +
                    std::to_string(speed_kmh));
}

namespace {

using WeightedGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                          boost::property<boost::edge_weight_t, double>>;

// Seconds from a source to the start of its edge's travel in each direction.
double leg_seconds(double metres, const TravelMode& mode) {
    return metres / mode.metres_per_second();
}

}  // namespace

NetworkReach multi_source_reach(const RoadGraph& graph, const std::vector<RoadSnap>& sources,
                                const TravelMode& mode) {
    mode.check();
    // Nodes: the road nodes, one node per source, and a root joined to every source at cost 0,
    // so one Dijkstra run serves all sources at once.
    const std::size_t n = graph.node_count();
    const std::size_t root = n + sources.size();
    WeightedGraph g(root + 1);
    for (const RoadEdge& e : graph.edges()) {
        const double t = leg_seconds(e.length_m, mode);
        if (mode.may_go_forward(e)) boost::add_edge(e.from, e.to, t, g);
        if (mode.may_go_backward(e)) boost::add_edge(e.to, e.from, t, g);
    }
    for (std::size_t s = 0; s < sources.size(); ++s) {
        const RoadSnap& snap = sources[s];
        const RoadEdge& e = graph.edges().at(snap.edge);
        const double access = leg_seconds(snap.distance_m, mode);
        boost::add_edge(root, n + s, access, g);
        if (mode.may_go_backward(e))
            boost::add_edge(n + s, e.from, leg_seconds(snap.offset_m, mode), g);
        if (mode.may_go_forward(e))
            boost::add_edge(n + s, e.to, leg_seconds(e.length_m - snap.offset_m, mode), g);
    }
    std::vector<double> distance(root + 1);
    std::vector<std::size_t> predecessor(root + 1);
    boost::dijkstra_shortest_paths(g, root,
                                   boost::distance_map(distance.data())
                                       .predecessor_map(predecessor.data())
                                       .distance_inf(std::numeric_limits<double>::infinity()));

    // Attribution: a node belongs to the source its shortest path starts from (followed back
    // through the predecessors; each chain is walked once).
    std::vector<std::size_t> owner(root + 1, kNoSource);
    for (std::size_t s = 0; s < sources.size(); ++s) owner[n + s] = s;
    NetworkReach result;
    result.seconds.assign(distance.begin(), distance.begin() + static_cast<std::ptrdiff_t>(n));
    result.source.assign(n, kNoSource);
    std::vector<std::size_t> chain;
    for (std::size_t v = 0; v < n; ++v) {
        if (!std::isfinite(distance[v])) continue;
        ++result.reached;
        std::size_t u = v;
        while (owner[u] == kNoSource && predecessor[u] != u) {
            chain.push_back(u);
            u = predecessor[u];
        }
        for (std::size_t c : chain) owner[c] = owner[u];
        chain.clear();
        result.source[v] = owner[v];
    }
    return result;
}

PointReach reach_of(const RoadGraph& graph, const NetworkReach& reach,
                    const std::vector<RoadSnap>& sources, const TravelMode& mode,
                    const RoadSnap& target) {
    const RoadEdge& e = graph.edges().at(target.edge);
    PointReach best;
    auto consider = [&](double seconds, std::size_t source) {
        if (seconds < best.seconds) best = {seconds, source};
    };
    // Arriving from the `from` node means travelling forward along the edge, and vice versa.
    if (mode.may_go_forward(e) && std::isfinite(reach.seconds[e.from]))
        consider(reach.seconds[e.from] + leg_seconds(target.offset_m, mode), reach.source[e.from]);
    if (mode.may_go_backward(e) && std::isfinite(reach.seconds[e.to]))
        consider(reach.seconds[e.to] + leg_seconds(e.length_m - target.offset_m, mode),
                 reach.source[e.to]);
    for (std::size_t s = 0; s < sources.size(); ++s) {
        if (sources[s].edge != target.edge) continue;
        const double along = target.offset_m - sources[s].offset_m;
        if ((along >= 0 && mode.may_go_forward(e)) || (along <= 0 && mode.may_go_backward(e)))
            consider(leg_seconds(sources[s].distance_m + std::abs(along), mode), s);
    }
    return best;
}

std::vector<Polyline> reached_within(const RoadGraph& graph, const NetworkReach& reach,
                                     const std::vector<RoadSnap>& sources, const TravelMode& mode,
                                     double budget_s) {
    const double speed = mode.metres_per_second();
    // Per edge, the stretches [from, to] (metres along it) reached within the budget.
    std::vector<std::vector<std::pair<double, double>>> stretches(graph.edges().size());
    for (std::size_t i = 0; i < graph.edges().size(); ++i) {
        const RoadEdge& e = graph.edges()[i];
        if (mode.may_go_forward(e) && reach.seconds[e.from] < budget_s)
            stretches[i].emplace_back(0, (budget_s - reach.seconds[e.from]) * speed);
        if (mode.may_go_backward(e) && reach.seconds[e.to] < budget_s)
            stretches[i].emplace_back(e.length_m - (budget_s - reach.seconds[e.to]) * speed,
                                      e.length_m);
    }
    std::vector<Polyline> out;
    for (const RoadSnap& s : sources) {
        const double left = budget_s - s.distance_m / speed;
        if (left <= 0) continue;
        const RoadEdge& e = graph.edges()[s.edge];
        const double metres = left * speed;
        stretches[s.edge].emplace_back(mode.may_go_backward(e) ? s.offset_m - metres : s.offset_m,
                                       mode.may_go_forward(e) ? s.offset_m + metres : s.offset_m);
        if (s.distance_m > 0) out.push_back({s.origin, s.on_graph});  // station to road
    }
    for (std::size_t i = 0; i < stretches.size(); ++i) {
        auto& parts = stretches[i];
        if (parts.empty()) continue;
        const RoadEdge& e = graph.edges()[i];
        for (auto& p : parts) p = {std::max(0.0, p.first), std::min(e.length_m, p.second)};
        std::sort(parts.begin(), parts.end());
        // Overlapping stretches merge; a whole edge comes out as its own geometry.
        double start = parts.front().first, end = parts.front().second;
        auto emit = [&](double a, double b) {
            if (b <= a) return;
            if (a <= 0 && b >= e.length_m)
                out.push_back(e.line);
            else if (Polyline piece = polyline_between(e.line, a, b); !piece.empty())
                out.push_back(std::move(piece));
        };
        for (std::size_t k = 1; k < parts.size(); ++k) {
            if (parts[k].first <= end) {
                end = std::max(end, parts[k].second);
            } else {
                emit(start, end);
                start = parts[k].first;
                end = parts[k].second;
            }
        }
        emit(start, end);
    }
    return out;
}

}  // namespace atlante
