// The `demo_brownfields` step: makes the demonstration brownfield layer from the catalogue's
// comuni and stations, writes it, and hands it to later steps as "demo".
#pragma once

#include <string>

#include "cli/steps/step_context.hpp"
#include "engine/config/strict_table.hpp"
#include "geodata/demo_brownfields.hpp"

namespace atlante {

struct DemoStep {
    DemoBrownfieldOptions options;
    std::string out = "brownfields_demo.gpkg";  // relative to the run's output folder
};

DemoStep read_demo_step(const StrictTable& table);

// Makes the layer (into context.produced["demo"]) and, when `write` is set, writes it; returns
// the path written (empty when not written).
std::string run_demo_step(const DemoStep& step, StepContext& context, bool write = true);

}  // namespace atlante
