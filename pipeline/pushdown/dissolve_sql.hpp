// The dissolve as one PostGIS statement: polygons grouped by a field, ST_Union per group (the
// coverage union of PostGIS 3.4 is not in Debian bookworm's 3.3), the same columns as the local
// engine: the key, label, n_features, area_km2, the name and shared fields, the sums and their
// null counts, members_area_km2 and area_difference; groups in the local engine's order.
#pragma once

#include <string>
#include <vector>

namespace atlante {

struct DissolveQuery {
    std::string input, output;  // tables
    std::string key;            // grouping field
    std::string name;           // label field (a level's name; empty: the key)
    std::vector<std::string> fields, sums;
    std::string unassigned_label;  // the label of the group with no key
};

std::string dissolve_sql(const DissolveQuery& query);

}  // namespace atlante
