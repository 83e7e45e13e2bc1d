#include "render/chart/ratio_boxes.hpp"

namespace atlante {
namespace {

constexpr double kPad = 1.2, kGap = 1.5;

struct BoxStyles {
    TextStyle title, label, text;
};

// Dark text on light colours, white on dark ones (relative luminance).
Color ink_on(const Color& fill) {
    const double luminance = 0.2126 * fill.r + 0.7152 * fill.g + 0.0722 * fill.b;
    return luminance * fill.a + (1 - fill.a) > 0.55 ? Color{0.1, 0.1, 0.1, 1} : Color{1, 1, 1, 1};
}

BoxStyles styles_of(const std::string& font) {
    return {TextStyle{font, 7.5, true, Color{0.1, 0.1, 0.1, 1}, std::nullopt, 0},
            TextStyle{font, 7, true, Color{0.1, 0.1, 0.1, 1}, std::nullopt, 0},
            TextStyle{font, 7, false, Color{0.1, 0.1, 0.1, 1}, std::nullopt, 0}};
}

double box_height(const Canvas& canvas, const RatioBox& box, const BoxStyles& s, double width) {
    const double inner = width - 2 * kPad;
    return canvas.measure(box.label, s.label, inner).height +
           canvas.measure(box.text, s.text, inner).height + 2 * kPad + 0.4;
}

}  // namespace

double ratio_boxes_height(const Canvas& canvas, const RatioBoxes& boxes, double width,
                          const std::string& font_family) {
    const BoxStyles s = styles_of(font_family);
    double h = boxes.title.empty() ? 0 : canvas.measure(boxes.title, s.title, width).height + 1.5;
    for (const RatioBox& b : boxes.boxes) h += box_height(canvas, b, s, width) + kGap;
    return h;
}

std::vector<Box> draw_ratio_boxes(Canvas& canvas, const RatioBoxes& boxes, const Box& area,
                                  const std::string& font_family) {
    BoxStyles s = styles_of(font_family);
    const double width = area.x1 - area.x0, inner = width - 2 * kPad;
    double y = area.y0;
    if (!boxes.title.empty()) {
        canvas.text(area.x0, y, boxes.title, s.title, width);
        y += canvas.measure(boxes.title, s.title, width).height + 1.5;
    }
    std::vector<Box> drawn;
    for (const RatioBox& b : boxes.boxes) {
        const double h = box_height(canvas, b, s, width);
        canvas.rectangle(area.x0, y, width, h);
        canvas.fill_and_stroke(b.color, Color{0.35, 0.35, 0.35, 1}, 0.2);
        s.label.color = s.text.color = ink_on(b.color);
        const double label_h = canvas.measure(b.label, s.label, inner).height;
        canvas.text(area.x0 + kPad, y + kPad, b.label, s.label, inner);
        canvas.text(area.x0 + kPad, y + kPad + label_h + 0.4, b.text, s.text, inner);
        drawn.push_back(Box{area.x0, y, area.x1, y + h});
        y += h + kGap;
    }
    return drawn;
}

}  // namespace atlante
