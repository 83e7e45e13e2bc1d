// Layer styles inside a GeoPackage, as QGIS keeps them: rows of the `layer_styles` table
// (f_table_name, f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description),
// so that QGIS opens each layer with its style and an SLD reader finds one too.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "layers/crs.hpp"

namespace atlante {

struct GpkgLayerStyle {
    std::string table;  // the layer
    std::string name;   // styleName (QGIS allows 30 characters)
    std::string qml, sld;
    std::string description;
    bool use_as_default = true;
};

// Whether the GeoPackage `file` holds a layer named `layer`.
bool gpkg_has_layer(const std::string& file, const std::string& layer);
// The CRS of that layer (none when it has no such layer or no geometry).
std::optional<Crs> gpkg_layer_crs(const std::string& file, const std::string& layer);

// Adds the styles to the GeoPackage `file`, replacing rows of the same table and name; a new
// default style makes the table's others non-default. Throws naming the file.
void write_layer_styles(const std::string& file, const std::vector<GpkgLayerStyle>& styles);

}  // namespace atlante
