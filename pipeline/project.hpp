// A project file (TOML): a [project] table and the steps of a run ([tor], [[map]], …), each
// read by its own option schema. Reading checks everything that can be checked without the
// data: keys, types and ranges (with line and column), names unique, every STEP:OUTPUT and
// catalog:NAME reference, every {STEP.KEY} a caption quotes, every atlas's template map.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/step.hpp"

namespace atlante {

struct ProjectOptions {
    std::string name;
    std::string output = "out";  // relative to the project file's folder
    std::string catalog;  // a shipped catalogue's name or a file relative to the project's folder
    std::string output_crs;  // GeoPackages in this CRS (empty: the working one, EPSG:32632)
    std::string csv_dialect = "rfc4180";  // or "excel-it"
    void declare(OptionSet& options);
};

// Throws through `origin` unless `crs` (when given) is a CRS PROJ knows.
void check_output_crs(const std::string& crs, const OptionOrigin& origin, const std::string& key);

struct Project {
    std::string file;                // empty: made from the command line
    std::filesystem::path base_dir;  // relative paths start here
    ProjectOptions options;
    OptionOrigin origin;
    std::vector<std::unique_ptr<Step>> steps;  // by kind in the registry's order, then the file's

    // The step of a kind that a project has at most once ([tor]), or nullptr.
    const Step* single(const std::string& kind) const;
    const Step* find(const std::string& kind, const std::string& name) const;
    std::vector<const Step*> of_kind(const std::string& kind) const;
    // The steps whose outputs `source` reads (none for catalogue layers and files).
    std::vector<const Step*> producers(const SourceRef& source) const;

    template <class T>
    std::vector<T*> all() {
        std::vector<T*> out;
        for (auto& step : steps)
            if (auto* typed = dynamic_cast<T*>(step.get())) out.push_back(typed);
        return out;
    }
    template <class T>
    T* first() {
        const auto found = all<T>();
        return found.empty() ? nullptr : found.front();
    }
};

Project read_project(const std::string& file);
// The same from text in memory (named `file` in messages; files relative to `base_dir`).
Project parse_project(std::string_view text, const std::string& file,
                      const std::filesystem::path& base_dir);

// The catalogue file a run of the project reads: `override_file` (--catalog-file) if given,
// else the project's `catalog` (a shipped one by name, or a file), else the default.
std::string project_catalog_file(const Project& project, const std::string& override_file = {});

// The [project] options as used, for run.json.
nlohmann::ordered_json project_options_json(const Project& project);

// The checks across steps (see above); read_project runs them. Throws naming the key.
void check_project(const Project& project);

struct RunOptions;
// Checks a project without running it: read_project's checks, the catalogue file and data
// folder, and that every file a step names exists. Returns a one-line summary.
std::string validate_project(const Project& project, const RunOptions& options);

}  // namespace atlante
