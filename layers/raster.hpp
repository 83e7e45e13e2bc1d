// A single-band raster (e.g. a DEM) read through GDAL: its CRS, its grid, and windows of cell
// values as doubles, nodata cells as NaN.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "layers/crs.hpp"
#include "layers/error.hpp"
#include "layers/gdal_handles.hpp"

namespace atlante {

struct RasterWindow {
    int x0 = 0, y0 = 0, width = 0, height = 0;  // in cells
    std::vector<double> values;                 // row-major; NaN for nodata
    double at(int col, int row) const {
        return values[static_cast<std::size_t>(row) * width + col];
    }
};

class Raster {
  public:
    // Opens band `band` (1-based) of any GDAL raster; throws naming the file when it cannot, or
    // when it has no CRS (cells cannot be placed without one).
    explicit Raster(const std::string& path, int band = 1);

    const std::string& path() const { return path_; }
    const Crs& crs() const { return crs_; }
    int width() const { return width_; }
    int height() const { return height_; }
    // Map coordinates of the centre of cell (col, row); cell (col, row) of the window at (x, y).
    double centre_x(int col, int row) const {
        return gt_[0] + (col + 0.5) * gt_[1] + (row + 0.5) * gt_[2];
    }
    double centre_y(int col, int row) const {
        return gt_[3] + (col + 0.5) * gt_[4] + (row + 0.5) * gt_[5];
    }
    double cell_area() const;
    bool north_up() const { return gt_[2] == 0 && gt_[4] == 0; }
    Envelope extent() const;
    // The cells whose centres may fall inside `box` (clamped to the raster), read.
    std::optional<RasterWindow> read(const Envelope& box) const;

  private:
    std::string path_;
    gdal::DatasetPtr dataset_;
    int band_ = 1;
    int width_ = 0, height_ = 0;
    double gt_[6] = {0, 1, 0, 0, 0, -1};
    std::optional<double> nodata_;
    Crs crs_;
};

}  // namespace atlante
