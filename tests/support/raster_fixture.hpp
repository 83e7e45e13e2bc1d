// Small GeoTIFF fixtures written with GDAL, for zonal statistics and DEM bands.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace atlante::testing {

struct GridSpec {
    double origin_x = 0, origin_y = 0;  // top-left corner
    double cell = 100;                  // square cells, metres
    int width = 4, height = 4;
    std::string crs = "EPSG:32632";  // empty: no CRS
    std::optional<double> nodata;
};

// Writes a one-band Float64 GeoTIFF whose cell (col, row) holds value(col, row).
void write_geotiff(const std::string& path, const GridSpec& grid,
                   const std::function<double(int col, int row)>& value);

}  // namespace atlante::testing
