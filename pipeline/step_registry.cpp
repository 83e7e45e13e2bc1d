#include "pipeline/step_registry.hpp"

#include "pipeline/steps/atlas_step.hpp"
#include "pipeline/steps/bands_step.hpp"
#include "pipeline/steps/demo_step.hpp"
#include "pipeline/steps/density_step.hpp"
#include "pipeline/steps/dissolve_step.hpp"
#include "pipeline/steps/map_step.hpp"
#include "pipeline/steps/reach_step.hpp"
#include "pipeline/steps/tor_step.hpp"
#include "pipeline/steps/webmap_step.hpp"

namespace atlante {

const std::vector<const StepKind*>& step_kinds() {
    static const std::vector<const StepKind*> kinds{
        &DemoStep::info(),    &BandsStep::info(), &DissolveStep::info(),
        &DensityStep::info(), &TorStep::info(),   &ReachStep::info(),
        &MapStep::info(),     &AtlasStep::info(), &WebMapStep::info()};
    return kinds;
}

const StepKind* step_kind(const std::string& name) {
    for (const StepKind* kind : step_kinds())
        if (kind->name == name) return kind;
    return nullptr;
}

}  // namespace atlante
