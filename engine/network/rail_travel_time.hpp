// Rail travel time from one origin station to every station of a station-to-station graph, by a
// stated model, not a timetable: each hop takes its distance at the line's speed plus a dwell
// time at the stop it reaches; changing line at a station costs a transfer time. Boost.Graph
// Dijkstra over (station, line) states, so the transfer is counted where it happens.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace atlante {

struct RailHop {
    std::string from, to;  // station ids
    std::string line;      // line name (hops of one line form that line)
    double km = 0;
};

struct RailModel {
    double default_speed_kmh = 60;                 // commercial speed of a line not listed
    std::map<std::string, double> line_speed_kmh;  // per line name
    double dwell_s = 60;                           // at every stop reached
    double transfer_s = 300;                       // changing line at a station
};

// Throws unless speeds are positive and times not negative.
void check_rail_model(const RailModel& model);

struct RailTimes {
    std::map<std::string, double> seconds;     // station id -> time from the origin
    std::map<std::string, std::string> lines;  // station id -> the line it is reached on
};

// Throws when the origin is not a station of the graph. Stations the origin cannot reach are
// absent from the result.
RailTimes rail_travel_times(const std::vector<RailHop>& hops, const std::string& origin,
                            const RailModel& model);

}  // namespace atlante
