// Isochrone polygons: for each time band, the stretches of road reached within it (see
// reached_within), buffered by a fixed width and unioned into one area (GEOS). Bands are nested:
// the 10-minute area contains the 5-minute one.
#pragma once

#include <vector>

#include "engine/network/network_reach.hpp"
#include "layers/geometry.hpp"

namespace atlante {

struct IsochroneOptions {
    std::vector<double> minutes{5, 10, 15, 30};
    double buffer_m = 50;       // half-width of the corridor drawn around each reached street
    int quadrant_segments = 4;  // buffer rounding: enough at this width, and fast
};

struct Isochrone {
    double minutes = 0;
    Geometry area;
    double street_km = 0;  // length of the reached stretches
};

// Throws unless the bands are positive and strictly increasing and the width positive.
void check_isochrone_options(const IsochroneOptions& options, const std::string& what);

std::vector<Isochrone> isochrones(const RoadGraph& graph, const NetworkReach& reach,
                                  const std::vector<RoadSnap>& sources, const TravelMode& mode,
                                  const IsochroneOptions& options);

}  // namespace atlante
