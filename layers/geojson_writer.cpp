#include "layers/geojson_writer.hpp"

#include <geos_c.h>

#include <charconv>
#include <cmath>
#include <optional>
#include <vector>

#include "layers/geos_context.hpp"
#include "layers/text_file.hpp"

namespace atlante {
namespace {

// The shortest text that reads back as the same number.
template <class Number>
void append_number(std::string& out, Number v) {
    char buffer[32];
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, v).ptr);
}

// A real keeps a decimal point, so that readers type the property as a real ("1.0", not "1").
void append_real(std::string& out, double v) {
    const std::size_t from = out.size();
    append_number(out, v);
    if (out.find_first_of(".e", from) == std::string::npos) out += ".0";
}

// A JSON string: quotes, backslashes and control characters escaped, UTF-8 kept as it is.
void append_string(std::string& out, std::string_view text) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    out += '"';
}

// Writes one geometry's "type" and "coordinates" (or "geometries") in longitude/latitude.
class GeometryText {
  public:
    GeometryText(const Transformation* to_lonlat, int decimals)
        : to_lonlat_(to_lonlat), scale_(std::pow(10.0, decimals)) {}

    // False when PROJ could not transform a coordinate.
    bool append(std::string& out, const GEOSGeometry* g) {
        GEOSContextHandle_t h = geos::handle();
        switch (GEOSGeomTypeId_r(h, g)) {
            case GEOS_POINT:
                out += R"({"type":"Point","coordinates":)";
                if (!append_points(out, GEOSGeom_getCoordSeq_r(h, g), Ring::None, true))
                    return false;
                break;
            case GEOS_LINESTRING:
            case GEOS_LINEARRING:
                out += R"({"type":"LineString","coordinates":)";
                if (!append_points(out, GEOSGeom_getCoordSeq_r(h, g), Ring::None, false))
                    return false;
                break;
            case GEOS_POLYGON:
                out += R"({"type":"Polygon","coordinates":)";
                if (!append_polygon(out, g)) return false;
                break;
            case GEOS_MULTIPOINT:
            case GEOS_MULTILINESTRING:
            case GEOS_MULTIPOLYGON:
                return append_multi(out, g);
            default:
                return append_collection(out, g);
        }
        out += '}';
        return true;
    }

  private:
    enum class Ring { None, Exterior, Interior };

    // The sequence's coordinates in longitude/latitude, on the decimals' grid, in `xy_`.
    bool load(const GEOSCoordSequence* seq) {
        GEOSContextHandle_t h = geos::handle();
        unsigned int n = 0;
        GEOSCoordSeq_getSize_r(h, seq, &n);
        xy_.resize(2 * static_cast<std::size_t>(n));
        if (n > 0 && !GEOSCoordSeq_copyToBuffer_r(h, seq, xy_.data(), 0, 0))
            geos::throw_last_error("reading coordinates");
        for (std::size_t i = 0; i < xy_.size(); i += 2) {
            if (to_lonlat_ && !to_lonlat_->forward(xy_[i], xy_[i + 1])) return false;
            xy_[i] = std::round(xy_[i] * scale_) / scale_;
            xy_[i + 1] = std::round(xy_[i + 1] * scale_) / scale_;
        }
        return true;
    }

    // Twice the signed area of the ring in `xy_`: positive when counter-clockwise.
    double signed_area() const {
        double sum = 0;
        for (std::size_t i = 2; i < xy_.size(); i += 2)
            sum += (xy_[i - 2] - xy_[i]) * (xy_[i - 1] + xy_[i + 1]);
        return sum;
    }

    bool append_points(std::string& out, const GEOSCoordSequence* seq, Ring ring, bool single) {
        if (!load(seq)) return false;
        const std::size_t n = xy_.size() / 2;
        // RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise.
        const bool reverse =
            ring != Ring::None && n >= 4 && ((ring == Ring::Exterior) != (signed_area() > 0));
        if (!single) out += '[';
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t i = 2 * (reverse ? n - 1 - k : k);
            if (k) out += ',';
            out += '[';
            append_number(out, xy_[i] == 0 ? 0.0 : xy_[i]);
            out += ',';
            append_number(out, xy_[i + 1] == 0 ? 0.0 : xy_[i + 1]);
            out += ']';
        }
        if (!single) out += ']';
        return true;
    }

    bool append_polygon(std::string& out, const GEOSGeometry* polygon) {
        GEOSContextHandle_t h = geos::handle();
        out += '[';
        const GEOSGeometry* shell = GEOSGetExteriorRing_r(h, polygon);
        if (!append_points(out, GEOSGeom_getCoordSeq_r(h, shell), Ring::Exterior, false))
            return false;
        const int holes = GEOSGetNumInteriorRings_r(h, polygon);
        for (int i = 0; i < holes; ++i) {
            out += ',';
            const GEOSGeometry* hole = GEOSGetInteriorRingN_r(h, polygon, i);
            if (!append_points(out, GEOSGeom_getCoordSeq_r(h, hole), Ring::Interior, false))
                return false;
        }
        out += ']';
        return true;
    }

    bool append_multi(std::string& out, const GEOSGeometry* g) {
        GEOSContextHandle_t h = geos::handle();
        const int type = GEOSGeomTypeId_r(h, g);
        out += type == GEOS_MULTIPOINT        ? R"({"type":"MultiPoint","coordinates":[)"
               : type == GEOS_MULTILINESTRING ? R"({"type":"MultiLineString","coordinates":[)"
                                              : R"({"type":"MultiPolygon","coordinates":[)";
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) {
            if (i) out += ',';
            const GEOSGeometry* part = GEOSGetGeometryN_r(h, g, i);
            const bool ok = type == GEOS_MULTIPOLYGON
                                ? append_polygon(out, part)
                                : append_points(out, GEOSGeom_getCoordSeq_r(h, part), Ring::None,
                                                type == GEOS_MULTIPOINT);
            if (!ok) return false;
        }
        out += "]}";
        return true;
    }

    bool append_collection(std::string& out, const GEOSGeometry* g) {
        GEOSContextHandle_t h = geos::handle();
        out += R"({"type":"GeometryCollection","geometries":[)";
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) {
            if (i) out += ',';
            if (!append(out, GEOSGetGeometryN_r(h, g, i))) return false;
        }
        out += "]}";
        return true;
    }

    const Transformation* to_lonlat_;
    double scale_;
    std::vector<double> xy_;
};

void append_value(std::string& out, const Column& column, std::size_t row) {
    if (column.is_null(row)) {
        out += "null";
        return;
    }
    switch (column.type()) {
        case FieldType::Integer:
            append_number(out, column.integer(row));
            return;
        case FieldType::Real:
            if (std::isfinite(column.real(row)))
                append_real(out, column.real(row));
            else
                out += "null";
            return;
        case FieldType::String:
            append_string(out, column.string(row));
            return;
        case FieldType::Date:
            append_string(out, column.date(row).iso());
            return;
    }
}

std::optional<Transformation> transformation_to_lonlat(const Layer& layer,
                                                       const GeoJsonOptions& options) {
    if (!layer.has_geometry() || !layer.crs()) return std::nullopt;
    const Crs wgs84 = Crs::from_user_input("EPSG:4326");
    if (layer.crs()->equivalent_to(wgs84)) return std::nullopt;
    TransformOptions transform;
    transform.allow_ballpark = options.allow_ballpark;
    transform.area_of_interest = lonlat_bounds(*layer.crs(), layer.extent());
    return Transformation::create(*layer.crs(), wgs84, transform);
}

}  // namespace

void write_geojson(const Layer& layer, const std::string& path, const GeoJsonOptions& options) {
    const std::optional<Transformation> to_lonlat = transformation_to_lonlat(layer, options);
    GeometryText geometry(to_lonlat ? &*to_lonlat : nullptr, options.decimals);
    // Each member's name, written once: `"name":`.
    std::vector<std::string> keys;
    for (const Field& field : layer.fields()) {
        std::string key;
        append_string(key, field.name);
        keys.push_back(key + ':');
    }
    TextFile file(path);
    std::string text = R"({"type":"FeatureCollection","name":)";
    append_string(text, layer.name());
    text += ",\"features\":[\n";
    for (std::size_t row = 0; row < layer.size(); ++row) {
        text += row ? ",\n" : "";
        text += R"({"type":"Feature","properties":{)";
        for (std::size_t f = 0; f < keys.size(); ++f) {
            if (f) text += ',';
            text += keys[f];
            append_value(text, layer.column(f), row);
        }
        text += R"(},"geometry":)";
        const Geometry& g = layer.geometry(row);
        if (!layer.has_geometry() || g.is_empty())
            text += "null";
        else if (!geometry.append(text, g.get())) {
            ErrorContext where = layer.where(row);
            where.file = path;
            throw Error(where, "cannot transform a coordinate to EPSG:4326 for GeoJSON");
        }
        text += '}';
        file.append(text);
        text.clear();
    }
    text += "\n]}\n";
    file.append(text);
    file.finish();
}

}  // namespace atlante
