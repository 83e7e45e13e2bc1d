// The page layout of a plan map (see shared/docs/plan-maps.md §6): two-line title on top, the
// map frame on the left, on the right a column with "Legenda" and "Fonti cartografiche"; scale
// bar ("0 15 km") at the frame's bottom left, north arrow at its top right. Every piece of
// furniture is an obstacle in the page's one collision index; labels come last.
#include <algorithm>
#include <cmath>
#include <map>

#include "render/format/number_format.hpp"
#include "render/labels/collision_index.hpp"
#include "render/layout/page_layout.hpp"
#include "render/legend/legend.hpp"
#include "render/map_spec.hpp"
#include "render/style/marker.hpp"

namespace atlante {
namespace {

// Adds the rings (closed) or lines (open) of a geometry to the canvas path, in page mm.
void trace(Canvas& canvas, const MapFrame& frame,
           const std::vector<std::vector<std::pair<double, double>>>& parts, bool closed) {
    for (const auto& part : parts) {
        for (std::size_t i = 0; i < part.size(); ++i) {
            const double x = frame.to_x(part[i].first), y = frame.to_y(part[i].second);
            i == 0 ? canvas.move_to(x, y) : canvas.line_to(x, y);
        }
        if (closed) canvas.close_path();
    }
}

// One page being drawn: the spec, the canvas, the frame, the page's one collision index and the
// text styles; each piece of the layout is a method, drawn in the order the layout needs (the
// furniture before the labels, so that labels avoid it).
class PageDrawing {
  public:
    PageDrawing(Canvas& canvas, const MapSpec& spec)
        : canvas(canvas),
          spec(spec),
          page(spec.page),
          m(page.margin_mm),
          layout(page_layout(spec)),
          kPanelWidth(layout.panel_width),
          theme_style{spec.font_family,           layout.theme_pt, false,
                      Color{0.35, 0.35, 0.35, 1}, std::nullopt,    0},
          title_style{spec.font_family,        layout.title_pt, true,
                      Color{0.1, 0.1, 0.1, 1}, std::nullopt,    0},
          body{spec.font_family,           layout.text_pt, false,
               Color{0.15, 0.15, 0.15, 1}, std::nullopt,   0},
          heading{spec.font_family,        layout.heading_pt, true,
                  Color{0.1, 0.1, 0.1, 1}, std::nullopt,      0},
          frame_box(layout.frame.box),
          frame(layout.frame) {
        styles.reserve(spec.layers.size());
        for (const MapLayer& l : spec.layers)
            styles.emplace_back(l.style, *l.layer, "map '" + spec.name + "'");
    }

    RenderReport draw() {
        title_block();
        layers();
        highlight();
        frame_border();
        scale_bar();
        north_arrow();
        overview();
        frame_furniture();
        right_column();
        labels();
        return report;
    }

  private:
    void title_block() {
        canvas.text(m, layout.theme_y, spec.theme, theme_style);
        canvas.text(m, layout.title_y, spec.title, title_style);
        if (!spec.subtitle.empty()) canvas.text(m, layout.subtitle_y, spec.subtitle, heading);
    }
    void layers() {
        // Layers, clipped to the frame.
        canvas.clip_rectangle(frame_box.x0, frame_box.y0, frame_box.x1 - frame_box.x0,
                              frame_box.y1 - frame_box.y0);
        for (std::size_t k = 0; k < spec.layers.size(); ++k) {
            const Layer& layer = *spec.layers[k].layer;
            for_rows_in_frame(k, [&](std::size_t row) { draw_feature(k, layer, row); });
            report.features_unclassified += styles[k].unclassified();
        }
    }
    // Every row of layer k that may show in the frame, in order: from its index when it has
    // one, else all of them.
    template <class Visit>
    void for_rows_in_frame(std::size_t k, Visit&& visit) const {
        if (const EnvelopeIndex* index = spec.layers[k].index) {
            for (std::size_t row : index->query(frame.world)) visit(row);
            return;
        }
        for (std::size_t row = 0; row < spec.layers[k].layer->size(); ++row) visit(row);
    }
    void draw_feature(std::size_t k, const Layer& layer, std::size_t row) {
        const Geometry& g = layer.geometry(row);
        if (!g || g.is_empty()) return;
        // Features outside the frame are not drawn at all: an atlas page stays small.
        const Envelope e = g.envelope();
        if (e.max_x < frame.world.min_x || e.min_x > frame.world.max_x ||
            e.max_y < frame.world.min_y || e.min_y > frame.world.max_y)
            return;
        const auto symbol = styles[k].symbol_of(row);
        if (!symbol) return;
        // Geometry reaching beyond the frame is cut to it first: a page (and a PDF) then
        // carries only what shows, not every vertex of a province-wide polygon.
        const bool inside = e.min_x >= frame.world.min_x && e.max_x <= frame.world.max_x &&
                            e.min_y >= frame.world.min_y && e.max_y <= frame.world.max_y;
        const Envelope cut{frame.world.min_x - 1, frame.world.min_y - 1, frame.world.max_x + 1,
                           frame.world.max_y + 1, false};
        Geometry clipped;
        if (!inside && family_of(g.kind()) != GeometryFamily::Point) clipped = g.clip_by_rect(cut);
        const Geometry& drawn = clipped ? clipped : g;
        if (drawn.is_empty()) return;
        switch (family_of(g.kind())) {
            case GeometryFamily::Polygon:
                if (too_small(e, *symbol)) {
                    small_polygon(g, *symbol);
                    break;
                }
                trace(canvas, frame, drawn.rings(), true);
                canvas.fill_and_stroke(symbol->fill, symbol->stroke, symbol->stroke_mm,
                                       symbol->dash_mm, symbol->opacity);
                break;
            case GeometryFamily::Line:
                trace(canvas, frame, drawn.lines(), false);
                canvas.fill_and_stroke(std::nullopt, symbol->stroke, symbol->stroke_mm,
                                       symbol->dash_mm, symbol->opacity);
                break;
            default:
                g.transform_xy([&](double& x, double& y) {
                    draw_marker(canvas, frame.to_x(x), frame.to_y(y), *symbol);
                    return true;
                });
        }
    }
    // A polygon whose longer side is under the symbol's minimum size on paper.
    bool too_small(const Envelope& e, const Symbol& symbol) const {
        return symbol.min_size_mm > 0 &&
               std::max(e.width(), e.height()) * frame.mm_per_m < symbol.min_size_mm;
    }
    // Drawn as a circle of the minimum size at a point on its surface, in its colours.
    void small_polygon(const Geometry& g, const Symbol& symbol) {
        Symbol dot = symbol;
        dot.marker = MarkerShape::Circle;
        if (!dot.fill) dot.fill = dot.stroke;
        const auto [x, y] = g.point_on_surface().xy();
        draw_marker(canvas, frame.to_x(x), frame.to_y(y), dot, symbol.min_size_mm);
        ++report.polygons_as_markers;
    }
    void highlight() {
        // Atlas pages: everything but the page's feature is dimmed under a white veil.
        if (spec.highlight && spec.highlight->layer) {
            canvas.rectangle(frame_box.x0, frame_box.y0, frame_box.x1 - frame_box.x0,
                             frame_box.y1 - frame_box.y0);
            trace(canvas, frame, spec.highlight->layer->geometry(spec.highlight->row).rings(),
                  true);
            canvas.fill_and_stroke(Color{1, 1, 1, 0.6}, std::nullopt, 0);
            trace(canvas, frame, spec.highlight->layer->geometry(spec.highlight->row).rings(),
                  true);
            canvas.fill_and_stroke(std::nullopt, Color{0.75, 0.1, 0.1, 1}, 0.5);
        }
    }
    void frame_border() {
        canvas.reset_clip();
        canvas.rectangle(frame_box.x0, frame_box.y0, frame_box.x1 - frame_box.x0,
                         frame_box.y1 - frame_box.y0);
        canvas.fill_and_stroke(std::nullopt, Color{0.4, 0.4, 0.4, 1}, 0.25);
    }
    void scale_bar() {
        // Scale bar, bottom left inside the frame, on a white ground.
        const ScaleBar& bar = layout.scale_bar;
        report.scale_label = "0 " + bar.label;
        {
            const double x = layout.scale_bar_x, y = layout.scale_bar_y;
            const TextBox label = canvas.measure(bar.label, body);
            const Box area{x - 2, y - 5, x + bar.length_mm + 4 + label.width, y + 8};
            canvas.rectangle(area.x0, area.y0, area.x1 - area.x0, area.y1 - area.y0);
            canvas.fill_and_stroke(Color{1, 1, 1, 0.85}, std::nullopt, 0);
            for (int i = 0; i < 2; ++i) {
                canvas.rectangle(x + i * bar.length_mm / 2, y, bar.length_mm / 2, 1.6);
                canvas.fill_and_stroke(i == 0 ? Color{0.1, 0.1, 0.1, 1} : Color{1, 1, 1, 1},
                                       Color{0.1, 0.1, 0.1, 1}, 0.2);
            }
            canvas.text(x - 1, y + 2.2, "0", body);
            canvas.text(x + bar.length_mm - 1, y + 2.2, bar.label, body);
            collisions.add_obstacle(area);
        }
    }
    void north_arrow() {
        // North arrow, top right inside the frame.
        if (layout.north_arrow) {
            const double x = layout.north_arrow->x0 + 5, y = layout.north_arrow->y0 + 1;
            canvas.move_to(x, y);
            canvas.line_to(x + 3.5, y + 11);
            canvas.line_to(x, y + 8.5);
            canvas.close_path();
            canvas.fill_and_stroke(Color{0.1, 0.1, 0.1, 1}, std::nullopt, 0);
            canvas.move_to(x, y);
            canvas.line_to(x - 3.5, y + 11);
            canvas.line_to(x, y + 8.5);
            canvas.close_path();
            canvas.fill_and_stroke(Color{1, 1, 1, 1}, Color{0.1, 0.1, 0.1, 1}, 0.25);
            canvas.text(x - 1.6, y + 12, "N", heading);
            collisions.add_obstacle(*layout.north_arrow);
        }
    }
    void overview() {
        // Overview inset, bottom right inside the frame: the whole area, the main extent in red.
        if (layout.overview) {
            const MapFrame& small = *layout.overview;
            const Box& inset = small.box;
            const double w = inset.x1 - inset.x0, h = inset.y1 - inset.y0;
            canvas.rectangle(inset.x0, inset.y0, w, h);
            canvas.fill_and_stroke(Color{1, 1, 1, 1}, Color{0.4, 0.4, 0.4, 1}, 0.25);
            canvas.clip_rectangle(inset.x0, inset.y0, w, h);
            const Layer& layer = *spec.overview->layer;
            for (std::size_t row = 0; row < layer.size(); ++row) {
                if (!layer.geometry(row)) continue;
                trace(canvas, small, layer.geometry(row).rings(), true);
                canvas.fill_and_stroke(Color{0.85, 0.85, 0.85, 1}, Color{0.3, 0.3, 0.3, 1}, 0.15);
            }
            if (spec.highlight && spec.highlight->layer) {
                trace(canvas, small, spec.highlight->layer->geometry(spec.highlight->row).rings(),
                      true);
                canvas.fill_and_stroke(Color{0.8, 0.1, 0.1, 1}, std::nullopt, 0);
            }
            const Envelope& shown = frame.world;
            canvas.rectangle(small.to_x(shown.min_x), small.to_y(shown.max_y),
                             shown.width() * small.mm_per_m, shown.height() * small.mm_per_m);
            canvas.fill_and_stroke(Color{0.8, 0.1, 0.1, 0.15}, Color{0.8, 0.1, 0.1, 1}, 0.35);
            canvas.reset_clip();
            collisions.add_obstacle(inset);
        }
    }
    // Charts and ratio boxes placed in a corner of the frame, on a white ground, stacked from
    // the corner inwards; obstacles for the labels.
    void frame_furniture() {
        std::map<FurniturePlace, double> reach;
        for (const MapChart& c : spec.charts) {
            if (c.place == FurniturePlace::Column) continue;
            const double w = c.width_mm > 0 ? c.width_mm : 70;
            const Box b = corner_box(c.place, w, c.height_mm + 2 * kInset, reach, c.name);
            framed(b);
            report.charts.push_back(draw_chart(canvas, c.chart, inset(b), spec.font_family));
        }
        for (const MapRatioBoxes& r : spec.ratio_boxes) {
            if (r.place == FurniturePlace::Column) continue;
            const double w = r.width_mm > 0 ? r.width_mm : 70;
            const double h = ratio_boxes_height(canvas, r.boxes, w - 2 * kInset, spec.font_family);
            const Box b = corner_box(r.place, w, h + 2 * kInset, reach, r.name);
            framed(b);
            draw_ratio_boxes(canvas, r.boxes, inset(b), spec.font_family);
        }
    }
    static Box inset(const Box& b) {
        return Box{b.x0 + kInset, b.y0 + kInset, b.x1 - kInset, b.y1 - kInset};
    }
    void framed(const Box& b) {
        canvas.rectangle(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
        canvas.fill_and_stroke(Color{1, 1, 1, 0.92}, Color{0.4, 0.4, 0.4, 1}, 0.2);
        collisions.add_obstacle(b);
        report.furniture.push_back(b);
    }
    // The next box of a corner's stack, clear of the scale bar, north arrow and overview.
    Box corner_box(FurniturePlace place, double w, double h,
                   std::map<FurniturePlace, double>& reach, const std::string& name) const {
        const Box& f = frame_box;
        double& used = reach[place];
        const bool left = place == FurniturePlace::TopLeft || place == FurniturePlace::BottomLeft;
        const bool top = place == FurniturePlace::TopLeft || place == FurniturePlace::TopRight;
        const double x = left ? f.x0 + 4 : f.x1 - 4 - w;
        double y;
        if (top) {
            const double below_arrow = !left && layout.north_arrow ? layout.north_arrow->y1 + 2 : 0;
            y = std::max(f.y0 + 4, below_arrow) + used;
        } else {
            const double floor = left              ? layout.scale_bar_y - 7
                                 : layout.overview ? layout.overview->box.y0 - 3
                                                   : f.y1 - 4;
            y = floor - used - h;
        }
        used += h + 3;
        const Box b{x, y, x + w, y + h};
        if (!b.inside(f))
            throw Error(ErrorContext{"map '" + spec.name + "'", {}, {}, name},
                        "the " + std::string(name.rfind("chart", 0) == 0 ? "chart" : "box") + " (" +
                            format_italian(w, 0) + " x " + format_italian(h, 0) +
                            " mm) does not fit in its corner of the map frame");
        return b;
    }

    // Right column: Legenda (unless it has the band under the frame), the statistics, the
    // column's charts and ratio boxes, then Fonti cartografiche.
    void right_column() {
        const double px = layout.panel_x;
        double py = layout.panel_y;
        if (spec.legend_place == LegendPlace::Column) {
            canvas.text(px, py, spec.legend_heading, heading);
            py += 7;
            const double below = info_block(0, false) + column_furniture(0, false);
            const double room = sources_top(spec, layout, 0) - 6 - below - py;
            legend(px, py, kPanelWidth, room, 3);
            py += report_legend_height;
        } else {
            const Box& band = layout.legend;
            canvas.text(band.x0, band.y0, spec.legend_heading, heading);
            const double width = band.x1 - band.x0;
            legend(band.x0, band.y0 + 7, width, band.y1 - band.y0 - 7,
                   std::max<std::size_t>(1, static_cast<std::size_t>(width / 60)));
            collisions.add_obstacle(band);
        }
        py = info_block(py, true);
        py = column_furniture(py, true);
        if (!spec.footer.empty()) canvas.text(m, page.height_mm - m + 2.5, spec.footer, body);
        py = sources_top(spec, layout, py);
        report.sources_top_mm = py;
        canvas.text(px, py, "Fonti cartografiche", heading);
        py += 6;
        for (const std::string& line : spec.sources) {
            const TextBox t = canvas.measure(line, body, kPanelWidth);
            canvas.text(px, py, line, body, kPanelWidth);
            py += t.height + 1;
        }
        collisions.add_obstacle(Box{px, m, page.width_mm, page.height_mm});
        collisions.add_obstacle(Box{0, 0, page.width_mm, layout.panel_y});
    }
    void legend(double x, double y, double width, double room, std::size_t max_columns) {
        const LegendLayout l = layout_legend(canvas, spec, styles, body, width, room,
                                             spec.legend_columns, max_columns);
        draw_legend(canvas, l, x, y, body);
        report.legend_columns = l.columns;
        report.legend_overflow_mm = l.overflow;
        report_legend_height = l.height;
    }
    // The statistics ("Dati") from `py`; returns where they end (drawn, or only measured).
    double info_block(double py, bool draw) {
        if (spec.info.empty()) return py;
        const double px = layout.panel_x;
        py += 4;
        if (draw) report.info_top_mm = py;
        if (draw) canvas.text(px, py, spec.info_heading, heading);
        py += 6.5;
        for (const auto& [label, value] : spec.info) {
            const TextBox l = canvas.measure(label, body, kPanelWidth * 0.62);
            const TextBox v = canvas.measure(value, body, kPanelWidth * 0.36);
            if (draw) {
                canvas.text(px, py, label, body, kPanelWidth * 0.62);
                canvas.text(px + kPanelWidth - v.width, py, value, body, kPanelWidth * 0.36);
            }
            py += std::max({4.4, l.height + 0.8, v.height + 0.8});
        }
        return py;
    }
    // The charts and ratio boxes placed in the column, from `py`; returns where they end.
    double column_furniture(double py, bool draw) {
        const double px = layout.panel_x;
        for (const MapChart& c : spec.charts) {
            if (c.place != FurniturePlace::Column) continue;
            const double w = c.width_mm > 0 ? std::min(c.width_mm, kPanelWidth) : kPanelWidth;
            py += 5;
            const Box b{px, py, px + w, py + c.height_mm};
            if (draw) report.charts.push_back(draw_chart(canvas, c.chart, b, spec.font_family));
            if (draw) report.furniture.push_back(b);
            py = b.y1;
        }
        for (const MapRatioBoxes& r : spec.ratio_boxes) {
            if (r.place != FurniturePlace::Column) continue;
            const double w = r.width_mm > 0 ? std::min(r.width_mm, kPanelWidth) : kPanelWidth;
            py += 5;
            const double h = ratio_boxes_height(canvas, r.boxes, w, spec.font_family);
            const Box b{px, py, px + w, py + h};
            if (draw) draw_ratio_boxes(canvas, r.boxes, b, spec.font_family);
            if (draw) report.furniture.push_back(b);
            py = b.y1;
        }
        return py;
    }
    void labels() {
        // Labels: by priority, then in feature order; never outside the frame, never overlapping.
        struct Candidate {
            int priority;
            std::size_t layer, row;
        };
        std::vector<Candidate> candidates;
        for (std::size_t k = 0; k < spec.layers.size(); ++k) {
            const LayerStyle& style = spec.layers[k].style;
            if (style.label_field.empty()) continue;
            if (!spec.layers[k].layer->field_index(style.label_field))
                throw Error(ErrorContext{"map '" + spec.name + "'",
                                         spec.layers[k].layer->name(),
                                         {},
                                         style.label_field},
                            "no such field for labels");
            for_rows_in_frame(k, [&](std::size_t row) {
                candidates.push_back({style.label_priority, k, row});
            });
        }
        std::stable_sort(
            candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.priority > b.priority; });
        for (const Candidate& c : candidates) {
            const Layer& layer = *spec.layers[c.layer].layer;
            const LayerStyle& style = spec.layers[c.layer].style;
            const Column& column = layer.column(style.label_field);
            const Geometry& g = layer.geometry(c.row);
            if (column.is_null(c.row) || !g || g.is_empty() || !styles[c.layer].symbol_of(c.row))
                continue;
            const std::string text = column.text(c.row);
            const bool point = family_of(g.kind()) == GeometryFamily::Point;
            const auto [wx, wy] = point ? g.xy() : g.point_on_surface().xy();
            const double x = frame.to_x(wx), y = frame.to_y(wy);
            TextStyle ts{spec.font_family,        style.label_size_pt, false,
                         Color{0.1, 0.1, 0.1, 1}, Color{1, 1, 1, 0.9}, 0.45};
            const TextBox size = canvas.measure(text, ts);
            const double offset = point ? style.symbol.size_mm / 2 + 0.8 : 0;
            // Right, left, above, below a point; centred on a polygon.
            const std::vector<std::pair<double, double>> positions =
                point ? std::vector<std::pair<double, double>>{{x + offset, y - size.height / 2},
                                                               {x - offset - size.width,
                                                                y - size.height / 2},
                                                               {x - size.width / 2,
                                                                y - offset - size.height},
                                                               {x - size.width / 2, y + offset}}
                      : std::vector<std::pair<double, double>>{
                            {x - size.width / 2, y - size.height / 2}};
            bool placed = false;
            for (const auto& [lx, ly] : positions) {
                const Box box{lx, ly, lx + size.width, ly + size.height};
                if (!box.inside(frame_box) || !collisions.try_place(box)) continue;
                canvas.text(lx, ly, text, ts);
                report.labels.push_back(box);
                placed = true;
                break;
            }
            (placed ? report.labels_placed : report.labels_skipped) += 1;
        }
    }

    Canvas& canvas;
    const MapSpec& spec;
    const PageSpec& page;
    const double m;
    const PageLayout layout;
    const double kPanelWidth;
    const TextStyle theme_style, title_style, body, heading;
    const Box frame_box;
    const MapFrame frame;
    std::vector<ResolvedStyle> styles;
    CollisionIndex collisions;
    RenderReport report;
    double report_legend_height = 0;
    static constexpr double kInset = 2;
};

}  // namespace

PageSpec page_from(const std::string& size, const std::string& orientation, double margin_mm) {
    // ISO 216, portrait: width × height in millimetres.
    static const std::map<std::string, std::pair<double, double>> sizes{{"A4", {210, 297}},
                                                                        {"A3", {297, 420}},
                                                                        {"A2", {420, 594}},
                                                                        {"A1", {594, 841}},
                                                                        {"A0", {841, 1189}}};
    const auto it = sizes.find(size);
    if (it == sizes.end())
        throw Error("unknown page size '" + size + "' (A4 to A0, or width_mm/height_mm)");
    PageSpec page;
    page.width_mm = it->second.first, page.height_mm = it->second.second;
    if (orientation == "landscape")
        std::swap(page.width_mm, page.height_mm);
    else if (orientation != "portrait")
        throw Error("unknown orientation '" + orientation + "' (portrait or landscape)");
    page.margin_mm = margin_mm;
    return page;
}

std::vector<std::size_t> legend_layer_order(const MapSpec& spec) {
    std::vector<std::size_t> order;
    for (std::size_t k : spec.legend_order)
        if (k < spec.layers.size() && std::find(order.begin(), order.end(), k) == order.end())
            order.push_back(k);
    for (std::size_t k = 0; k < spec.layers.size(); ++k)
        if (std::find(order.begin(), order.end(), k) == order.end()) order.push_back(k);
    return order;
}

RenderReport render_map(const MapSpec& spec, PageFormat format, const std::string& path) {
    Canvas::require_font(spec.font_family);
    Canvas canvas(format, path, spec.page.width_mm, spec.page.height_mm, spec.dpi,
                  spec.theme + " - " + spec.title);
    const RenderReport report = draw_map(canvas, spec);
    canvas.finish();
    return report;
}

RenderReport draw_map(Canvas& canvas, const MapSpec& spec) {
    // The font was checked by the caller (render_map, render_atlas): once, not once a page.
    if (spec.extent.empty || spec.extent.width() <= 0 || spec.extent.height() <= 0)
        throw Error(ErrorContext{spec.name, {}, {}, {}}, "the map extent is empty");
    return PageDrawing(canvas, spec).draw();
}

}  // namespace atlante
