// Isochrone polygons. For each time band, the stretches of road reached within it (see
// reached_within) become an area by a stated rule: every cell of a square grid whose centre lies
// within `buffer_m` of a reached stretch is in, and the cells are merged into polygons (GDAL
// polygonize). This is a buffer of the reached streets, unioned, to the grid's resolution; a
// vector buffer-and-union (GEOS) gives the same area but takes ~30 s per band on Torino's 1,600 km
// of streets, the grid well under a second. Bands are nested: 10 minutes contains 5 minutes.
#pragma once

#include <string>
#include <vector>

#include "engine/network/network_reach.hpp"
#include "layers/geometry.hpp"

namespace atlante {

struct IsochroneOptions {
    std::vector<double> minutes{5, 10, 15, 30};
    double buffer_m = 50;  // reach extends this far either side of a reached street
    double cell_m = 10;    // grid resolution of the polygons
};

struct Isochrone {
    double minutes = 0;
    Geometry area;
    double street_km = 0;  // length of the reached stretches
};

// Throws unless the bands are positive and strictly increasing, and width and cell positive.
void check_isochrone_options(const IsochroneOptions& options, const std::string& what);

// The area within `buffer_m` of the polylines, on a grid of `cell_m` cells.
Geometry corridor_area(const std::vector<Polyline>& lines, double buffer_m, double cell_m);

std::vector<Isochrone> isochrones(const RoadGraph& graph, const NetworkReach& reach,
                                  const std::vector<RoadSnap>& sources, const TravelMode& mode,
                                  const IsochroneOptions& options);

}  // namespace atlante
