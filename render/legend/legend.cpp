#include "render/legend/legend.hpp"

#include <algorithm>
#include <numeric>

#include "render/style/marker.hpp"

namespace atlante {
namespace {

constexpr double kSwatchWidth = 8, kTextX = 11, kColumnGap = 4, kGroupGap = 2;

void swatch(Canvas& canvas, double x, double y, const LegendEntry& e) {
    const double h = 4.5;
    switch (e.family) {
        case GeometryFamily::Point:
            draw_marker(canvas, x + kSwatchWidth / 2, y + h / 2, e.symbol);
            break;
        case GeometryFamily::Line:
            canvas.move_to(x, y + h / 2);
            canvas.line_to(x + kSwatchWidth, y + h / 2);
            canvas.fill_and_stroke(std::nullopt, e.symbol.stroke, std::max(e.symbol.stroke_mm, 0.3),
                                   e.symbol.dash_mm, e.symbol.opacity);
            break;
        default: {
            // A polygon layer with a minimum size shows both forms: the area and its marker.
            const double marker =
                e.symbol.min_size_mm > 0 ? std::min(e.symbol.min_size_mm, 3.0) : 0;
            const double w = marker > 0 ? kSwatchWidth - marker - 1 : kSwatchWidth;
            canvas.rectangle(x, y, w, h);
            // A white outline is invisible on white paper: draw the legend box in grey instead.
            std::optional<Color> stroke = e.symbol.stroke;
            if (stroke && stroke->r > 0.95 && stroke->g > 0.95 && stroke->b > 0.95)
                stroke = Color{0.6, 0.6, 0.6, 1};
            canvas.fill_and_stroke(e.symbol.fill, stroke ? stroke : Color{0.6, 0.6, 0.6, 1},
                                   std::max(e.symbol.stroke_mm, 0.15), e.symbol.dash_mm,
                                   e.symbol.opacity);
            if (marker > 0) {
                Symbol dot = e.symbol;
                dot.marker = MarkerShape::Circle;
                if (!dot.fill) dot.fill = dot.stroke;
                draw_marker(canvas, x + kSwatchWidth - marker / 2, y + h / 2, dot, marker);
            }
        }
    }
}

std::vector<LegendItem> legend_items(const Canvas& canvas, const MapSpec& spec,
                                     const std::vector<ResolvedStyle>& styles,
                                     const TextStyle& body, double column_width) {
    std::vector<LegendItem> items;
    const double text_width = column_width - kTextX - 1;
    for (std::size_t k : legend_layer_order(spec)) {
        const LayerStyle& style = spec.layers[k].style;
        if (!style.in_legend || styles[k].legend().empty()) continue;
        if (!style.legend_title.empty())
            items.push_back(
                {true,
                 style.legend_title,
                 {},
                 std::max(4.6, canvas.measure(style.legend_title, body, column_width).height + 1.2),
                 0});
        for (const LegendEntry& e : styles[k].legend()) {
            const TextBox t = canvas.measure(e.label, body, text_width);
            // Proportional symbols can be taller than a text line: the row grows to hold them.
            const double row =
                std::max({5.6, t.height + 1.4,
                          e.family == GeometryFamily::Point ? e.symbol.size_mm + 1.2 : 0.0});
            items.push_back({false, e.label, e, row, 0});
        }
        items.back().height += kGroupGap;
        items.back().gap = kGroupGap;
    }
    return items;
}

// Greedy flow into columns of at most `limit` mm; a heading goes with its first entry.
std::vector<std::size_t> flow(const std::vector<LegendItem>& items, double limit) {
    std::vector<std::size_t> column(items.size(), 0);
    std::size_t c = 0;
    double y = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        double need = items[i].height;
        if (items[i].heading && i + 1 < items.size()) need += items[i + 1].height;
        if (y > 0 && y + need > limit + 1e-9) ++c, y = 0;
        column[i] = c;
        y += items[i].height;
    }
    return column;
}

double tallest(const std::vector<LegendItem>& items, const std::vector<std::size_t>& column) {
    std::vector<double> heights(column.empty() ? 1 : column.back() + 1, 0);
    for (std::size_t i = 0; i < items.size(); ++i) heights[column[i]] += items[i].height;
    return *std::max_element(heights.begin(), heights.end());
}

// The items in `n` columns, as balanced as the greedy flow allows: the shortest column limit
// (bisected) that still needs no more than `n` columns.
LegendLayout balanced(std::vector<LegendItem> items, std::size_t n, double width) {
    LegendLayout l;
    l.columns = n;
    l.column_width = width;
    double lo = 0, hi = 0;
    for (const LegendItem& item : items) lo = std::max(lo, item.height), hi += item.height;
    hi += 1e-6;
    for (int k = 0; k < 40 && hi - lo > 0.05; ++k) {
        const double mid = (lo + hi) / 2;
        const auto column = flow(items, mid);
        (column.empty() || column.back() < n ? hi : lo) = mid;
    }
    l.column_of = flow(items, hi);
    l.height = items.empty() ? 0 : tallest(items, l.column_of);
    l.items = std::move(items);
    return l;
}

}  // namespace

LegendLayout layout_legend(const Canvas& canvas, const MapSpec& spec,
                           const std::vector<ResolvedStyle>& styles, const TextStyle& body,
                           double width, double room, std::size_t columns,
                           std::size_t max_columns) {
    const std::size_t first = columns ? columns : 1, last = columns ? columns : max_columns;
    LegendLayout best;
    for (std::size_t n = first; n <= std::max(first, last); ++n) {
        const double column_width = (width - kColumnGap * static_cast<double>(n - 1)) / n;
        best = balanced(legend_items(canvas, spec, styles, body, column_width), n, column_width);
        if (best.height <= room) break;
    }
    best.overflow = std::max(0.0, best.height - room);
    return best;
}

void draw_legend(Canvas& canvas, const LegendLayout& legend, double x, double y,
                 const TextStyle& body) {
    std::size_t column = 0;
    double cy = y;
    const double text_width = legend.column_width - kTextX - 1;
    for (std::size_t i = 0; i < legend.items.size(); ++i) {
        if (legend.column_of[i] != column) column = legend.column_of[i], cy = y;
        const double cx = x + static_cast<double>(column) * (legend.column_width + kColumnGap);
        const LegendItem& item = legend.items[i];
        if (item.heading) {
            canvas.text(cx, cy, item.text, body, legend.column_width);
        } else {
            const double row = item.height - item.gap;
            const double centre = cy + row / 2 - 2.8;
            swatch(canvas, cx, centre, item.entry);
            canvas.text(cx + kTextX, centre + 0.2, item.text, body, text_width);
        }
        cy += item.height;
    }
}

}  // namespace atlante
