// The `map` step: a plan-style map from a [[map]] table of the project file, drawn to PDF, SVG
// and PNG. Layer sources: "catalog:comuni|zones|bands|outline|stations|rail|hospitals",
// "tor:brownfields|discs|stations" (from this run's TOR step), or a file / PG: source.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/steps/step_context.hpp"
#include "engine/config/strict_table.hpp"
#include "render/map_spec.hpp"

namespace atlante {

struct MapLayerStep {
    std::string source;
    LayerStyle style;
};

struct MapStep {
    MapSpec spec;  // layers filled in at run time
    std::string extent_source = "catalog:outline";
    std::string overview_source;  // empty: no overview inset
    std::vector<double>
        extent_bbox;  // [min_x, min_y, max_x, max_y] in the working CRS, instead of a layer
    std::string
        extent_feature;  // "field=value": one feature of the extent layer (e.g. "name=Torino")
    std::vector<MapLayerStep> layers;
    std::vector<std::string> formats{"pdf", "svg", "png"};
    std::string out = "maps";
};

MapStep read_map_step(const StrictTable& table);

struct MapStepReport {
    std::vector<std::string> files;
    RenderReport render;
};

MapStepReport run_map_step(const MapStep& step, StepContext& context);

// A layer named in a map or atlas ("catalog:…", "tor:…", a file); loaded once into `cache`.
const Layer& resolve_source(const std::string& source, StepContext& context,
                            std::map<std::string, Layer>& cache);
// The map description with its layers and extent resolved (layers live in `cache`/`context`).
MapSpec resolve_map(const MapStep& step, StepContext& context, std::map<std::string, Layer>& cache);

}  // namespace atlante
