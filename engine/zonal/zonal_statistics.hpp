// Zonal statistics of a raster (a DEM) per polygon. A cell belongs to a polygon when its centre
// lies inside it (even-odd rule over all rings, so holes are excluded; a centre exactly on the
// left edge of a span is in, on the right edge out). The polygons are reprojected into the
// raster's CRS; the raster is never resampled.
#pragma once

#include <cstddef>
#include <vector>

#include "layers/layer.hpp"
#include "layers/raster.hpp"

namespace atlante {

struct ZonalStatistics {
    std::size_t cells = 0;         // cells with a value
    std::size_t nodata_cells = 0;  // cells inside but without a value
    double mean = 0, median = 0, min = 0, max = 0;
    double share_above = 0;  // share of cells (with a value) strictly above the threshold
};

// One entry per polygon row (cells = 0 where no cell centre falls inside). Throws when no
// polygon overlaps the raster at all.
std::vector<ZonalStatistics> zonal_statistics(const Raster& raster, const Layer& polygons,
                                              double threshold,
                                              const TransformOptions& transform = {});

}  // namespace atlante
