// Bringing a layer into another CRS (normally the working CRS, EPSG:32632).
#pragma once

#include "layers/crs.hpp"
#include "layers/layer.hpp"

namespace atlante {

// Reprojects every geometry; records the PROJ operation in the layer's lineage and returns it.
// A no-op (empty name) when the layer is already in `target` or has no geometry.
OperationInfo reproject(Layer& layer, const Crs& target, const TransformOptions& options = {});

}  // namespace atlante
