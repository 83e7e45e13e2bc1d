// Ratio boxes, as the plan prints them beside its service maps: one box per category, filled with
// the category's colour, holding its name and a sentence made from a table's value ("1 presidio
// ospedaliero per 69.080 ab.").
#pragma once

#include <string>
#include <vector>

#include "render/cairo/canvas.hpp"
#include "render/labels/collision_index.hpp"

namespace atlante {

struct RatioBox {
    std::string label;  // the category ("montagna")
    std::string text;   // the sentence
    Color color;
};

struct RatioBoxes {
    std::string title;  // optional heading over the boxes
    std::vector<RatioBox> boxes;
};

// The height the boxes take at `width` mm.
double ratio_boxes_height(const Canvas& canvas, const RatioBoxes& boxes, double width,
                          const std::string& font_family);
// Draws them from the top of `area`, one under the other; returns each box drawn.
std::vector<Box> draw_ratio_boxes(Canvas& canvas, const RatioBoxes& boxes, const Box& area,
                                  const std::string& font_family);

}  // namespace atlante
