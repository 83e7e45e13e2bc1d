// The `atlas` step ([[atlas]], one per atlas): a coverage layer (zones, comuni), optional
// filter and sort, the page-name field, the map template (a [[map]] by name), and the
// statistics shown on every page. Every check runs before the first page is drawn.
#pragma once

#include <string>
#include <vector>

#include "pipeline/steps/atlas_chart.hpp"
#include "pipeline/steps/map_step.hpp"
#include "render/atlas.hpp"

namespace atlante {

class AtlasStep : public Step {
  public:
    static const StepKind& info();
    const StepKind& kind() const override { return info(); }
    void declare(OptionSet& options) override;
    void finish_options() override;
    std::string name() const override { return atlas_name; }
    std::vector<SourceUse> more_sources(const Project& project) const override;
    void check_in(const Project& project) const override;
    StepResult run(StepContext& context) const override;

    std::string atlas_name;
    std::string title;
    std::string map;  // the template: a [[map]] of the same project
    SourceRef coverage = SourceRef::parse("catalog:zones");  // any polygon layer
    std::string filter;                                      // "field=value" (empty: every feature)
    std::string sort;                    // field to sort pages by (empty: the page name)
    std::string page_name;               // field naming each page (unique)
    std::vector<std::string> fields;     // coverage fields shown in the statistics table
    std::vector<AtlasChartStep> charts;  // a chart per page from the page feature's fields
    double margin = 0.08;
    std::string per_page;  // "", "pdf" or "png": also one file per page
    bool qgis = false;     // also atlases/NAME.qgz and NAME.gpkg
    std::string out = "atlases";

  private:
    void add_qgis_atlas(StepContext& context, const std::vector<std::size_t>& rows,
                        const AtlasSpec& atlas, const AtlasReport& report,
                        StepResult& result) const;
};

}  // namespace atlante
