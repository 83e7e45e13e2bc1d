// Where a step's stations and brownfields come from: the catalogue's stations (read once per
// run; metro stations only if asked), the run's demonstration layer ("demo": the
// demo_brownfields step's, or made in memory when no such step runs), or any other source; with
// the "Fonti" line each adds to the step's outputs and the field names that go with it.
#pragma once

#include <string>

#include "pipeline/step_context.hpp"

namespace atlante {

struct StepSource {
    const Layer* layer = nullptr;  // shared by the run: never changed
    std::string source_line;
    // Stations from the catalogue: its id and name fields (empty otherwise: the step's own).
    std::string id_field, name_field;
    bool demonstration = false;
};

StepSource step_stations(const SourceRef& source, bool include_metro, StepContext& context);
StepSource step_brownfields(const SourceRef& source, StepContext& context);

}  // namespace atlante
