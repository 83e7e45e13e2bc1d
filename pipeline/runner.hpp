// Runs a project: the plan's steps, side by side on the available cores where they do not read
// each other's outputs, each with the sources it read, its options as used, its warnings and
// its time recorded. The whole run writes into a hidden folder inside the output folder and
// moves its files into place only when every step succeeded: a failed run leaves the previous
// outputs as they were. Then run.json and, for a whole project, index.html beside the outputs.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/progress_sink.hpp"
#include "pipeline/project.hpp"
#include "pipeline/run_options.hpp"

namespace atlante {

struct RunReport {
    std::filesystem::path output;  // where the files are now
    struct Ran {
        std::string kind, name, label;
    };
    std::vector<Ran> steps;           // in the order they were planned
    std::vector<StepResult> results;  // per step, paths where the files are now
    std::string text;                 // what the terminal shows: every step's summary and time
    double seconds = 0;
};

RunReport run_project(const Project& project, const RunOptions& options, ProgressSink& progress);

}  // namespace atlante
