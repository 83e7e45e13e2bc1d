// The `dissolve` step ([[dissolve]], one per grouping): polygons merged by a catalogue level
// (province, region) or any field, by coverage union, each group's area checked against the sum
// of its members' areas.
#pragma once

#include <string>
#include <vector>

#include "engine/dissolve.hpp"
#include "pipeline/pushdown/dissolve_sql.hpp"
#include "pipeline/pushdown/pushdown.hpp"
#include "pipeline/step.hpp"
#include "pipeline/step_context.hpp"

namespace atlante {

class DissolveStep : public Step {
  public:
    static const StepKind& info();
    const StepKind& kind() const override { return info(); }
    void declare(OptionSet& options) override;
    void finish_options() override;
    // "by_province": the output is dissolve:by_province.
    std::string name() const override { return "by_" + by; }
    std::vector<StepOutputDecl> outputs() const override;
    StepResult run(StepContext& context) const override;

    SourceRef polygons = SourceRef::parse("catalog:comuni");
    std::string by = "province";          // a level of the catalogue, or a field of the polygons
    std::vector<std::string> sum_fields;  // numeric fields summed per group
    double tolerance = 1e-9;              // largest relative area difference of a clean group
    std::string out = "dissolve";         // folder, relative to the run's output folder
    std::string output_crs;               // the GeoPackage's CRS (empty: the run's)
    EngineChoice engine;                  // here, or pushed down to PostGIS

    std::optional<std::string> pushdown_sql(StepContext& context) const override;

  private:
    DissolveQuery query(StepContext& context) const;
    // The groups with members_area_km2 and area_difference, by either engine.
    Layer groups_here(StepContext& context) const;
    Layer groups_in_postgis(StepContext& context) const;
};

}  // namespace atlante
