// A demonstration brownfield layer. The TRENTAMETRO census of aree dismesse is not public, so
// the examples and tests use polygons made by this small deterministic generator: rotated
// rectangles of 0.5-20 ha in urbanised comuni, some near stations, some far, with a
// competitiveness class. Every table and map made from it must say "dati dimostrativi, non reali".
#pragma once

#include <cstdint>
#include <string>

#include "layers/layer.hpp"

namespace atlante {

inline constexpr const char* kDemoSourceNote = "dati dimostrativi, non reali";
// The "Fonti cartografiche" line of anything made from the demonstration layer.
inline constexpr const char* kDemoSourceLine = "Aree dismesse: dati dimostrativi, non reali";

// Whether a layer carries the demonstration note in its `source` field (the generator writes it
// on every site; the TOR step copies it onto its ranking).
bool is_demonstration(const Layer& layer);
// Marks a layer made from the demonstration layer (a ranking, a comparison) the same way, so
// that maps and tables drawn from it say so too.
void mark_demonstration(Layer& layer);

struct DemoBrownfieldOptions {
    std::size_t count = 133;  // the plan's census counts 133 aree dismesse
    std::uint64_t seed = 20211;
    double near_share = 0.5;      // share of sites placed around a station
    double near_radius_m = 2500;  // ... at up to this distance (some inside 1.5 km, some not)
    double min_area_ha = 0.5, max_area_ha = 20;
    // A comune is urbanised when its population density reaches this (inhabitants per km²).
    double min_density = 300;
    // Sites keep apart (by bounding box). Large benchmark layers turn this off: 100.000 sites of
    // this size do not fit apart in the urbanised comuni.
    bool avoid_overlaps = true;
};

// `comuni`: polygons in a metric CRS with `name_field` and `population_field` (empty: no
// population, every comune takes sites in proportion to its area); `stations`: points in the
// same CRS. Output fields: id, name, class, comune, source.
Layer make_demo_brownfields(const Layer& comuni, const std::string& name_field,
                            const std::string& population_field, const Layer& stations,
                            const DemoBrownfieldOptions& options = {});

}  // namespace atlante
