// What a run did, for the outputs folder: run.json (each step with its parameters, outputs and
// time, the software versions) and index.html (a self-contained report: map previews, the TOR
// ranking as a sortable table, the band and density tables, links to every file, the sources).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "layers/layer.hpp"

namespace atlante {

struct StepRecord {
    std::string step;  // "tor", "map", ...
    std::string name;
    double seconds = 0;
    std::map<std::string, std::string> parameters;
    std::vector<std::string> outputs;  // paths
    std::vector<std::string> inputs;   // sources the step read from disk (each once, in order;
                                       // a layer shared by the run: under its first reader)
};

// A table for the report: a caption, the header and the rows as text.
struct ReportTable {
    std::string id, caption;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    bool sortable = false;
};

struct RunManifest {
    std::string project_name, project_file, data_dir, output_dir;
    double seconds = 0;
    std::vector<StepRecord> steps;
    std::vector<ReportTable> tables;
    std::vector<std::string> sources;
};

// The versions of atlante and the libraries it runs on.
std::map<std::string, std::string> software_versions();

// Writes run.json and index.html into the output folder (atomically); returns their paths.
std::vector<std::string> write_run_manifest(const RunManifest& manifest);

// The rows of a layer as text (`fields` in this order), for a report table.
ReportTable table_of(const Layer& layer, const std::vector<std::string>& fields, std::string id,
                     std::string caption, std::size_t max_rows = 0);

}  // namespace atlante
