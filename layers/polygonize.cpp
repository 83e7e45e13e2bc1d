#include "layers/polygonize.hpp"

#include <gdal_alg.h>

#include "layers/error.hpp"
#include "layers/gdal_handles.hpp"

namespace atlante {

Geometry polygonize_mask(const std::vector<std::uint8_t>& mask, const CellGrid& grid) {
    if (mask.size() != static_cast<std::size_t>(grid.width) * static_cast<std::size_t>(grid.height))
        throw Error("polygonize: the mask does not match its grid");
    gdal::ensure_registered();
    gdal::ErrorCapture errors;
    GDALDriverH mem = GDALGetDriverByName("MEM");
    GDALDriverH memory_vector = GDALGetDriverByName("Memory");
    if (!mem || !memory_vector) throw Error("polygonize: GDAL's in-memory drivers are missing");
    gdal::DatasetPtr raster(GDALCreate(mem, "", grid.width, grid.height, 1, GDT_Byte, nullptr));
    if (!raster) throw Error("polygonize: cannot make a raster: " + errors.last_error());
    double transform[6] = {grid.min_x, grid.cell, 0, grid.max_y, 0, -grid.cell};
    GDALSetGeoTransform(raster.get(), transform);
    GDALRasterBandH band = GDALGetRasterBand(raster.get(), 1);
    if (GDALRasterIO(band, GF_Write, 0, 0, grid.width, grid.height,
                     const_cast<std::uint8_t*>(mask.data()), grid.width, grid.height, GDT_Byte, 0,
                     0) != CE_None)
        throw Error("polygonize: cannot fill the raster: " + errors.last_error());

    gdal::DatasetPtr vector(GDALCreate(memory_vector, "", 0, 0, 0, GDT_Unknown, nullptr));
    if (!vector) throw Error("polygonize: cannot make a vector layer: " + errors.last_error());
    OGRLayerH layer = GDALDatasetCreateLayer(vector.get(), "cells", nullptr, wkbPolygon, nullptr);
    OGRFieldDefnH field = OGR_Fld_Create("value", OFTInteger);
    OGR_L_CreateField(layer, field, TRUE);
    OGR_Fld_Destroy(field);
    // The band is its own mask: cells at 0 make no polygon.
    if (GDALPolygonize(band, band, layer, 0, nullptr, nullptr, nullptr) != CE_None)
        throw Error("polygonize: " + errors.last_error());

    std::vector<Geometry> parts;
    OGR_L_ResetReading(layer);
    while (gdal::FeaturePtr feature{OGR_L_GetNextFeature(layer)}) {
        OGRGeometryH g = OGR_F_GetGeometryRef(feature.get());
        if (!g) continue;
        std::vector<unsigned char> wkb(static_cast<std::size_t>(OGR_G_WkbSize(g)));
        OGR_G_ExportToIsoWkb(g, wkbNDR, wkb.data());
        parts.push_back(Geometry::from_wkb(wkb));
    }
    std::vector<const Geometry*> pointers;
    for (const Geometry& p : parts) pointers.push_back(&p);
    // The polygons of one polygonization never overlap: a coverage.
    return parts.empty() ? Geometry::from_wkt("POLYGON EMPTY") : coverage_union(pointers);
}

}  // namespace atlante
