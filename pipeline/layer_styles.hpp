// The styles a run's GeoPackages carry, so that QGIS opens every layer styled as atlante means
// it (render/qgis): the style the first map of the run that draws the layer gives it, else a
// default chosen from what the layer holds: ranked brownfields by TOR status, bands by band,
// isochrones by their minutes, travel times by class, density tables graduated by their ratio,
// anything else one plain symbol.
#pragma once

#include <filesystem>

#include "layers/gpkg_styles.hpp"
#include "layers/layer.hpp"
#include "layers/output_set.hpp"
#include "render/style/layer_style.hpp"

namespace atlante {

// A layer_styles row for `layer` drawn with `resolved`: the QML and the SLD.
GpkgLayerStyle style_row(const ResolvedStyle& resolved, const Layer& layer, const std::string& name,
                         const std::string& description, const std::string& font_family);

// The default style of a layer (see above).
LayerStyle default_layer_style(const Layer& layer);

// write_output_set with each GeoPackage layer's default style added: how every step writes
// its outputs, so that no step's GeoPackage opens unstyled in QGIS.
std::vector<std::string> write_styled_output_set(OutputSet outputs,
                                                 const std::filesystem::path& folder);

// The default style (QML and SLD, named "atlante") of each layer that has geometry.
std::vector<GpkgLayerStyle> default_styles(const std::vector<const Layer*>& layers,
                                           const std::string& font_family = "DejaVu Sans");

}  // namespace atlante
