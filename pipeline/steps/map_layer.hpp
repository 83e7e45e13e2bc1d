// One layer of a map ([[map.layers]]): the source it draws and its style, as the project file
// and the command line (`--layers '{ source = "catalog:comuni", stroke = "white" }'`) declare
// it. What to draw; render/ decides how.
#pragma once

#include <string>
#include <vector>

#include "pipeline/options/option_set.hpp"
#include "render/style/layer_style.hpp"

namespace atlante {

struct MapLayerStep {
    MapLayerStep();
    void declare(OptionSet& options);
    // The style to draw with: palette colours then `colors`, class labels from `labels`.
    LayerStyle drawn_style() const;

    SourceRef source;
    LayerStyle style;
    std::string palette;        // a ColorBrewer palette ("RdBu6", "Set3", …)
    std::vector<Color> colors;  // explicit colours, after the palette's
};

}  // namespace atlante
