// PreparedGeometry: GEOS's prepared form of a geometry (indexed segments), for answering many
// predicates against the same polygon fast. Owns the GEOS handle; the geometry it was made from
// must outlive it.
#pragma once

#include <memory>

#include "layers/geometry.hpp"

typedef struct GEOSPrepGeom_t GEOSPreparedGeometry;

namespace atlante {

class PreparedGeometry {
  public:
    explicit PreparedGeometry(const Geometry& geometry);
    bool covers(const Geometry& other) const;
    bool intersects(const Geometry& other) const;
    bool distance_within(const Geometry& other, double distance) const;

  private:
    struct Deleter {
        void operator()(const GEOSPreparedGeometry* p) const;
    };
    std::unique_ptr<const GEOSPreparedGeometry, Deleter> prepared_;
};

}  // namespace atlante
