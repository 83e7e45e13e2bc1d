#include "layers/geometry.hpp"

#include <geos_c.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>

#include "layers/error.hpp"
#include "layers/geos_context.hpp"

namespace atlante {

void Envelope::expand(const Envelope& other) {
    if (other.empty) return;
    expand(other.min_x, other.min_y);
    expand(other.max_x, other.max_y);
}

void Envelope::expand(double x, double y) {
    if (empty) {
        min_x = max_x = x;
        min_y = max_y = y;
        empty = false;
        return;
    }
    min_x = std::min(min_x, x);
    min_y = std::min(min_y, y);
    max_x = std::max(max_x, x);
    max_y = std::max(max_y, y);
}

void Geometry::Deleter::operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(geos::handle(), g); }

static Geometry checked(GEOSGeometry* g, const char* doing) {
    if (g == nullptr) geos::throw_last_error(doing);
    return Geometry(g);
}

Geometry Geometry::from_wkb(std::span<const unsigned char> wkb) {
    GEOSWKBReader* reader = GEOSWKBReader_create_r(geos::handle());
    GEOSGeometry* g = GEOSWKBReader_read_r(geos::handle(), reader, wkb.data(), wkb.size());
    GEOSWKBReader_destroy_r(geos::handle(), reader);
    return checked(g, "reading WKB");
}

Geometry Geometry::from_wkt(std::string_view wkt) {
    GEOSWKTReader* reader = GEOSWKTReader_create_r(geos::handle());
    const std::string text(wkt);
    GEOSGeometry* g = GEOSWKTReader_read_r(geos::handle(), reader, text.c_str());
    GEOSWKTReader_destroy_r(geos::handle(), reader);
    return checked(g, "reading WKT");
}

Geometry Geometry::point(double x, double y) {
    return checked(GEOSGeom_createPointFromXY_r(geos::handle(), x, y), "making a point");
}

static GEOSCoordSequence* make_sequence(const std::vector<std::pair<double, double>>& vertices) {
    GEOSCoordSequence* seq =
        GEOSCoordSeq_create_r(geos::handle(), static_cast<unsigned>(vertices.size()), 2);
    if (!seq) geos::throw_last_error("making a coordinate sequence");
    for (std::size_t i = 0; i < vertices.size(); ++i)
        GEOSCoordSeq_setXY_r(geos::handle(), seq, static_cast<unsigned>(i), vertices[i].first,
                             vertices[i].second);
    return seq;
}

static GEOSGeometry* make_line_string(const std::vector<std::pair<double, double>>& vertices) {
    GEOSGeometry* line = GEOSGeom_createLineString_r(geos::handle(), make_sequence(vertices));
    if (!line) geos::throw_last_error("making a line");
    return line;
}

Geometry Geometry::polygon(const std::vector<std::pair<double, double>>& ring) {
    if (ring.size() < 4 || ring.front() != ring.back())
        throw Error("a polygon's ring needs at least four vertices, the last equal to the first");
    GEOSGeometry* shell = GEOSGeom_createLinearRing_r(geos::handle(), make_sequence(ring));
    if (!shell) geos::throw_last_error("making a ring");
    GEOSGeometry* polygon = GEOSGeom_createPolygon_r(geos::handle(), shell, nullptr, 0);
    if (!polygon) geos::throw_last_error("making a polygon");
    return Geometry(polygon);
}

Geometry Geometry::line(const std::vector<std::pair<double, double>>& vertices) {
    if (vertices.size() < 2) throw Error("a line needs at least two vertices");
    return Geometry(make_line_string(vertices));
}

Geometry Geometry::multi_line(const std::vector<std::vector<std::pair<double, double>>>& lines) {
    // Each part is owned by a Geometry until the collection takes them all.
    std::vector<Geometry> parts;
    parts.reserve(lines.size());
    for (const auto& l : lines)
        if (l.size() >= 2) parts.push_back(Geometry(make_line_string(l)));
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (Geometry& g : parts) raw.push_back(g.ptr_.get());
    GEOSGeometry* collection = GEOSGeom_createCollection_r(
        geos::handle(), GEOS_MULTILINESTRING, raw.data(), static_cast<unsigned>(raw.size()));
    if (!collection) geos::throw_last_error("making a multi-line");
    for (Geometry& g : parts) (void)g.release();  // now owned by the collection
    return Geometry(collection);
}

std::vector<unsigned char> Geometry::to_wkb() const {
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(geos::handle());
    GEOSWKBWriter_setFlavor_r(geos::handle(), writer, GEOS_WKB_ISO);
    GEOSWKBWriter_setByteOrder_r(geos::handle(), writer, GEOS_WKB_NDR);
    GEOSWKBWriter_setOutputDimension_r(geos::handle(), writer, 2);
    size_t size = 0;
    unsigned char* bytes = GEOSWKBWriter_write_r(geos::handle(), writer, get(), &size);
    GEOSWKBWriter_destroy_r(geos::handle(), writer);
    if (bytes == nullptr) geos::throw_last_error("writing WKB");
    std::vector<unsigned char> out(bytes, bytes + size);
    GEOSFree_r(geos::handle(), bytes);
    return out;
}

std::string Geometry::to_wkt(int decimals) const {
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(geos::handle());
    if (decimals >= 0) GEOSWKTWriter_setRoundingPrecision_r(geos::handle(), writer, decimals);
    GEOSWKTWriter_setTrim_r(geos::handle(), writer, 1);
    char* text = GEOSWKTWriter_write_r(geos::handle(), writer, get());
    GEOSWKTWriter_destroy_r(geos::handle(), writer);
    if (text == nullptr) geos::throw_last_error("writing WKT");
    std::string out(text);
    GEOSFree_r(geos::handle(), text);
    return out;
}

namespace {

// Every number of a JSON text written with at most `decimals` decimals, trailing zeros dropped
// (the values are already on that grid: only their binary noise goes, "45.033899999999996").
std::string with_decimals(const std::string& json, int decimals) {
    std::string out;
    out.reserve(json.size());
    bool in_string = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        const bool starts_number =
            !in_string && (std::isdigit(static_cast<unsigned char>(c)) ||
                           (c == '-' && i + 1 < json.size() &&
                            std::isdigit(static_cast<unsigned char>(json[i + 1]))));
        if (c == '"') in_string = !in_string;
        if (!starts_number) {
            out += c;
            continue;
        }
        char* end = nullptr;
        const double value = std::strtod(json.c_str() + i, &end);
        char number[64];
        std::snprintf(number, sizeof number, "%.*f", decimals, value);
        std::string text = number;
        if (text.find('.') != std::string::npos) {
            while (text.back() == '0') text.pop_back();
            if (text.back() == '.') text.pop_back();
        }
        if (text == "-0") text = "0";
        out += text;
        i = static_cast<std::size_t>(end - json.c_str()) - 1;
    }
    return out;
}

}  // namespace

std::string Geometry::to_geojson(int decimals) const {
    struct WriterDeleter {
        void operator()(GEOSGeoJSONWriter* w) const {
            GEOSGeoJSONWriter_destroy_r(geos::handle(), w);
        }
    };
    struct TextDeleter {
        void operator()(char* t) const { GEOSFree_r(geos::handle(), t); }
    };
    const std::unique_ptr<GEOSGeoJSONWriter, WriterDeleter> writer(
        GEOSGeoJSONWriter_create_r(geos::handle()));
    Geometry snapped;
    if (decimals >= 0)
        snapped =
            checked(GEOSGeom_setPrecision_r(geos::handle(), get(), std::pow(10.0, -decimals), 0),
                    "rounding a geometry's coordinates");
    const std::unique_ptr<char, TextDeleter> text(GEOSGeoJSONWriter_writeGeometry_r(
        geos::handle(), writer.get(), decimals >= 0 ? snapped.get() : get(), -1));
    if (!text) geos::throw_last_error("writing GeoJSON");
    return decimals >= 0 ? with_decimals(text.get(), decimals) : std::string(text.get());
}

Geometry Geometry::clone() const {
    if (!ptr_) return {};
    return checked(GEOSGeom_clone_r(geos::handle(), get()), "copying a geometry");
}

bool Geometry::is_empty() const { return !ptr_ || GEOSisEmpty_r(geos::handle(), get()) == 1; }

GeometryKind Geometry::kind() const {
    switch (GEOSGeomTypeId_r(geos::handle(), get())) {
        case GEOS_POINT:
            return GeometryKind::Point;
        case GEOS_LINESTRING:
        case GEOS_LINEARRING:
            return GeometryKind::LineString;
        case GEOS_POLYGON:
            return GeometryKind::Polygon;
        case GEOS_MULTIPOINT:
            return GeometryKind::MultiPoint;
        case GEOS_MULTILINESTRING:
            return GeometryKind::MultiLineString;
        case GEOS_MULTIPOLYGON:
            return GeometryKind::MultiPolygon;
        case GEOS_GEOMETRYCOLLECTION:
            return GeometryKind::Collection;
        default:
            return GeometryKind::Other;
    }
}

std::string Geometry::type_name() const {
    if (!ptr_) return "None";
    char* name = GEOSGeomType_r(geos::handle(), get());
    std::string out(name ? name : "Unknown");
    GEOSFree_r(geos::handle(), name);
    return out;
}

int Geometry::num_geometries() const { return GEOSGetNumGeometries_r(geos::handle(), get()); }

double Geometry::area() const {
    double value = 0;
    if (ptr_ && GEOSArea_r(geos::handle(), get(), &value) != 1)
        geos::throw_last_error("measuring area");
    return value;
}

double Geometry::length() const {
    double value = 0;
    if (ptr_ && GEOSLength_r(geos::handle(), get(), &value) != 1)
        geos::throw_last_error("measuring length");
    return value;
}

Envelope Geometry::envelope() const {
    Envelope env;
    if (is_empty()) return env;
    double x0, y0, x1, y1;
    GEOSGeom_getXMin_r(geos::handle(), get(), &x0);
    GEOSGeom_getYMin_r(geos::handle(), get(), &y0);
    GEOSGeom_getXMax_r(geos::handle(), get(), &x1);
    GEOSGeom_getYMax_r(geos::handle(), get(), &y1);
    env.expand(x0, y0);
    env.expand(x1, y1);
    return env;
}

// Runs f over every coordinate of g; returns GEOS's new geometry or null when f said stop.
static GEOSGeometry* apply_xy(const GEOSGeometry* g,
                              const std::function<bool(double&, double&)>& f) {
    auto trampoline = [](double* x, double* y, void* userdata) -> int {
        const auto& fn = *static_cast<const std::function<bool(double&, double&)>*>(userdata);
        return fn(*x, *y) ? 1 : 0;
    };
    return GEOSGeom_transformXY_r(geos::handle(), g, trampoline,
                                  const_cast<void*>(static_cast<const void*>(&f)));
}

Geometry Geometry::transform_xy(const std::function<bool(double& x, double& y)>& f) const {
    if (!ptr_) return {};
    return checked(apply_xy(get(), f), "transforming coordinates");
}

std::optional<std::pair<double, double>> Geometry::first_non_finite_coordinate() const {
    std::optional<std::pair<double, double>> found;
    if (!ptr_) return found;
    const std::function<bool(double&, double&)> visit = [&found](double& x, double& y) {
        if (std::isfinite(x) && std::isfinite(y)) return true;
        found = std::make_pair(x, y);
        return false;  // stop at the first one; GEOS then reports a failure we discard
    };
    Geometry copy(apply_xy(get(), visit));
    geos::context().take_error();
    return found;
}

ValidityDetail Geometry::validity() const {
    ValidityDetail detail;
    if (!ptr_) return detail;
    char* reason = nullptr;
    GEOSGeometry* location = nullptr;
    const char result = GEOSisValidDetail_r(geos::handle(), get(), 0, &reason, &location);
    if (result == 2) geos::throw_last_error("checking validity");
    detail.valid = result == 1;
    if (reason) {
        if (!detail.valid) detail.reason = reason;
        GEOSFree_r(geos::handle(), reason);
    }
    if (location) {
        Geometry where(location);
        if (!detail.valid && !where.is_empty()) detail.location = where.xy();
    }
    return detail;
}

Geometry Geometry::make_valid() const {
    GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(geos::handle());
    GEOSMakeValidParams_setMethod_r(geos::handle(), params, GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(geos::handle(), params, 0);
    GEOSGeometry* out = GEOSMakeValidWithParams_r(geos::handle(), get(), params);
    GEOSMakeValidParams_destroy_r(geos::handle(), params);
    return checked(out, "repairing a geometry (make-valid)");
}

Geometry Geometry::polygonal_part() const {
    const GeometryKind k = kind();
    if (k == GeometryKind::Polygon || k == GeometryKind::MultiPolygon) return clone();
    std::vector<GEOSGeometry*> polygons;
    const int n = num_geometries();
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(geos::handle(), get(), i);
        const int type = GEOSGeomTypeId_r(geos::handle(), part);
        if (type == GEOS_POLYGON) {
            polygons.push_back(GEOSGeom_clone_r(geos::handle(), part));
        } else if (type == GEOS_MULTIPOLYGON) {
            for (int j = 0; j < GEOSGetNumGeometries_r(geos::handle(), part); ++j)
                polygons.push_back(
                    GEOSGeom_clone_r(geos::handle(), GEOSGetGeometryN_r(geos::handle(), part, j)));
        }
    }
    return checked(GEOSGeom_createCollection_r(geos::handle(), GEOS_MULTIPOLYGON, polygons.data(),
                                               static_cast<unsigned>(polygons.size())),
                   "collecting polygons");
}

bool Geometry::covers(const Geometry& other) const {
    const char result = GEOSCovers_r(geos::handle(), get(), other.get());
    if (result == 2) geos::throw_last_error("testing covers");
    return result == 1;
}

double Geometry::distance(const Geometry& other) const {
    double d = 0;
    if (GEOSDistance_r(geos::handle(), get(), other.get(), &d) != 1)
        geos::throw_last_error("measuring a distance");
    return d;
}

Geometry Geometry::intersection(const Geometry& other) const {
    return checked(GEOSIntersection_r(geos::handle(), get(), other.get()),
                   "intersecting geometries");
}

Geometry Geometry::simplify(double tolerance) const {
    return checked(GEOSSimplify_r(geos::handle(), get(), tolerance), "simplifying a geometry");
}

Geometry Geometry::clip_by_rect(const Envelope& r) const {
    return checked(GEOSClipByRect_r(geos::handle(), get(), r.min_x, r.min_y, r.max_x, r.max_y),
                   "clipping to a rectangle");
}

Geometry Geometry::buffer(double width, int quadrant_segments) const {
    return checked(GEOSBuffer_r(geos::handle(), get(), width, quadrant_segments),
                   "buffering a geometry");
}

std::pair<double, double> Geometry::nearest_point_of(const Geometry& other) const {
    GEOSCoordSequence* seq = GEOSNearestPoints_r(geos::handle(), get(), other.get());
    if (!seq) geos::throw_last_error("finding nearest points");
    std::pair<double, double> xy;
    GEOSCoordSeq_getXY_r(geos::handle(), seq, 1, &xy.first, &xy.second);
    GEOSCoordSeq_destroy_r(geos::handle(), seq);
    return xy;
}

Geometry Geometry::centroid() const {
    return checked(GEOSGetCentroid_r(geos::handle(), get()), "computing a centroid");
}

Geometry Geometry::point_on_surface() const {
    return checked(GEOSPointOnSurface_r(geos::handle(), get()), "computing a point on surface");
}

static std::vector<std::pair<double, double>> ring_vertices(const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(geos::handle(), ring);
    unsigned int size = 0;
    GEOSCoordSeq_getSize_r(geos::handle(), seq, &size);
    std::vector<std::pair<double, double>> vertices(size);
    for (unsigned int i = 0; i < size; ++i)
        GEOSCoordSeq_getXY_r(geos::handle(), seq, i, &vertices[i].first, &vertices[i].second);
    return vertices;
}

std::vector<std::vector<std::pair<double, double>>> Geometry::rings() const {
    std::vector<std::vector<std::pair<double, double>>> out;
    if (!ptr_) return out;
    const int parts = GEOSGetNumGeometries_r(geos::handle(), get());
    for (int p = 0; p < parts; ++p) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(geos::handle(), get(), p);
        if (GEOSGeomTypeId_r(geos::handle(), part) != GEOS_POLYGON ||
            GEOSisEmpty_r(geos::handle(), part))
            continue;
        out.push_back(ring_vertices(GEOSGetExteriorRing_r(geos::handle(), part)));
        for (int h = 0; h < GEOSGetNumInteriorRings_r(geos::handle(), part); ++h)
            out.push_back(ring_vertices(GEOSGetInteriorRingN_r(geos::handle(), part, h)));
    }
    return out;
}

std::vector<std::vector<std::pair<double, double>>> Geometry::lines() const {
    std::vector<std::vector<std::pair<double, double>>> out;
    if (!ptr_) return out;
    const int parts = GEOSGetNumGeometries_r(geos::handle(), get());
    for (int p = 0; p < parts; ++p) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(geos::handle(), get(), p);
        const int type = GEOSGeomTypeId_r(geos::handle(), part);
        if ((type == GEOS_LINESTRING || type == GEOS_LINEARRING) &&
            !GEOSisEmpty_r(geos::handle(), part))
            out.push_back(ring_vertices(part));
    }
    return out;
}

std::pair<double, double> Geometry::xy() const {
    double x = std::numeric_limits<double>::quiet_NaN(), y = x;
    if (GEOSGeomGetX_r(geos::handle(), get(), &x) != 1 ||
        GEOSGeomGetY_r(geos::handle(), get(), &y) != 1)
        geos::throw_last_error("reading point coordinates");
    return {x, y};
}

GeometryFamily family_of(GeometryKind kind) {
    switch (kind) {
        case GeometryKind::Point:
        case GeometryKind::MultiPoint:
            return GeometryFamily::Point;
        case GeometryKind::LineString:
        case GeometryKind::MultiLineString:
            return GeometryFamily::Line;
        case GeometryKind::Polygon:
        case GeometryKind::MultiPolygon:
            return GeometryFamily::Polygon;
        default:
            return GeometryFamily::Mixed;
    }
}

std::string to_string(GeometryFamily family) {
    switch (family) {
        case GeometryFamily::Point:
            return "point";
        case GeometryFamily::Line:
            return "line";
        case GeometryFamily::Polygon:
            return "polygon";
        default:
            return "mixed";
    }
}

// Builds a collection of clones (GEOS takes ownership of the parts).
static Geometry collect(const std::vector<const Geometry*>& parts) {
    std::vector<GEOSGeometry*> clones;
    clones.reserve(parts.size());
    for (const Geometry* g : parts)
        if (g && *g) clones.push_back(GEOSGeom_clone_r(geos::handle(), g->get()));
    return checked(GEOSGeom_createCollection_r(geos::handle(), GEOS_GEOMETRYCOLLECTION,
                                               clones.data(), static_cast<unsigned>(clones.size())),
                   "collecting geometries");
}

Geometry coverage_union(const std::vector<const Geometry*>& parts) {
    const Geometry all = collect(parts);
    return checked(GEOSCoverageUnion_r(geos::handle(), all.get()), "computing a coverage union");
}

Geometry unary_union(const std::vector<const Geometry*>& parts) {
    const Geometry all = collect(parts);
    return checked(GEOSUnaryUnion_r(geos::handle(), all.get()), "computing a union");
}

}  // namespace atlante
