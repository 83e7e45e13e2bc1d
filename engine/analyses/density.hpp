// Population, area and service provision over any grouping of polygons (band, zone, comune or
// any field): the plan's "1 presidio ospedaliero per N abitanti" (N = P / F, as an integer),
// services per 10.000 inhabitants, beds per 1.000 inhabitants, density, population change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "layers/layer.hpp"

namespace atlante {

struct DensityOptions {
    std::string by;                 // grouping field of the polygons
    std::string population_field;   // e.g. pop_res_2020; empty: none (area and services only)
    std::string change_from_field;  // optional: population at an earlier date, for the change
    std::string area_attribute;  // optional: an area attribute (km²) compared with the geometry's
    std::string type_field;      // optional: service type, counted per group in `by_type`
    // Optional: a service attribute summed per group and per type (beds, pupils), in columns
    // named after it: sum_field "ALUNNI" -> `alunni`, `alunni_per_1000`.
    std::string sum_field;
    std::vector<std::string> order;               // group order (e.g. montagna, collina, pianura)
    std::string unassigned_label = "unassigned";  // the group of polygons with no `by` value
};

struct DensityResult {
    // One feature per group (the polygons dissolved): <by>, label, n_comuni, population,
    // population_nulls, area_km2, [area_km2_attribute], density_per_km2, [population_from,
    // change, change_pct], n_services, inhabitants_per_service, services_per_10000,
    // services_per_100km2, [SUM, SUM_per_1000]. Without a population field its columns are
    // null.
    Layer groups;
    Layer by_type;  // table: group, type, n_services, inhabitants_per_service, [SUM, SUM_per_1000]
    // Services in no polygon, and services with no geometry at all (told apart): by their id
    // value when the layer has an id field, else their feature number.
    std::vector<std::string> services_outside, services_without_geometry;
    std::vector<std::int64_t> population_missing;  // polygon ids with no population value
    std::string sum_column;                        // the summed attribute's column ("alunni")
};

// The column a summed attribute gets: its name in lower case, other characters as '_'.
std::string sum_column_name(const std::string& field);

// `services` may be null (population and area only). Polygons and services in one metric CRS.
DensityResult service_density(const Layer& polygons, const Layer* services,
                              const DensityOptions& options);

}  // namespace atlante
