// A map description, as the project file declares it: page, outputs, extent, layers with
// styles, title, sources. Resolved against data by the caller; drawn by render_map().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/index/envelope_index.hpp"
#include "render/cairo/canvas.hpp"
#include "render/chart/chart.hpp"
#include "render/chart/ratio_boxes.hpp"
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
    // The layer's envelopes, when many pages draw it (an atlas builds one per layer): a page
    // then visits only the features in its frame instead of every feature.
    const EnvelopeIndex* index = nullptr;
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

// Where a chart or a set of ratio boxes goes: the right column (under the legend), or a corner
// inside the map frame, kept clear of the labels through the page's collision index.
enum class FurniturePlace { Column, TopLeft, TopRight, BottomLeft, BottomRight };

struct MapChart {
    std::string name;  // for messages ("map 'x', chart 'y'")
    Chart chart;
    FurniturePlace place = FurniturePlace::Column;
    double width_mm = 0;  // 0: the column's width, or 70 mm inside the frame
    double height_mm = 45;
};

struct MapRatioBoxes {
    std::string name;
    RatioBoxes boxes;
    FurniturePlace place = FurniturePlace::Column;
    double width_mm = 0;  // as for charts
};

// The legend in the right column, or in a band under the map frame (wide maps, many classes).
enum class LegendPlace { Column, Bottom };

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
    LegendPlace legend_place = LegendPlace::Column;
    double legend_band_mm = 45;      // the bottom band's height
    std::size_t legend_columns = 0;  // 0: as many as the entries need (at most 3 in the column)
    // Layers (indexes into `layers`) whose legend groups come first, in this order; the others
    // follow in drawing order.
    std::vector<std::size_t> legend_order;
    std::vector<MapChart> charts;
    std::vector<MapRatioBoxes> ratio_boxes;
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
    std::size_t legend_columns = 1;
    double legend_overflow_mm = 0;  // how far the legend ran past its room (0: it fits)
    std::vector<Box> furniture;     // each chart and set of ratio boxes, as drawn
    std::vector<ChartMarks> charts;
    std::vector<Box> labels;              // every label placed
    std::size_t polygons_as_markers = 0;  // polygons under min_size_mm, drawn as markers
};

// The order of the legend's groups: the layers of `legend_order` first, then the others.
std::vector<std::size_t> legend_layer_order(const MapSpec& spec);

// Draws the map to `path` in `format`.
RenderReport render_map(const MapSpec& spec, PageFormat format, const std::string& path);
// Draws the map on a page that is already open (an atlas page, a recording). The caller has
// checked the font with Canvas::require_font.
RenderReport draw_map(Canvas& canvas, const MapSpec& spec);

}  // namespace atlante
