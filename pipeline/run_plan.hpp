// Which steps a run executes and in which order: each step after the steps whose outputs it
// reads (STEP:OUTPUT, "demo"), the rest in the project's order. One map or atlas alone brings
// the steps it needs and no other. A cycle is an error naming the steps in it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "pipeline/project.hpp"

namespace atlante {

struct RunPlan {
    std::vector<const Step*> steps;               // a valid order (dependencies first)
    std::vector<std::vector<std::size_t>> needs;  // per step: indices of the steps it reads from
};

// `only_kind`/`only_name` empty: every step. Throws when the named step does not exist.
RunPlan plan_run(const Project& project, const std::string& only_kind = {},
                 const std::string& only_name = {});

}  // namespace atlante
