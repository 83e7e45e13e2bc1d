#include "render/style/marker.hpp"

#include <cmath>

namespace atlante {

void draw_marker(Canvas& canvas, double x, double y, const Symbol& s, double size_mm) {
    const double r = size_mm / 2;
    switch (s.marker) {
        case MarkerShape::Circle:
            canvas.circle(x, y, r);
            break;
        case MarkerShape::Square:
            canvas.rectangle(x - r, y - r, 2 * r, 2 * r);
            break;
        case MarkerShape::Triangle:
            canvas.move_to(x, y - r);
            canvas.line_to(x + r * 0.866, y + r * 0.5);
            canvas.line_to(x - r * 0.866, y + r * 0.5);
            canvas.close_path();
            break;
        case MarkerShape::Star:
            for (int k = 0; k < 10; ++k) {
                const double a = -M_PI / 2 + k * M_PI / 5, rr = k % 2 ? r * 0.45 : r;
                k == 0 ? canvas.move_to(x + rr * std::cos(a), y + rr * std::sin(a))
                       : canvas.line_to(x + rr * std::cos(a), y + rr * std::sin(a));
            }
            canvas.close_path();
            break;
    }
    canvas.fill_and_stroke(s.fill, s.stroke, s.stroke_mm, {}, s.opacity);
}

}  // namespace atlante
