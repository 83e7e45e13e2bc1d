// A layer's style as QGIS stores it: the QML document QGIS writes into a GeoPackage's
// `layer_styles` table and into .qml files. Made from atlante's own resolved style, so that QGIS
// draws the same categories, classes, colours, sizes and labels as atlante's maps and legends:
// categories matched trimmed and without regard to case (as atlante does), graduated classes with
// atlante's breaks and labels, proportional symbols as a size expression, labels with a halo.
#pragma once

#include <string>
#include <vector>

#include "render/style/layer_style.hpp"

namespace atlante {

// A colour as QGIS writes it: "r,g,b,a" in 0–255 ("0,0,0,0" for none).
std::string qgis_color(const std::optional<Color>& color);

// `font_family` is the labels' font (the map's).
std::string qml_style(const ResolvedStyle& resolved, GeometryFamily family,
                      const std::string& font_family);

// A rule-based style: each feature drawn by every rule whose filter (a QGIS expression) it
// passes. For what a QGIS layout needs beyond atlante's styles (an atlas page's feature).
struct QmlRule {
    std::string filter;
    Symbol symbol;
    std::string label;
};
std::string qml_rule_style(const std::vector<QmlRule>& rules, GeometryFamily family);

}  // namespace atlante
