// Every kind of step atlante knows, in the order a run considers them when nothing else orders
// them (the demonstration layer first, the atlases last). Adding a step is adding it here.
#pragma once

#include <string>
#include <vector>

#include "pipeline/step.hpp"

namespace atlante {

const std::vector<const StepKind*>& step_kinds();
// nullptr for an unknown name.
const StepKind* step_kind(const std::string& name);

}  // namespace atlante
