#include "layers/raster.hpp"
#include "layers/read_log.hpp"

#include <gdal.h>

#include <cmath>
#include <filesystem>
#include <limits>

namespace atlante {

static Crs raster_crs(GDALDatasetH ds, const std::string& path) {
    OGRSpatialReferenceH srs = GDALGetSpatialRef(ds);
    if (!srs)
        throw Error(ErrorContext{path, {}, {}, {}},
                    "the raster has no CRS: its cells cannot be placed");
    try {
        return Crs::from_ogr(srs);
    } catch (const Error& e) {
        throw Error(ErrorContext{path, {}, {}, {}}, "unreadable raster CRS: " + e.message());
    }
}

Raster::Raster(const std::string& path, int band)
    : path_(path), band_(band), crs_(Crs::from_user_input("EPSG:4326")) {
    gdal::ensure_registered();
    const ErrorContext here{path, {}, {}, {}};
    if (!std::filesystem::exists(path)) throw Error(here, "no such file");
    {
        gdal::ErrorCapture capture;
        dataset_.reset(
            GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
        if (!dataset_) throw Error(here, "cannot open as a raster: " + capture.last_error());
    }
    note_source_read(path);
    if (GDALGetRasterCount(dataset_.get()) < band)
        throw Error(here, "the raster has no band " + std::to_string(band));
    width_ = GDALGetRasterXSize(dataset_.get());
    height_ = GDALGetRasterYSize(dataset_.get());
    if (GDALGetGeoTransform(dataset_.get(), gt_) != CE_None)
        throw Error(here, "the raster has no geotransform: its cells cannot be placed");
    crs_ = raster_crs(dataset_.get(), path);
    int has_nodata = 0;
    const double nodata =
        GDALGetRasterNoDataValue(GDALGetRasterBand(dataset_.get(), band_), &has_nodata);
    if (has_nodata) nodata_ = nodata;
}

double Raster::cell_area() const { return std::abs(gt_[1] * gt_[5] - gt_[2] * gt_[4]); }

Envelope Raster::extent() const {
    Envelope e;
    for (double col : {0.0, static_cast<double>(width_)})
        for (double row : {0.0, static_cast<double>(height_)})
            e.expand(gt_[0] + col * gt_[1] + row * gt_[2], gt_[3] + col * gt_[4] + row * gt_[5]);
    return e;
}

std::optional<RasterWindow> Raster::read(const Envelope& box) const {
    if (!north_up())
        throw Error(ErrorContext{path_, {}, {}, {}}, "rotated rasters are not supported");
    // Columns/rows whose centres can lie in the box.
    auto col_of = [&](double x) { return (x - gt_[0]) / gt_[1] - 0.5; };
    auto row_of = [&](double y) { return (y - gt_[3]) / gt_[5] - 0.5; };
    double c0 = col_of(box.min_x), c1 = col_of(box.max_x), r0 = row_of(box.min_y),
           r1 = row_of(box.max_y);
    if (c0 > c1) std::swap(c0, c1);
    if (r0 > r1) std::swap(r0, r1);
    const int x0 = std::max(0, static_cast<int>(std::ceil(c0))),
              x1 = std::min(width_ - 1, static_cast<int>(std::floor(c1)));
    const int y0 = std::max(0, static_cast<int>(std::ceil(r0))),
              y1 = std::min(height_ - 1, static_cast<int>(std::floor(r1)));
    if (x0 > x1 || y0 > y1) return std::nullopt;
    RasterWindow w{x0, y0, x1 - x0 + 1, y1 - y0 + 1, {}};
    w.values.resize(static_cast<std::size_t>(w.width) * w.height);
    gdal::ErrorCapture capture;
    if (GDALRasterIO(GDALGetRasterBand(dataset_.get(), band_), GF_Read, w.x0, w.y0, w.width,
                     w.height, w.values.data(), w.width, w.height, GDT_Float64, 0, 0) != CE_None)
        throw Error(ErrorContext{path_, {}, {}, {}}, "cannot read cells: " + capture.last_error());
    if (nodata_)
        for (double& v : w.values)
            if (v == *nodata_ || std::isnan(v)) v = std::numeric_limits<double>::quiet_NaN();
    return w;
}

}  // namespace atlante
