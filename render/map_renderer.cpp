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
#include "render/map_spec.hpp"

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

void marker(Canvas& canvas, double x, double y, const Symbol& s) {
    const double r = s.size_mm / 2;
    switch (s.marker) {
        case MarkerShape::Circle:
            canvas.circle(x, y, r);
            break;
        case MarkerShape::Square:
            canvas.rectangle(x - r, y - r, 2 * r, 2 * r);
            break;
        case MarkerShape::Triangle:
            canvas.move_to(x, y - r);
            canvas.line_to(x + r * 0.866, y + r * 0.5);
            canvas.line_to(x - r * 0.866, y + r * 0.5);
            canvas.close_path();
            break;
        case MarkerShape::Star:
            for (int k = 0; k < 10; ++k) {
                const double a = -M_PI / 2 + k * M_PI / 5, rr = k % 2 ? r * 0.45 : r;
                k == 0 ? canvas.move_to(x + rr * std::cos(a), y + rr * std::sin(a))
                       : canvas.line_to(x + rr * std::cos(a), y + rr * std::sin(a));
            }
            canvas.close_path();
            break;
    }
    canvas.fill_and_stroke(s.fill, s.stroke, s.stroke_mm, {}, s.opacity);
}

void swatch(Canvas& canvas, double x, double y, const LegendEntry& e) {
    const double w = 8, h = 4.5;
    switch (e.family) {
        case GeometryFamily::Point:
            marker(canvas, x + w / 2, y + h / 2, e.symbol);
            break;
        case GeometryFamily::Line:
            canvas.move_to(x, y + h / 2);
            canvas.line_to(x + w, y + h / 2);
            canvas.fill_and_stroke(std::nullopt, e.symbol.stroke, std::max(e.symbol.stroke_mm, 0.3),
                                   e.symbol.dash_mm, e.symbol.opacity);
            break;
        default: {
            canvas.rectangle(x, y, w, h);
            // A white outline is invisible on white paper: draw the legend box in grey instead.
            std::optional<Color> stroke = e.symbol.stroke;
            if (stroke && stroke->r > 0.95 && stroke->g > 0.95 && stroke->b > 0.95)
                stroke = Color{0.6, 0.6, 0.6, 1};
            canvas.fill_and_stroke(e.symbol.fill, stroke ? stroke : Color{0.6, 0.6, 0.6, 1},
                                   std::max(e.symbol.stroke_mm, 0.15), e.symbol.dash_mm,
                                   e.symbol.opacity);
        }
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
            for (std::size_t row = 0; row < layer.size(); ++row) {
                const Geometry& g = layer.geometry(row);
                if (!g || g.is_empty()) continue;
                // Features outside the frame are not drawn at all: an atlas page stays small.
                const Envelope e = g.envelope();
                if (e.max_x < frame.world.min_x || e.min_x > frame.world.max_x ||
                    e.max_y < frame.world.min_y || e.min_y > frame.world.max_y)
                    continue;
                const auto symbol = styles[k].symbol_of(row);
                if (!symbol) continue;
                // Geometry reaching beyond the frame is cut to it first: a page (and a PDF) then
                // carries only what shows, not every vertex of a province-wide polygon.
                const bool inside = e.min_x >= frame.world.min_x && e.max_x <= frame.world.max_x &&
                                    e.min_y >= frame.world.min_y && e.max_y <= frame.world.max_y;
                const Envelope cut{frame.world.min_x - 1, frame.world.min_y - 1,
                                   frame.world.max_x + 1, frame.world.max_y + 1, false};
                Geometry clipped;
                if (!inside && family_of(g.kind()) != GeometryFamily::Point)
                    clipped = g.clip_by_rect(cut);
                const Geometry& drawn = clipped ? clipped : g;
                if (drawn.is_empty()) continue;
                switch (family_of(g.kind())) {
                    case GeometryFamily::Polygon:
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
                            marker(canvas, frame.to_x(x), frame.to_y(y), *symbol);
                            return true;
                        });
                }
            }
            report.features_unclassified += styles[k].unclassified();
        }
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
    void right_column() {
        // Right column: Legenda, then Fonti cartografiche.
        const double px = layout.panel_x;
        double py = layout.panel_y;
        canvas.text(px, py, spec.legend_heading, heading);
        py += 7;
        for (std::size_t k = 0; k < spec.layers.size(); ++k) {
            const LayerStyle& style = spec.layers[k].style;
            if (!style.in_legend || styles[k].legend().empty()) continue;
            if (!style.legend_title.empty()) {
                canvas.text(px, py, style.legend_title, body);
                py += 4.6;
            }
            for (const LegendEntry& e : styles[k].legend()) {
                const TextBox t = canvas.measure(e.label, body, kPanelWidth - 12);
                // Proportional symbols can be taller than a text line: the row grows to hold them.
                const double row =
                    std::max({5.6, t.height + 1.4,
                              e.family == GeometryFamily::Point ? e.symbol.size_mm + 1.2 : 0.0});
                const double centre = py + row / 2 - 2.8;
                swatch(canvas, px, centre, e);
                canvas.text(px + 11, centre + 0.2, e.label, body, kPanelWidth - 12);
                py += row;
            }
            py += 2;
        }
        if (!spec.info.empty()) {
            py += 4;
            report.info_top_mm = py;
            canvas.text(px, py, spec.info_heading, heading);
            py += 6.5;
            for (const auto& [label, value] : spec.info) {
                const TextBox l = canvas.measure(label, body, kPanelWidth * 0.62);
                canvas.text(px, py, label, body, kPanelWidth * 0.62);
                const TextBox v = canvas.measure(value, body, kPanelWidth * 0.36);
                canvas.text(px + kPanelWidth - v.width, py, value, body, kPanelWidth * 0.36);
                py += std::max({4.4, l.height + 0.8, v.height + 0.8});
            }
        }
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
            for (std::size_t row = 0; row < spec.layers[k].layer->size(); ++row)
                candidates.push_back({style.label_priority, k, row});
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
