// Geometry: an owning, move-only handle on a GEOS geometry, with the operations the layer model
// needs. Everything in atlante that touches GEOS geometries goes through this type (or the
// engine's prepared-geometry wrapper), never through GEOS*_r calls of its own.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

typedef struct GEOSGeom_t GEOSGeometry;

namespace atlante {

struct Envelope {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    bool empty = true;

    void expand(const Envelope& other);
    void expand(double x, double y);
    double width() const { return empty ? 0 : max_x - min_x; }
    double height() const { return empty ? 0 : max_y - min_y; }
};

enum class GeometryKind {
    Point,
    LineString,
    Polygon,
    MultiPoint,
    MultiLineString,
    MultiPolygon,
    Collection,
    Other
};

// "point", "line" or "polygon" families, for checking what a layer holds.
enum class GeometryFamily { Point, Line, Polygon, Mixed };

struct ValidityDetail {
    bool valid = true;
    std::string reason;  // GEOS's reason, e.g. "Self-intersection"
    std::optional<std::pair<double, double>> location;
};

class Geometry {
  public:
    Geometry() = default;
    explicit Geometry(GEOSGeometry* owned) : ptr_(owned) {}

    static Geometry from_wkb(std::span<const unsigned char> wkb);
    static Geometry from_wkt(std::string_view wkt);
    static Geometry point(double x, double y);
    // A LineString through `vertices` (at least two), and a MultiLineString of several.
    static Geometry line(const std::vector<std::pair<double, double>>& vertices);
    static Geometry multi_line(const std::vector<std::vector<std::pair<double, double>>>& lines);
    // A Polygon without holes whose shell is `ring` (closed: first vertex = last, at least 4).
    static Geometry polygon(const std::vector<std::pair<double, double>>& ring);

    std::vector<unsigned char> to_wkb() const;  // ISO WKB, little endian, 2D
    std::string to_wkt(int decimals = -1) const;
    // The geometry as a GeoJSON geometry object (GEOS's writer); with `decimals` >= 0 its
    // coordinates snapped to that many decimals first, and written with no more (6 on degrees
    // keeps 0,1 m and drops the rest).
    std::string to_geojson(int decimals = -1) const;

    explicit operator bool() const { return ptr_ != nullptr; }
    const GEOSGeometry* get() const { return ptr_.get(); }
    GEOSGeometry* release() { return ptr_.release(); }

    Geometry clone() const;
    bool is_empty() const;
    GeometryKind kind() const;
    std::string type_name() const;  // GEOS's name: "MultiPolygon"
    int num_geometries() const;
    double area() const;
    double length() const;
    Envelope envelope() const;
    std::optional<std::pair<double, double>> first_non_finite_coordinate() const;

    // Applies f to every coordinate (x, y) and returns the new geometry; f returns false to fail.
    Geometry transform_xy(const std::function<bool(double& x, double& y)>& f) const;

    ValidityDetail validity() const;
    // GEOS make-valid, "structure" method: keeps the polygonal area of polygons, drops
    // collapsed parts, so a repaired polygon stays a (multi)polygon.
    Geometry make_valid() const;
    // The polygonal parts of a (possibly mixed) geometry as one (multi)polygon.
    Geometry polygonal_part() const;

    // True when `other` lies inside this geometry or on its boundary.
    bool covers(const Geometry& other) const;
    // Planar distance between the nearest points (0 when they touch or overlap).
    double distance(const Geometry& other) const;
    // The point of `other` nearest to this geometry.
    std::pair<double, double> nearest_point_of(const Geometry& other) const;
    Geometry intersection(const Geometry& other) const;
    // The part inside an axis-aligned rectangle (fast; for drawing, not for analysis: GEOS may
    // return invalid polygons along the rectangle's edge).
    Geometry clip_by_rect(const Envelope& rect) const;
    // Douglas-Peucker simplification (for drawing small: an overview inset).
    Geometry simplify(double tolerance) const;
    // Buffer with round caps; `quadrant_segments` segments approximate each quarter circle.
    Geometry buffer(double width, int quadrant_segments) const;

    Geometry centroid() const;
    Geometry point_on_surface() const;
    // Every ring (exterior and interior) of every polygon in this geometry, as x, y vertices.
    std::vector<std::vector<std::pair<double, double>>> rings() const;
    // Every line (linestring) in this geometry, as x, y vertices.
    std::vector<std::vector<std::pair<double, double>>> lines() const;
    // x, y of a point geometry.
    std::pair<double, double> xy() const;

  private:
    struct Deleter {
        void operator()(GEOSGeometry* g) const;
    };
    std::unique_ptr<GEOSGeometry, Deleter> ptr_;
};

GeometryFamily family_of(GeometryKind kind);
std::string to_string(GeometryFamily family);

// Union of polygons that form a coverage (edge-matched, no overlaps): GEOS coverage union.
Geometry coverage_union(const std::vector<const Geometry*>& parts);
// General union (slower; for inputs that are not a clean coverage).
Geometry unary_union(const std::vector<const Geometry*>& parts);

}  // namespace atlante
