// How a project is run: where outputs go, which data and catalogue, and whether one map or
// atlas only (with the steps it needs).
#pragma once

#include <string>

namespace atlante {

struct RunOptions {
    std::string output_dir;  // overrides the project's output folder
    std::string data_dir;
    std::string catalog_file;
    // Only this step ("map", "zone_omogenee") and the steps whose outputs it reads; empty: all.
    std::string only_kind, only_name;
    // The report beside the outputs: run.json, and index.html for a whole project's run.
    bool manifest = true;
    bool html_report = true;
    unsigned jobs = 0;  // steps side by side at most (0: one per core)
    // Override the project's output_crs and csv_dialect when set.
    std::string output_crs, csv_dialect;
};

}  // namespace atlante
