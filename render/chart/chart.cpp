#include "render/chart/chart.hpp"

#include <algorithm>
#include <cmath>

#include "layers/error.hpp"
#include "render/format/number_format.hpp"

namespace atlante {

std::string chart_value_label(const Chart& chart, double value) {
    std::string text = format_italian(value, chart.decimals);
    if (chart.value_format == "percent") text += "%";
    if (!chart.unit.empty()) text += " " + chart.unit;
    return text;
}

void check_chart(const Chart& chart, const std::string& where) {
    const ErrorContext here{where, {}, {}, {}};
    if (chart.categories.empty()) throw Error(here, "the chart has no category to draw");
    if (chart.series.empty()) throw Error(here, "the chart has no values to draw");
    for (const ChartSeries& s : chart.series)
        if (s.values.size() != chart.categories.size())
            throw Error(here, "the series '" + s.label + "' has " +
                                  std::to_string(s.values.size()) + " values for " +
                                  std::to_string(chart.categories.size()) + " categories");
    const bool pie = chart.kind == ChartKind::Pie || chart.kind == ChartKind::Donut;
    if (pie && chart.series.size() != 1)
        throw Error(here, "a pie or donut chart shows one series, not " +
                              std::to_string(chart.series.size()));
    if (pie || chart.kind == ChartKind::StackedBars)
        for (const ChartSeries& s : chart.series)
            for (std::size_t c = 0; c < s.values.size(); ++c)
                if (s.values[c] && *s.values[c] < 0)
                    throw Error(here, "a " + std::string(pie ? "pie" : "stacked bar") +
                                          " chart cannot show the negative value of '" +
                                          chart.categories[c] + "'");
}

namespace {

const Color kInk{0.15, 0.15, 0.15, 1}, kAxis{0.45, 0.45, 0.45, 1}, kGrid{0.85, 0.85, 0.85, 1};

// One chart being drawn into its box: the title and key on top, then the plot of its kind.
class ChartPainter {
  public:
    ChartPainter(Canvas& canvas, const Chart& chart, const Box& box, const std::string& font)
        : canvas(canvas),
          chart(chart),
          box(box),
          title_style{font, 7.5, true, kInk, std::nullopt, 0},
          label_style{font, 6.5, false, kInk, std::nullopt, 0},
          value_style{font, 6, false, kInk, std::nullopt, 0} {}

    ChartMarks draw() {
        marks.whole = box;
        canvas.rectangle(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
        canvas.fill_and_stroke(Color{1, 1, 1, 0.92}, std::nullopt, 0);
        double y = box.y0;
        if (!chart.title.empty()) {
            canvas.text(box.x0, y, chart.title, title_style, width());
            y += canvas.measure(chart.title, title_style, width()).height + 1.5;
        }
        const bool pie = chart.kind == ChartKind::Pie || chart.kind == ChartKind::Donut;
        if (!pie && (chart.series.size() > 1 || chart.kind == ChartKind::StackedBars)) y = key(y);
        double bottom = box.y1;
        if (!chart.note.empty()) {
            bottom -= canvas.measure(chart.note, value_style, width()).height;
            canvas.text(box.x0, bottom, chart.note, value_style, width());
            bottom -= 1;
        }
        marks.plot = Box{box.x0, y, box.x1, bottom};
        switch (chart.kind) {
            case ChartKind::Bars:
            case ChartKind::StackedBars:
                vertical_bars();
                break;
            case ChartKind::HorizontalBars:
                horizontal_bars();
                break;
            case ChartKind::Pie:
            case ChartKind::Donut:
                pie_chart();
                break;
            case ChartKind::Line:
                line_chart();
                break;
        }
        return marks;
    }

  private:
    double width() const { return box.x1 - box.x0; }
    bool stacked() const { return chart.kind == ChartKind::StackedBars; }
    Color color_of(std::size_t series, std::size_t category) const {
        if (chart.series.size() == 1 && category < chart.category_colors.size())
            return chart.category_colors[category];
        return chart.series[series].color;
    }
    void swatch(double x, double y, const Color& fill) {
        canvas.rectangle(x, y, 3, 2.4);
        canvas.fill_and_stroke(fill, kAxis, 0.1);
    }

    // The series' colours and names, flowing in lines.
    double key(double y) {
        double x = box.x0;
        const double line = canvas.measure("Ag", label_style).height + 0.6;
        for (const ChartSeries& s : chart.series) {
            const double w = 4 + canvas.measure(s.label, label_style).width + 3;
            if (x > box.x0 && x + w > box.x1) x = box.x0, y += line;
            swatch(x, y + 0.3, s.color);
            canvas.text(x + 4, y, s.label, label_style);
            x += w;
        }
        return y + line + 1;
    }

    // The value range the bars span: from 0 (or the lowest value) to the highest.
    std::pair<double, double> value_range() const {
        double lo = 0, hi = 0;
        for (std::size_t c = 0; c < chart.categories.size(); ++c) {
            double total = 0;
            for (const ChartSeries& s : chart.series) {
                const double v = s.values[c].value_or(0);
                if (stacked())
                    total += v;
                else
                    lo = std::min(lo, v), hi = std::max(hi, v);
            }
            hi = std::max(hi, total);
        }
        if (hi <= lo) hi = lo + 1;
        return {lo, hi};
    }

    void vertical_bars() {
        const Box& plot = marks.plot;
        const std::size_t n = chart.categories.size();
        const double slot = (plot.x1 - plot.x0) / static_cast<double>(n);
        double labels_h = 0;
        for (const std::string& c : chart.categories)
            labels_h = std::max(labels_h, canvas.measure(c, label_style, slot - 0.8).height);
        const double value_h = chart.value_labels ? canvas.measure("0", value_style).height : 0;
        const auto [lo, hi] = value_range();
        const double top = plot.y0 + value_h + 0.4, base = plot.y1 - labels_h - 0.8;
        const double room = base - top - (lo < 0 ? value_h + 0.4 : 0);
        const double scale = room / (hi - lo), zero = top + hi * scale;
        const std::size_t groups = stacked() ? 1 : chart.series.size();
        const double bar = slot * 0.72 / static_cast<double>(groups);
        for (std::size_t s = 0; s < chart.series.size(); ++s)
            for (std::size_t c = 0; c < n; ++c) {
                const auto& v = chart.series[s].values[c];
                if (!v) continue;
                double below = 0;  // stacked: the segments under this one
                for (std::size_t t = 0; stacked() && t < s; ++t)
                    below += chart.series[t].values[c].value_or(0);
                const double x = plot.x0 + slot * static_cast<double>(c) + slot * 0.14 +
                                 (stacked() ? 0 : bar * static_cast<double>(s));
                const double y0 = zero - (below + std::max(*v, 0.0)) * scale;
                const double y1 = zero - (below + std::min(*v, 0.0)) * scale;
                canvas.rectangle(x, y0, bar, y1 - y0);
                canvas.fill_and_stroke(color_of(s, c), kAxis, 0.12);
                marks.bars.push_back(Box{x, y0, x + bar, y1});
                const bool last = !stacked() || s + 1 == chart.series.size();
                if (chart.value_labels && last) {
                    const double shown = stacked() ? below + *v : *v;
                    const std::string text = chart_value_label(chart, shown);
                    const TextBox t = canvas.measure(text, value_style);
                    const double ty = *v < 0 ? y1 + 0.3 : y0 - t.height - 0.3;
                    canvas.text(x + bar / 2 - t.width / 2, ty, text, value_style);
                }
            }
        canvas.move_to(plot.x0, zero);
        canvas.line_to(plot.x1, zero);
        canvas.fill_and_stroke(std::nullopt, kAxis, 0.2);
        for (std::size_t c = 0; c < n; ++c) {
            const TextBox t = canvas.measure(chart.categories[c], label_style, slot - 0.8);
            const double x = plot.x0 + slot * (static_cast<double>(c) + 0.5) - t.width / 2;
            canvas.text(x, base + 0.8, chart.categories[c], label_style, slot - 0.8);
        }
    }

    void horizontal_bars() {
        const Box& plot = marks.plot;
        const std::size_t n = chart.categories.size();
        double label_w = 0, value_w = 0;
        for (const std::string& c : chart.categories)
            label_w = std::max(label_w, canvas.measure(c, label_style).width);
        label_w = std::min(label_w, 0.4 * width());
        const auto [lo, hi] = value_range();
        for (const ChartSeries& s : chart.series)
            for (const auto& v : s.values)
                if (v && chart.value_labels)
                    value_w = std::max(
                        value_w, canvas.measure(chart_value_label(chart, *v), value_style).width);
        const double left = plot.x0 + label_w + 1.2, right = plot.x1 - value_w - 0.8;
        const double scale = (right - left) / (hi - lo), zero = left - lo * scale;
        const double row = (plot.y1 - plot.y0) / static_cast<double>(n);
        const double bar = row * 0.72 / static_cast<double>(chart.series.size());
        for (std::size_t c = 0; c < n; ++c) {
            const double y = plot.y0 + row * static_cast<double>(c);
            const TextBox t = canvas.measure(chart.categories[c], label_style, label_w);
            canvas.text(plot.x0, y + row / 2 - t.height / 2, chart.categories[c], label_style,
                        label_w);
            for (std::size_t s = 0; s < chart.series.size(); ++s) {
                const auto& v = chart.series[s].values[c];
                if (!v) continue;
                const double by = y + row * 0.14 + bar * static_cast<double>(s);
                const double x0 = std::min(zero, zero + *v * scale);
                const double x1 = std::max(zero, zero + *v * scale);
                canvas.rectangle(x0, by, x1 - x0, bar);
                canvas.fill_and_stroke(color_of(s, c), kAxis, 0.12);
                marks.bars.push_back(Box{x0, by, x1, by + bar});
                if (!chart.value_labels) continue;
                const std::string text = chart_value_label(chart, *v);
                const TextBox vt = canvas.measure(text, value_style);
                canvas.text(x1 + 0.5, by + bar / 2 - vt.height / 2, text, value_style);
            }
        }
        canvas.move_to(zero, plot.y0);
        canvas.line_to(zero, plot.y1);
        canvas.fill_and_stroke(std::nullopt, kAxis, 0.2);
    }

    void pie_chart() {
        const Box& plot = marks.plot;
        const ChartSeries& s = chart.series.front();
        double total = 0;
        for (const auto& v : s.values) total += v.value_or(0);
        const double r = std::min(plot.y1 - plot.y0, 0.42 * width()) / 2;
        const double cx = plot.x0 + r, cy = plot.y0 + r;
        double angle = -M_PI / 2;
        for (std::size_t c = 0; c < s.values.size() && total > 0; ++c) {
            const double share = s.values[c].value_or(0) / total;
            if (share <= 0) continue;
            const double end = angle + share * 2 * M_PI;
            if (chart.kind == ChartKind::Donut) {
                canvas.arc(cx, cy, r, angle, end);
                canvas.arc(cx, cy, r * 0.55, end, angle, true);
            } else {
                canvas.move_to(cx, cy);
                canvas.arc(cx, cy, r, angle, end);
            }
            canvas.close_path();
            canvas.fill_and_stroke(color_of(0, c), Color{1, 1, 1, 1}, 0.25);
            angle = end;
        }
        // The key beside the circle: each category with its value and share.
        const double kx = cx + r + 3, line = canvas.measure("Ag", label_style).height + 1;
        double y = cy - line * static_cast<double>(s.values.size()) / 2;
        for (std::size_t c = 0; c < s.values.size(); ++c, y += line) {
            swatch(kx, y + 0.3, color_of(0, c));
            std::string text = chart.categories[c];
            if (s.values[c]) {
                text += ": " + chart_value_label(chart, *s.values[c]);
                if (total > 0) text += " (" + format_italian(100 * *s.values[c] / total, 1) + "%)";
            }
            canvas.text(kx + 4, y, text, label_style, box.x1 - kx - 4);
        }
    }

    void line_chart() {
        const Box& plot = marks.plot;
        const std::size_t n = chart.categories.size();
        double lo = INFINITY, hi = -INFINITY;
        for (const ChartSeries& s : chart.series)
            for (const auto& v : s.values)
                if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
        if (!std::isfinite(lo)) return;  // no value at all: the frame and title only
        const double pad = hi > lo ? (hi - lo) * 0.12 : std::max(1.0, std::abs(hi) * 0.05);
        lo -= pad, hi += pad;
        const std::string lo_text = chart_value_label(chart, lo + pad),
                          hi_text = chart_value_label(chart, hi - pad);
        const double axis_w = std::max(canvas.measure(lo_text, value_style).width,
                                       canvas.measure(hi_text, value_style).width) +
                              1;
        const double labels_h = canvas.measure("Ag", label_style).height + 0.6;
        const double x0 = plot.x0 + axis_w + 1.5, x1 = plot.x1 - 2;
        const double y0 = plot.y0 + 1, y1 = plot.y1 - labels_h;
        auto px = [&](std::size_t c) {
            return n == 1 ? (x0 + x1) / 2
                          : x0 + (x1 - x0) * static_cast<double>(c) / static_cast<double>(n - 1);
        };
        auto py = [&](double v) { return y1 - (v - lo) / (hi - lo) * (y1 - y0); };
        for (const auto& [v, text] : {std::pair{lo + pad, lo_text}, std::pair{hi - pad, hi_text}}) {
            canvas.move_to(x0, py(v));
            canvas.line_to(x1, py(v));
            canvas.fill_and_stroke(std::nullopt, kGrid, 0.15);
            const TextBox t = canvas.measure(text, value_style);
            canvas.text(x0 - 1 - t.width, py(v) - t.height / 2, text, value_style);
        }
        for (const ChartSeries& s : chart.series) {
            bool open = false;
            for (std::size_t c = 0; c < n; ++c) {
                if (!s.values[c]) {
                    open = false;
                    continue;
                }
                open ? canvas.line_to(px(c), py(*s.values[c]))
                     : canvas.move_to(px(c), py(*s.values[c]));
                open = true;
            }
            canvas.fill_and_stroke(std::nullopt, s.color, 0.5);
            for (std::size_t c = 0; c < n; ++c) {
                if (!s.values[c]) continue;
                const double x = px(c), y = py(*s.values[c]);
                canvas.circle(x, y, 0.6);
                canvas.fill_and_stroke(s.color, Color{1, 1, 1, 1}, 0.15);
                marks.bars.push_back(Box{x - 0.6, y - 0.6, x + 0.6, y + 0.6});
            }
        }
        for (std::size_t c = 0; c < n; ++c) {
            const TextBox t = canvas.measure(chart.categories[c], label_style);
            canvas.text(px(c) - t.width / 2, y1 + 0.6, chart.categories[c], label_style);
        }
    }

    Canvas& canvas;
    const Chart& chart;
    const Box box;
    const TextStyle title_style, label_style, value_style;
    ChartMarks marks;
};

}  // namespace

ChartMarks draw_chart(Canvas& canvas, const Chart& chart, const Box& box,
                      const std::string& font_family) {
    return ChartPainter(canvas, chart, box, font_family).draw();
}

}  // namespace atlante
