// Altimetric bands from a DEM: zonal statistics per comune, then a rule. ISTAT's own zones
// (the authoritative method) need no DEM; this is the alternative when a planner wants bands
// from terrain. Thresholds follow ISTAT's definitions for northern Italy: montagna is relief
// "normally not below 600 m", pianura flat land up to about 300 m.
#pragma once

#include <string>
#include <vector>

#include "engine/zonal/zonal_statistics.hpp"
#include "layers/layer.hpp"
#include "layers/raster.hpp"

namespace atlante {

struct DemBandRule {
    double mountain_elevation_m = 600;  // cells above this count as mountain
    double mountain_share = 0.5;        // montagna when at least this share of cells is above
    double plain_mean_m = 300;          // pianura when the mean is at most this ...
    double plain_relief_m = 300;        // ... and max − min is at most this
    // The bands' names in the outputs (the caller's: the plan says montagna, collina, pianura).
    std::string mountain = "mountain", hill = "hill", plain = "plain";
};

// mountain / hill / plain (the rule's names) for one comune's statistics ("" when it has no cells).
std::string band_from_statistics(const ZonalStatistics& stats, const DemBandRule& rule);

// Sets `band_field` of every comune from the DEM and adds dem_mean_m, dem_median_m, dem_min_m,
// dem_max_m, dem_share_above, dem_cells. Comuni with no cell keep a null band (reported by id).
std::vector<std::int64_t> assign_dem_bands(Layer& comuni, const Raster& dem,
                                           const DemBandRule& rule, const std::string& band_field,
                                           const TransformOptions& transform = {});

}  // namespace atlante
