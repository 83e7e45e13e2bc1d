// The length of a scale bar: the longest "round" length (1, 2, 5, 10, 15, 20, 25, 50 … km, as the
// plan's "0 15 km") that fits in the space given.
#pragma once

#include <string>

namespace atlante {

struct ScaleBar {
    double length_m = 0;
    double length_mm = 0;
    std::string label;  // "15 km", "500 m"
};

// `mm_per_m`: the map's scale on the page; `max_mm`: the room for the bar.
ScaleBar choose_scale_bar(double mm_per_m, double max_mm);

}  // namespace atlante
