// Travel time from one origin station (the catalogue's: Torino Porta Susa) to every comune, by a
// stated model, not a timetable: the comune's access point (its centroid, or a point on its surface
// when the centroid falls outside) reaches its nearest served station in a straight line times a
// detour factor at an access speed, then rides the rail model (see rail_travel_time.hpp) to the
// origin. Totals are classed as the plan does: "15 minuti" (t <= 15), "30 minuti" (15 < t <= 30),
// …, "oltre 90 minuti"; a comune whose nearest station the origin cannot reach is "non
// raggiungibile" (in the caller's words: see TimeLabels).
#pragma once

#include <string>
#include <vector>

#include "engine/analyses/time_labels.hpp"
#include "engine/network/rail_travel_time.hpp"
#include "layers/layer.hpp"

namespace atlante {

struct TravelTimeOptions {
    std::string origin;  // station name (exact, case-insensitive); required
    RailModel rail;
    double access_speed_kmh = 30;  // to the station: car or bus feeder
    double detour_factor = 1.3;    // network distance / straight distance, for the access leg
    std::vector<double> class_minutes{15, 30, 45, 60, 75, 90};  // upper bounds, increasing
    TimeLabels labels;                                          // the `class` values
    // Fields.
    std::string station_id = "id";
    std::string station_name = "name";
    std::string rail_from = "from";
    std::string rail_to = "to";
    std::string rail_line = "line";
    std::string rail_km = "km";
    std::string comune_name = "name";
};

struct TravelTimeResult {
    Layer comuni;    // comuni + station, access_km, access_min, rail_min, total_min, class
    Layer stations;  // stations on the rail graph with rail_min and line
    std::string origin_id, origin_name;
    std::vector<std::string> class_labels;  // in order, "over …" and "unreachable" last
    std::vector<std::string> notes;
};

// The class label of a time in minutes (labels.above(last bound) above it).
std::string travel_class(double minutes, const std::vector<double>& bounds,
                         const TimeLabels& labels = {});

TravelTimeResult travel_time(const Layer& comuni, const Layer& stations, const Layer& rail_edges,
                             const TravelTimeOptions& options);

}  // namespace atlante
