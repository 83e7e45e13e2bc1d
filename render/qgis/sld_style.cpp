#include "render/qgis/sld_style.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <sstream>

#include <pugixml.hpp>

namespace atlante {
namespace {

// SLD sizes are pixels of 0,28 mm (the standard rendering pixel of SE 1.1).
constexpr double kPixelsPerMm = 1 / 0.28;

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", v);
    return text;
}

std::string hex(const Color& c) {
    char text[8];
    const auto byte = [](double v) { return int(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
    std::snprintf(text, sizeof text, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
    return text;
}

void parameter(pugi::xml_node parent, const char* name, const std::string& value) {
    pugi::xml_node p = parent.append_child("se:SvgParameter");
    p.append_attribute("name") = name;
    p.text() = value.c_str();
}

void fill(pugi::xml_node parent, const Color& color, double opacity) {
    pugi::xml_node f = parent.append_child("se:Fill");
    parameter(f, "fill", hex(color));
    parameter(f, "fill-opacity", number(color.a * opacity));
}

void stroke(pugi::xml_node parent, const Symbol& symbol) {
    if (!symbol.stroke) return;
    pugi::xml_node s = parent.append_child("se:Stroke");
    parameter(s, "stroke", hex(*symbol.stroke));
    parameter(s, "stroke-opacity", number(symbol.stroke->a * symbol.opacity));
    parameter(s, "stroke-width", number(symbol.stroke_mm * kPixelsPerMm));
    parameter(s, "stroke-linejoin", "round");
    if (!symbol.dash_mm.empty()) {
        std::string dashes;
        for (double d : symbol.dash_mm)
            dashes += (dashes.empty() ? "" : " ") + number(d * kPixelsPerMm);
        parameter(s, "stroke-dasharray", dashes);
    }
}

void property(pugi::xml_node parent, const std::string& field) {
    parent.append_child("ogc:PropertyName").text() = field.c_str();
}
void literal(pugi::xml_node parent, const std::string& value) {
    parent.append_child("ogc:Literal").text() = value.c_str();
}

// The value a style classifies: the field, or (field − base) / base · 100.
void value_of(pugi::xml_node parent, const LayerStyle& style) {
    if (style.relative_to.empty()) return property(parent, style.field);
    pugi::xml_node mul = parent.append_child("ogc:Mul");
    pugi::xml_node div = mul.append_child("ogc:Div");
    pugi::xml_node sub = div.append_child("ogc:Sub");
    property(sub, style.field);
    property(sub, style.relative_to);
    property(div, style.relative_to);
    literal(mul, "100");
}

// The symbolizer of `symbol`; `size` (when given) writes the marker's size as an expression.
void symbolizer(pugi::xml_node rule, const Symbol& symbol, GeometryFamily family,
                const std::function<void(pugi::xml_node)>& size = {}) {
    if (family == GeometryFamily::Line) {
        stroke(rule.append_child("se:LineSymbolizer"), symbol);
    } else if (family == GeometryFamily::Point) {
        pugi::xml_node graphic = rule.append_child("se:PointSymbolizer").append_child("se:Graphic");
        pugi::xml_node mark = graphic.append_child("se:Mark");
        mark.append_child("se:WellKnownName").text() = marker_name(symbol.marker);
        if (symbol.fill) fill(mark, *symbol.fill, symbol.opacity);
        stroke(mark, symbol);
        pugi::xml_node s = graphic.append_child("se:Size");
        if (size)
            size(s);
        else
            s.text() = number(symbol.size_mm * kPixelsPerMm).c_str();
    } else {
        pugi::xml_node polygon = rule.append_child("se:PolygonSymbolizer");
        if (symbol.fill) fill(polygon, *symbol.fill, symbol.opacity);
        stroke(polygon, symbol);
    }
}

pugi::xml_node rule(pugi::xml_node style, const std::string& label) {
    pugi::xml_node r = style.append_child("se:Rule");
    r.append_child("se:Name").text() = label.c_str();
    r.append_child("se:Description").append_child("se:Title").text() = label.c_str();
    return r;
}

void categorical_rules(pugi::xml_node style, const ResolvedStyle& resolved, GeometryFamily family) {
    const auto& keys = resolved.categories();
    const auto& legend = resolved.legend();
    for (std::size_t k = 0; k < legend.size(); ++k) {
        pugi::xml_node r = rule(style, legend[k].label);
        if (k < keys.size()) {
            pugi::xml_node equal =
                r.append_child("ogc:Filter").append_child("ogc:PropertyIsEqualTo");
            equal.append_attribute("matchCase") = "false";
            property(equal, resolved.style().field);
            literal(equal, keys[k]);
        } else {
            r.append_child("se:ElseFilter");  // values no category names
        }
        symbolizer(r, legend[k].symbol, family);
    }
}

void graduated_rules(pugi::xml_node style, const ResolvedStyle& resolved, GeometryFamily family) {
    const auto& breaks = resolved.breaks();
    const auto& legend = resolved.legend();
    for (std::size_t c = 0; c + 1 < breaks.size() && c < legend.size(); ++c) {
        pugi::xml_node r = rule(style, legend[c].label);
        pugi::xml_node both = r.append_child("ogc:Filter").append_child("ogc:And");
        pugi::xml_node lower = both.append_child("ogc:PropertyIsGreaterThanOrEqualTo");
        value_of(lower, resolved.style());
        literal(lower, number(breaks[c]));
        // Closed-open classes, the last one closed: as atlante classifies.
        pugi::xml_node upper = both.append_child(
            c + 2 == breaks.size() ? "ogc:PropertyIsLessThanOrEqualTo" : "ogc:PropertyIsLessThan");
        value_of(upper, resolved.style());
        literal(upper, number(breaks[c + 1]));
        symbolizer(r, legend[c].symbol, family);
    }
    // Features without a value, drawn with the missing fill (the legend's last entry).
    const std::size_t k = breaks.size() - 1;
    if (resolved.style().missing_fill && breaks.size() >= 2 && legend.size() > k) {
        pugi::xml_node r = rule(style, legend[k].label);
        value_of(r.append_child("ogc:Filter").append_child("ogc:PropertyIsNull"), resolved.style());
        symbolizer(r, legend[k].symbol, family);
    }
}

void single_rule(pugi::xml_node style, const ResolvedStyle& resolved, GeometryFamily family) {
    const LayerStyle& s = resolved.style();
    pugi::xml_node r = rule(style, s.legend_label.empty() ? "atlante" : s.legend_label);
    if (s.kind != StyleKind::Proportional || resolved.max_value() <= 0)
        return symbolizer(r, s.symbol, family);
    symbolizer(r, s.symbol, family, [&](pugi::xml_node size) {
        // max_size · √(|value| / max): the marker's area proportional to the value.
        pugi::xml_node mul = size.append_child("ogc:Mul");
        literal(mul, number(s.max_size_mm * kPixelsPerMm));
        pugi::xml_node sqrt = mul.append_child("ogc:Function");
        sqrt.append_attribute("name") = "sqrt";
        pugi::xml_node div = sqrt.append_child("ogc:Div");
        pugi::xml_node abs = div.append_child("ogc:Function");
        abs.append_attribute("name") = "abs";
        value_of(abs, s);
        literal(div, number(resolved.max_value()));
    });
}

void label_rule(pugi::xml_node style, const LayerStyle& s, const std::string& font_family) {
    if (s.label_field.empty()) return;
    pugi::xml_node text = rule(style, "etichette").append_child("se:TextSymbolizer");
    property(text.append_child("se:Label"), s.label_field);
    pugi::xml_node font = text.append_child("se:Font");
    parameter(font, "font-family", font_family);
    parameter(font, "font-size", number(s.label_size_pt * 25.4 / 72 * kPixelsPerMm));
    pugi::xml_node halo = text.append_child("se:Halo");
    halo.append_child("se:Radius").text() = number(0.45 * kPixelsPerMm).c_str();
    fill(halo, Color{1, 1, 1, 0.9}, 1);
    fill(text, Color{0.1, 0.1, 0.1, 1}, 1);
}

}  // namespace

std::string sld_style(const ResolvedStyle& resolved, GeometryFamily family,
                      const std::string& layer_name, const std::string& font_family) {
    pugi::xml_document doc;
    pugi::xml_node root = doc.append_child("StyledLayerDescriptor");
    root.append_attribute("version") = "1.1.0";
    root.append_attribute("xmlns") = "http://www.opengis.net/sld";
    root.append_attribute("xmlns:ogc") = "http://www.opengis.net/ogc";
    root.append_attribute("xmlns:se") = "http://www.opengis.net/se";
    root.append_attribute("xmlns:xlink") = "http://www.w3.org/1999/xlink";
    root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
    root.append_attribute("xsi:schemaLocation") =
        "http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd";
    pugi::xml_node layer = root.append_child("NamedLayer");
    layer.append_child("se:Name").text() = layer_name.c_str();
    pugi::xml_node user = layer.append_child("UserStyle");
    user.append_child("se:Name").text() = "atlante";
    pugi::xml_node style = user.append_child("se:FeatureTypeStyle");
    const LayerStyle& s = resolved.style();
    if (s.kind == StyleKind::Categorical)
        categorical_rules(style, resolved, family);
    else if (s.kind == StyleKind::Graduated)
        graduated_rules(style, resolved, family);
    else
        single_rule(style, resolved, family);
    label_rule(style, s, font_family);
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

}  // namespace atlante
