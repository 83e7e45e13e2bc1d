// Turns a grid of marked cells into polygons (GDAL's GDALPolygonize over an in-memory raster):
// the area covered by the cells whose mask is non-zero, as one (multi)polygon in the grid's CRS.
#pragma once

#include <cstdint>
#include <vector>

#include "layers/geometry.hpp"

namespace atlante {

struct CellGrid {
    double min_x = 0, max_y = 0;  // the grid's top-left corner
    double cell = 10;             // square cells, in CRS units
    int width = 0, height = 0;
};

// `mask` holds width × height bytes, row by row from the top. Empty mask: empty geometry.
Geometry polygonize_mask(const std::vector<std::uint8_t>& mask, const CellGrid& grid);

}  // namespace atlante
