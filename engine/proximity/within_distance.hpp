// Within-distance and nearest-neighbour joins between target geometries (e.g. brownfields) and
// source features (e.g. stations). The test is on distance itself: the index gives candidates
// whose envelope lies within the radius, then the exact GEOS distance decides. No buffers.
// Distances are planar, in the layers' (metric) CRS; "within" is inclusive (d <= radius), as
// PostGIS's ST_DWithin.
#pragma once

#include <optional>
#include <vector>

#include "engine/index/envelope_index.hpp"
#include "layers/layer.hpp"

namespace atlante {

struct SourceAtDistance {
    std::size_t source = 0;  // row in the source layer
    double distance = 0;
};

class WithinDistance {
  public:
    // `sources` must outlive this object.
    explicit WithinDistance(const Layer& sources);

    // Every source within `radius` of `target`, nearest first (ties: lower row first).
    std::vector<SourceAtDistance> within(const Geometry& target, double radius) const;
    // The nearest source, whatever the distance (ties: lower row). nullopt for no sources.
    std::optional<SourceAtDistance> nearest(const Geometry& target) const;

  private:
    const Layer& sources_;
    EnvelopeIndex index_;
};

}  // namespace atlante
