#include "render/layout/page_layout.hpp"

#include <algorithm>

#include "layers/error.hpp"
#include "render/format/number_format.hpp"

namespace atlante {
namespace {

constexpr double kTitleHeight = 24, kGap = 6;

}  // namespace

MapFrame fit_frame(const Box& box, Envelope e, double margin) {
    const double mx = e.width() * margin, my = e.height() * margin;
    e.min_x -= mx, e.max_x += mx, e.min_y -= my, e.max_y += my;
    MapFrame f{box, e, 1};
    const double w = box.x1 - box.x0, h = box.y1 - box.y0;
    f.mm_per_m = std::min(w / e.width(), h / e.height());
    // Centre the extent in the frame: the unused side grows.
    const double world_w = w / f.mm_per_m, world_h = h / f.mm_per_m;
    const double cx = (e.min_x + e.max_x) / 2, cy = (e.min_y + e.max_y) / 2;
    f.world =
        Envelope{cx - world_w / 2, cy - world_h / 2, cx + world_w / 2, cy + world_h / 2, false};
    return f;
}

PageLayout page_layout(const MapSpec& spec) {
    const PageSpec& page = spec.page;
    const double m = page.margin_mm;
    PageLayout l;
    l.margin_mm = m;
    l.theme_y = m, l.title_y = m + 6, l.subtitle_y = m + 15;
    // The legend column: 95 mm on A3 landscape, narrower on smaller or portrait pages.
    l.panel_width = std::min(95.0, 0.3 * page.width_mm);
    l.panel_x = page.width_mm - m - l.panel_width;
    l.panel_y = m + kTitleHeight;
    const bool band = spec.legend_place == LegendPlace::Bottom;
    const double frame_bottom = page.height_mm - m - (band ? spec.legend_band_mm + kGap : 0);
    if (frame_bottom - (m + kTitleHeight) < 40)
        throw Error(ErrorContext{"map '" + spec.name + "'", {}, {}, "legend_band_mm"},
                    "a legend band of " + format_italian(spec.legend_band_mm, 0) +
                        " mm leaves less than 40 mm for the map frame");
    const Box box{m, m + kTitleHeight, page.width_mm - m - l.panel_width - kGap, frame_bottom};
    l.legend = band ? Box{m, frame_bottom + kGap, box.x1, page.height_mm - m}
                    : Box{l.panel_x, l.panel_y, l.panel_x + l.panel_width, page.height_mm - m};
    l.frame = fit_frame(box, spec.extent, spec.extent_margin);

    // Scale bar, bottom left inside the frame: the longest round length that fits a quarter of
    // the frame, or the map's fixed length.
    const double frame_width = box.x1 - box.x0;
    l.scale_bar = choose_scale_bar(l.frame.mm_per_m, frame_width * 0.25);
    const bool fixed_fits = spec.scale_bar_m * l.frame.mm_per_m <= frame_width * 0.5;
    if (spec.scale_bar_m > 0 && !fixed_fits && !spec.scale_bar_may_shrink)
        throw Error(ErrorContext{"map '" + spec.name + "'", {}, {}, "scale_bar_km"},
                    "a scale bar of " + format_italian(spec.scale_bar_m / 1000, 1) +
                        " km is longer than half the map frame (" +
                        format_italian(frame_width / l.frame.mm_per_m / 1000, 1) + " km wide)");
    if (spec.scale_bar_m > 0 && fixed_fits)
        l.scale_bar =
            choose_scale_bar(l.frame.mm_per_m, spec.scale_bar_m * l.frame.mm_per_m * (1 + 1e-9));
    l.scale_bar_x = box.x0 + 6, l.scale_bar_y = box.y1 - 12;

    // North arrow, top right inside the frame.
    if (spec.north_arrow) {
        const double x = box.x1 - 12, y = box.y0 + 6;
        l.north_arrow = Box{x - 5, y - 1, x + 5, y + 17};
    }
    // Overview inset, bottom right inside the frame: the whole area at the inset's width.
    if (spec.overview && spec.overview->layer && !spec.overview->layer->extent().empty) {
        const Envelope whole = spec.overview->layer->extent();
        const double w = spec.overview->width_mm, h = w * whole.height() / whole.width();
        const Box inset{box.x1 - w - 4, box.y1 - h - 4, box.x1 - 4, box.y1 - 4};
        l.overview = fit_frame(inset, whole, 0.05);
    }
    return l;
}

double sources_top(const MapSpec& spec, const PageLayout& layout, double legend_bottom) {
    const double foot = spec.page.height_mm - layout.margin_mm - 8 -
                        4.2 * static_cast<double>(spec.sources.size()) - 12;
    return std::max(legend_bottom + 6, foot);
}

}  // namespace atlante
