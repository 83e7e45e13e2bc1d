// The `webmap` step ([webmap]): the run's interactive map, out/mappa.html, from maps of the
// project (each map's layers and legend become a group of the page's layer switcher), with the
// ranked brownfields' popups and table, and a list of zones and comuni to zoom to.
#pragma once

#include <string>
#include <vector>

#include "pipeline/step.hpp"
#include "pipeline/step_context.hpp"

namespace atlante {

class WebMapStep : public Step {
  public:
    static const StepKind& info();
    const StepKind& kind() const override { return info(); }
    void declare(OptionSet& options) override;
    void finish_options() override;
    std::vector<SourceUse> more_sources(const Project& project) const override;
    void check_in(const Project& project) const override;
    StepResult run(StepContext& context) const override;

    std::string title;               // default: the project's name
    std::vector<std::string> maps;   // [[map]] names, in the switcher's order
    std::vector<std::string> shown;  // maps whose layers show when the page opens
    SourceRef ranking = SourceRef::parse("tor:brownfields");
    SourceRef zones = SourceRef::parse("catalog:zones");
    std::string zone_name = "zone_name";
    SourceRef comuni = SourceRef::parse("catalog:comuni");
    std::string comune_name = "name";
    double simplify_m = 10;
    std::string out = ".";
};

}  // namespace atlante
