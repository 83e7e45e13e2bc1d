// The `density` step ([[density]], one per grouping): population, area and services per band,
// zone, comune or any field ("1 presidio ospedaliero per N abitanti").
#pragma once

#include <string>
#include <vector>

#include "engine/analyses/density.hpp"
#include "pipeline/step_sources.hpp"
#include "pipeline/steps/bands_step.hpp"

namespace atlante {

class DensityStep : public Step {
  public:
    static const StepKind& info();
    const StepKind& kind() const override { return info(); }
    void declare(OptionSet& options) override;
    void finish_options() override;
    // "by_band": the outputs are density:by_band and density:by_band_by_type.
    std::string name() const override { return "by_" + by; }
    std::vector<StepOutputDecl> outputs() const override;
    StepResult run(StepContext& context) const override;

    // The catalogue's hospitals, a point source, or none (population and area only).
    SourceRef services = SourceRef::parse("catalog:hospitals");
    std::string by = "band";         // band, zone, comune, or any field of the comuni
    std::string type_field;          // default for the catalogue's hospitals: its type field
    std::string sum_field;           // default for the catalogue's hospitals: its beds field
    std::string sum_label;           // what the sum counts, in headings (default: the field)
    std::string services_id_field;   // names the services in messages and lists
    RecordRules records;             // dirty records of the services
    long long population_year = 0;   // 0: the catalogue's default year
    long long change_from_year = 0;  // 0: no population change
    BandMethod bands;                // how bands are made when grouping by band
    std::string out = "density";     // folder, relative to the run's output folder
    std::string output_crs;          // the GeoPackage's CRS (empty: the run's)

  private:
    // The engine's options: population columns, grouping field, order.
    DensityOptions density_options(const CatalogSpec& spec, int year, const Layer& comuni) const;
    // The services, screened against `study_area` (the comuni the run groups), and the options
    // that depend on where they come from.
    std::optional<ScreenedSource> load_services(StepContext& context, DensityOptions& options,
                                                std::string& line, const Layer& study_area) const;
};

}  // namespace atlante
