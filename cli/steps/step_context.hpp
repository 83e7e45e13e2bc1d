// What every step of a run shares: where relative paths start, the data catalogue (opened on
// first use), the output folder, progress, and the layers earlier steps produced.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "engine/progress.hpp"
#include "geodata/catalog.hpp"

namespace atlante {

class StepContext {
  public:
    StepContext(std::filesystem::path base_dir, std::filesystem::path output_dir,
                std::string catalog_file, std::string data_dir, Progress& progress);

    const std::filesystem::path& output_dir() const { return output_dir_; }
    const Crs& working_crs() const { return working_crs_; }
    Progress& progress() { return progress_; }
    const Catalog& catalog();
    // The catalogue's comuni (loaded once per run).
    const Catalog::Comuni& comuni();
    // The catalogue's stations, read once per run: metro stations included when asked (default:
    // the catalogue's setting), else filtered out of the same read.
    const LoadedLayer& stations(std::optional<bool> include_metro = {});
    // The catalogue's deduplicated rail graph, read once per run.
    const Catalog::Rail& rail();

    // A source named in a project file or on the command line: a path relative to the base
    // folder (the project file's), an absolute path, or a PG: connection string.
    std::string resolve(const std::string& source) const;

    // Loads a layer into the working CRS (validity repaired and reported).
    LoadedLayer load(const std::string& source, const ReadOptions& read = {});

    // Layers made by earlier steps ("demo" for the demonstration brownfields).
    std::map<std::string, Layer> produced;

  private:
    std::filesystem::path base_dir_;
    std::filesystem::path output_dir_;
    std::string catalog_file_;
    std::string data_dir_;
    Progress& progress_;
    Crs working_crs_;
    std::optional<Catalog> catalog_;
    std::optional<Catalog::Comuni> comuni_;
    std::optional<LoadedLayer> stations_with_metro_, stations_without_metro_;
    std::optional<Catalog::Rail> rail_;
};

}  // namespace atlante
