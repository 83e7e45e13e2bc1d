#include "layers/writer.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <filesystem>

#include "layers/atomic_output.hpp"
#include "layers/gdal_handles.hpp"

namespace atlante {
namespace {

struct FormatTraits {
    const char* driver;
    std::vector<std::string> sidecars;  // files the driver writes beside the main one
};

FormatTraits traits(OutputFormat format) {
    switch (format) {
        case OutputFormat::GeoPackage:
            return {"GPKG", {}};
        case OutputFormat::GeoJSON:
            return {"GeoJSON", {}};
        case OutputFormat::FlatGeobuf:
            return {"FlatGeobuf", {}};
        case OutputFormat::CSV:
            return {"CSV", {}};
        case OutputFormat::Shapefile:
            return {"ESRI Shapefile", {".shx", ".dbf", ".prj", ".cpg"}};
    }
    return {"", {}};
}

OGRFieldType ogr_type(FieldType type) {
    switch (type) {
        case FieldType::Integer:
            return OFTInteger64;
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

void write_one(GDALDatasetH ds, const Layer& source, OutputFormat format,
               const WriteOptions& options, const std::string& shown_path) {
    const ErrorContext here{shown_path, source.name(), {}, {}};
    // GeoJSON is EPSG:4326 longitude/latitude (RFC 7946).
    const Layer* layer = &source;
    Layer reprojected;
    if (format == OutputFormat::GeoJSON && source.has_geometry() && source.crs()) {
        const Crs wgs84 = Crs::from_user_input("EPSG:4326");
        if (!source.crs()->equivalent_to(wgs84)) {
            TransformOptions transform_options;
            transform_options.allow_ballpark = options.allow_ballpark;
            transform_options.area_of_interest = lonlat_bounds(*source.crs(), source.extent());
            const Transformation t =
                Transformation::create(*source.crs(), wgs84, transform_options);
            reprojected = source.clone();
            for (std::size_t i = 0; i < reprojected.size(); ++i)
                if (reprojected.geometry(i))
                    reprojected.set_geometry(i, t.apply(reprojected.geometry(i)));
            reprojected.set_crs(wgs84);
            layer = &reprojected;
        }
    }

    const bool write_geometry =
        layer->has_geometry() &&
        !(format == OutputFormat::CSV && options.csv_geometry == CsvGeometry::None);
    bool promote = false;
    const OGRwkbGeometryType geometry_type =
        write_geometry ? declared_type(*layer, promote) : wkbNone;
    OgrSrsPtr srs;
    if (write_geometry && layer->crs()) srs = to_ogr_srs(*layer->crs());

    std::vector<const char*> creation;
    if (format == OutputFormat::GeoJSON) creation.push_back("RFC7946=YES");
    if (format == OutputFormat::Shapefile) creation.push_back("ENCODING=UTF-8");
    if (format == OutputFormat::CSV && options.csv_geometry == CsvGeometry::WKT)
        creation.push_back("GEOMETRY=AS_WKT");
    if (format == OutputFormat::CSV && options.csv_geometry == CsvGeometry::XY)
        creation.push_back("GEOMETRY=AS_XY");
    creation.push_back(nullptr);

    gdal::ErrorCapture capture;
    OGRLayerH out = GDALDatasetCreateLayer(ds, layer->name().c_str(), srs.get(), geometry_type,
                                           creation.data());
    if (!out) throw Error(here, "cannot create the output layer: " + capture.last_error());
    for (const Field& field : layer->fields()) {
        OGRFieldDefnH fd = OGR_Fld_Create(field.name.c_str(), ogr_type(field.type));
        OGR_Fld_SetNullable(fd, field.nullable ? TRUE : FALSE);
        const OGRErr err = OGR_L_CreateField(out, fd, TRUE);
        OGR_Fld_Destroy(fd);
        if (err != OGRERR_NONE)
            throw Error(ErrorContext{shown_path, layer->name(), {}, field.name},
                        "cannot create the field: " + capture.last_error());
    }

    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(out);
    const bool transaction = GDALDatasetStartTransaction(ds, FALSE) == OGRERR_NONE;
    for (std::size_t row = 0; row < layer->size(); ++row) {
        gdal::FeaturePtr feature(OGR_F_Create(defn));
        if (write_geometry && layer->geometry(row))
            OGR_F_SetGeometryDirectly(feature.get(),
                                      to_ogr(layer->geometry(row), promote).release());
        for (std::size_t i = 0; i < layer->fields().size(); ++i) {
            const Column& column = layer->column(i);
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
                    OGR_F_SetFieldString(feature.get(), index, column.string(row).c_str());
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
            throw Error(ErrorContext{shown_path, layer->name(), layer->id(row), {}},
                        "cannot write the feature: " + capture.last_error());
    }
    if (transaction && GDALDatasetCommitTransaction(ds) != OGRERR_NONE)
        throw Error(here, "cannot commit the output: " + capture.last_error());
}

}  // namespace

OutputFormat format_for_path(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".gpkg") return OutputFormat::GeoPackage;
    if (ext == ".geojson" || ext == ".json") return OutputFormat::GeoJSON;
    if (ext == ".fgb") return OutputFormat::FlatGeobuf;
    if (ext == ".csv") return OutputFormat::CSV;
    if (ext == ".shp") return OutputFormat::Shapefile;
    throw Error(ErrorContext{path, {}, {}, {}},
                "unknown output format (use .gpkg, .geojson, .fgb, .csv or .shp)");
}

std::string to_string(OutputFormat format) { return traits(format).driver; }

void write_layers(const std::vector<const Layer*>& layers, const std::string& path,
                  const WriteOptions& options) {
    gdal::ensure_registered();
    const OutputFormat format = options.format.value_or(format_for_path(path));
    if (layers.size() != 1 && format != OutputFormat::GeoPackage)
        throw Error(ErrorContext{path, {}, {}, {}}, "only a GeoPackage can hold several layers");
    const FormatTraits t = traits(format);
    AtomicOutput output(path);
    GDALDriverH driver = GDALGetDriverByName(t.driver);
    if (!driver)
        throw Error(ErrorContext{path, {}, {}, {}},
                    std::string("GDAL has no ") + t.driver + " driver");
    {
        gdal::ErrorCapture capture;
        gdal::DatasetPtr ds(
            GDALCreate(driver, output.temporary().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds)
            throw Error(ErrorContext{path, {}, {}, {}},
                        "cannot create output: " + capture.last_error());
        for (const auto& [key, value] : options.metadata)
            GDALSetMetadataItem(ds.get(), key.c_str(), value.c_str(), nullptr);
        for (const Layer* layer : layers) write_one(ds.get(), *layer, format, options, path);
        std::string error;
        if (!gdal::close(ds, error))
            throw Error(ErrorContext{path, {}, {}, {}}, "cannot finish output: " + error);
    }
    output.commit(t.sidecars);
}

void write_layer(const Layer& layer, const std::string& path, const WriteOptions& options) {
    write_layers({&layer}, path, options);
}

}  // namespace atlante
