#include "render/qgis/qml_style.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include <pugixml.hpp>

namespace atlante {
namespace {}  // namespace

std::string qgis_color(const std::optional<Color>& color) {
    if (!color) return "0,0,0,0";
    const auto byte = [](double v) { return std::to_string(int(std::lround(v * 255))); };
    return byte(color->r) + "," + byte(color->g) + "," + byte(color->b) + "," + byte(color->a);
}

namespace {

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.15g", v);
    return text;
}

// What a graduated layer's value becomes in QGIS when it has none (see graduated()).
constexpr double kMissingValue = -1e300;

// QGIS quotes field names in expressions with double quotes, doubling any inside.
std::string quoted_field(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// The value a style classifies: the field, or its change relative to another, in percent.
std::string value_expression(const LayerStyle& style) {
    if (style.relative_to.empty()) return style.field;
    const std::string v = quoted_field(style.field), base = quoted_field(style.relative_to);
    return "(" + v + " - " + base + ") / nullif(" + base + ", 0) * 100";
}

void option(pugi::xml_node map, const char* name, const std::string& value) {
    pugi::xml_node o = map.append_child("Option");
    o.append_attribute("type") = "QString";
    o.append_attribute("name") = name;
    o.append_attribute("value") = value.c_str();
}

std::string dash_pattern(const std::vector<double>& dash_mm) {
    std::string out;
    for (double d : dash_mm) out += (out.empty() ? "" : ";") + number(d);
    return out;
}

// One symbol layer's options (SimpleFill, SimpleLine or SimpleMarker) for `symbol`.
void symbol_layer_options(pugi::xml_node options, const Symbol& symbol, GeometryFamily family) {
    const std::string stroke = symbol.stroke ? "solid" : "no";
    const bool dashed = symbol.stroke && !symbol.dash_mm.empty();
    switch (family) {
        case GeometryFamily::Line:
            option(options, "line_color", qgis_color(symbol.stroke));
            option(options, "line_width", number(symbol.stroke_mm));
            option(options, "line_width_unit", "MM");
            option(options, "line_style", stroke);
            option(options, "capstyle", "round");
            option(options, "joinstyle", "round");
            break;
        case GeometryFamily::Point:
            option(options, "name", marker_name(symbol.marker));
            option(options, "color", qgis_color(symbol.fill));
            option(options, "outline_color", qgis_color(symbol.stroke));
            option(options, "outline_style", stroke);
            option(options, "outline_width", number(symbol.stroke_mm));
            option(options, "outline_width_unit", "MM");
            option(options, "size", number(symbol.size_mm));
            option(options, "size_unit", "MM");
            option(options, "scale_method", "diameter");
            break;
        default:
            option(options, "color", qgis_color(symbol.fill));
            option(options, "style", symbol.fill ? "solid" : "no");
            option(options, "outline_color", qgis_color(symbol.stroke));
            option(options, "outline_style", stroke);
            option(options, "outline_width", number(symbol.stroke_mm));
            option(options, "outline_width_unit", "MM");
            option(options, "joinstyle", "round");
            break;
    }
    if (dashed) {
        option(options, "use_custom_dash", "1");
        option(options, "customdash", dash_pattern(symbol.dash_mm));
        option(options, "customdash_unit", "MM");
    }
}

// A marker's size from a field (proportional symbols: area ∝ value).
void size_from_field(pugi::xml_node layer, const std::string& expression) {
    pugi::xml_node collection =
        layer.append_child("data_defined_properties").append_child("Option");
    collection.append_attribute("type") = "Map";
    option(collection, "name", "");
    pugi::xml_node properties = collection.append_child("Option");
    properties.append_attribute("type") = "Map";
    properties.append_attribute("name") = "properties";
    pugi::xml_node size = properties.append_child("Option");
    size.append_attribute("type") = "Map";
    size.append_attribute("name") = "size";
    pugi::xml_node active = size.append_child("Option");
    active.append_attribute("type") = "bool";
    active.append_attribute("name") = "active";
    active.append_attribute("value") = "true";
    option(size, "expression", expression);
    pugi::xml_node type = size.append_child("Option");
    type.append_attribute("type") = "int";
    type.append_attribute("name") = "type";
    type.append_attribute("value") = "3";  // an expression
    option(collection, "type", "collection");
}

pugi::xml_node add_symbol(pugi::xml_node symbols, const std::string& name, const Symbol& symbol,
                          GeometryFamily family);

// A symbol layer of `class_name`, enabled, with its empty options map.
pugi::xml_node symbol_layer(pugi::xml_node symbol, const char* class_name) {
    pugi::xml_node layer = symbol.append_child("layer");
    layer.append_attribute("class") = class_name;
    layer.append_attribute("enabled") = "1";
    layer.append_attribute("locked") = "0";
    layer.append_attribute("pass") = "0";
    layer.append_child("Option").append_attribute("type") = "Map";
    return layer;
}

// A polygon smaller on paper than min_size_mm (its longer side; map units are metres, paper
// millimetres at the map's scale) gets a circle of that size at a point on its surface, as
// atlante draws it: a geometry generator symbol layer holding a marker.
void small_polygon_marker(pugi::xml_node symbol, const std::string& name, const Symbol& polygon) {
    const pugi::xml_node layer = symbol_layer(symbol, "GeometryGenerator");
    const pugi::xml_node options = layer.child("Option");
    option(options, "SymbolType", "Marker");
    option(options, "units", "MapUnit");
    option(options, "geometryModifier",
           "if(max(bounds_width($geometry), bounds_height($geometry)) * 1000 / @map_scale < " +
               number(polygon.min_size_mm) + ", point_on_surface($geometry), NULL)");
    Symbol dot = polygon;
    dot.marker = MarkerShape::Circle;
    dot.size_mm = polygon.min_size_mm;
    if (!dot.fill) dot.fill = dot.stroke;
    dot.min_size_mm = 0;
    add_symbol(layer, "@" + name + "@1", dot, GeometryFamily::Point);
}

pugi::xml_node add_symbol(pugi::xml_node symbols, const std::string& name, const Symbol& symbol,
                          GeometryFamily family) {
    pugi::xml_node s = symbols.append_child("symbol");
    s.append_attribute("name") = name.c_str();
    s.append_attribute("type") = family == GeometryFamily::Point  ? "marker"
                                 : family == GeometryFamily::Line ? "line"
                                                                  : "fill";
    s.append_attribute("alpha") = number(symbol.opacity).c_str();
    s.append_attribute("clip_to_extent") = "1";
    s.append_attribute("force_rhr") = "0";
    const pugi::xml_node layer = symbol_layer(s, family == GeometryFamily::Point  ? "SimpleMarker"
                                                 : family == GeometryFamily::Line ? "SimpleLine"
                                                                                  : "SimpleFill");
    symbol_layer_options(layer.child("Option"), symbol, family);
    if (family == GeometryFamily::Polygon && symbol.min_size_mm > 0)
        small_polygon_marker(s, name, symbol);
    return layer;
}

pugi::xml_node renderer(pugi::xml_node qgis, const char* type) {
    pugi::xml_node r = qgis.append_child("renderer-v2");
    r.append_attribute("type") = type;
    r.append_attribute("symbollevels") = "0";
    r.append_attribute("enableorderby") = "0";
    r.append_attribute("forceraster") = "0";
    return r;
}

void categorized(pugi::xml_node qgis, const ResolvedStyle& resolved, GeometryFamily family) {
    const LayerStyle& style = resolved.style();
    pugi::xml_node r = renderer(qgis, "categorizedSymbol");
    // atlante matches categories trimmed and without regard to case: so does the expression.
    const std::string attr = "lower(trim(" + quoted_field(style.field) + "))";
    r.append_attribute("attr") = attr.c_str();
    pugi::xml_node categories = r.append_child("categories");
    pugi::xml_node symbols = r.append_child("symbols");
    const auto& legend = resolved.legend();
    const auto& keys = resolved.categories();
    for (std::size_t k = 0; k < legend.size(); ++k) {
        pugi::xml_node c = categories.append_child("category");
        // After the categories, the entry of values no category names: QGIS's empty value.
        c.append_attribute("value") = k < keys.size() ? keys[k].c_str() : "";
        c.append_attribute("label") = legend[k].label.c_str();
        c.append_attribute("symbol") = std::to_string(k).c_str();
        c.append_attribute("render") = "true";
        add_symbol(symbols, std::to_string(k), legend[k].symbol, family);
    }
}

void graduated(pugi::xml_node qgis, const ResolvedStyle& resolved, GeometryFamily family) {
    const LayerStyle& style = resolved.style();
    pugi::xml_node r = renderer(qgis, "graduatedSymbol");
    const auto& breaks = resolved.breaks();
    const auto& legend = resolved.legend();
    // Features without a value: QGIS's graduated renderer draws no range for NULL, so the value
    // falls back to a number below every class and a last range draws it with atlante's
    // missing fill and label.
    const bool missing = style.missing_fill && breaks.size() >= 2 && legend.size() >= breaks.size();
    const std::string value =
        style.relative_to.empty() ? quoted_field(style.field) : value_expression(style);
    r.append_attribute("attr") = (missing ? "coalesce(" + value + ", " + number(kMissingValue) + ")"
                                          : value_expression(style))
                                     .c_str();
    r.append_attribute("graduatedMethod") = "GraduatedColor";
    pugi::xml_node ranges = r.append_child("ranges");
    pugi::xml_node symbols = r.append_child("symbols");
    const auto add_range = [&](std::size_t c, double lower, double upper) {
        pugi::xml_node range = ranges.append_child("range");
        range.append_attribute("lower") = number(lower).c_str();
        range.append_attribute("upper") = number(upper).c_str();
        range.append_attribute("label") = legend[c].label.c_str();
        range.append_attribute("symbol") = std::to_string(c).c_str();
        range.append_attribute("render") = "true";
        add_symbol(symbols, std::to_string(c), legend[c].symbol, family);
    };
    for (std::size_t c = 0; c + 1 < breaks.size() && c < legend.size(); ++c)
        add_range(c, breaks[c], breaks[c + 1]);
    if (missing) add_range(breaks.size() - 1, -1.7e308, kMissingValue);
    const char* method = style.method == ClassMethod::Quantile        ? "Quantile"
                         : style.method == ClassMethod::EqualInterval ? "EqualInterval"
                         : style.method == ClassMethod::Manual        ? "Fixed"
                                                                      : "Jenks";
    r.append_child("classificationMethod").append_attribute("id") = method;
}

void single(pugi::xml_node qgis, const ResolvedStyle& resolved, GeometryFamily family) {
    const LayerStyle& style = resolved.style();
    pugi::xml_node r = renderer(qgis, "singleSymbol");
    pugi::xml_node layer = add_symbol(r.append_child("symbols"), "0", style.symbol, family);
    if (style.kind == StyleKind::Proportional && resolved.max_value() > 0)
        size_from_field(layer, "coalesce(" + number(style.max_size_mm) + " * sqrt(abs(" +
                                   value_expression(style) + ") / " + number(resolved.max_value()) +
                                   "), 0)");
}

void labeling(pugi::xml_node qgis, const LayerStyle& style, GeometryFamily family,
              const std::string& font_family) {
    qgis.append_attribute("labelsEnabled") = style.label_field.empty() ? "0" : "1";
    if (style.label_field.empty()) return;
    pugi::xml_node settings = qgis.append_child("labeling");
    settings.append_attribute("type") = "simple";
    settings = settings.append_child("settings");
    pugi::xml_node text = settings.append_child("text-style");
    text.append_attribute("fieldName") = style.label_field.c_str();
    text.append_attribute("isExpression") = "0";
    text.append_attribute("fontFamily") = font_family.c_str();
    text.append_attribute("fontSize") = number(style.label_size_pt).c_str();
    text.append_attribute("fontSizeUnit") = "Point";
    text.append_attribute("textColor") = qgis_color(Color{0.1, 0.1, 0.1, 1}).c_str();
    // The white halo atlante draws behind every label.
    pugi::xml_node buffer = text.append_child("text-buffer");
    buffer.append_attribute("bufferDraw") = "1";
    buffer.append_attribute("bufferSize") = "0.45";
    buffer.append_attribute("bufferSizeUnits") = "MM";
    buffer.append_attribute("bufferColor") = "255,255,255,230";
    pugi::xml_node placement = settings.append_child("placement");
    // Beside a point, clear of its marker (atlante tries right, left, above, below); centred on
    // a polygon.
    const bool point = family == GeometryFamily::Point;
    placement.append_attribute("placement") = point ? "0" : "1";
    placement.append_attribute("dist") = number(point ? style.symbol.size_mm / 2 + 0.8 : 0).c_str();
    placement.append_attribute("distUnits") = "MM";
    pugi::xml_node rendering = settings.append_child("rendering");
    rendering.append_attribute("obstacle") = "1";
    rendering.append_attribute("labelPerPart") = "0";
    rendering.append_attribute("priority") =
        std::to_string(std::clamp(5 + style.label_priority, 0, 10)).c_str();
}

std::string qml_document(const ResolvedStyle& resolved, GeometryFamily family,
                         const std::string& font_family) {
    pugi::xml_document doc;
    doc.append_child(pugi::node_doctype)
        .set_value("qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'");
    pugi::xml_node qgis = doc.append_child("qgis");
    qgis.append_attribute("version") = "3.22.16";
    qgis.append_attribute("styleCategories") = "Symbology|Labeling|Rendering";
    const LayerStyle& style = resolved.style();
    if (style.kind == StyleKind::Categorical)
        categorized(qgis, resolved, family);
    else if (style.kind == StyleKind::Graduated)
        graduated(qgis, resolved, family);
    else
        single(qgis, resolved, family);
    labeling(qgis, style, family, font_family);
    qgis.append_child("blendMode").text() = "0";
    qgis.append_child("layerOpacity").text() = "1";
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

}  // namespace

std::string qml_style(const ResolvedStyle& resolved, GeometryFamily family,
                      const std::string& font_family) {
    return qml_document(resolved, family, font_family);
}

std::string qml_rule_style(const std::vector<QmlRule>& rules, GeometryFamily family) {
    pugi::xml_document doc;
    pugi::xml_node qgis = doc.append_child("qgis");
    qgis.append_attribute("version") = "3.22.16";
    qgis.append_attribute("styleCategories") = "Symbology|Rendering";
    qgis.append_attribute("labelsEnabled") = "0";
    pugi::xml_node r = renderer(qgis, "RuleRenderer");
    pugi::xml_node root = r.append_child("rules");
    root.append_attribute("key") = "root";
    pugi::xml_node symbols = r.append_child("symbols");
    for (std::size_t k = 0; k < rules.size(); ++k) {
        pugi::xml_node rule = root.append_child("rule");
        rule.append_attribute("key") = ("rule" + std::to_string(k)).c_str();
        rule.append_attribute("filter") = rules[k].filter.c_str();
        rule.append_attribute("label") = rules[k].label.c_str();
        rule.append_attribute("symbol") = std::to_string(k).c_str();
        add_symbol(symbols, std::to_string(k), rules[k].symbol, family);
    }
    qgis.append_child("blendMode").text() = "0";
    qgis.append_child("layerOpacity").text() = "1";
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

}  // namespace atlante
