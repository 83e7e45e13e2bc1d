// The filled and stroked shapes of an SVG that Cairo wrote, read back as a viewer would: each
// path's fill and stroke colours and its bounding box in page millimetres (the path's transform
// applied), so that a test can measure what was drawn.
#pragma once

#include <string>
#include <vector>

namespace atlante::testing {

struct SvgShape {
    std::string fill, stroke;               // "rgb(80%,20%,20%)" as Cairo writes it; "" for none
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // mm
    double width() const { return x1 - x0; }
    double height() const { return y1 - y0; }
};

std::vector<SvgShape> svg_shapes(const std::string& svg_file);
// A colour as Cairo's SVG writes it: "#c0392b" -> "rgb(75.294118%,22.352941%,16.862745%)".
std::string svg_rgb(const std::string& hex);

}  // namespace atlante::testing
