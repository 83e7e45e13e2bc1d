// Loading a layer for analysis: read it, bring it into the working CRS, repair invalid geometries.
#pragma once

#include <string>

#include "layers/crs.hpp"
#include "layers/reader.hpp"
#include "layers/validity.hpp"

namespace atlante {

struct LoadOptions {
    ReadOptions read;
    TransformOptions transform;
    bool repair = true;  // repair invalid geometries (reported); false: only report them
};

struct LoadedLayer {
    Layer layer;
    OperationInfo reprojection;  // empty name when no reprojection was needed
    ValidityReport validity;
};

LoadedLayer load_layer(const std::string& source, const Crs& working_crs,
                       const LoadOptions& options = {});

}  // namespace atlante
