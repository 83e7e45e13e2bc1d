// The `map` step ([[map]], one per map): a plan-style map drawn to PDF, SVG and PNG. Its layers
// come from the catalogue (catalog:comuni|zones|bands|outline|stations|rail|hospitals|roads),
// from other steps (tor:brownfields, reach:walk, …) or from files.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "pipeline/step.hpp"
#include "pipeline/step_context.hpp"
#include "pipeline/steps/map_chart.hpp"
#include "pipeline/steps/map_layer.hpp"
#include "render/map_spec.hpp"

namespace atlante {

class MapStep : public Step {
  public:
    static const StepKind& info();
    const StepKind& kind() const override { return info(); }
    void declare(OptionSet& options) override;
    void finish_options() override;
    std::string name() const override { return spec.name; }
    void check_in(const Project& project) const override;
    StepResult run(StepContext& context) const override;

    MapSpec spec;  // page, texts and furniture; layers and extent filled in at run time
    std::string page = "A3", orientation = "landscape";
    double width_mm = 0, height_mm = 0;  // a custom page instead of `page`
    SourceRef extent = SourceRef::parse("catalog:outline");
    std::string extent_feature;       // "field=value": one feature of the extent layer
    std::vector<double> extent_bbox;  // [min_x, min_y, max_x, max_y] in EPSG:32632
    SourceRef overview;               // empty: no overview inset
    double scale_bar_km = 0;          // 0: the longest round length that fits
    std::vector<MapLayerStep> layers;
    std::vector<MapChartStep> charts;
    std::vector<MapRatioBoxStep> ratio_boxes;
    std::vector<double> legend_order;  // layer numbers, 1-based
    std::vector<std::string> formats{"pdf", "svg", "png"};
    bool qgis = false;  // also maps/NAME.qgz
    std::string out = "maps";
};

// The map description with its layers, extent and captions resolved against the run (the
// layers live in `context`); a layer drawn from the demonstration layer says so in its legend.
// Features of the extent layer far outside the study area (the catalogue's comuni, by 50 km) do
// not stretch the extent; `warnings` says so.
MapSpec resolve_map(const MapStep& step, StepContext& context,
                    std::vector<std::string>* warnings = nullptr);

// The map's style of each layer it draws, for the GeoPackage that holds it (the runner writes
// them; layers the run only read are copied into layers.gpkg).
std::vector<OutputStyle> map_output_styles(const MapStep& step, const MapSpec& spec);

// The [[map]] of `project` named `name`, or null.
const MapStep* find_map(const Project& project, const std::string& name);
// Fails through `origin` at `key` when the project has no [[map]] named `name`, listing its maps.
void require_map(const Project& project, const std::string& name, const OptionOrigin& origin,
                 const std::string& key);
// A map's sources as another step that draws its layers (an atlas, the web map) reads them:
// borrowed (the map checks them), their keys under `prefix`.
std::vector<SourceUse> borrowed_sources(const MapStep& map, const Project& project,
                                        const std::string& prefix);

// The QGIS project of a map drawn with `resolved`, to be written to `file` by the runner.
QgisProjectRequest qgis_request(const MapStep& step, const MapSpec& resolved,
                                const std::filesystem::path& file, const RenderReport& drawn);

}  // namespace atlante
