// A step of a run (tor, bands, density, reach, demo_brownfields, map, atlas): it declares, in
// one place, its name, a one-line description, its option schema (declare), the outputs other
// steps may read (outputs), and run(), which returns one record of what it did. The project
// file, the command line, `atlante validate`, `atlante help` and run.json all come from this.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "layers/gpkg_styles.hpp"
#include "pipeline/options/option_origin.hpp"
#include "pipeline/options/option_set.hpp"
#include "pipeline/report/report_table.hpp"
#include "pipeline/source_ref.hpp"
#include "render/map_spec.hpp"
#include "render/qgis/qgis_map_project.hpp"

namespace atlante {

class Step;
class StepContext;
struct Project;

// What kind of step, as the registry lists it.
struct StepKind {
    std::string name;         // the project's table ([tor]) and, with '_' as '-', the subcommand
    std::string description;  // one line, for `atlante help`
    bool repeated = false;    // [[map]]: an array of tables, each instance named
    std::function<std::unique_ptr<Step>()> make;
    // The subcommand: standalone (`atlante tor --out DIR …`), or on a project's instance
    // (`atlante map PROJECT --map NAME …`).
    bool needs_project = false;
};

// An output that other steps read as STEP:OUTPUT ("tor:brownfields").
struct StepOutputDecl {
    std::string name;
    std::string description;
    // Its fields, when known before the run (a chart's fields are checked against them); empty:
    // not declared. `more_fields`: others may come (named by the catalogue), checked at run time.
    std::vector<std::string> fields = {};
    bool more_fields = false;
};

// One record per step run: the files written, the tables for the report, facts for run.json,
// warnings, the "Fonti" lines, and the text the terminal shows. The runner adds the inputs read,
// the options as used and the time.
// A style for the layer `style.table` of the GeoPackage the step `producer` wrote; for a
// catalogue layer (producer "catalog"), or a step's layer its GeoPackage does not hold (the
// road network it read), the run writes `layer` itself into layers.gpkg.
struct OutputStyle {
    std::string producer;
    GpkgLayerStyle style;
    const Layer* layer = nullptr;
};

// A QGIS project of a map or an atlas, written by the runner once every step's files are known:
// the map as drawn (its layers live in the run's context) and who wrote each of its layers (a
// step, or "catalog": the run's layers.gpkg), so that the project points at the run's files.
struct QgisProjectRequest {
    std::filesystem::path file;  // NAME.qgz in the run's folder
    MapSpec map;
    std::vector<std::string> producers;  // one per map layer
    double sources_top_mm = 0, info_top_mm = 0;
    std::optional<QgisAtlasData> atlas;  // its pages layer relative to `file` already
};

struct StepResult {
    std::vector<std::string> files;
    std::vector<ReportTable> tables;
    std::map<std::string, std::string> facts;
    std::vector<std::string> warnings;
    std::vector<std::string> sources;
    std::string summary;
    // Styles for GeoPackage layers another step of the run wrote (a map's style of the layers
    // it draws); the runner writes them into that step's GeoPackage (layer_styles).
    std::vector<OutputStyle> output_styles;
    std::vector<QgisProjectRequest> qgis_projects;
    // Filled in by the runner.
    std::vector<std::string> inputs;
    nlohmann::ordered_json options;
    double seconds = 0;
};

// What the terminal shows of a step: its summary, then a "note:" line per warning.
std::string step_text(const StepResult& result);

// A source option of a step, with the key it was given under ("layers[2].source").
struct SourceUse {
    std::string key;
    SourceRef source;
    bool borrowed = false;  // read through another step (an atlas's template map): checked there
};

class Step {
  public:
    virtual ~Step() = default;
    virtual const StepKind& kind() const = 0;
    // Binds every option to this step's variables (their values now are the defaults).
    virtual void declare(OptionSet& options) = 0;
    // After all options are set: derived values and checks that span several keys (they
    // throw through origin.fail, naming the key).
    virtual void finish_options() {}
    // The instance's name: the kind's for single steps, the `name` key for maps and atlases.
    virtual std::string name() const { return kind().name; }
    virtual std::vector<StepOutputDecl> outputs() const { return {}; }
    // Sources read beyond the step's own options (an atlas reads its template map's layers).
    virtual std::vector<SourceUse> more_sources(const Project& project) const;
    // Checks against the other steps of the project (an atlas's template map must exist).
    virtual void check_in(const Project& project) const { (void)project; }
    virtual StepResult run(StepContext& context) const = 0;
    // The statement the step runs when pushed down to PostGIS (`atlante sql`); none for a step
    // that cannot be.
    virtual std::optional<std::string> pushdown_sql(StepContext& context) const {
        (void)context;
        return std::nullopt;
    }

    // Every source option (nested tables included) and more_sources().
    std::vector<SourceUse> sources(const Project& project) const;
    // The options as used, for run.json.
    nlohmann::ordered_json options_json() const;
    // "tor", "map zone_omogenee", "density by_band".
    std::string label() const;

    OptionOrigin origin;  // where the options were read from
};

// Reads options of a const step: declare() binds references, nothing is written through them.
OptionSet options_of(const Step& step);

}  // namespace atlante
