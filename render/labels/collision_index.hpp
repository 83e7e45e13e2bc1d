// One collision index per page: every placed label and every piece of map furniture (legend,
// scale bar, title, north arrow) is a box; a label is placed only where its box meets none.
#pragma once

#include <vector>

namespace atlante {

struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // page millimetres
    bool intersects(const Box& other) const {
        return x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1;
    }
    bool inside(const Box& frame) const {
        return x0 >= frame.x0 && y0 >= frame.y0 && x1 <= frame.x1 && y1 <= frame.y1;
    }
};

class CollisionIndex {
  public:
    void add_obstacle(const Box& box) { boxes_.push_back(box); }
    // Places `box` if it meets no box already in the index; returns whether it did.
    bool try_place(const Box& box);
    const std::vector<Box>& boxes() const { return boxes_; }

  private:
    std::vector<Box> boxes_;
};

}  // namespace atlante
