// A map description, as the project file declares it: page, outputs, extent, layers with
// styles, title, sources. Resolved against data by the caller; drawn by render_map().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "render/cairo/canvas.hpp"
#include "render/style/layer_style.hpp"

namespace atlante {

struct PageSpec {
    double width_mm = 420, height_mm = 297;  // A3 landscape
    double margin_mm = 12;
};

// "A4"/"A3" and "portrait"/"landscape"; throws for an unknown size.
PageSpec page_from(const std::string& size, const std::string& orientation, double margin_mm);

struct MapLayer {
    const Layer* layer = nullptr;  // in the working CRS
    LayerStyle style;
    std::string name;  // for messages
};

// A small map of the whole area in a corner of the frame, with the main map's extent marked.
struct OverviewSpec {
    const Layer* layer = nullptr;  // e.g. the province outline
    double width_mm = 55;
};

// One feature to stand out (atlas pages): the others are dimmed, the inset shows it in red.
struct Highlight {
    const Layer* layer = nullptr;
    std::size_t row = 0;
};

struct MapSpec {
    std::string name;
    std::string theme;     // title line 1 ("Salute")
    std::string title;     // title line 2
    std::string subtitle;  // optional line 3 ("Pedonale")
    PageSpec page;
    double dpi = 150;
    Envelope extent;  // working CRS; the frame fits it with `margin`
    double extent_margin = 0.03;
    std::vector<MapLayer> layers;      // drawn first to last
    std::vector<std::string> sources;  // "Fonti cartografiche" lines
    std::string legend_heading = "Legenda";
    bool north_arrow = true;
    std::optional<OverviewSpec> overview;
    // Fixed scale-bar length (the plan's 15 km); 0: the longest round length that fits a
    // quarter of the frame. A fixed bar longer than half the frame is an error, unless it may
    // shrink (atlas pages of small features): then it falls back to the length that fits.
    double scale_bar_m = 0;
    bool scale_bar_may_shrink = false;
    std::string font_family = "DejaVu Sans";
    std::optional<Highlight> highlight;
    std::vector<std::pair<std::string, std::string>> info;  // label, value rows under the legend
    std::string info_heading = "Dati";
    std::string footer;  // bottom left, in the margin (page number, sources)
};

struct RenderReport {
    std::size_t labels_placed = 0, labels_skipped = 0;
    std::size_t features_unclassified = 0;
    std::string scale_label;
    double info_top_mm = 0;     // where the statistics ("Dati") went, when there are any
    double sources_top_mm = 0;  // where "Fonti cartografiche" went (under the legend)
};

// Draws the map to `path` in `format`.
RenderReport render_map(const MapSpec& spec, PageFormat format, const std::string& path);
// Draws the map on a page that is already open (an atlas page, a recording). The caller has
// checked the font with Canvas::require_font.
RenderReport draw_map(Canvas& canvas, const MapSpec& spec);

}  // namespace atlante
