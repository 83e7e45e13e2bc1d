#include "tests/support/raster_fixture.hpp"

#include <gdal.h>
#include <ogr_srs_api.h>

#include <stdexcept>
#include <vector>

namespace atlante::testing {

void write_geotiff(const std::string& path, const GridSpec& grid,
                   const std::function<double(int, int)>& value) {
    GDALAllRegister();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), grid.width,
                                 grid.height, 1, GDT_Float64, nullptr);
    if (!ds) throw std::runtime_error("cannot create " + path);
    double gt[6] = {grid.origin_x, grid.cell, 0, grid.origin_y, 0, -grid.cell};
    GDALSetGeoTransform(ds, gt);
    if (!grid.crs.empty()) {
        OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
        OSRSetFromUserInput(srs, grid.crs.c_str());
        GDALSetSpatialRef(ds, srs);
        OSRRelease(srs);
    }
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    if (grid.nodata) GDALSetRasterNoDataValue(band, *grid.nodata);
    std::vector<double> cells(static_cast<std::size_t>(grid.width) * grid.height);
    for (int r = 0; r < grid.height; ++r)
        for (int c = 0; c < grid.width; ++c)
            cells[static_cast<std::size_t>(r) * grid.width + c] = value(c, r);
    const CPLErr err = GDALRasterIO(band, GF_Write, 0, 0, grid.width, grid.height, cells.data(),
                                    grid.width, grid.height, GDT_Float64, 0, 0);
    GDALClose(ds);
    if (err != CE_None) throw std::runtime_error("cannot write " + path);
}

}  // namespace atlante::testing
