// A static spatial index over the envelopes of a layer's geometries (Boost.Geometry R-tree,
// bulk-loaded). Answers "which features' boxes meet this box" and "which boxes are nearest";
// exact geometry tests come after, in the caller.
#pragma once

#include <memory>
#include <vector>

#include "layers/geometry.hpp"
#include "layers/layer.hpp"

namespace atlante {

class EnvelopeIndex {
  public:
    explicit EnvelopeIndex(const Layer& layer);  // null and empty geometries are left out
    ~EnvelopeIndex();
    EnvelopeIndex(EnvelopeIndex&&) noexcept;
    EnvelopeIndex& operator=(EnvelopeIndex&&) noexcept;

    // Rows whose envelope intersects `box`, ascending.
    std::vector<std::size_t> query(const Envelope& box) const;
    // Rows whose envelope lies within `distance` of `box` (box expanded by distance), ascending.
    std::vector<std::size_t> query(const Envelope& box, double distance) const;
    // The row whose envelope is nearest to `box` (nullopt when the index is empty).
    std::optional<std::size_t> nearest(const Envelope& box) const;
    std::size_t size() const;

  private:
    struct Tree;
    std::unique_ptr<Tree> tree_;
};

}  // namespace atlante
