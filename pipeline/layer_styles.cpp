#include "pipeline/layer_styles.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "render/qgis/qml_style.hpp"
#include "render/qgis/sld_style.hpp"

namespace atlante {
namespace {

bool has(const Layer& layer, const std::string& field) {
    return layer.field_index(field).has_value();
}

bool has_values(const Layer& layer, const std::string& field) {
    if (!has(layer, field)) return false;
    const Column& column = layer.column(field);
    for (std::size_t row = 0; row < layer.size(); ++row)
        if (!column.is_null(row)) return true;
    return false;
}

std::vector<Color> colors(std::initializer_list<const char*> texts) {
    std::vector<Color> out;
    for (const char* t : texts) out.push_back(parse_color(t));
    return out;
}

// The values of `field` in the order of `order_by` (ascending), each once.
std::vector<std::string> values_by(const Layer& layer, const std::string& field,
                                   const std::string& order_by) {
    std::map<std::string, double> first;
    const Column& values = layer.column(field);
    const Column& order = layer.column(order_by);
    for (std::size_t row = 0; row < layer.size(); ++row) {
        if (values.is_null(row)) continue;
        const double v = order.number(row).value_or(1e300);
        auto [it, added] = first.emplace(values.text(row), v);
        if (!added) it->second = std::min(it->second, v);
    }
    std::vector<std::pair<double, std::string>> sorted;
    for (const auto& [text, v] : first) sorted.emplace_back(v, text);
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::string> out;
    for (const auto& [v, text] : sorted) out.push_back(text);
    return out;
}

std::size_t distinct_count(const Layer& layer, const std::string& field) {
    std::set<std::string> values;
    const Column& column = layer.column(field);
    for (std::size_t row = 0; row < layer.size(); ++row)
        if (!column.is_null(row)) values.insert(column.text(row));
    return values.size();
}

// `n` colours from dark to light blue, or from green through red, for ordered classes.
std::vector<Color> ramp(std::size_t n, const Color& from, const Color& to) {
    std::vector<Color> out;
    for (std::size_t i = 0; i < n; ++i) {
        const double t = n < 2 ? 0 : double(i) / double(n - 1);
        out.push_back({from.r + (to.r - from.r) * t, from.g + (to.g - from.g) * t,
                       from.b + (to.b - from.b) * t, 1});
    }
    return out;
}

LayerStyle categorical(const std::string& field, std::vector<std::string> categories,
                       std::vector<Color> palette) {
    LayerStyle s;
    s.kind = StyleKind::Categorical;
    s.field = field;
    s.categories = std::move(categories);
    s.colors = std::move(palette);
    s.missing_fill = parse_color("#d9d9d9");
    s.missing_label = "altro";
    return s;
}

LayerStyle graduated(const std::string& field) {
    LayerStyle s;
    s.kind = StyleKind::Graduated;
    s.field = field;
    s.method = ClassMethod::Quantile;
    s.classes = 5;
    s.colors = *brewer_palette("YlOrRd5");
    s.missing_fill = parse_color("#d9d9d9");
    s.missing_label = "dato non disponibile";
    return s;
}

}  // namespace

GpkgLayerStyle style_row(const ResolvedStyle& resolved, const Layer& layer, const std::string& name,
                         const std::string& description, const std::string& font_family) {
    const GeometryFamily family = layer_family(layer);
    return {layer.name(),
            name.substr(0, 30),
            qml_style(resolved, family, font_family),
            sld_style(resolved, family, layer.name(), font_family),
            description,
            true};
}

LayerStyle default_layer_style(const Layer& layer) {
    LayerStyle s;
    if (has(layer, "in_tor")) {
        s = categorical("in_tor", {"1", "0"}, colors({"#c0392b", "#7f8c8d"}));
        s.category_labels = {"entro il raggio TOR", "oltre il raggio TOR"};
    } else if (has(layer, "minutes") && has(layer, "label")) {
        const auto labels = values_by(layer, "label", "minutes");
        s = categorical("label", labels,
                        ramp(labels.size(), parse_color("#08519c"), parse_color("#c6dbef")));
    } else if (has(layer, "total_min") && has(layer, "class")) {
        const auto classes = values_by(layer, "class", "total_min");
        s = categorical("class", classes,
                        ramp(classes.size(), parse_color("#1a9850"), parse_color("#a50026")));
    } else if (has_values(layer, "inhabitants_per_service")) {
        s = graduated("inhabitants_per_service");
    } else if (has_values(layer, "density_per_km2")) {
        s = graduated("density_per_km2");
    } else if (has(layer, "class") && distinct_count(layer, "class") <= 12) {
        auto classes = values_by(layer, "class", "class");
        s = categorical("class", std::move(classes), *brewer_palette("Set3"));
    } else if (has(layer, "band")) {
        s = categorical("band", {"montagna", "collina", "pianura"},
                        colors({"#b5916a", "#e8d59e", "#dcebcf"}));
        s.missing_label = "non assegnato";
    } else if (has(layer, "radius_m")) {  // the TOR discs: see through them
        s.symbol.fill = parse_color("#2e86c133");
        s.symbol.stroke = parse_color("#2e86c1");
    } else {
        s.symbol.fill = parse_color("#f2efe9");
    }
    if (!s.symbol.stroke) s.symbol.stroke = parse_color("#555555");
    s.symbol.stroke_mm = 0.15;
    if (layer_family(layer) == GeometryFamily::Point) {
        s.symbol.fill = s.symbol.fill ? s.symbol.fill : parse_color("#1b4f72");
        s.symbol.stroke = parse_color("#ffffff");
        s.symbol.size_mm = 1.8;
    }
    return s;
}

std::vector<GpkgLayerStyle> default_styles(const std::vector<const Layer*>& layers,
                                           const std::string& font_family) {
    std::vector<GpkgLayerStyle> styles;
    for (const Layer* layer : layers) {
        if (!layer->has_geometry()) continue;
        const LayerStyle style = default_layer_style(*layer);
        const ResolvedStyle resolved(style, *layer, "layer '" + layer->name() + "'");
        styles.push_back(
            style_row(resolved, *layer, "atlante", "atlante: stile predefinito", font_family));
    }
    return styles;
}

std::vector<std::string> write_styled_output_set(OutputSet outputs,
                                                 const std::filesystem::path& folder) {
    const auto defaults = default_styles(outputs.geopackage_layers);
    outputs.styles.insert(outputs.styles.begin(), defaults.begin(), defaults.end());
    return write_output_set(outputs, folder);
}

}  // namespace atlante
