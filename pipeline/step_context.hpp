// What the steps of a run share: where relative paths start and outputs go, the data catalogue
// and its layers (read once per run), files named by several steps (read once), the layers that
// steps publish for later ones (STEP:OUTPUT), and progress. Steps that do not depend on each
// other run side by side, so everything here may be called from several threads at once.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "geodata/catalog.hpp"
#include "layers/output_set.hpp"
#include "pipeline/lazy_cache.hpp"
#include "pipeline/progress_sink.hpp"
#include "pipeline/source_ref.hpp"

namespace atlante {

struct Project;

struct RunSettings {
    std::filesystem::path base_dir;    // relative sources start here (the project file's folder)
    std::filesystem::path output_dir;  // steps write below it (a run's staging folder)
    std::string catalog_file;          // empty: the default catalogue
    std::string data_dir;              // empty: $ATLANTE_DATA, else ../shared/data
    std::string output_crs = {};       // GeoPackages in this CRS; empty: the working one
    std::string csv_dialect = "rfc4180";
};

class StepContext {
  public:
    StepContext(RunSettings settings, ProgressSink& progress, const Project* project = nullptr);

    const std::filesystem::path& output_dir() const { return settings_.output_dir; }
    const Crs& working_crs() const { return working_crs_; }
    ProgressSink& progress() { return progress_; }
    // The project being run (for captions that quote another step's options); may be null.
    const Project* project() const { return project_; }

    const Catalog& catalog();
    const Catalog::Comuni& comuni();
    // The catalogue's stations: metro stations included when asked (default: the catalogue's
    // setting).
    const LoadedLayer& stations(std::optional<bool> include_metro = {});
    const Catalog::Rail& rail();

    // The layer a source names: a catalogue layer, another step's output, the demonstration
    // layer, or a file or PG: source; read once per run and shared (never to be changed).
    const Layer& layer(const SourceRef& source);
    // A file or PG: source read for the caller alone, in the working CRS; `repair`: invalid
    // geometries made valid (else left for the caller to judge). `id_field` names its records
    // in messages; `need_geometry`: a source without geometry is an error listing its columns.
    LoadedLayer load(const SourceRef& source, bool repair = true, const std::string& id_field = {},
                     bool need_geometry = false);
    // A path relative to the project's folder, an absolute path, or a PG: connection string.
    std::string resolve(const std::string& path) const;

    // A step's outputs as the run writes them: its GeoPackage in `step_crs` (else the run's
    // output CRS), CSVs in the run's dialect with the columns' titles.
    OutputSet output_set(const std::string& step_crs = {}) const;

    // Any other value made once per run (the demonstration layer when no step makes it).
    const Layer& shared(const std::string& key, const std::function<Layer()>& make) {
        return layers_.get(key, make);
    }

    // Layers a step hands to later ones; read back by STEP:OUTPUT.
    void publish(const std::string& step, const std::string& output, Layer layer);
    const Layer* published(const std::string& step, const std::string& output) const;

  private:
    const Layer& catalog_layer(const SourceRef& source);

    RunSettings settings_;
    ProgressSink& progress_;
    const Project* project_;
    Crs working_crs_;
    LazyCache<Catalog> catalog_;
    LazyCache<Catalog::Comuni> comuni_;
    LazyCache<LoadedLayer> stations_;
    LazyCache<Catalog::Rail> rail_;
    LazyCache<Layer> layers_;
    mutable std::mutex published_mutex_;
    std::map<std::string, Layer> published_;
};

}  // namespace atlante
