// Dissolve: merges polygons that share a field value into one feature per value (comuni into
// zone omogenee, altimetric bands, the province outline), summing numeric fields on the way.
#pragma once

#include <string>
#include <vector>

#include "layers/layer.hpp"

namespace atlante {

struct DissolveOptions {
    std::string by;  // grouping field; empty: everything into one feature
    // Features whose grouping value is null form this group (reported, never dropped).
    std::string unassigned_label = "unassigned";  // the caller's word for it
    std::vector<std::string> sum_fields;  // numeric fields summed per group (nulls counted apart)
    // Groups whose label is listed come first, in this order (e.g. montagna, collina, pianura);
    // the others follow by value; the unassigned group is always last.
    std::vector<std::string> order;
};

struct DissolveGroup {
    std::string label;
    std::size_t features = 0;
    double parts_area = 0;  // sum of the members' areas
    double union_area = 0;  // area of the dissolved polygon
    bool coverage = true;   // false: members were not a clean coverage, general union used
};

struct DissolveResult {
    // Fields: the `by` field (null for the unassigned group), `label`, `n_features`,
    // `area_km2`, one per summed field, and `<field>_nulls` counting members with no value.
    Layer layer;
    std::vector<DissolveGroup> groups;
    std::vector<std::int64_t> unassigned;  // ids of features with no group value
};

// Polygons must be valid (repair them first). Uses GEOS coverage union, the fast exact path for
// edge-matched polygons; falls back to a general union for a group that is not a clean coverage
// (its union area would differ from the sum of its parts) and says so in the group report.
DissolveResult dissolve(const Layer& polygons, const DissolveOptions& options);

}  // namespace atlante
