// The map's legend: its groups (a heading, then one entry per class, category or layer) in the
// chosen order, flowed into as few columns as fit the room it has (the right column, or the band
// under the frame), balanced, a group's heading never left at a column's foot.
#pragma once

#include <string>
#include <vector>

#include "render/cairo/canvas.hpp"
#include "render/labels/collision_index.hpp"
#include "render/map_spec.hpp"
#include "render/style/layer_style.hpp"

namespace atlante {

struct LegendItem {
    bool heading = false;  // a group heading ("zone omogenee:"), else an entry with a swatch
    std::string text;
    LegendEntry entry;
    double height = 0;  // mm, at the column width it was measured for, with `gap`
    double gap = 0;     // the room after the last entry of a group
};

struct LegendLayout {
    std::size_t columns = 1;
    double column_width = 0;
    std::vector<LegendItem> items;
    std::vector<std::size_t> column_of;  // per item
    double height = 0;                   // of the tallest column
    double overflow = 0;                 // how far it runs past the room (0: it fits)
};

// The legend of `styles` (one per map layer) laid out in `width` × `room` mm: `columns` columns,
// or (0) the fewest from 1 to `max_columns` that fit.
LegendLayout layout_legend(const Canvas& canvas, const MapSpec& spec,
                           const std::vector<ResolvedStyle>& styles, const TextStyle& body,
                           double width, double room, std::size_t columns, std::size_t max_columns);

// Draws the laid-out legend with its top left at (x, y).
void draw_legend(Canvas& canvas, const LegendLayout& legend, double x, double y,
                 const TextStyle& body);

}  // namespace atlante
