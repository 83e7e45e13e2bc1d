#include "render/qgis/qgis_map_project.hpp"

#include <algorithm>

#include "render/layout/page_layout.hpp"
#include "render/qgis/qml_style.hpp"

namespace atlante {
namespace {

// "comuni" from "../layers.gpkg|layername=comuni".
std::string table_of(const std::string& source) {
    const auto at = source.find("|layername=");
    return at == std::string::npos ? source : source.substr(at + 11);
}

// QGIS ignores a layer id of 10 characters or fewer (and makes up its own): hence the prefix.
std::string layer_id(std::size_t index, const std::string& name) {
    std::string id = "atlante_" + std::to_string(index) + "_";
    for (char c : name) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return id;
}

// What the layers panel and the legend call a layer: its legend heading (as atlante prints it) or
// its one entry, as atlante's legend shows it; else the table's name.
std::string display_name(const LayerStyle& style, const std::string& source) {
    const std::string& heading = style.legend_title;
    if (style.kind != StyleKind::Simple && style.kind != StyleKind::Proportional &&
        !heading.empty())
        return heading;
    if (!style.legend_label.empty()) return style.legend_label;
    if (!heading.empty()) return heading;
    return table_of(source);
}

// Source lines broken at spaces to the column's width (a QGIS label does not wrap).
std::string wrapped(const std::vector<std::string>& lines, double width_mm, double size_pt) {
    const std::size_t chars =
        std::max<std::size_t>(20, static_cast<std::size_t>(width_mm / (0.55 * size_pt * 0.3528)));
    std::string out;
    for (const std::string& line : lines) {
        std::size_t column = 0;
        std::string word;
        const auto flush = [&] {
            if (word.empty()) return;
            if (column > 0 && column + 1 + word.size() > chars) out += "\n", column = 0;
            if (column > 0) out += " ", ++column;
            out += word, column += word.size();
            word.clear();
        };
        for (char c : line) c == ' ' ? flush() : void(word += c);
        flush();
        out += "\n";
    }
    if (!out.empty()) out.pop_back();
    return out;
}

QgisLayer project_layer(std::string id, std::string name, std::string source, GeometryFamily family,
                        std::string qml, bool checked = true) {
    QgisLayer layer;
    layer.id = std::move(id), layer.name = std::move(name), layer.source = std::move(source);
    layer.family = family, layer.qml = std::move(qml), layer.checked = checked;
    return layer;
}

struct Fonts {
    QgisFont theme, title, heading, body;
};

Fonts fonts_of(const MapSpec& spec, const PageLayout& layout) {
    const std::string& f = spec.font_family;
    return {{f, layout.theme_pt, false, Color{0.35, 0.35, 0.35, 1}},
            {f, layout.title_pt, true, Color{0.1, 0.1, 0.1, 1}},
            {f, layout.heading_pt, true, Color{0.1, 0.1, 0.1, 1}},
            {f, layout.text_pt, false, Color{0.15, 0.15, 0.15, 1}}};
}

std::string overview_style(const Layer& layer) {
    LayerStyle grey;
    grey.symbol.fill = Color{0.85, 0.85, 0.85, 1};
    grey.symbol.stroke = Color{0.3, 0.3, 0.3, 1};
    grey.symbol.stroke_mm = 0.15;
    return qml_style(ResolvedStyle(grey, layer, "overview"), GeometryFamily::Polygon,
                     "DejaVu Sans");
}

Symbol fill_symbol(std::optional<Color> fill, std::optional<Color> stroke, double stroke_mm) {
    Symbol symbol;
    symbol.fill = fill, symbol.stroke = stroke, symbol.stroke_mm = stroke_mm;
    return symbol;
}

// The atlas page's feature: the others veiled, it outlined in red (in the map); in red among
// the others in grey (in the inset).
std::string page_highlight_style() {
    return qml_rule_style({{"$id <> @atlas_featureid",
                            fill_symbol(Color{1, 1, 1, 0.6}, std::nullopt, 0), "altre pagine"},
                           {"$id = @atlas_featureid",
                            fill_symbol(std::nullopt, Color{0.75, 0.1, 0.1, 1}, 0.5), "pagina"}},
                          GeometryFamily::Polygon);
}

std::string page_overview_style() {
    return qml_rule_style(
        {{"ELSE", fill_symbol(Color{0.85, 0.85, 0.85, 1}, Color{0.3, 0.3, 0.3, 1}, 0.15), "area"},
         {"$id = @atlas_featureid", fill_symbol(Color{0.8, 0.1, 0.1, 1}, std::nullopt, 0),
          "pagina"}},
        GeometryFamily::Polygon);
}

void title_labels(QgisLayout& out, const MapSpec& spec, const PageLayout& layout,
                  const Fonts& fonts, const QgisAtlasData* atlas) {
    const double m = layout.margin_mm, right = layout.frame.box.x1;
    out.labels.push_back({Box{m, layout.theme_y, right, layout.theme_y + 6}, spec.theme,
                          fonts.theme, false, "tema"});
    out.labels.push_back({Box{m, layout.title_y, right, layout.title_y + 9}, spec.title,
                          fonts.title, false, "titolo"});
    const std::string subtitle = atlas ? "[% @atlas_pagename %]" : spec.subtitle;
    if (!subtitle.empty())
        out.labels.push_back({Box{m, layout.subtitle_y, right, layout.subtitle_y + 6}, subtitle,
                              fonts.heading, false, "sottotitolo"});
}

void column_labels(QgisLayout& out, const MapSpec& spec, const PageLayout& layout,
                   const Fonts& fonts, const QgisMapData& data, const QgisAtlasData* atlas) {
    const double px = layout.panel_x, width = layout.panel_width;
    const double top =
        data.sources_top_mm > 0 ? data.sources_top_mm : sources_top(spec, layout, layout.panel_y);
    if (atlas && !atlas->info.empty()) {
        // The statistics, above the sources: the page's values from its fields.
        double y = data.info_top_mm > 0
                       ? data.info_top_mm
                       : top - 6 - 4.4 * static_cast<double>(atlas->info.size()) - 10.5;
        out.labels.push_back(
            {Box{px, y, px + width, y + 6}, spec.info_heading, fonts.heading, false, "dati"});
        y += 6.5;
        for (const auto& [label, field] : atlas->info) {
            out.labels.push_back(
                {Box{px, y, px + width * 0.62, y + 4.4}, label, fonts.body, false, ""});
            out.labels.push_back({Box{px + width * 0.38, y, px + width, y + 4.4},
                                  "[% \"" + field + "\" %]", fonts.body, true, ""});
            y += 4.4;
        }
    }
    out.labels.push_back({Box{px, top, px + width, top + 6}, "Fonti cartografiche", fonts.heading,
                          false, "fonti_titolo"});
    out.labels.push_back({Box{px, top + 6, px + width, spec.page.height_mm - layout.margin_mm},
                          wrapped(spec.sources, width, fonts.body.size_pt), fonts.body, false,
                          "fonti"});
    if (atlas) {
        const double m = layout.margin_mm, y = spec.page.height_mm - m + 2.5;
        const std::string page =
            "[% @atlas_featurenumber + " + std::to_string(atlas->first_page - 1) + " %]";
        out.labels.push_back({Box{m, y, layout.frame.box.x1, y + 5},
                              atlas->title + " · [% @atlas_pagename %] · pagina " + page + " di " +
                                  std::to_string(atlas->last_page),
                              fonts.body, false, "piede"});
    }
}

QgisScaleBar scale_bar_of(const PageLayout& layout, const Fonts& fonts, bool fit) {
    QgisScaleBar bar;
    bar.map = "mappa";
    bar.x = layout.scale_bar_x - 2, bar.y = layout.scale_bar_y - 3;
    const bool km = layout.scale_bar.label.find("km") != std::string::npos;
    bar.units = km ? "km" : "m";
    bar.length = km ? layout.scale_bar.length_m / 1000 : layout.scale_bar.length_m;
    bar.fit = fit;
    const double frame_width = layout.frame.box.x1 - layout.frame.box.x0;
    bar.max_mm = fit ? frame_width * 0.25 : layout.scale_bar.length_mm + 20;
    bar.min_mm = fit ? 5 : layout.scale_bar.length_mm;
    bar.font = fonts.body;
    return bar;
}

}  // namespace

QgisProject qgis_map_project(const MapSpec& spec, const QgisMapData& data, const QgisCrs& crs,
                             const QgisAtlasData* atlas) {
    const PageLayout layout = page_layout(spec);
    const Fonts fonts = fonts_of(spec, layout);
    QgisProject project;
    project.title = spec.theme.empty() ? spec.title : spec.theme + " - " + spec.title;
    project.crs = crs;
    QgisLayout& out = project.layout;
    out.name = spec.name;
    out.width_mm = spec.page.width_mm, out.height_mm = spec.page.height_mm, out.dpi = spec.dpi;

    QgisMapItem map{"mappa", layout.frame.box, layout.frame.world, {}, true, {}, false, 0};
    QgisLegend legend{"mappa", layout.legend.x0, layout.legend.y0, spec.legend_heading,
                      {},      fonts.heading,    fonts.body,       spec.legend_columns};
    std::vector<std::string> legend_ids(spec.layers.size());
    for (std::size_t i = 0; i < spec.layers.size() && i < data.layers.size(); ++i) {
        const MapLayer& l = spec.layers[i];
        const ResolvedStyle resolved(l.style, *l.layer, "map '" + spec.name + "'");
        const GeometryFamily family = layer_family(*l.layer);
        QgisLayer layer = project_layer(layer_id(i, table_of(data.layers[i])),
                                        display_name(l.style, data.layers[i]), data.layers[i],
                                        family, qml_style(resolved, family, spec.font_family));
        layer.hide_legend_title =
            l.style.legend_title.empty() &&
            (l.style.kind == StyleKind::Categorical || l.style.kind == StyleKind::Graduated);
        if (l.style.in_legend && !resolved.legend().empty()) legend_ids[i] = layer.id;
        map.layers.insert(map.layers.begin(), layer.id);
        project.layers.push_back(std::move(layer));
    }
    // The legend's groups in atlante's order.
    for (std::size_t k : legend_layer_order(spec))
        if (k < legend_ids.size() && !legend_ids[k].empty()) legend.layers.push_back(legend_ids[k]);
    std::vector<std::string> inset_layers;
    if (atlas) {
        const std::string id = "atlante_pagine";
        project.layers.push_back(project_layer(id, "pagine dell'atlante", atlas->pages,
                                               GeometryFamily::Polygon, page_highlight_style()));
        map.layers.insert(map.layers.begin(), id);
        map.atlas_driven = true, map.atlas_margin = atlas->margin;
        project.layers.push_back(
            project_layer("atlante_pagine_inquadramento", "inquadramento delle pagine",
                          atlas->pages, GeometryFamily::Polygon, page_overview_style(), false));
        inset_layers.push_back("atlante_pagine_inquadramento");
        out.atlas = QgisAtlas{id, atlas->filter, atlas->sort, "\"" + atlas->page_name + "\""};
    } else if (layout.overview && !data.overview.empty()) {
        project.layers.push_back(project_layer("atlante_inquadramento", "inquadramento",
                                               data.overview, GeometryFamily::Polygon,
                                               overview_style(*spec.overview->layer), false));
        inset_layers.push_back("atlante_inquadramento");
    }
    out.maps.push_back(map);
    if (layout.overview && !inset_layers.empty())
        out.maps.push_back({"inquadramento", layout.overview->box, layout.overview->world,
                            inset_layers, true, std::string("mappa"), false, 0});
    title_labels(out, spec, layout, fonts, atlas);
    column_labels(out, spec, layout, fonts, data, atlas);
    out.legend = legend;
    out.scale_bar = scale_bar_of(layout, fonts, atlas != nullptr);
    if (layout.north_arrow) {
        const Box& a = *layout.north_arrow;
        out.north_arrow = Box{a.x0 + 1, a.y0 + 1, a.x1 - 1, a.y1 - 2};
    }
    return project;
}

}  // namespace atlante
