// Where each piece of a plan map sits on its page (shared/docs/plan-maps.md §6): the title
// block on top, the map frame on the left and what it shows, the right column with the legend
// and the sources, the scale bar, north arrow and overview inset inside the frame. One answer
// for the drawing (render_map) and for the QGIS print layout of the same map (render/qgis).
#pragma once

#include <optional>

#include "render/labels/collision_index.hpp"
#include "render/layout/scale_bar.hpp"
#include "render/map_spec.hpp"

namespace atlante {

// The map frame: a box on the page (mm) and the world extent it shows, at one scale.
struct MapFrame {
    Box box;
    Envelope world;
    double mm_per_m = 1;
    double to_x(double x) const { return box.x0 + (x - world.min_x) * mm_per_m; }
    double to_y(double y) const { return box.y1 - (y - world.min_y) * mm_per_m; }
};

// The frame that shows `extent` (grown by `margin`, a share of it) in `box`, centred.
MapFrame fit_frame(const Box& box, Envelope extent, double margin);

struct PageLayout {
    double margin_mm = 0;
    double title_y = 0, theme_y = 0, subtitle_y = 0;  // top of each title line
    MapFrame frame;
    double panel_x = 0, panel_width = 0, panel_y = 0;  // the right column
    Box legend;  // where the legend goes: the right column, or the band under the frame
    ScaleBar scale_bar;
    double scale_bar_x = 0, scale_bar_y = 0;  // the bar's left end, its top
    std::optional<Box> north_arrow;           // the arrow with its "N"
    std::optional<MapFrame> overview;         // the inset and what it shows
    double text_pt = 8, heading_pt = 10, theme_pt = 10, title_pt = 16;
};

// Throws for a fixed scale bar longer than half the frame (unless it may shrink).
PageLayout page_layout(const MapSpec& spec);

// The top of "Fonti cartografiche" when the legend above it ends at `legend_bottom`: near the
// page's foot, or under a long legend.
double sources_top(const MapSpec& spec, const PageLayout& layout, double legend_bottom);

}  // namespace atlante
