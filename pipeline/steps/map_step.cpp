#include "pipeline/steps/map_step.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "geodata/demo_brownfields.hpp"
#include "layers/atomic_output.hpp"
#include "pipeline/captions.hpp"
#include "pipeline/layer_styles.hpp"
#include "pipeline/project.hpp"
#include "render/cairo/canvas.hpp"
#include "render/format/number_format.hpp"

namespace atlante {

const StepKind& MapStep::info() {
    static const StepKind kind{"map", "a plan-style map drawn to PDF, SVG and PNG", true,
                               [] { return std::make_unique<MapStep>(); }, true};
    return kind;
}

void MapStep::declare(OptionSet& o) {
    o.text("name", spec.name, "the map's name: its files are maps/NAME.pdf|svg|png").must();
    o.text("theme", spec.theme, "title line 1 (the plan's theme, \"Salute\")").caption();
    o.text("title", spec.title, "title line 2").must().caption();
    o.text("subtitle", spec.subtitle, "title line 3").caption();
    o.choice("page", page, {"A4", "A3", "A2", "A1", "A0"}, "page size (ISO 216)");
    o.choice("orientation", orientation, {"portrait", "landscape"}, "page orientation");
    const NumberRange side = NumberRange::between(0, 1189);  // A0's long side
    o.number("width_mm", width_mm, "a custom page width instead of `page` (0: page's)")
        .unit_of("mm")
        .within(side);
    o.number("height_mm", height_mm, "a custom page height (with width_mm)")
        .unit_of("mm")
        .within(side);
    o.number("margin_mm", spec.page.margin_mm, "page margin")
        .unit_of("mm")
        .within(NumberRange::between(0, 100));
    o.number("dpi", spec.dpi, "PNG resolution").within(NumberRange::between(36, 1200));
    o.texts("formats", formats, "files to draw").items(1, 3).among({"pdf", "svg", "png"});
    o.source("extent", extent, "the layer whose extent the frame fits");
    o.text("extent_feature", extent_feature,
           "fit one feature of the extent layer instead: field=value")
        .for_example("name=Torino");
    o.numbers("extent_bbox", extent_bbox, "fit [min_x, min_y, max_x, max_y] instead")
        .unit_of("m")
        .within(NumberRange::between(-1e8, 1e8))
        .items(0, 4);
    o.number("extent_margin", spec.extent_margin, "room around the extent, as a share of it")
        .within(NumberRange::between(0, 1));
    o.source("overview", overview, "an inset of this layer with the map's extent marked");
    o.texts("sources", spec.sources, "\"Fonti cartografiche\" lines").caption();
    o.boolean("north_arrow", spec.north_arrow, "draw the north arrow");
    o.number("scale_bar_km", scale_bar_km,
             "fixed scale-bar length (0: the longest round length that fits)")
        .unit_of("km")
        .within(NumberRange::between(0, 10'000));
    o.text("font", spec.font_family, "font family of every text (must be installed)")
        .for_example("DejaVu Serif");
    o.tables("layers", layers, "the layers, drawn first to last").items(1, 100);
    o.choice_of("legend", spec.legend_place,
                {{"column", LegendPlace::Column}, {"bottom", LegendPlace::Bottom}},
                "the legend in the right column, or in a band under the map (wide maps)");
    o.number("legend_band_mm", spec.legend_band_mm, "legend = \"bottom\": the band's height")
        .unit_of("mm")
        .within(NumberRange::between(10, 300));
    o.integer("legend_columns", spec.legend_columns,
              "legend columns (0: as many as the entries need)")
        .within(NumberRange::between(0, 6));
    o.numbers("legend_order", legend_order,
              "layer numbers (1 = the first [[map.layers]]) whose legend groups come first")
        .within(NumberRange::between(1, 100))
        .items(0, 100);
    o.tables("charts", charts, "charts beside or inside the map (bars, pie, line)").items(0, 12);
    o.tables("ratio_boxes", ratio_boxes, "boxes with a sentence per category (\"1 … per N ab.\")")
        .items(0, 12);
    o.boolean("qgis", qgis, "also a QGIS project, maps/NAME.qgz: layers, styles, print layout");
    o.text("out", out, "output folder, relative to the run's").not_on_command_line();
}

void MapStep::finish_options() {
    if ((width_mm > 0) != (height_mm > 0))
        origin.fail("width_mm", "give both width_mm and height_mm, or neither");
    if (width_mm > 0) {
        // At most A0, either way round.
        if (std::min(width_mm, height_mm) > 841)
            origin.fail("width_mm", "the page is larger than A0 (841 x 1189 mm)");
        if (std::min(width_mm, height_mm) < 50)
            origin.fail("width_mm", "the page is smaller than 50 mm");
        spec.page = PageSpec{width_mm, height_mm, spec.page.margin_mm};
    } else {
        spec.page = page_from(page, orientation, spec.page.margin_mm);
    }
    if (2 * spec.page.margin_mm >= std::min(spec.page.width_mm, spec.page.height_mm) / 2)
        origin.fail("margin_mm", "the margins leave no room for the map");
    if (!extent_bbox.empty() && (extent_bbox.size() != 4 || extent_bbox[0] >= extent_bbox[2] ||
                                 extent_bbox[1] >= extent_bbox[3]))
        origin.fail("extent_bbox", "expected [min_x, min_y, max_x, max_y] with min < max");
    if (!extent_feature.empty() && extent_feature.find('=') == std::string::npos)
        origin.fail("extent_feature", "expected field=value, not '" + extent_feature + "'");
    if (extent.empty() && extent_bbox.empty()) origin.fail("extent", "a map needs an extent");
    if (layers.empty()) origin.fail("layers", "a map needs at least one layer");
    std::set<std::string> seen;
    for (const std::string& f : formats)
        if (!seen.insert(f).second) origin.fail("formats", "'" + f + "' is listed twice");
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const std::string& palette = layers[i].palette;
        if (!palette.empty() && !brewer_palette(palette)) {
            std::string names;
            for (const std::string& n : brewer_palette_names())
                names += (names.empty() ? "" : ", ") + n;
            origin.fail("layers[" + std::to_string(i) + "].palette",
                        "unknown palette '" + palette + "' (" + names + ")");
        }
    }
    spec.scale_bar_m = scale_bar_km * 1000;
    try {
        Canvas::require_font(spec.font_family);
    } catch (const Error& e) {
        origin.fail("font", e.message());
    }
}

namespace {

// "(dati dimostrativi)" in the legend of a layer drawn from the demonstration layer: in its
// group heading, before the colon, or else after its entry.
void mark_demonstration_legend(LayerStyle& style) {
    const std::string note = " (dati dimostrativi)";
    if (style.legend_title.find("dimostrativ") != std::string::npos ||
        style.legend_label.find("dimostrativ") != std::string::npos)
        return;
    if (!style.legend_title.empty()) {
        std::string& title = style.legend_title;
        const bool colon = title.back() == ':';
        title = (colon ? title.substr(0, title.size() - 1) : title) + note + (colon ? ":" : "");
    } else if (!style.legend_label.empty()) {
        style.legend_label += note;
    }
}

void expand(std::string& text, const Project* project) {
    if (project) text = expand_captions(text, *project);
}

void expand_style(LayerStyle& style, const Project* project) {
    expand(style.legend_title, project);
    expand(style.legend_label, project);
    expand(style.missing_label, project);
    for (std::string& label : style.category_labels) expand(label, project);
    for (std::string& label : style.class_labels) expand(label, project);
}

Envelope feature_extent(const Layer& layer, const std::string& feature, const std::string& map) {
    const auto eq = feature.find('=');
    const std::string field = feature.substr(0, eq), value = feature.substr(eq + 1);
    const Column& column = layer.column(field);
    Envelope extent;
    for (std::size_t i = 0; i < layer.size(); ++i)
        if (!column.is_null(i) && column.text(i) == value)
            extent.expand(layer.geometry(i).envelope());
    if (extent.empty)
        throw Error(ErrorContext{"map '" + map + "'", layer.name(), {}, field},
                    "no feature with " + feature);
    return extent;
}

// The extent of a layer's features, leaving out those far outside the study area: a record
// geocoded at 0,0 or with its axes swapped would otherwise stretch the map over 5.000 km.
Envelope study_extent(const Layer& layer, const SourceRef& source, StepContext& context,
                      std::vector<std::string>* warnings) {
    if (source.kind == SourceRef::Kind::Catalog) return layer.extent();
    Envelope area = context.comuni().layer.extent();
    const double margin = 50'000;
    area.min_x -= margin, area.min_y -= margin, area.max_x += margin, area.max_y += margin;
    Envelope extent;
    std::size_t left_out = 0;
    for (std::size_t i = 0; i < layer.size(); ++i) {
        const Geometry& g = layer.geometry(i);
        if (!g || g.is_empty()) continue;
        const Envelope e = g.envelope();
        if (e.max_x < area.min_x || e.min_x > area.max_x || e.max_y < area.min_y ||
            e.min_y > area.max_y) {
            ++left_out;
            continue;
        }
        extent.expand(e);
    }
    if (left_out && warnings)
        warnings->push_back(std::to_string(left_out) + " features of " + source.text() +
                            " lie more than 50 km outside the study area: the map's extent "
                            "leaves them out");
    return extent.empty ? layer.extent() : extent;
}

}  // namespace

namespace {

std::string chart_name(const MapStep& step, std::size_t i) {
    const std::string& title = step.charts[i].title;
    return "map '" + step.spec.name + "', chart " +
           (title.empty() ? std::to_string(i + 1) : "'" + title + "'");
}

std::string ratio_boxes_name(const MapStep& step, std::size_t i) {
    const std::string& title = step.ratio_boxes[i].title;
    return "map '" + step.spec.name + "', ratio boxes " +
           (title.empty() ? std::to_string(i + 1) : "'" + title + "'");
}

// The charts and ratio boxes, from the run's tables, with their captions expanded.
void resolve_furniture(const MapStep& step, StepContext& context, MapSpec& spec) {
    const Project* project = context.project();
    for (std::size_t i = 0; i < step.charts.size(); ++i) {
        MapChartStep c = step.charts[i];
        expand(c.title, project);
        expand(c.unit, project);
        expand(c.note, project);
        for (std::string& label : c.rows.category_labels) expand(label, project);
        for (std::string& label : c.series_labels) expand(label, project);
        const Layer* table = c.classes_of ? nullptr : &context.layer(c.table);
        spec.charts.push_back(resolve_chart(c, table, spec, chart_name(step, i)));
    }
    for (std::size_t i = 0; i < step.ratio_boxes.size(); ++i) {
        MapRatioBoxStep b = step.ratio_boxes[i];
        expand(b.title, project);
        expand(b.text, project);
        for (std::string& label : b.rows.category_labels) expand(label, project);
        spec.ratio_boxes.push_back(
            resolve_ratio_boxes(b, context.layer(b.table), spec, ratio_boxes_name(step, i)));
    }
}

}  // namespace

// A chart's table and fields checked against what the steps that make it declare: a missing
// table or field fails `validate` (and a run before any work), naming the map and the chart.
void MapStep::check_in(const Project& project) const {
    // Layer numbers and keys that go together: checked here, once every key (the file's and
    // the flags') is known.
    for (const double n : legend_order)
        if (n != std::floor(n) || n > static_cast<double>(layers.size()))
            origin.fail("legend_order", "the map has " + std::to_string(layers.size()) +
                                            " layers: no layer " + format_plain(n));
    for (std::size_t i = 0; i < charts.size(); ++i)
        check_chart_options(charts[i], layers.size(), origin, "charts[" + std::to_string(i) + "].",
                            chart_name(*this, i));
    for (std::size_t i = 0; i < ratio_boxes.size(); ++i)
        check_ratio_box_options(ratio_boxes[i], layers.size(), origin,
                                "ratio_boxes[" + std::to_string(i) + "].",
                                ratio_boxes_name(*this, i));
    auto check = [&](const SourceRef& table, const std::vector<std::string>& fields,
                     const std::string& key, const std::string& name) {
        if (table.kind != SourceRef::Kind::StepOutput) return;
        for (const Step* maker : project.producers(table))
            for (const StepOutputDecl& o : maker->outputs()) {
                if (o.name != table.name || o.fields.empty() || o.more_fields) continue;
                for (const std::string& f : fields) {
                    if (f.empty() ||
                        std::find(o.fields.begin(), o.fields.end(), f) != o.fields.end())
                        continue;
                    std::string list;
                    for (const std::string& n : o.fields) list += (list.empty() ? "" : ", ") + n;
                    origin.fail(key, name + ": " + table.text() + " has no field '" + f +
                                         "' (fields: " + list + ")");
                }
            }
    };
    for (std::size_t i = 0; i < charts.size(); ++i) {
        std::vector<std::string> fields = charts[i].values;
        fields.push_back(charts[i].rows.category);
        check(charts[i].table, fields, "charts[" + std::to_string(i) + "].values",
              chart_name(*this, i));
    }
    for (std::size_t i = 0; i < ratio_boxes.size(); ++i) {
        std::vector<std::string> fields = template_fields(ratio_boxes[i].text);
        fields.push_back(ratio_boxes[i].rows.category);
        check(ratio_boxes[i].table, fields, "ratio_boxes[" + std::to_string(i) + "].text",
              ratio_boxes_name(*this, i));
    }
}

MapSpec resolve_map(const MapStep& step, StepContext& context, std::vector<std::string>* warnings) {
    MapSpec spec = step.spec;
    for (const double n : step.legend_order)
        spec.legend_order.push_back(static_cast<std::size_t>(n) - 1);
    const Project* project = context.project();
    context.progress().step("map " + spec.name + ": loading layers");
    for (const MapLayerStep& l : step.layers) {
        const Layer& layer = context.layer(l.source);
        LayerStyle style = l.drawn_style();
        expand_style(style, project);
        if (is_demonstration(layer)) mark_demonstration_legend(style);
        spec.layers.push_back({&layer, style, l.source.text()});
    }
    if (!step.extent_bbox.empty()) {
        const auto& b = step.extent_bbox;
        spec.extent = Envelope{b[0], b[1], b[2], b[3], false};
    } else if (!step.extent_feature.empty()) {
        spec.extent = feature_extent(context.layer(step.extent), step.extent_feature, spec.name);
    } else {
        spec.extent = study_extent(context.layer(step.extent), step.extent, context, warnings);
    }
    if (!step.overview.empty()) spec.overview = OverviewSpec{&context.layer(step.overview), 55};
    resolve_furniture(step, context, spec);
    expand(spec.theme, project);
    expand(spec.title, project);
    expand(spec.subtitle, project);
    for (std::string& line : spec.sources) expand(line, project);
    // A map drawn from the demonstration layer says so among its sources.
    const bool demo = std::any_of(spec.layers.begin(), spec.layers.end(),
                                  [](const MapLayer& l) { return is_demonstration(*l.layer); });
    if (demo &&
        std::find(spec.sources.begin(), spec.sources.end(), kDemoSourceLine) == spec.sources.end())
        spec.sources.push_back(kDemoSourceLine);
    return spec;
}

namespace {

// Who writes a map layer where a QGIS project finds it: a step of the run (into its
// GeoPackage), or "catalog": the run's layers.gpkg, for catalogue layers and the user's files
// and tables alike, so that no project points at the data folder.
std::string producer_of(const SourceRef& source) {
    if (source.kind == SourceRef::Kind::StepOutput) return source.step;
    if (source.kind == SourceRef::Kind::Demo) return "demo_brownfields";
    return "catalog";
}

// The name a layer the run copies gets in layers.gpkg: the catalogue's, or the layer's own.
std::string copied_table(const SourceRef& source, const Layer& layer) {
    if (source.kind == SourceRef::Kind::Catalog) return source.name;
    std::string name;
    for (char c : layer.name()) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return name.empty() ? "layer" : name;
}

// The map's style of each layer it draws, for the GeoPackage that holds it: QGIS then opens
// the layer as this map draws it. The demonstration layer is the demo step's; files of the
// user's are never written to (their copies in layers.gpkg are).
}  // namespace

std::vector<OutputStyle> map_output_styles(const MapStep& step, const MapSpec& spec) {
    std::vector<OutputStyle> out;
    for (std::size_t i = 0; i < step.layers.size() && i < spec.layers.size(); ++i) {
        const SourceRef& source = step.layers[i].source;
        const std::string producer = producer_of(source);
        const MapLayer& drawn = spec.layers[i];
        const ResolvedStyle resolved(drawn.style, *drawn.layer, "map '" + spec.name + "'");
        OutputStyle style{producer, style_row(resolved, *drawn.layer, spec.name,
                                              "atlante: come nella mappa '" + spec.name + "' (" +
                                                  spec.title + ")",
                                              spec.font_family)};
        style.layer = drawn.layer;
        if (producer == "catalog") style.style.table = copied_table(source, *drawn.layer);
        out.push_back(std::move(style));
    }
    // The overview inset's layer goes into layers.gpkg too, with its default style.
    if (spec.overview && spec.overview->layer && producer_of(step.overview) == "catalog") {
        const Layer& layer = *spec.overview->layer;
        const LayerStyle plain = default_layer_style(layer);
        OutputStyle style{
            "catalog",
            style_row(ResolvedStyle(plain, layer, "map '" + spec.name + "'"), layer,
                      "inquadramento", "atlante: l'inquadramento della mappa '" + spec.name + "'",
                      spec.font_family),
            &layer};
        style.style.table = copied_table(step.overview, layer);
        out.push_back(std::move(style));
    }
    return out;
}

const MapStep* find_map(const Project& project, const std::string& name) {
    return dynamic_cast<const MapStep*>(project.find("map", name));
}

void require_map(const Project& project, const std::string& name, const OptionOrigin& origin,
                 const std::string& key) {
    if (find_map(project, name)) return;
    std::string list;
    for (const Step* m : project.of_kind("map")) list += (list.empty() ? "" : ", ") + m->name();
    origin.fail(key,
                "no [[map]] named '" + name + "' (maps: " + (list.empty() ? "none" : list) + ")");
}

std::vector<SourceUse> borrowed_sources(const MapStep& map, const Project& project,
                                        const std::string& prefix) {
    std::vector<SourceUse> out;
    for (SourceUse use : map.sources(project)) {
        use.key = prefix + use.key;
        use.borrowed = true;
        out.push_back(std::move(use));
    }
    return out;
}

QgisProjectRequest qgis_request(const MapStep& step, const MapSpec& resolved,
                                const std::filesystem::path& file, const RenderReport& drawn) {
    QgisProjectRequest request{file, resolved, {}, drawn.sources_top_mm, 0, std::nullopt};
    // QGIS lays the legend out in as many columns as atlante did.
    request.map.legend_columns = drawn.legend_columns;
    for (const MapLayerStep& l : step.layers) request.producers.push_back(producer_of(l.source));
    return request;
}

StepResult MapStep::run(StepContext& context) const {
    StepResult result;
    const MapSpec resolved = resolve_map(*this, context, &result.warnings);
    RenderReport render;
    StagedOutputs staged(context.output_dir() / out);
    for (const std::string& format : formats) {
        context.progress().step("map " + resolved.name + ": " + format);
        const PageFormat f = format == "pdf"   ? PageFormat::PDF
                             : format == "svg" ? PageFormat::SVG
                                               : PageFormat::PNG;
        render = render_map(resolved, f, staged.path(resolved.name + "." + format));
    }
    result.files = staged.commit();
    result.output_styles = map_output_styles(*this, resolved);
    if (qgis)
        result.qgis_projects.push_back(qgis_request(
            *this, resolved, context.output_dir() / out / (resolved.name + ".qgz"), render));
    result.sources = resolved.sources;
    result.facts["title"] = resolved.title;
    result.facts["scale_bar"] = render.scale_label;
    result.facts["labels_placed"] = std::to_string(render.labels_placed);
    result.facts["labels_skipped"] = std::to_string(render.labels_skipped);
    result.summary = "scale bar \"" + render.scale_label + "\", " +
                     std::to_string(render.labels_placed) + " labels placed, " +
                     std::to_string(render.labels_skipped) + " skipped\n";
    for (const auto& f : result.files) result.summary += "  " + f + "\n";
    if (render.features_unclassified)
        result.warnings.push_back(std::to_string(render.features_unclassified) +
                                  " features fall in no class (not drawn)");
    return result;
}

}  // namespace atlante
