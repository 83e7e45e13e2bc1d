#include "layers/reader.hpp"

#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>

#include <algorithm>
#include <filesystem>
#include <limits>

#include "layers/ascii_case.hpp"
#include "layers/csv_source.hpp"
#include "layers/gdal_handles.hpp"
#include "layers/read_log.hpp"
#include "layers/text_encoding.hpp"

namespace atlante {
namespace {

bool is_shapefile(const std::string& source) {
    const std::string ext = ascii_lower(std::filesystem::path(source).extension().string());
    return ext == ".shp" || ext == ".dbf";
}

struct OpenedSource {
    gdal::DatasetPtr dataset;
    bool csv_in_degrees = false;
    std::vector<gdal::ErrorCapture::Message> messages;  // what GDAL said while opening
};

// A path that cannot be a source: missing, a symlink loop, a name too long, no permission.
void check_path(const std::string& source, const std::string& shown) {
    if (gdal::is_database(source)) return;
    if (source.rfind("/vsi", 0) == 0) {  // GDAL's virtual files (in memory, in archives)
        VSIStatBufL stat;
        if (VSIStatL(source.c_str(), &stat) != 0)
            throw Error(ErrorContext{shown, {}, {}, {}}, "no such file");
        return;
    }
    std::error_code ec;
    const bool exists = std::filesystem::exists(source, ec);
    if (ec) throw Error(ErrorContext{shown, {}, {}, {}}, "cannot be read: " + ec.message());
    if (!exists) throw Error(ErrorContext{shown, {}, {}, {}}, "no such file");
}

std::vector<std::string> open_options(const std::string& source, const ReadOptions& options) {
    if (is_csv(source)) return csv_open_options(options);
    if (is_shapefile(source) && !options.encoding.empty()) return {"ENCODING=" + options.encoding};
    // GDAL reads a NaN or Infinity coordinate as an empty geometry; the feature's own JSON
    // tells the two apart.
    const std::string ext = std::filesystem::path(source).extension().string();
    if (ext == ".geojson" || ext == ".json") return {"NATIVE_DATA=YES"};
    return {};
}

OpenedSource open_source(const std::string& source, const ReadOptions& options) {
    gdal::ensure_registered();
    const std::string shown = gdal::redact(source);
    check_path(source, shown);
    const PreparedCsv csv = is_csv(source) ? prepare_csv(source, options) : PreparedCsv{};
    const std::vector<std::string> texts = open_options(source, options);
    std::vector<const char*> pointers;
    for (const std::string& t : texts) pointers.push_back(t.c_str());
    pointers.push_back(nullptr);
    const std::string& path = csv.memory_path.empty() ? source : csv.memory_path;
    gdal::ErrorCapture capture;
    gdal::DatasetPtr ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                   pointers.data(), nullptr));
    // The dataset keeps its own reference to the in-memory copy.
    if (!csv.memory_path.empty()) VSIUnlink(csv.memory_path.c_str());
    if (!ds) {
        const std::string why = capture.last_error();
        throw Error(ErrorContext{shown, {}, {}, {}},
                    "cannot open as a vector source" + (why.empty() ? std::string() : ": " + why));
    }
    note_source_read(shown);
    return {std::move(ds), is_csv(source) && csv_in_degrees(csv.header, options),
            capture.messages()};
}

// The data layers: QGIS's table of layer styles (in GeoPackages QGIS or atlante styled) is not
// one, though it can still be read by naming it.
std::vector<std::string> layer_names(GDALDatasetH ds) {
    std::vector<std::string> names;
    for (int i = 0; i < GDALDatasetGetLayerCount(ds); ++i)
        if (const std::string name = OGR_L_GetName(GDALDatasetGetLayer(ds, i));
            name != "layer_styles")
            names.push_back(name);
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
        const std::string_view text = column.string(row);
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
    gdal::DatasetPtr ds = open_source(source, {}).dataset;
    return {GDALGetDriverShortName(GDALGetDatasetDriver(ds.get())), layer_names(ds.get())};
}

namespace {

OGRLayerH select_layer(GDALDatasetH ds, const std::string& shown, const ReadOptions& options) {
    if (!options.layer.empty()) {
        OGRLayerH layer = GDALDatasetGetLayerByName(ds, options.layer.c_str());
        if (!layer)
            throw Error(ErrorContext{shown, options.layer, {}, {}},
                        "no such layer (layers: " + join_names(layer_names(ds)) + ")");
        return layer;
    }
    const auto names = layer_names(ds);
    if (names.size() != 1)
        throw Error(
            ErrorContext{shown, {}, {}, {}},
            names.empty()
                ? "the source has no layers"
                : "the source has several layers, name one (layers: " + join_names(names) + ")");
    return GDALDatasetGetLayerByName(ds, names.front().c_str());
}

// A CSV whose points come from latitude/longitude columns is in degrees of WGS 84 when it does
// not say otherwise; x/y columns and WKT say nothing of their CRS.
std::optional<Crs> crs_of(OGRLayerH layer, bool csv_in_degrees, const ErrorContext& here,
                          const std::string& source, const ReadOptions& options) {
    gdal::ErrorCapture capture;
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (const std::string failure = capture.first_failure(); !failure.empty()) {
        // A Shapefile's .prj that does not parse: GDAL would go on with no CRS.
        std::filesystem::path prj(source);
        prj.replace_extension(".prj");
        throw Error(here, "its CRS cannot be read (" + failure + ")" +
                              (is_shapefile(source) ? ": check " + prj.filename().string() : ""));
    }
    if (srs) {
        try {
            return Crs::from_ogr(srs);
        } catch (const Error& e) {
            throw Error(here, "unreadable CRS: " + e.message());
        }
    }
    if (options.assume_crs) return Crs::from_user_input(*options.assume_crs);
    if (csv_in_degrees) return Crs::from_user_input("EPSG:4326");
    throw Error(here,
                "the source does not say which CRS its coordinates are in; name one "
                "explicitly (assume_crs, e.g. \"EPSG:3003\")");
}

std::vector<std::string> column_names(OGRFeatureDefnH defn) {
    std::vector<std::string> names;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
        names.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    return names;
}

// Every text value must be UTF-8 once read: a source in another encoding that does not say so
// would otherwise put its raw bytes into every output.
void check_text(const Layer& layer, const ReadOptions& options) {
    for (std::size_t f = 0; f < layer.fields().size(); ++f) {
        if (layer.fields()[f].type != FieldType::String) continue;
        const Column& column = layer.column(f);
        for (std::size_t row = 0; row < layer.size(); ++row) {
            if (column.is_null(row) || is_valid_utf8(column.string(row))) continue;
            throw Error(
                layer.where(row, layer.fields()[f].name),
                "\"" + escaped_bytes(column.string(row)) + "\" is not UTF-8 text" +
                    (options.encoding.empty()
                         ? ": the file does not say its encoding; name it (encoding = "
                           "\"CP1252\" for files saved by Windows programs)"
                         : " once read as " + options.encoding + ": is that the file's encoding?"));
        }
    }
}

}  // namespace

namespace {

// A failure GDAL reports while opening a source it did open still means part of it was not
// read: a CRS PROJ does not know (GDAL would fall back to another), a broken member.
void check_open_messages(const std::vector<gdal::ErrorCapture::Message>& messages,
                         const ErrorContext& here) {
    for (const auto& m : messages) {
        if (m.level < CE_Failure) continue;
        if (m.text.find("PROJ") != std::string::npos || m.text.find("crs") != std::string::npos)
            throw Error(here, "the CRS it declares is not one PROJ knows (" + m.text +
                                  "); atlante never falls back to another CRS");
        throw Error(here, "GDAL could not read all of it: " + m.text);
    }
}

// The layer's schema: one field per OGR field, with the OGR types mapped; the indexes of
// fields that hold JSON (objects or lists, not values).
struct Schema {
    std::vector<FieldType> types;
    std::vector<std::string> json_fields;
};
Schema add_schema(Layer& layer, OGRFeatureDefnH defn) {
    Schema schema;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
        OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
        const FieldType type = map_type(OGR_Fld_GetType(fd));
        schema.types.push_back(type);
        layer.add_field(Field{OGR_Fld_GetNameRef(fd), type, OGR_Fld_IsNullable(fd) != 0});
        if (OGR_Fld_GetSubType(fd) == OFSTJSON)
            schema.json_fields.emplace_back(OGR_Fld_GetNameRef(fd));
    }
    return schema;
}

// The token ("NaN", "Infinity") in a GeoJSON feature's geometry member that GDAL read as an
// empty geometry; empty when there is none, or the source keeps no JSON.
std::string non_number_in_json_geometry(OGRFeatureH feature) {
    const char* json = OGR_F_GetNativeData(feature);
    if (!json) return {};
    const std::string_view text(json);
    const auto geometry = text.find("\"geometry\"");
    if (geometry == std::string_view::npos) return {};
    for (const char* token : {"NaN", "Infinity"})
        if (text.find(token, geometry) != std::string_view::npos) return token;
    return {};
}

// Every feature, each named in any error about it: a geometry GEOS cannot build (a ring of two
// points, an unclosed ring), a non-finite coordinate, a record GDAL cannot read.
void read_features(OGRLayerH ogr_layer, Layer& layer, const Schema& schema,
                   const gdal::ErrorCapture& capture) {
    OGR_L_ResetReading(ogr_layer);
    const int field_count = static_cast<int>(schema.types.size());
    std::vector<Value> values(schema.types.size());
    std::int64_t row = 0;
    std::size_t seen = capture.messages().size();
    while (gdal::FeaturePtr feature{OGR_L_GetNextFeature(ogr_layer)}) {
        ++row;
        const GIntBig fid = OGR_F_GetFID(feature.get());
        const std::int64_t id = fid == OGRNullFID ? row : static_cast<std::int64_t>(fid);
        for (int i = 0; i < field_count; ++i)
            values[static_cast<std::size_t>(i)] =
                read_value(feature.get(), i, schema.types[static_cast<std::size_t>(i)]);
        layer.append(id, Geometry(), values);
        const std::size_t last = layer.size() - 1;
        // GDAL hands over a record it could not read in full (a WKB it cannot parse) with an
        // error on the side.
        if (const std::string failure = capture.first_failure(seen); !failure.empty())
            throw Error(layer.where(last), "cannot be read: " + failure);
        seen = capture.messages().size();
        if (!layer.has_geometry()) continue;
        try {
            layer.set_geometry(last, read_geometry(feature.get()));
        } catch (const Error& e) {
            throw Error(layer.where(last), "a geometry that cannot be built: " + e.message());
        }
        if (layer.geometry(last).is_empty())
            if (const std::string token = non_number_in_json_geometry(feature.get());
                !token.empty())
                throw Error(layer.where(last), "a coordinate that is not a number (" + token +
                                                   "): GDAL would read the geometry as empty");
        if (auto bad = layer.geometry(last).first_non_finite_coordinate())
            throw Error(layer.where(last), "non-finite coordinate (" + std::to_string(bad->first) +
                                               ", " + std::to_string(bad->second) + ")");
    }
    const std::string failure = capture.first_failure(seen);
    if (failure.empty()) return;
    std::string after = "the first record";
    if (!layer.empty()) {
        const ErrorContext last = layer.where(layer.size() - 1);
        after = "the record after feature " + std::to_string(*last.feature) +
                (last.record.empty() ? "" : " ('" + last.record + "')");
    }
    throw Error(ErrorContext{layer.origin().source, layer.origin().layer, std::nullopt, {}},
                "cannot read " + after + ": " + failure);
}

// GDAL clamps integers beyond 64 bits to INT64_MIN/INT64_MAX with one warning: such a value
// is refused, by record, never kept clamped.
void check_integer_range(const Layer& layer,
                         const std::vector<gdal::ErrorCapture::Message>& messages) {
    const bool clamped = std::any_of(messages.begin(), messages.end(), [](const auto& m) {
        return m.text.find("out of 64bit integer range") != std::string::npos;
    });
    if (!clamped) return;
    for (std::size_t f = 0; f < layer.fields().size(); ++f) {
        if (layer.fields()[f].type != FieldType::Integer) continue;
        const Column& column = layer.column(f);
        for (std::size_t row = 0; row < layer.size(); ++row) {
            if (column.is_null(row)) continue;
            const std::int64_t v = column.integer(row);
            if (v == std::numeric_limits<std::int64_t>::max() ||
                v == std::numeric_limits<std::int64_t>::min())
                // The clamped value would be a false name for the record: count it instead.
                throw Error(ErrorContext{layer.origin().source, layer.origin().layer, std::nullopt,
                                         layer.fields()[f].name},
                            "the record at position " + std::to_string(row + 1) +
                                " (counting from 1) holds a number beyond the 64-bit integer "
                                "range (GDAL would clamp it to " +
                                std::to_string(v) + "); write such ids as text, in quotes");
        }
    }
}

// Ids are numbers or texts: a JSON object or list is not one.
void check_json_ids(const Layer& layer, const Schema& schema, const ReadOptions& options) {
    if (options.id_field.empty() || std::find(schema.json_fields.begin(), schema.json_fields.end(),
                                              options.id_field) == schema.json_fields.end())
        return;
    const Column& ids = layer.column(options.id_field);
    for (std::size_t row = 0; row < layer.size(); ++row)
        if (!ids.is_null(row))
            throw Error(layer.where(row, options.id_field),
                        "an id that is a JSON object or list (" + ids.text(row) +
                            "), not a number or a text");
}

void infer_csv_types(Layer& layer, const ReadOptions& options) {
    for (const Field& field : std::vector<Field>(layer.fields())) {
        if (field.type != FieldType::String || options.field_types.count(field.name)) continue;
        if (auto type = inferred_type(layer.column(field.name)))
            layer.convert_field(field.name, *type);
    }
}

}  // namespace

Layer read_layer(const std::string& source, const ReadOptions& options) {
    const std::string shown = gdal::redact(source);
    gdal::ErrorCapture capture;  // every message GDAL gives while reading: none printed raw
    OpenedSource opened = open_source(source, options);
    gdal::DatasetPtr& ds = opened.dataset;
    const std::string driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds.get()));
    OGRLayerH ogr_layer = select_layer(ds.get(), shown, options);
    const std::string layer_name = OGR_L_GetName(ogr_layer);
    const ErrorContext here{shown, layer_name, {}, {}};
    check_open_messages(opened.messages, here);

    if (!options.where.empty() &&
        OGR_L_SetAttributeFilter(ogr_layer, options.where.c_str()) != OGRERR_NONE)
        throw Error(here, "bad attribute filter '" + options.where + "': " + capture.last_error());

    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(ogr_layer);
    const bool has_geometry = OGR_FD_GetGeomFieldCount(defn) > 0 && !options.attributes_only;
    if (options.need_geometry && !has_geometry)
        throw Error(here, "no geometry can be made from this source (columns: " +
                              join_names(column_names(defn)) +
                              "): name its WKT column (wkt) or its coordinate columns (x, y)");
    std::optional<Crs> crs;
    if (has_geometry) crs = crs_of(ogr_layer, opened.csv_in_degrees, here, source, options);

    Layer layer(layer_name, crs, has_geometry);
    layer.set_origin({shown, layer_name, driver, options.id_field, crs ? crs->label() : ""});
    const Schema schema = add_schema(layer, defn);
    for (const auto& [name, type] : options.field_types) layer.require_field(name);
    read_features(ogr_layer, layer, schema, capture);
    check_integer_range(layer, opened.messages);
    check_integer_range(layer, capture.messages());
    check_json_ids(layer, schema, options);
    if (driver == "CSV" && has_geometry) check_csv_geometry(layer, options, capture.messages());
    check_text(layer, options);
    if (driver == "CSV" && options.infer_text_types) infer_csv_types(layer, options);
    for (const auto& [name, type] : options.field_types) layer.convert_field(name, type);
    return layer;
}

}  // namespace atlante
