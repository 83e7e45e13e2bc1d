// A chart as map furniture, as the plan sets one beside its maps ("Distribuzione dei presidi
// ospedalieri per altimetria"): bars (vertical or horizontal, one series or grouped), stacked
// bars, a pie or donut, or a small line chart. Drawn with Cairo as vectors, every text with
// Pango (text stays text in PDF and SVG), numbers in the plan's format ("69.080").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "render/cairo/canvas.hpp"
#include "render/labels/collision_index.hpp"

namespace atlante {

enum class ChartKind { Bars, HorizontalBars, StackedBars, Pie, Donut, Line };

struct ChartSeries {
    std::string label;                          // in the chart's key (several series)
    std::vector<std::optional<double>> values;  // one per category; nullopt: no value
    Color color;
};

struct Chart {
    ChartKind kind = ChartKind::Bars;
    std::string title;
    std::vector<std::string> categories;  // bars, slices or the line's x positions
    // One series: a colour per category (the bands' chart bars in the bands' colours).
    std::vector<Color> category_colors;
    std::vector<ChartSeries> series;
    std::string value_format = "number";  // number | percent
    int decimals = 0;
    std::string unit;  // after each value label ("ab.")
    bool value_labels = true;
    std::string note;  // one small line under the chart ("2018 = 100")
};

// A value as the chart prints it: "69.080 ab.", "17,5%".
std::string chart_value_label(const Chart& chart, double value);

// What draw_chart drew, in page millimetres: one box per bar, bar segment or line point (series
// by series, category by category), the plot area, and the whole chart.
struct ChartMarks {
    std::vector<Box> bars;
    Box plot, whole;
};

// Throws naming `where` when the chart cannot be drawn (no category, a series of another length,
// a pie with a negative value).
void check_chart(const Chart& chart, const std::string& where);

// Draws the chart in `box` (its title on top) on a white ground.
ChartMarks draw_chart(Canvas& canvas, const Chart& chart, const Box& box,
                      const std::string& font_family);

}  // namespace atlante
