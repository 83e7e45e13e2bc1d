#include "layers/reader.hpp"
#include "layers/read_log.hpp"

#include <gdal.h>
#include <ogr_api.h>

#include <cpl_vsi.h>
#include <atomic>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "layers/gdal_handles.hpp"

namespace atlante {
namespace {

bool is_csv(const std::string& source) {
    const std::string ext = std::filesystem::path(source).extension().string();
    return ext == ".csv" || ext == ".CSV" || ext == ".tsv";
}

// atlante's own CSV outputs start with "# key: value" lines (method and parameters). GDAL's CSV
// reader knows no comments, so such a file is read from an in-memory copy without them; returns
// that copy's /vsimem/ path, or "" when the file has no comment lines.
std::string csv_without_comments(const std::string& source) {
    std::ifstream in(source, std::ios::binary);
    std::string line, text;
    bool header = true, stripped = false;
    while (std::getline(in, line)) {
        if (header && !line.empty() && line[0] == '#') {
            stripped = true;
            continue;
        }
        if (!stripped) return {};
        header = false;
        text += line + "\n";
    }
    if (!stripped) return {};
    static std::atomic<unsigned> counter{0};
    const std::string path = "/vsimem/atlante_csv_" + std::to_string(counter++) + "/" +
                             std::filesystem::path(source).filename().string();
    VSILFILE* memory = VSIFOpenL(path.c_str(), "wb");
    if (!memory) return {};
    VSIFWriteL(text.data(), 1, text.size(), memory);
    VSIFCloseL(memory);
    return path;
}

gdal::DatasetPtr open_source(const std::string& source, bool attributes_only) {
    gdal::ensure_registered();
    const std::string shown = gdal::redact(source);
    if (!gdal::is_database(source) && !std::filesystem::exists(source))
        throw Error(ErrorContext{shown, {}, {}, {}}, "no such file");
    std::vector<const char*> options;
    if (is_csv(source)) {
        // Empty cells are nulls; a comune called "None" stays a name.
        options.push_back("EMPTY_STRING_AS_NULL=YES");
        if (!attributes_only) {
            options.push_back("GEOM_POSSIBLE_NAMES=wkt,WKT,geometry,geom");
            options.push_back("X_POSSIBLE_NAMES=lon,longitude,lng,x");
            options.push_back("Y_POSSIBLE_NAMES=lat,latitude,y");
            options.push_back("KEEP_GEOM_COLUMNS=NO");
        }
    }
    options.push_back(nullptr);
    const std::string memory_copy = is_csv(source) ? csv_without_comments(source) : std::string();
    const std::string& path = memory_copy.empty() ? source : memory_copy;
    gdal::ErrorCapture capture;
    gdal::DatasetPtr ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                   options.data(), nullptr));
    // The dataset keeps its own reference to the in-memory copy.
    if (!memory_copy.empty()) VSIUnlink(memory_copy.c_str());
    if (!ds) {
        const std::string why = capture.last_error();
        throw Error(ErrorContext{shown, {}, {}, {}},
                    "cannot open as a vector source" + (why.empty() ? std::string() : ": " + why));
    }
    note_source_read(shown);
    return ds;
}

std::vector<std::string> layer_names(GDALDatasetH ds) {
    std::vector<std::string> names;
    for (int i = 0; i < GDALDatasetGetLayerCount(ds); ++i)
        names.emplace_back(OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
    return names;
}

std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

FieldType map_type(OGRFieldType type) {
    switch (type) {
        case OFTInteger:
        case OFTInteger64:
            return FieldType::Integer;
        case OFTReal:
            return FieldType::Real;
        case OFTDate:
        case OFTDateTime:
            return FieldType::Date;
        default:
            return FieldType::String;  // lists, binary and time are kept as text
    }
}

Value read_value(OGRFeatureH f, int index, FieldType type) {
    if (!OGR_F_IsFieldSetAndNotNull(f, index)) return std::monostate{};
    switch (type) {
        case FieldType::Integer:
            return static_cast<std::int64_t>(OGR_F_GetFieldAsInteger64(f, index));
        case FieldType::Real:
            return OGR_F_GetFieldAsDouble(f, index);
        case FieldType::Date: {
            int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
            float ss = 0;
            OGR_F_GetFieldAsDateTimeEx(f, index, &y, &m, &d, &hh, &mm, &ss, &tz);
            return Date{y, m, d};
        }
        case FieldType::String:
            return std::string(OGR_F_GetFieldAsString(f, index));
    }
    return std::monostate{};
}

Geometry read_geometry(OGRFeatureH f) {
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (g == nullptr) return {};
    gdal::GeometryPtr owned;
    // Curves (GPKG, PostGIS) become linear; Z and M are dropped: the model is planar 2D.
    if (OGR_G_HasCurveGeometry(g, TRUE)) {
        owned.reset(OGR_G_GetLinearGeometry(g, 0, nullptr));
        g = owned.get();
    }
    if (OGR_G_CoordinateDimension(g) != 2 || OGR_G_IsMeasured(g)) {
        if (!owned) {
            owned.reset(OGR_G_Clone(g));
            g = owned.get();
        }
        OGR_G_FlattenTo2D(g);
        OGR_G_SetMeasured(g, FALSE);
    }
    std::vector<unsigned char> wkb(static_cast<std::size_t>(OGR_G_WkbSize(g)));
    OGR_G_ExportToIsoWkb(g, wkbNDR, wkb.data());
    return Geometry::from_wkb(wkb);
}

// A text column holds numbers when every value parses; "001001" stays text (a code).
std::optional<FieldType> inferred_type(const Column& column) {
    bool all_integer = true, all_real = true, any = false;
    for (std::size_t row = 0; row < column.size() && (all_integer || all_real); ++row) {
        if (column.is_null(row)) continue;
        any = true;
        const std::string& text = column.string(row);
        const std::string_view digits =
            text.front() == '-' ? std::string_view(text).substr(1) : text;
        const bool leading_zero = digits.size() > 1 && digits[0] == '0' && digits[1] != '.';
        if (leading_zero) return std::nullopt;
        all_integer = all_integer && parse_integer(text).has_value();
        all_real = all_real && parse_real(text).has_value();
    }
    if (!any) return std::nullopt;
    if (all_integer) return FieldType::Integer;
    if (all_real) return FieldType::Real;
    return std::nullopt;
}

}  // namespace

SourceLayers list_layers(const std::string& source) {
    gdal::DatasetPtr ds = open_source(source, false);
    return {GDALGetDriverShortName(GDALGetDatasetDriver(ds.get())), layer_names(ds.get())};
}

Layer read_layer(const std::string& source, const ReadOptions& options) {
    const std::string shown = gdal::redact(source);
    gdal::DatasetPtr ds = open_source(source, options.attributes_only);
    const std::string driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds.get()));

    OGRLayerH ogr_layer = nullptr;
    if (!options.layer.empty()) {
        ogr_layer = GDALDatasetGetLayerByName(ds.get(), options.layer.c_str());
        if (!ogr_layer)
            throw Error(ErrorContext{shown, options.layer, {}, {}},
                        "no such layer (layers: " + join_names(layer_names(ds.get())) + ")");
    } else {
        const auto names = layer_names(ds.get());
        if (names.size() != 1)
            throw Error(ErrorContext{shown, {}, {}, {}},
                        names.empty() ? "the source has no layers"
                                      : "the source has several layers, name one (layers: " +
                                            join_names(names) + ")");
        ogr_layer = GDALDatasetGetLayer(ds.get(), 0);
    }
    const std::string layer_name = OGR_L_GetName(ogr_layer);
    const ErrorContext here{shown, layer_name, {}, {}};

    if (!options.where.empty()) {
        gdal::ErrorCapture capture;
        if (OGR_L_SetAttributeFilter(ogr_layer, options.where.c_str()) != OGRERR_NONE)
            throw Error(here,
                        "bad attribute filter '" + options.where + "': " + capture.last_error());
    }

    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(ogr_layer);
    const bool has_geometry = OGR_FD_GetGeomFieldCount(defn) > 0 && !options.attributes_only;

    std::optional<Crs> crs;
    if (has_geometry) {
        if (OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(ogr_layer)) {
            try {
                crs = Crs::from_ogr(srs);
            } catch (const Error& e) {
                throw Error(here, "unreadable CRS: " + e.message());
            }
        } else if (options.assume_crs) {
            crs = Crs::from_user_input(*options.assume_crs);
        } else {
            throw Error(
                here,
                "the source does not say which CRS its coordinates are in; name one explicitly");
        }
    }

    Layer layer(layer_name, crs, has_geometry);
    layer.set_origin({shown, layer_name, driver});
    const int field_count = OGR_FD_GetFieldCount(defn);
    std::vector<FieldType> types;
    for (int i = 0; i < field_count; ++i) {
        OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
        const FieldType type = map_type(OGR_Fld_GetType(fd));
        types.push_back(type);
        layer.add_field(Field{OGR_Fld_GetNameRef(fd), type, OGR_Fld_IsNullable(fd) != 0});
    }
    for (const auto& [name, type] : options.field_types) layer.require_field(name);

    OGR_L_ResetReading(ogr_layer);
    std::vector<Value> values(static_cast<std::size_t>(field_count));
    std::int64_t row = 0;
    gdal::ErrorCapture capture;
    while (gdal::FeaturePtr feature{OGR_L_GetNextFeature(ogr_layer)}) {
        ++row;
        const GIntBig fid = OGR_F_GetFID(feature.get());
        const std::int64_t id = fid == OGRNullFID ? row : static_cast<std::int64_t>(fid);
        Geometry geometry;
        if (has_geometry) {
            geometry = read_geometry(feature.get());
            if (auto bad = geometry.first_non_finite_coordinate())
                throw Error(ErrorContext{shown, layer_name, id, {}},
                            "non-finite coordinate (" + std::to_string(bad->first) + ", " +
                                std::to_string(bad->second) + ")");
        }
        for (int i = 0; i < field_count; ++i)
            values[static_cast<std::size_t>(i)] =
                read_value(feature.get(), i, types[static_cast<std::size_t>(i)]);
        layer.append(id, std::move(geometry), values);
    }
    if (CPLGetLastErrorType() >= CE_Failure)
        throw Error(here, "reading failed after " + std::to_string(row) +
                              " features: " + capture.last_error());

    if (driver == "CSV" && options.infer_text_types) {
        for (const Field& field : std::vector<Field>(layer.fields())) {
            if (field.type != FieldType::String || options.field_types.count(field.name)) continue;
            if (auto type = inferred_type(layer.column(field.name)))
                layer.convert_field(field.name, *type);
        }
    }
    for (const auto& [name, type] : options.field_types) layer.convert_field(name, type);
    return layer;
}

}  // namespace atlante
