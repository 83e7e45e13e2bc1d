// Running the Torino example, or a project written by a test, quietly on the real data.
#pragma once

#include <string>

#include "pipeline/project.hpp"
#include "pipeline/runner.hpp"

namespace atlante::testing {

// examples/torino/torino.toml.
std::string torino_example();

// Runs `project` into `out` (only the step `only_kind`/`only_name` and what it reads, when set).
RunReport run_quietly(const Project& project, const std::string& out,
                      const std::string& only_kind = {}, const std::string& only_name = {});

// The step of `kind` named `name` (or the single one), as its class; a test failure if absent.
template <class T>
T& step_of(Project& project, const std::string& name = {}) {
    for (T* step : project.all<T>())
        if (name.empty() || step->name() == name) return *step;
    throw std::runtime_error("no such step in the project: " + name);
}

}  // namespace atlante::testing
