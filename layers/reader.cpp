#include "layers/reader.hpp"

#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <regex>

#include "layers/ascii_case.hpp"
#include "layers/gdal_handles.hpp"
#include "layers/read_log.hpp"
#include "layers/text_encoding.hpp"

namespace atlante {
namespace {

bool is_csv(const std::string& source) {
    const std::string ext = std::filesystem::path(source).extension().string();
    return ext == ".csv" || ext == ".CSV" || ext == ".tsv";
}

bool is_shapefile(const std::string& source) {
    const std::string ext = ascii_lower(std::filesystem::path(source).extension().string());
    return ext == ".shp" || ext == ".dbf";
}

// "1,5" -> "1.5" and "1.234,5" -> "1234.5": numbers as Italian spreadsheets write them.
std::string decimal_point(const std::string& field) {
    static const std::regex comma(R"([+-]?\d+,\d+)");
    static const std::regex grouped(R"([+-]?\d{1,3}(\.\d{3})+(,\d+)?)");
    if (std::regex_match(field, comma)) {
        std::string out = field;
        out[out.find(',')] = '.';
        return out;
    }
    if (!std::regex_match(field, grouped)) return field;
    std::string out;
    for (char c : field)
        if (c != '.') out += c == ',' ? '.' : c;
    return out;
}

char separator_of(const std::string& name, const std::string& header) {
    if (name == ";" || name == "semicolon") return ';';
    if (name == "tab" || name == "\t") return '\t';
    if (name == "|" || name == "pipe") return '|';
    if (name == "," || name == "comma") return ',';
    // As the header shows: the most frequent candidate.
    std::size_t best = 0;
    char chosen = ',';
    for (char c : {',', ';', '\t', '|'}) {
        const auto n = static_cast<std::size_t>(std::count(header.begin(), header.end(), c));
        if (n > best) best = n, chosen = c;
    }
    return chosen;
}

// The CSV with every unquoted or quoted number in decimal-comma form written with a point.
std::string with_decimal_points(const std::string& text, char separator) {
    std::string out, field;
    bool quoted = false, was_quoted = false;
    auto flush = [&] {
        const std::string value = decimal_point(field);
        out += was_quoted ? "\"" + value + "\"" : value;
        field.clear();
        was_quoted = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += "\"\"";
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = was_quoted = true;
        } else if (c == separator || c == '\n' || c == '\r') {
            flush();
            out += c;
        } else {
            field += c;
        }
    }
    flush();
    return out;
}

// The CSV as GDAL should read it, when that differs from the file: atlante's older outputs
// start with "# key: value" lines (GDAL knows no comments), a declared encoding is recoded to
// UTF-8, decimal commas become points. Returns the /vsimem/ path of that copy, or "" when the
// file can be read as it is.
std::string prepared_csv(const std::string& source, const ReadOptions& options, char& separator,
                         std::string& header) {
    std::ifstream in(source, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bool changed = false;
    // A UTF-8 byte order mark (Excel's "CSV UTF-8") is not part of the first column's name.
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3), changed = true;
    while (!text.empty() && text[0] == '#') {
        const auto end = text.find('\n');
        text.erase(0, end == std::string::npos ? text.size() : end + 1);
        changed = true;
    }
    if (!options.encoding.empty()) {
        try {
            text = to_utf8(text, options.encoding);
        } catch (const Error& e) {
            throw Error(ErrorContext{source, {}, {}, {}}, e.message());
        }
        changed = true;
    }
    header = text.substr(0, text.find('\n'));
    separator = separator_of(options.separator, header);
    if (options.decimal == ",") {
        text = with_decimal_points(text, separator);
        changed = true;
    }
    if (!changed) return {};
    static std::atomic<unsigned> counter{0};
    const std::string path = "/vsimem/atlante_csv_" + std::to_string(counter++) + "/" +
                             std::filesystem::path(source).filename().string();
    VSILFILE* memory = VSIFOpenL(path.c_str(), "wb");
    if (!memory) return {};
    VSIFWriteL(text.data(), 1, text.size(), memory);
    VSIFCloseL(memory);
    return path;
}

// GDAL's open options for the source's format, from the reading options.
std::vector<std::string> open_options(const std::string& source, const ReadOptions& options,
                                      char separator) {
    std::vector<std::string> out;
    if (is_shapefile(source) && !options.encoding.empty())
        out.push_back("ENCODING=" + options.encoding);
    if (!is_csv(source)) return out;
    // Empty cells are nulls; a comune called "None" stays a name.
    out.push_back("EMPTY_STRING_AS_NULL=YES");
    out.push_back(std::string("SEPARATOR=") + (separator == ';'    ? "SEMICOLON"
                                               : separator == '\t' ? "TAB"
                                               : separator == '|'  ? "PIPE"
                                                                   : "COMMA"));
    if (options.attributes_only) return out;
    auto names = [](const std::string& given, const char* usual) {
        return given.empty() ? std::string(usual) : given;
    };
    out.push_back("GEOM_POSSIBLE_NAMES=" + names(options.wkt_field, "wkt,WKT,geometry,geom"));
    out.push_back("X_POSSIBLE_NAMES=" + names(options.x_field, "lon,longitude,lng,longitudine,x"));
    out.push_back("Y_POSSIBLE_NAMES=" + names(options.y_field, "lat,latitude,latitudine,y"));
    out.push_back("KEEP_GEOM_COLUMNS=NO");
    return out;
}

// The header's column names, in lower case.
std::vector<std::string> header_names(const std::string& header, char separator) {
    std::vector<std::string> names;
    std::string name;
    for (char c : header + separator) {
        if (c == separator) {
            while (!name.empty() && (name.back() == '\r' || name.back() == ' ')) name.pop_back();
            if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
                name = name.substr(1, name.size() - 2);
            names.push_back(ascii_lower(name));
            name.clear();
        } else {
            name += c;
        }
    }
    return names;
}

// Whether a CSV's points come from latitude and longitude columns (degrees of WGS 84 unless
// said otherwise): no WKT column, and the coordinate columns are named for degrees.
bool csv_in_degrees(const std::vector<std::string>& names, const ReadOptions& options) {
    auto has = [&](const std::string& n) {
        return std::find(names.begin(), names.end(), ascii_lower(n)) != names.end();
    };
    const std::vector<std::string> wkt = options.wkt_field.empty()
                                             ? std::vector<std::string>{"wkt", "geometry", "geom"}
                                             : std::vector<std::string>{options.wkt_field};
    if (std::any_of(wkt.begin(), wkt.end(), has)) return false;
    const std::vector<std::string> x =
        options.x_field.empty() ? std::vector<std::string>{"lon", "longitude", "lng", "longitudine"}
                                : std::vector<std::string>{options.x_field};
    return std::any_of(x.begin(), x.end(), [&](const std::string& n) {
        const std::string name = ascii_lower(n);
        return has(n) && (name.find("lon") != std::string::npos || name == "lng");
    });
}

struct OpenedSource {
    gdal::DatasetPtr dataset;
    bool csv_in_degrees = false;
};

OpenedSource open_source(const std::string& source, const ReadOptions& options) {
    gdal::ensure_registered();
    const std::string shown = gdal::redact(source);
    if (!gdal::is_database(source) && !std::filesystem::exists(source))
        throw Error(ErrorContext{shown, {}, {}, {}}, "no such file");
    char separator = ',';
    std::string header;
    const std::string memory_copy =
        is_csv(source) ? prepared_csv(source, options, separator, header) : std::string();
    const std::vector<std::string> texts = open_options(source, options, separator);
    std::vector<const char*> pointers;
    for (const std::string& t : texts) pointers.push_back(t.c_str());
    pointers.push_back(nullptr);
    const std::string& path = memory_copy.empty() ? source : memory_copy;
    gdal::ErrorCapture capture;
    gdal::DatasetPtr ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                   pointers.data(), nullptr));
    // The dataset keeps its own reference to the in-memory copy.
    if (!memory_copy.empty()) VSIUnlink(memory_copy.c_str());
    if (!ds) {
        const std::string why = capture.last_error();
        throw Error(ErrorContext{shown, {}, {}, {}},
                    "cannot open as a vector source" + (why.empty() ? std::string() : ": " + why));
    }
    note_source_read(shown);
    return {std::move(ds),
            is_csv(source) && csv_in_degrees(header_names(header, separator), options)};
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
    return GDALDatasetGetLayer(ds, 0);
}

// A CSV whose points come from latitude/longitude columns is in degrees of WGS 84 when it does
// not say otherwise; x/y columns and WKT say nothing of their CRS.
std::optional<Crs> crs_of(OGRLayerH layer, bool csv_in_degrees, const ErrorContext& here,
                          const ReadOptions& options) {
    if (OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer)) {
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

Layer read_layer(const std::string& source, const ReadOptions& options) {
    const std::string shown = gdal::redact(source);
    OpenedSource opened = open_source(source, options);
    gdal::DatasetPtr& ds = opened.dataset;
    const std::string driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds.get()));
    OGRLayerH ogr_layer = select_layer(ds.get(), shown, options);
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
    const std::vector<std::string> columns = column_names(defn);
    if (options.need_geometry && !has_geometry)
        throw Error(here,
                    "no geometry can be made from this source (columns: " + join_names(columns) +
                        "): name its WKT column (wkt) or its coordinate columns (x, y)");
    std::optional<Crs> crs;
    if (has_geometry) crs = crs_of(ogr_layer, opened.csv_in_degrees, here, options);

    Layer layer(layer_name, crs, has_geometry);
    layer.set_origin({shown, layer_name, driver, options.id_field, crs ? crs->label() : ""});
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
        for (int i = 0; i < field_count; ++i)
            values[static_cast<std::size_t>(i)] =
                read_value(feature.get(), i, types[static_cast<std::size_t>(i)]);
        Geometry geometry = has_geometry ? read_geometry(feature.get()) : Geometry();
        layer.append(id, std::move(geometry), values);
        if (auto bad = layer.geometry(layer.size() - 1).first_non_finite_coordinate())
            throw Error(layer.where(layer.size() - 1), "non-finite coordinate (" +
                                                           std::to_string(bad->first) + ", " +
                                                           std::to_string(bad->second) + ")");
    }
    if (CPLGetLastErrorType() >= CE_Failure)
        throw Error(here, "reading failed after " + std::to_string(row) +
                              " features: " + capture.last_error());
    check_text(layer, options);

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
