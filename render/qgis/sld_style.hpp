// A layer's style as an OGC Styled Layer Descriptor 1.1 (Symbology Encoding) document, for the
// `styleSLD` column of a GeoPackage's `layer_styles` table and any SLD reader (GeoServer,
// MapServer): one rule per category or class, with atlante's colours, strokes, markers and
// labels. Categories compare without regard to case (SLD cannot trim).
#pragma once

#include <string>

#include "render/style/layer_style.hpp"

namespace atlante {

std::string sld_style(const ResolvedStyle& resolved, GeometryFamily family,
                      const std::string& layer_name, const std::string& font_family);

}  // namespace atlante
