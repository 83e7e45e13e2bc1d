// A layer's style as QGIS stores it: the QML document QGIS writes into a GeoPackage's
// `layer_styles` table and into .qml files. Made from atlante's own resolved style, so that QGIS
// draws the same categories, classes, colours, sizes and labels as atlante's maps and legends:
// categories matched trimmed and without regard to case (as atlante does), graduated classes with
// atlante's breaks and labels, proportional symbols as a size expression, labels with a halo.
#pragma once

#include <string>

#include "render/style/layer_style.hpp"

namespace atlante {

// `font_family` is the labels' font (the map's).
std::string qml_style(const ResolvedStyle& resolved, GeometryFamily family,
                      const std::string& font_family);

}  // namespace atlante
