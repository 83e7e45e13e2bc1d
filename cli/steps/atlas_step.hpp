// The `atlas` step: an [[atlas]] table of the project file: a coverage layer (zones, comuni),
// optional filter and sort, the page-name field, the map template (a [[map]] by name), and the
// statistics shown on every page. Every check runs before the first page is drawn.
#pragma once

#include <string>
#include <vector>

#include "cli/steps/map_step.hpp"
#include "render/atlas.hpp"

namespace atlante {

struct AtlasStep {
    std::string name;
    std::string title;
    std::string map;                         // the template: a [[map]] of the same project
    std::string coverage = "catalog:zones";  // any polygon layer
    std::string filter;                      // "field=value" (empty: every feature)
    std::string sort;                        // field to sort pages by (empty: the page name)
    std::string page_name;                   // field naming each page (unique)
    std::vector<std::string> fields;         // coverage fields shown in the statistics table
    double margin = 0.08;
    std::string per_page;  // "", "pdf" or "png": also one file per page
    std::string out = "atlases";
};

AtlasStep read_atlas_step(const StrictTable& table);

struct AtlasStepReport {
    AtlasReport render;
    std::string file;
    std::string per_page_dir;  // when one file per page was asked
};

AtlasStepReport run_atlas_step(const AtlasStep& step, const MapStep& map, StepContext& context);

}  // namespace atlante
