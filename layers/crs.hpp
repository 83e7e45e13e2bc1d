// Coordinate reference systems and transformations through PROJ.
//
// Axis order: atlante always stores coordinates in the traditional GIS order (x = easting or
// longitude, y = northing or latitude), whatever the CRS definition says. This file is the one
// place that decides it: transformations are normalised for visualisation, and OGR spatial
// references made here use OAMS_TRADITIONAL_GIS_ORDER.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <ogr_srs_api.h>

#include "layers/geometry.hpp"

namespace atlante {

class Crs {
  public:
    // "EPSG:32632", a WKT string or a PROJ string; throws for an unknown or non-CRS definition.
    static Crs from_user_input(const std::string& text);
    // From an OGR spatial reference (as read from a file): keeps the EPSG code when it has one.
    static Crs from_ogr(OGRSpatialReferenceH srs);

    const std::string& definition() const { return definition_; }  // what PROJ is given
    const std::string& name() const { return name_; }
    std::optional<int> epsg() const { return epsg_; }
    bool is_geographic() const { return geographic_; }
    // "EPSG:32632 (WGS 84 / UTM zone 32N)"
    std::string label() const;
    std::string wkt() const;          // WKT2 (2019), as QGIS projects store it
    std::string proj_string() const;  // "+proj=utm +zone=32 …"
    bool equivalent_to(const Crs& other) const;

  private:
    std::string definition_;
    std::string name_;
    std::optional<int> epsg_;
    bool geographic_ = false;
};

struct TransformOptions {
    // A ballpark step (datum shift of unknown accuracy) is refused unless this is set.
    bool allow_ballpark = false;
    // Longitude/latitude box of the data, so PROJ picks an operation valid there.
    std::optional<Envelope> area_of_interest;
};

// What PROJ will do: recorded with every reprojected layer.
struct OperationInfo {
    std::string source;      // CRS label
    std::string target;      // CRS label
    std::string name;        // "Inverse of Monte Mario to WGS 84 (4) + Italy zone 1"
    std::string pipeline;    // PROJ string of the operation
    double accuracy_m = -1;  // -1: unknown
    bool ballpark = false;
    std::string summary() const;  // one line for logs and metadata
};

// A coordinate operation between two CRSs. Not thread-safe: use it on the thread that made it.
class Transformation {
  public:
    static Transformation create(const Crs& from, const Crs& to,
                                 const TransformOptions& options = {});
    Transformation(Transformation&&) noexcept;
    Transformation& operator=(Transformation&&) noexcept;
    ~Transformation();

    const OperationInfo& info() const { return info_; }
    bool forward(double& x, double& y) const;
    bool inverse(double& x, double& y) const;
    // The geometry with every coordinate transformed; throws when PROJ cannot transform one.
    Geometry apply(const Geometry& geometry, bool inverse = false) const;

  private:
    struct Impl;
    explicit Transformation(std::unique_ptr<Impl> impl, OperationInfo info);
    std::unique_ptr<Impl> impl_;
    OperationInfo info_;
};

// Longitude/latitude box of an envelope given in `crs` (through the CRS's own geographic base,
// no datum shift: good enough to choose an operation by area).
std::optional<Envelope> lonlat_bounds(const Crs& crs, const Envelope& envelope);

// An OGR spatial reference for writing, in traditional GIS axis order.
struct OgrSrsDeleter {
    void operator()(OGRSpatialReferenceH srs) const;
};
using OgrSrsPtr = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, OgrSrsDeleter>;
OgrSrsPtr to_ogr_srs(const Crs& crs);

}  // namespace atlante
