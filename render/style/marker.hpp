// A point symbol's marker (circle, square, triangle, star) drawn at a page position: the map's
// points, the legend's swatches and the markers of polygons too small to see.
#pragma once

#include "render/cairo/canvas.hpp"
#include "render/style/layer_style.hpp"

namespace atlante {

// Draws `s`'s marker, `size_mm` across, centred on (x, y) in page millimetres.
void draw_marker(Canvas& canvas, double x, double y, const Symbol& s, double size_mm);
inline void draw_marker(Canvas& canvas, double x, double y, const Symbol& s) {
    draw_marker(canvas, x, y, s, s.size_mm);
}

}  // namespace atlante
