// Which polygon of a layer holds a point (comune of a brownfield, zone of a station): envelope
// index for candidates, then a prepared "covers" test. A point on a shared border goes to the
// lowest row, so the answer is deterministic.
#pragma once

#include <map>
#include <optional>

#include "engine/index/envelope_index.hpp"
#include "layers/layer.hpp"
#include "layers/prepared_geometry.hpp"

namespace atlante {

class PolygonLocator {
  public:
    explicit PolygonLocator(const Layer& polygons);  // `polygons` must outlive this
    std::optional<std::size_t> locate(const Geometry& point) const;

  private:
    const Layer& polygons_;
    EnvelopeIndex index_;
    mutable std::map<std::size_t, PreparedGeometry> prepared_;  // made on first use
};

}  // namespace atlante
