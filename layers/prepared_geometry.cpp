#include "layers/prepared_geometry.hpp"

#include <geos_c.h>

#include "layers/geos_context.hpp"

namespace atlante {

void PreparedGeometry::Deleter::operator()(const GEOSPreparedGeometry* p) const {
    GEOSPreparedGeom_destroy_r(geos::handle(), p);
}

PreparedGeometry::PreparedGeometry(const Geometry& geometry)
    : prepared_(GEOSPrepare_r(geos::handle(), geometry.get())) {
    if (!prepared_) geos::throw_last_error("preparing a geometry");
}

static bool answer(char result, const char* doing) {
    if (result == 2) geos::throw_last_error(doing);
    return result == 1;
}

bool PreparedGeometry::covers(const Geometry& other) const {
    return answer(GEOSPreparedCovers_r(geos::handle(), prepared_.get(), other.get()),
                  "testing covers");
}

bool PreparedGeometry::intersects(const Geometry& other) const {
    return answer(GEOSPreparedIntersects_r(geos::handle(), prepared_.get(), other.get()),
                  "testing intersects");
}

bool PreparedGeometry::distance_within(const Geometry& other, double distance) const {
    return answer(
        GEOSPreparedDistanceWithin_r(geos::handle(), prepared_.get(), other.get(), distance),
        "testing distance");
}

}  // namespace atlante
