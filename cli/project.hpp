// A project file (TOML) declares the steps of a run; `atlante run` executes them in dependency
// order: the demonstration brownfields before TOR. Unknown keys are errors citing line and column.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/steps/atlas_step.hpp"
#include "cli/steps/bands_step.hpp"
#include "cli/steps/demo_step.hpp"
#include "cli/steps/density_step.hpp"
#include "cli/steps/map_step.hpp"
#include "cli/steps/reach_step.hpp"
#include "cli/steps/tor_step.hpp"

namespace atlante {

struct Project {
    std::string file;
    std::string name;
    std::filesystem::path base_dir;  // the project file's folder: relative paths start here
    std::string output = "out";      // relative to base_dir
    std::string catalog_file;        // optional; relative to base_dir
    std::optional<DemoStep> demo;
    std::optional<BandsStep> bands;
    std::vector<DensityStep> densities;  // [[density]] tables
    std::optional<TorStep> tor;
    std::optional<ReachStep> reach;  // [reach]: isochrones, network TOR, travel time
    std::vector<MapStep> maps;       // [[map]] tables, drawn after the analyses
    std::vector<AtlasStep> atlases;  // [[atlas]] tables, last
};

Project read_project(const std::string& file);

struct RunOptions {
    std::string output_dir;  // overrides the project's output folder
    std::string data_dir;
    std::string catalog_file;
    // Only this map (and the analysis steps its layers need); empty: every step and map.
    std::string only_map;
    // Only this atlas (and what its template map needs); empty: every atlas.
    std::string only_atlas;
};

// Checks a project without running it: the file itself (read_project), the catalogue file and
// data folder, and that every file a step or map names exists. Returns a one-line summary.
std::string validate_project(const Project& project, const RunOptions& options);

// Runs every step and returns the text report (steps, timings, outputs).
std::string run_project(const Project& project, const RunOptions& options, Progress& progress);

}  // namespace atlante
