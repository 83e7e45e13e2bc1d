// What a run did, for the outputs folder: run.json (each step with its options as used, facts,
// inputs, outputs, warnings and time; the software versions) and index.html (a self-contained
// report: map previews, the TOR ranking as a sortable table, the band and density tables, links
// to every file, the sources).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/report/report_table.hpp"

namespace atlante {

struct StepRecord {
    std::string step;  // "tor", "map", ...
    std::string name;
    double seconds = 0;
    nlohmann::ordered_json options;  // as used, defaults included
    std::map<std::string, std::string> facts;
    std::vector<std::string> inputs;   // sources the step read (absolute paths)
    std::vector<std::string> outputs;  // paths
    std::vector<std::string> warnings;
};

struct RunManifest {
    std::string project_name, project_file, data_dir, output_dir;
    nlohmann::ordered_json project_options;
    double seconds = 0;
    std::vector<StepRecord> steps;
    std::vector<ReportTable> tables;
    std::vector<std::string> sources;
};

// The versions of atlante and the libraries it runs on.
std::map<std::string, std::string> software_versions();

// Writes run.json (and index.html when `html`) into the output folder, atomically; returns
// their paths.
std::vector<std::string> write_run_manifest(const RunManifest& manifest, bool html = true);

}  // namespace atlante
