// Walking and cycling reach from rail stations over a road graph: stations snapped onto the
// graph (farther than the snap limit: reported and left out, never dropped silently), one
// multi-source Dijkstra per mode, nested isochrone bands per mode, and every node's time and
// nearest station by network. Components of the graph are reported; stations snapped onto a
// small component are flagged.
#pragma once

#include <string>
#include <vector>

#include "engine/analyses/time_labels.hpp"
#include "engine/network/isochrones.hpp"
#include "layers/layer.hpp"

namespace atlante {

struct ModeBands {
    TravelMode mode;
    IsochroneOptions bands;
};

struct StationReachOptions {
    std::vector<ModeBands> modes{{{"walk", 4.8, false}, {{5, 10, 15, 30}, 50, 10}},
                                 {{"cycle", 15, true}, {{15, 30, 45}, 50, 10}}};
    double snap_limit_m = 250;
    std::size_t small_component_nodes = 100;  // a source on a smaller component is flagged
    std::string station_id = "id";
    std::string station_name = "name";
    TimeLabels labels;  // the bands' `label`
};

// Snaps of the stations that lie within the limit, and what happened to each station.
struct StationSnaps {
    std::vector<RoadSnap> snaps;     // of the snapped stations
    std::vector<std::size_t> rows;   // their rows in the station layer
    Layer stations;                  // every station: snap_m, status, component size
    std::vector<std::string> notes;  // stations left out, small components
};
StationSnaps snap_stations(const RoadGraph& graph, const Layer& stations,
                           const StationReachOptions& options);

struct StationReachResult {
    StationSnaps stations;
    std::vector<Layer> isochrones;    // per mode: one feature per band, widest first
    Layer nodes;                      // per node: minutes and nearest station per mode
    std::vector<NetworkReach> reach;  // per mode
    std::vector<double> shortest_paths_s, polygons_s;  // per mode: time spent on each
    std::vector<std::string> notes;
};

StationReachResult station_reach(const RoadGraph& graph, const Layer& stations,
                                 const StationReachOptions& options);

}  // namespace atlante
