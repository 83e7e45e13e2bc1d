#include "engine/analyses/travel_time.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "engine/proximity/within_distance.hpp"
#include "layers/ascii_case.hpp"
#include "layers/error.hpp"

namespace atlante {

std::string travel_class(double minutes, const std::vector<double>& bounds,
                         const TimeLabels& labels) {
    for (double b : bounds)
        if (minutes <= b) return labels.band(b);
    return labels.above(bounds.back());
}

TravelTimeResult travel_time(const Layer& comuni, const Layer& stations, const Layer& rail_edges,
                             const TravelTimeOptions& options) {
    check_rail_model(options.rail);
    if (!std::isfinite(options.access_speed_kmh) || options.access_speed_kmh <= 0)
        throw Error("travel time: the access speed must be a positive number of km/h");
    if (!std::isfinite(options.detour_factor) || options.detour_factor < 1)
        throw Error("travel time: the detour factor must be 1 or more");
    const auto& bounds = options.class_minutes;
    if (bounds.empty()) throw Error("travel time: no classes given");
    for (std::size_t i = 0; i < bounds.size(); ++i)
        if (!(bounds[i] > 0) || (i > 0 && bounds[i] <= bounds[i - 1]))
            throw Error("travel time: class bounds must be positive and increasing");

    // The rail graph.
    std::vector<RailHop> hops;
    const Column& from = rail_edges.column(options.rail_from);
    const Column& to = rail_edges.column(options.rail_to);
    const Column& line = rail_edges.column(options.rail_line);
    const Column& km = rail_edges.column(options.rail_km);
    for (std::size_t row = 0; row < rail_edges.size(); ++row) {
        if (from.is_null(row) || to.is_null(row))
            throw Error(
                rail_edges.where(row, from.is_null(row) ? options.rail_from : options.rail_to),
                "rail edge without a station id");
        const std::optional<double> length = km.number(row);
        if (!length || !(*length >= 0))
            throw Error(rail_edges.where(row, options.rail_km), "rail edge without a distance");
        hops.push_back(
            {from.text(row), to.text(row), line.is_null(row) ? "" : line.text(row), *length});
    }
    // The origin, by name.
    TravelTimeResult result;
    const Column& ids = stations.column(options.station_id);
    const Column& names = stations.column(options.station_name);
    for (std::size_t row = 0; row < stations.size(); ++row)
        if (!names.is_null(row) && ascii_lower(names.text(row)) == ascii_lower(options.origin) &&
            !ids.is_null(row)) {
            // Several stations may share the name (a metro stop): take one on the rail graph.
            const std::string id = ids.text(row);
            const bool on_graph = std::any_of(hops.begin(), hops.end(), [&](const RailHop& h) {
                return h.from == id || h.to == id;
            });
            if (on_graph && (result.origin_id.empty() || id < result.origin_id)) {
                result.origin_id = id;
                result.origin_name = names.text(row);
            }
        }
    if (result.origin_id.empty())
        throw Error(stations.where({}, options.station_name),
                    "no station named '" + options.origin + "' on the rail graph");
    const RailTimes times = rail_travel_times(hops, result.origin_id, options.rail);

    // Served stations: those the origin reaches.
    result.stations = Layer("rail_times", stations.crs(), true);
    result.stations.add_fields({{"station_id", FieldType::String, false},
                                {"name", FieldType::String, true},
                                {"rail_min", FieldType::Real, false},
                                {"line", FieldType::String, true}});
    std::vector<std::size_t> served;
    for (std::size_t row = 0; row < stations.size(); ++row) {
        if (ids.is_null(row)) continue;
        const auto it = times.seconds.find(ids.text(row));
        if (it == times.seconds.end()) continue;
        served.push_back(row);
        result.stations.append(
            stations.id(row), stations.geometry(row).clone(),
            {ids.text(row), names.is_null(row) ? Value{} : Value{names.text(row)}, it->second / 60,
             times.lines.at(ids.text(row))});
    }
    if (served.size() < stations.size())
        result.notes.push_back(std::to_string(stations.size() - served.size()) +
                               " stations are not reached from the origin on the rail graph");

    // Comuni: each goes to its nearest served station.
    const WithinDistance served_index(result.stations);
    Layer& out = result.comuni = comuni.clone();
    out.set_name("travel_time_comuni");
    const std::size_t first = out.add_fields({{"station", FieldType::String, true},
                                              {"access_km", FieldType::Real, true},
                                              {"access_min", FieldType::Real, true},
                                              {"rail_min", FieldType::Real, true},
                                              {"total_min", FieldType::Real, true},
                                              {"class", FieldType::String, false}});
    for (std::size_t row = 0; row < out.size(); ++row) {
        const Geometry& area = out.geometry(row);
        if (!area || area.is_empty()) throw Error(comuni.where(row), "a comune has no geometry");
        Geometry point = area.centroid();
        if (!area.covers(point)) point = area.point_on_surface();
        const std::optional<SourceAtDistance> at = served_index.nearest(point);
        if (!at) {
            out.column(first + 5).set(row, options.labels.unreachable);
            continue;
        }
        const double nearest = at->distance;
        const std::size_t station = served[at->source];
        const double access_km = nearest * options.detour_factor / 1000;
        const double access_min = access_km / options.access_speed_kmh * 60;
        const double rail_min = times.seconds.at(ids.text(station)) / 60;
        out.column(first).set(row, names.is_null(station) ? Value{} : Value{names.text(station)});
        out.column(first + 1).set(row, access_km);
        out.column(first + 2).set(row, access_min);
        out.column(first + 3).set(row, rail_min);
        out.column(first + 4).set(row, access_min + rail_min);
        out.column(first + 5).set(row, travel_class(access_min + rail_min, bounds, options.labels));
    }
    for (double b : bounds) result.class_labels.push_back(options.labels.band(b));
    result.class_labels.push_back(options.labels.above(bounds.back()));
    result.class_labels.push_back(options.labels.unreachable);
    return result;
}

}  // namespace atlante
