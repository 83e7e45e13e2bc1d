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
    std::string population_field;   // e.g. pop_res_2020
    std::string change_from_field;  // optional: population at an earlier date, for the change
    std::string area_attribute;  // optional: an area attribute (km²) compared with the geometry's
    std::string type_field;      // optional: service type, counted per group in `by_type`
    std::string beds_field;      // optional: a service attribute summed per group (beds)
    std::vector<std::string> order;               // group order (e.g. montagna, collina, pianura)
    std::string unassigned_label = "unassigned";  // the group of polygons with no `by` value
};

struct DensityResult {
    // One feature per group (the polygons dissolved): <by>, label, n_comuni, population,
    // population_nulls, area_km2, [area_km2_attribute], density_per_km2, [population_from,
    // change, change_pct], n_services, inhabitants_per_service, services_per_10000, [beds,
    // beds_per_1000].
    Layer groups;
    Layer by_type;  // table: group, type, n_services, inhabitants_per_service
    std::vector<std::int64_t> services_outside;    // ids of services in no polygon
    std::vector<std::int64_t> population_missing;  // polygon ids with no population value
};

// `services` may be null (population and area only). Polygons and services in one metric CRS.
DensityResult service_density(const Layer& polygons, const Layer* services,
                              const DensityOptions& options);

}  // namespace atlante
