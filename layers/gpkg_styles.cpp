#include "layers/gpkg_styles.hpp"

#include <gdal.h>
#include <ogr_api.h>

#include "layers/error.hpp"
#include "layers/gdal_handles.hpp"

namespace atlante {
namespace {

struct StyleColumn {
    const char* name;
    OGRFieldType type;
    int width;
};
// The table as QGIS creates it (QgsOgrProviderUtils), so that QGIS and GDAL read it alike.
constexpr StyleColumn kColumns[] = {{"f_table_catalog", OFTString, 256},
                                    {"f_table_schema", OFTString, 256},
                                    {"f_table_name", OFTString, 256},
                                    {"f_geometry_column", OFTString, 256},
                                    {"styleName", OFTString, 30},
                                    {"styleQML", OFTString, 0},
                                    {"styleSLD", OFTString, 0},
                                    {"useAsDefault", OFTInteger, 0},
                                    {"description", OFTString, 0},
                                    {"owner", OFTString, 30},
                                    {"ui", OFTString, 30},
                                    {"update_time", OFTDateTime, 0}};

OGRLayerH styles_table(GDALDatasetH ds, const std::string& file) {
    if (OGRLayerH existing = GDALDatasetGetLayerByName(ds, "layer_styles")) return existing;
    OGRLayerH table = GDALDatasetCreateLayer(ds, "layer_styles", nullptr, wkbNone, nullptr);
    if (!table) throw Error(ErrorContext{file, "layer_styles", {}, {}}, "cannot create the table");
    for (const StyleColumn& c : kColumns) {
        OGRFieldDefnH field = OGR_Fld_Create(c.name, c.type);
        if (c.width > 0) OGR_Fld_SetWidth(field, c.width);
        if (c.type == OFTInteger) OGR_Fld_SetSubType(field, OFSTBoolean);
        if (std::string(c.name) == "update_time") OGR_Fld_SetDefault(field, "CURRENT_TIMESTAMP");
        const OGRErr err = OGR_L_CreateField(table, field, TRUE);
        OGR_Fld_Destroy(field);
        if (err != OGRERR_NONE)
            throw Error(ErrorContext{file, "layer_styles", {}, c.name}, "cannot create the field");
    }
    return table;
}

std::string geometry_column(GDALDatasetH ds, const GpkgLayerStyle& style, const std::string& file) {
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, style.table.c_str());
    if (!layer) throw Error(ErrorContext{file, style.table, {}, {}}, "no such layer to style");
    return OGR_L_GetGeometryColumn(layer);
}

// Removes the table's rows of this layer and name; when the new style is the default, the
// layer's other rows stop being one.
void clear_rows(OGRLayerH table, const GpkgLayerStyle& style, const std::string& file) {
    const ErrorContext here{file, "layer_styles", {}, {}};
    std::vector<GIntBig> same;
    std::vector<GIntBig> defaults;
    OGR_L_SetAttributeFilter(table, nullptr);
    OGR_L_ResetReading(table);
    while (gdal::FeaturePtr row{OGR_L_GetNextFeature(table)}) {
        if (OGR_F_GetFieldAsString(row.get(), OGR_F_GetFieldIndex(row.get(), "f_table_name")) !=
            style.table)
            continue;
        const std::string name =
            OGR_F_GetFieldAsString(row.get(), OGR_F_GetFieldIndex(row.get(), "styleName"));
        (name == style.name ? same : defaults).push_back(OGR_F_GetFID(row.get()));
    }
    for (GIntBig fid : same)
        if (OGR_L_DeleteFeature(table, fid) != OGRERR_NONE)
            throw Error(here,
                        "cannot replace the style '" + style.name + "' of '" + style.table + "'");
    if (!style.use_as_default) return;
    for (GIntBig fid : defaults) {
        gdal::FeaturePtr row{OGR_L_GetFeature(table, fid)};
        if (!row) continue;
        OGR_F_SetFieldInteger(row.get(), OGR_F_GetFieldIndex(row.get(), "useAsDefault"), 0);
        if (OGR_L_SetFeature(table, row.get()) != OGRERR_NONE)
            throw Error(here, "cannot update the default style of '" + style.table + "'");
    }
}

}  // namespace

bool gpkg_has_layer(const std::string& file, const std::string& layer) {
    gdal::ensure_registered();
    gdal::ErrorCapture capture;
    const char* const drivers[] = {"GPKG", nullptr};
    gdal::DatasetPtr ds(GDALOpenEx(file.c_str(), GDAL_OF_VECTOR, drivers, nullptr, nullptr));
    return ds && GDALDatasetGetLayerByName(ds.get(), layer.c_str()) != nullptr;
}

std::optional<Crs> gpkg_layer_crs(const std::string& file, const std::string& layer) {
    gdal::ensure_registered();
    gdal::ErrorCapture capture;
    const char* const drivers[] = {"GPKG", nullptr};
    gdal::DatasetPtr ds(GDALOpenEx(file.c_str(), GDAL_OF_VECTOR, drivers, nullptr, nullptr));
    OGRLayerH found = ds ? GDALDatasetGetLayerByName(ds.get(), layer.c_str()) : nullptr;
    OGRSpatialReferenceH srs = found ? OGR_L_GetSpatialRef(found) : nullptr;
    if (!srs) return std::nullopt;
    return Crs::from_ogr(srs);
}

void write_layer_styles(const std::string& file, const std::vector<GpkgLayerStyle>& styles) {
    if (styles.empty()) return;
    gdal::ensure_registered();
    gdal::ErrorCapture capture;
    const char* const drivers[] = {"GPKG", nullptr};
    gdal::DatasetPtr ds(
        GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr, nullptr));
    if (!ds)
        throw Error(ErrorContext{file, {}, {}, {}},
                    "cannot open to add styles: " + capture.last_error());
    OGRLayerH table = styles_table(ds.get(), file);
    for (const GpkgLayerStyle& style : styles) {
        const std::string geometry = geometry_column(ds.get(), style, file);
        clear_rows(table, style, file);
        gdal::FeaturePtr row{OGR_F_Create(OGR_L_GetLayerDefn(table))};
        const auto set = [&](const char* field, const std::string& value) {
            OGR_F_SetFieldString(row.get(), OGR_F_GetFieldIndex(row.get(), field), value.c_str());
        };
        set("f_table_catalog", "");
        set("f_table_schema", "");
        set("f_table_name", style.table);
        set("f_geometry_column", geometry);
        set("styleName", style.name.substr(0, 30));
        set("styleQML", style.qml);
        set("styleSLD", style.sld);
        set("description", style.description);
        set("owner", "");
        set("ui", "");
        OGR_F_SetFieldInteger(row.get(), OGR_F_GetFieldIndex(row.get(), "useAsDefault"),
                              style.use_as_default ? 1 : 0);
        if (OGR_L_CreateFeature(table, row.get()) != OGRERR_NONE)
            throw Error(ErrorContext{file, "layer_styles", {}, {}},
                        "cannot add the style of '" + style.table + "': " + capture.last_error());
    }
}

}  // namespace atlante
