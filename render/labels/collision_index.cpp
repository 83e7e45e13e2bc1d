#include "render/labels/collision_index.hpp"

#include <algorithm>

namespace atlante {

bool CollisionIndex::try_place(const Box& box) {
    // A page holds hundreds of labels at most: a linear scan is fast enough and exact.
    if (std::any_of(boxes_.begin(), boxes_.end(), [&](const Box& b) { return b.intersects(box); }))
        return false;
    boxes_.push_back(box);
    return true;
}

}  // namespace atlante
