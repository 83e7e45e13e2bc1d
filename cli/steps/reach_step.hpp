// The `reach` step: walking and cycling isochrones from the stations over the road graph,
// network TOR beside straight-line TOR, and the modelled travel time from Torino Porta Susa to
// every comune. Writes reach/reach.gpkg (a layer per result) and CSV tables; later maps draw
// "reach:walk", "reach:cycle", "reach:stations", "reach:roads", "reach:tor_network",
// "reach:travel_time" and "reach:rail_times".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/steps/step_context.hpp"
#include "engine/analyses/network_tor.hpp"
#include "engine/analyses/station_reach.hpp"
#include "engine/analyses/travel_time.hpp"
#include "engine/config/strict_table.hpp"

namespace atlante {

struct ReachStep {
    std::string stations = "catalog";  // or a point source
    bool include_metro = false;
    std::string roads = "catalog";  // or a line source
    std::string roads_where;        // OGR SQL filter on the road edges
    RoadGraphOptions road_fields;   // for a road source other than the catalogue
    StationReachOptions reach;
    // Network TOR (skipped when brownfields is empty).
    std::string brownfields;  // a source, or "demo"
    NetworkTorOptions tor;
    // Travel time from the origin (skipped when false).
    bool travel_time = true;
    TravelTimeOptions time;
    std::string out = "reach";
};

ReachStep read_reach_step(const StrictTable& table);

struct ReachStepReport {
    std::optional<RoadGraph> graph;
    StationReachResult reach;
    std::optional<NetworkTorResult> tor;
    std::optional<TravelTimeResult> time;
    std::map<std::string, std::string> metadata;
    std::map<std::string, double> seconds;  // per phase
    std::vector<std::string> files;
    std::vector<std::string> sources;
};

ReachStepReport run_reach_step(const ReachStep& step, StepContext& context);
std::string describe_reach(const ReachStepReport& report);

}  // namespace atlante
