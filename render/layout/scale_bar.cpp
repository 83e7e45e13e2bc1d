#include "render/layout/scale_bar.hpp"

#include <cmath>

#include "render/format/number_format.hpp"

namespace atlante {

ScaleBar choose_scale_bar(double mm_per_m, double max_mm) {
    ScaleBar best;
    if (!(mm_per_m > 0) || !(max_mm > 0)) return best;
    static const double steps[] = {1, 1.5, 2, 2.5, 5};
    for (double magnitude = 1; magnitude <= 1e7; magnitude *= 10)
        for (double step : steps) {
            const double length = step * magnitude;
            if (length * mm_per_m <= max_mm) best.length_m = length;
        }
    best.length_mm = best.length_m * mm_per_m;
    best.label =
        best.length_m >= 1000
            ? format_italian(best.length_m / 1000, std::fmod(best.length_m, 1000) ? 1 : 0) + " km"
            : format_italian(best.length_m, 0) + " m";
    return best;
}

}  // namespace atlante
