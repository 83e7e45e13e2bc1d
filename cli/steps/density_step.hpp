// The `density` step: population, area and services per band, zone, comune or any field
// ("1 presidio ospedaliero per N abitanti").
#pragma once

#include <string>
#include <vector>

#include "cli/steps/bands_step.hpp"
#include "engine/analyses/density.hpp"

namespace atlante {

struct DensityStep {
    std::string services =
        "hospitals";  // "hospitals" (the catalogue's), a path, a PG: string, or "" for none
    std::string services_layer, services_where;
    std::string by = "band";      // band, zone, comune, or any field of the comuni
    std::string type_field;       // default for "hospitals": the catalogue's type field
    std::string beds_field;       // default for "hospitals": the catalogue's beds field
    int population_year = 0;      // 0: the catalogue's default year
    int change_from_year = 0;     // 0: no population change
    BandsStep bands;              // how bands are made when grouping by band
    std::string out = "density";  // folder, relative to the run's output folder
};

DensityStep read_density_step(const StrictTable& table);

struct DensityStepReport {
    DensityResult result;
    std::vector<std::string> files;
    std::map<std::string, std::string> metadata;
};

DensityStepReport run_density_step(const DensityStep& step, StepContext& context);
std::string describe_density(const DensityStepReport& report);

}  // namespace atlante
