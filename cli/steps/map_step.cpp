#include "cli/steps/map_step.hpp"

#include <algorithm>

#include "geodata/demo_brownfields.hpp"
#include "layers/atomic_output.hpp"

namespace atlante {
namespace {

Color color_at(const StrictTable& t, const std::string& key, const std::string& fallback,
               const std::string& map) {
    try {
        return parse_color(t.string_or(key, fallback));
    } catch (const Error& e) {
        throw Error(ErrorContext{t.file(), map, {}, key}, e.message());
    }
}

LayerStyle read_style(const StrictTable& t, const std::string& map) {
    const ErrorContext here{t.file(), map, {}, {}};
    LayerStyle s;
    const std::string kind = t.string_or("style", "simple");
    if (kind == "simple")
        s.kind = StyleKind::Simple;
    else if (kind == "categorical")
        s.kind = StyleKind::Categorical;
    else if (kind == "graduated")
        s.kind = StyleKind::Graduated;
    else if (kind == "proportional")
        s.kind = StyleKind::Proportional;
    else
        throw Error(here,
                    "unknown style '" + kind + "' (simple, categorical, graduated, proportional)");
    const Color fill = color_at(t, "fill", "none", map);
    const Color stroke = color_at(t, "stroke", "#333333", map);
    if (fill.a > 0) s.symbol.fill = fill;
    if (stroke.a > 0) s.symbol.stroke = stroke;
    s.symbol.stroke_mm = t.number_or("stroke_mm", s.symbol.stroke_mm);
    s.symbol.dash_mm = t.numbers_or("dash_mm");
    s.symbol.size_mm = t.number_or("size_mm", s.symbol.size_mm);
    s.symbol.opacity = t.number_or("opacity", s.symbol.opacity);
    const std::string marker = t.string_or("marker", "circle");
    const auto shape = marker_from_string(marker);
    if (!shape)
        throw Error(ErrorContext{t.file(), map, {}, "marker"}, "unknown marker '" + marker + "'");
    s.symbol.marker = *shape;
    s.field = t.string_or("field", "");
    s.relative_to = t.string_or("relative_to", "");
    s.categories = t.strings_or("categories");
    s.category_labels = t.strings_or("labels");
    s.class_labels = s.category_labels;
    const std::string method = t.string_or("method", "jenks");
    const auto m = class_method_from_string(method);
    if (!m)
        throw Error(ErrorContext{t.file(), map, {}, "method"},
                    "unknown classification '" + method + "'");
    s.method = *m;
    s.classes = static_cast<std::size_t>(t.number_or("classes", 5));
    if (t.has("missing_fill")) s.missing_fill = color_at(t, "missing_fill", "none", map);
    s.missing_label = t.string_or("missing_label", "");
    s.value_format = t.string_or("format", s.value_format);
    s.decimals = static_cast<int>(t.number_or("decimals", 0));
    const std::string palette = t.string_or("palette", "");
    if (!palette.empty()) {
        const auto colors = brewer_palette(palette);
        if (!colors)
            throw Error(ErrorContext{t.file(), map, {}, "palette"},
                        "unknown palette '" + palette + "'");
        s.colors = *colors;
    }
    for (const std::string& c : t.strings_or("colors")) s.colors.push_back(parse_color(c));
    s.max_size_mm = t.number_or("max_size_mm", s.max_size_mm);
    s.label_field = t.string_or("label", "");
    s.label_size_pt = t.number_or("label_size_pt", s.label_size_pt);
    s.label_priority = static_cast<int>(t.number_or("label_priority", 0));
    s.legend_title = t.string_or("legend_title", "");
    s.legend_label = t.string_or("legend_label", "");
    s.in_legend = t.boolean_or("in_legend", true);
    return s;
}

}  // namespace

MapStep read_map_step(const StrictTable& table) {
    MapStep step;
    MapSpec& spec = step.spec;
    spec.name = table.string("name");
    spec.theme = table.string_or("theme", "");
    spec.title = table.string("title");
    spec.subtitle = table.string_or("subtitle", "");
    try {
        spec.page =
            page_from(table.string_or("page", "A3"), table.string_or("orientation", "landscape"),
                      table.number_or("margin_mm", 12));
    } catch (const Error& e) {
        throw Error(ErrorContext{table.file(), spec.name, {}, "page"}, e.message());
    }
    spec.dpi = table.number_or("dpi", spec.dpi);
    step.formats = table.strings_or("formats", step.formats);
    for (const auto& f : step.formats)
        if (f != "pdf" && f != "svg" && f != "png")
            throw Error(ErrorContext{table.file(), spec.name, {}, "formats"},
                        "unknown format '" + f + "' (pdf, svg, png)");
    step.extent_source = table.string_or("extent", step.extent_source);
    step.overview_source = table.string_or("overview", "");
    step.extent_bbox = table.numbers_or("extent_bbox");
    if (!step.extent_bbox.empty() &&
        (step.extent_bbox.size() != 4 || step.extent_bbox[0] >= step.extent_bbox[2] ||
         step.extent_bbox[1] >= step.extent_bbox[3]))
        throw Error(ErrorContext{table.file(), spec.name, {}, "extent_bbox"},
                    "expected [min_x, min_y, max_x, max_y]");
    step.extent_feature = table.string_or("extent_feature", "");
    spec.extent_margin = table.number_or("extent_margin", spec.extent_margin);
    spec.sources = table.strings_or("sources");
    spec.north_arrow = table.boolean_or("north_arrow", true);
    spec.scale_bar_m = table.number_or("scale_bar_km", 0) * 1000;
    spec.font_family = table.string_or("font", spec.font_family);
    step.out = table.string_or("out", step.out);
    for (const StrictTable& l : table.table_array("layers")) {
        MapLayerStep layer{l.string("source"), read_style(l, spec.name)};
        layer.style.breaks = l.numbers_or("breaks");
        l.reject_unknown_keys();
        step.layers.push_back(std::move(layer));
    }
    if (step.layers.empty())
        throw Error(ErrorContext{table.file(), spec.name, {}, "layers"},
                    "a map needs at least one layer");
    table.reject_unknown_keys();
    return step;
}

const Layer& resolve_source(const std::string& source, StepContext& context,
                            std::map<std::string, Layer>& cache) {
    if (const auto it = context.produced.find(source); it != context.produced.end())
        return it->second;
    if (const auto it = cache.find(source); it != cache.end()) return it->second;
    const Catalog& catalog = context.catalog();
    Layer layer;
    if (source == "catalog:comuni")
        layer = context.comuni().layer.clone();
    else if (source == "catalog:zones")
        layer = catalog.zones(context.comuni().layer).layer;
    else if (source == "catalog:bands")
        layer = catalog.bands(context.comuni().layer).layer;
    else if (source == "catalog:outline")
        layer = catalog.outline(context.comuni().layer).layer;
    else if (source == "catalog:stations")
        layer = context.stations().layer.clone();
    else if (source == "catalog:rail")
        layer = context.rail().edges.layer.clone();
    else if (source == "catalog:hospitals")
        layer = catalog.load_hospitals().layer;
    else if (source.rfind("tor:", 0) == 0)
        throw Error("map layer '" + source +
                    "' needs a [tor] step in the same project, run before the maps");
    else if (source.rfind("catalog:", 0) == 0)
        throw Error("unknown catalogue layer '" + source + "'");
    else
        layer = context.load(source).layer;
    return cache.emplace(source, std::move(layer)).first->second;
}

MapSpec resolve_map(const MapStep& step, StepContext& context,
                    std::map<std::string, Layer>& cache) {
    MapSpec spec = step.spec;
    context.progress().step("map " + spec.name + ": loading layers");
    for (const MapLayerStep& l : step.layers)
        spec.layers.push_back({&resolve_source(l.source, context, cache), l.style, l.source});
    const Layer& extent_layer = resolve_source(step.extent_source, context, cache);
    if (!step.extent_bbox.empty()) {
        spec.extent = Envelope{step.extent_bbox[0], step.extent_bbox[1], step.extent_bbox[2],
                               step.extent_bbox[3], false};
    } else if (!step.extent_feature.empty()) {
        const auto eq = step.extent_feature.find('=');
        if (eq == std::string::npos)
            throw Error(ErrorContext{"map '" + spec.name + "'", {}, {}, "extent_feature"},
                        "expected field=value");
        const std::string field = step.extent_feature.substr(0, eq),
                          value = step.extent_feature.substr(eq + 1);
        const Column& column = extent_layer.column(field);
        for (std::size_t i = 0; i < extent_layer.size(); ++i)
            if (!column.is_null(i) && column.text(i) == value)
                spec.extent.expand(extent_layer.geometry(i).envelope());
        if (spec.extent.empty)
            throw Error(ErrorContext{"map '" + spec.name + "'", extent_layer.name(), {}, field},
                        "no feature with " + step.extent_feature);
    } else {
        spec.extent = extent_layer.extent();
    }
    if (!step.overview_source.empty())
        spec.overview = OverviewSpec{&resolve_source(step.overview_source, context, cache), 55};
    // A map drawn from the demonstration layer says so among its sources.
    const bool demo = std::any_of(spec.layers.begin(), spec.layers.end(),
                                  [](const MapLayer& l) { return is_demonstration(*l.layer); });
    if (demo &&
        std::find(spec.sources.begin(), spec.sources.end(), kDemoSourceLine) == spec.sources.end())
        spec.sources.push_back(kDemoSourceLine);
    return spec;
}

MapStepReport run_map_step(const MapStep& step, StepContext& context) {
    std::map<std::string, Layer> cache;
    const MapSpec spec = resolve_map(step, context, cache);
    MapStepReport report;
    StagedOutputs staged(context.output_dir() / step.out);
    for (const std::string& format : step.formats) {
        context.progress().step("map " + spec.name + ": " + format);
        const PageFormat f = format == "pdf"   ? PageFormat::PDF
                             : format == "svg" ? PageFormat::SVG
                                               : PageFormat::PNG;
        report.render = render_map(spec, f, staged.path(spec.name + "." + format));
    }
    report.files = staged.commit();
    context.progress().clear();
    return report;
}

}  // namespace atlante
