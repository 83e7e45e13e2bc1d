// Where a step's stations and brownfields come from: "catalog" (the run's catalogue layer, read
// once per run), "demo" (the run's demonstration layer, made when no demo step ran), or a file
// or PG: source read for this step; with the "Fonti" line each adds to the step's outputs.
#pragma once

#include <string>

#include "cli/steps/step_context.hpp"

namespace atlante {

struct StepSource {
    const Layer& layer() const { return shared ? *shared : loaded.layer; }
    LoadedLayer loaded;             // read for this step
    const Layer* shared = nullptr;  // or a layer the run already holds
    std::string source_line;
    // Stations from the catalogue: its id and name fields (empty otherwise: the step's own).
    std::string id_field, name_field;
};

StepSource step_stations(const std::string& source, bool include_metro, const ReadOptions& read,
                         StepContext& context);
StepSource step_brownfields(const std::string& source, const ReadOptions& read,
                            StepContext& context);

}  // namespace atlante
