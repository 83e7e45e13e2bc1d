#include "engine/network/rail_travel_time.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cmath>
#include <limits>

#include "layers/error.hpp"

namespace atlante {

void check_rail_model(const RailModel& model) {
    auto positive = [](double v) { return std::isfinite(v) && v > 0; };
    if (!positive(model.default_speed_kmh))
        throw Error("rail: the default line speed must be a positive number of km/h");
    for (const auto& [line, speed] : model.line_speed_kmh)
        if (!positive(speed))
            throw Error("rail: the speed of line '" + line + "' must be a positive number of km/h");
    if (!(model.dwell_s >= 0) || !(model.transfer_s >= 0))
        throw Error("rail: dwell and transfer times must be zero or more");
}

RailTimes rail_travel_times(const std::vector<RailHop>& hops, const std::string& origin,
                            const RailModel& model) {
    check_rail_model(model);
    // One graph node per (station, line) a hop touches.
    std::map<std::pair<std::string, std::string>, std::size_t> state_of;
    std::vector<std::pair<std::string, std::string>> states;
    auto state = [&](const std::string& station, const std::string& line) {
        const auto [it, added] = state_of.emplace(std::make_pair(station, line), states.size());
        if (added) states.emplace_back(station, line);
        return it->second;
    };
    for (const RailHop& h : hops) {
        state(h.from, h.line);
        state(h.to, h.line);
    }
    const std::size_t root = states.size();
    using Graph =
        boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                              boost::property<boost::edge_weight_t, double>>;
    Graph g(root + 1);
    for (const RailHop& h : hops) {
        if (!(h.km >= 0))
            throw Error("rail: the hop " + h.from + " - " + h.to + " has no valid distance");
        const auto speed = model.line_speed_kmh.find(h.line);
        const double kmh =
            speed == model.line_speed_kmh.end() ? model.default_speed_kmh : speed->second;
        const double seconds = h.km / kmh * 3600 + model.dwell_s;
        boost::add_edge(state_of.at({h.from, h.line}), state_of.at({h.to, h.line}), seconds, g);
        boost::add_edge(state_of.at({h.to, h.line}), state_of.at({h.from, h.line}), seconds, g);
    }
    // Transfers between the lines meeting at a station; the origin is boarded on any line.
    bool origin_found = false;
    for (auto a = state_of.begin(); a != state_of.end();) {
        auto b = a;
        while (b != state_of.end() && b->first.first == a->first.first) ++b;
        for (auto x = a; x != b; ++x)
            for (auto y = a; y != b; ++y)
                if (x != y) boost::add_edge(x->second, y->second, model.transfer_s, g);
        if (a->first.first == origin) {
            origin_found = true;
            for (auto x = a; x != b; ++x) boost::add_edge(root, x->second, 0.0, g);
        }
        a = b;
    }
    if (!origin_found) throw Error("rail: the origin station '" + origin + "' is on no rail edge");
    std::vector<double> distance(root + 1);
    boost::dijkstra_shortest_paths(
        g, root,
        boost::distance_map(distance.data()).distance_inf(std::numeric_limits<double>::infinity()));
    RailTimes times;
    for (std::size_t i = 0; i < states.size(); ++i) {
        if (!std::isfinite(distance[i])) continue;
        const auto& [station, line] = states[i];
        const auto it = times.seconds.find(station);
        if (it == times.seconds.end() || distance[i] < it->second) {
            times.seconds[station] = distance[i];
            times.lines[station] = line;
        }
    }
    times.seconds[origin] = 0;  // no dwell at the start
    return times;
}

}  // namespace atlante
