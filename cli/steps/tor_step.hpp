// The `tor` step: options from the project file's [tor] table or from `atlante tor` flags, the
// inputs it loads (the catalogue's or given sources), the run, and its outputs.
#pragma once

#include <string>
#include <vector>

#include "cli/steps/step_context.hpp"
#include "engine/analyses/tor.hpp"
#include "engine/config/strict_table.hpp"

namespace atlante {

struct TorStep {
    // Each source: "catalog" (the CMTo catalogue's layer), a path, or a PG: connection string.
    // rail and comuni may be empty: the run then leaves service, comune and zone empty.
    std::string stations = "catalog";
    std::string stations_layer, stations_where;
    bool include_metro = false;  // catalogue stations only
    std::string brownfields;     // also "demo": the demonstration layer of this run
    std::string brownfields_layer, brownfields_where;
    std::string rail;
    std::string comuni;
    TorOptions analysis;
    std::string out = "tor";  // folder, relative to the run's output folder
    std::string postgis;      // optional PG: connection to also write the ranking to
    std::string postgis_table = "tor_brownfields_ranked";
    bool allow_ballpark = false;
};

TorStep read_tor_step(const StrictTable& table);

struct TorStepReport {
    TorResult result;
    std::vector<std::string> files;
    std::vector<std::string> sources;                // "Fonti" lines recorded in the outputs
    std::string postgis_table;                       // written, when asked
    double read_s = 0, analysis_s = 0, write_s = 0;  // wall-clock time of each phase
};

TorStepReport run_tor_step(const TorStep& step, StepContext& context);

// What the CLI prints: counts, notes, files, the top of the ranking.
std::string describe_tor(const TorStep& step, const TorStepReport& report, std::size_t top = 10);

}  // namespace atlante
