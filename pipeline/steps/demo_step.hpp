// The `demo_brownfields` step: makes the demonstration brownfield layer from the catalogue's
// comuni and stations (dati dimostrativi, non reali), writes it, and hands it to later steps as
// "demo" (demo_brownfields:sites).
#pragma once

#include <string>

#include "geodata/demo_brownfields.hpp"
#include "pipeline/step.hpp"
#include "pipeline/step_context.hpp"

namespace atlante {

class DemoStep : public Step {
  public:
    static const StepKind& info();
    const StepKind& kind() const override { return info(); }
    void declare(OptionSet& options) override;
    std::vector<StepOutputDecl> outputs() const override;
    StepResult run(StepContext& context) const override;

    DemoBrownfieldOptions options;
    std::string out = "brownfields_demo.gpkg";  // relative to the run's output folder
};

// The demonstration layer from the run's catalogue (comuni and rail stations).
Layer make_demo_layer(const DemoBrownfieldOptions& options, StepContext& context);

}  // namespace atlante
