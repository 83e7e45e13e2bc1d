#include "layers/ogr_layer_writer.hpp"

#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cstdint>
#include <optional>

#include "layers/crs.hpp"
#include "layers/gdal_handles.hpp"

namespace atlante {
namespace {

// Integers that fit 32 bits are written as such: several drivers (CSV, Shapefile) treat 64-bit
// integers as text.
OGRFieldType ogr_type(FieldType type, const Column& column) {
    switch (type) {
        case FieldType::Integer:
            for (std::size_t row = 0; row < column.size(); ++row)
                if (!column.is_null(row) &&
                    (column.integer(row) > INT32_MAX || column.integer(row) < INT32_MIN))
                    return OFTInteger64;
            return OFTInteger;
        case FieldType::Real:
            return OFTReal;
        case FieldType::Date:
            return OFTDate;
        case FieldType::String:
            return OFTString;
    }
    return OFTString;
}

// The OGR geometry type to declare: single or multi of one family, promoted to multi when the
// layer mixes them (FlatGeobuf and GeoPackage want one declared type).
OGRwkbGeometryType declared_type(const Layer& layer, bool& promote_to_multi) {
    promote_to_multi = false;
    std::optional<GeometryFamily> family;
    bool any_single = false, any_multi = false;
    for (std::size_t i = 0; i < layer.size(); ++i) {
        const Geometry& g = layer.geometry(i);
        if (!g) continue;
        const GeometryKind kind = g.kind();
        const GeometryFamily f = family_of(kind);
        if (family && *family != f) return wkbUnknown;
        family = f;
        const bool multi = kind == GeometryKind::MultiPoint ||
                           kind == GeometryKind::MultiLineString ||
                           kind == GeometryKind::MultiPolygon;
        (multi ? any_multi : any_single) = true;
    }
    if (!family || *family == GeometryFamily::Mixed) return wkbUnknown;
    promote_to_multi = any_multi && any_single;
    const bool multi = any_multi;
    switch (*family) {
        case GeometryFamily::Point:
            return multi ? wkbMultiPoint : wkbPoint;
        case GeometryFamily::Line:
            return multi ? wkbMultiLineString : wkbLineString;
        case GeometryFamily::Polygon:
            return multi ? wkbMultiPolygon : wkbPolygon;
        default:
            return wkbUnknown;
    }
}

gdal::GeometryPtr to_ogr(const Geometry& g, bool promote_to_multi) {
    std::vector<unsigned char> wkb = g.to_wkb();
    OGRGeometryH out = nullptr;
    if (OGR_G_CreateFromWkb(wkb.data(), nullptr, &out, static_cast<int>(wkb.size())) != OGRERR_NONE)
        throw Error("cannot convert a geometry for writing");
    if (promote_to_multi) {
        switch (wkbFlatten(OGR_G_GetGeometryType(out))) {
            case wkbPoint:
                out = OGR_G_ForceToMultiPoint(out);
                break;
            case wkbLineString:
                out = OGR_G_ForceToMultiLineString(out);
                break;
            case wkbPolygon:
                out = OGR_G_ForceToMultiPolygon(out);
                break;
            default:
                break;
        }
    }
    return gdal::GeometryPtr(out);
}

}  // namespace

void write_ogr_layer(GDALDatasetH ds, const Layer& layer, const std::string& name,
                     const std::vector<std::string>& creation_options, bool write_geometry,
                     const std::string& shown_path, std::vector<std::int64_t>* fids) {
    const ErrorContext here{shown_path, name, {}, {}};
    write_geometry = write_geometry && layer.has_geometry();
    bool promote = false;
    const OGRwkbGeometryType geometry_type =
        write_geometry ? declared_type(layer, promote) : wkbNone;
    OgrSrsPtr srs;
    if (write_geometry && layer.crs()) srs = to_ogr_srs(*layer.crs());
    std::vector<const char*> creation;
    for (const std::string& option : creation_options) creation.push_back(option.c_str());
    creation.push_back(nullptr);

    gdal::ErrorCapture capture;
    OGRLayerH out =
        GDALDatasetCreateLayer(ds, name.c_str(), srs.get(), geometry_type, creation.data());
    if (!out) throw Error(here, "cannot create the output layer: " + capture.last_error());
    for (std::size_t i = 0; i < layer.fields().size(); ++i) {
        const Field& field = layer.fields()[i];
        OGRFieldDefnH fd =
            OGR_Fld_Create(field.name.c_str(), ogr_type(field.type, layer.column(i)));
        OGR_Fld_SetNullable(fd, field.nullable ? TRUE : FALSE);
        const OGRErr err = OGR_L_CreateField(out, fd, TRUE);
        OGR_Fld_Destroy(fd);
        if (err != OGRERR_NONE)
            throw Error(ErrorContext{shown_path, name, {}, field.name},
                        "cannot create the field: " + capture.last_error());
    }

    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(out);
    const bool transaction = GDALDatasetStartTransaction(ds, FALSE) == OGRERR_NONE;
    for (std::size_t row = 0; row < layer.size(); ++row) {
        gdal::FeaturePtr feature(OGR_F_Create(defn));
        if (write_geometry && layer.geometry(row))
            OGR_F_SetGeometryDirectly(feature.get(),
                                      to_ogr(layer.geometry(row), promote).release());
        for (std::size_t i = 0; i < layer.fields().size(); ++i) {
            const Column& column = layer.column(i);
            const int index = static_cast<int>(i);
            if (column.is_null(row)) {
                OGR_F_SetFieldNull(feature.get(), index);
                continue;
            }
            switch (column.type()) {
                case FieldType::Integer:
                    OGR_F_SetFieldInteger64(feature.get(), index, column.integer(row));
                    break;
                case FieldType::Real:
                    OGR_F_SetFieldDouble(feature.get(), index, column.real(row));
                    break;
                case FieldType::String:
                    OGR_F_SetFieldString(feature.get(), index,
                                         std::string(column.string(row)).c_str());
                    break;
                case FieldType::Date: {
                    const Date& d = column.date(row);
                    OGR_F_SetFieldDateTime(feature.get(), index, d.year, d.month, d.day, 0, 0, 0,
                                           0);
                    break;
                }
            }
        }
        if (OGR_L_CreateFeature(out, feature.get()) != OGRERR_NONE)
            throw Error(ErrorContext{shown_path, name, layer.id(row), {}},
                        "cannot write the feature: " + capture.last_error());
        if (fids) fids->push_back(OGR_F_GetFID(feature.get()));
    }
    if (transaction && GDALDatasetCommitTransaction(ds) != OGRERR_NONE)
        throw Error(here, "cannot commit the output: " + capture.last_error());
}

}  // namespace atlante
