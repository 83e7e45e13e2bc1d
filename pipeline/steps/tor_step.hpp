// The `tor` step (Transit Oriented Regeneration): brownfields within the radius of a rail
// access point, ranked, with per-comune and per-zone summaries. Later steps read its ranking,
// discs and stations as tor:brownfields, tor:discs and tor:stations.
#pragma once

#include <string>
#include <vector>

#include "engine/analyses/tor.hpp"
#include "pipeline/step.hpp"
#include "pipeline/step_context.hpp"
#include "pipeline/step_sources.hpp"

namespace atlante {

class TorStep : public Step {
  public:
    TorStep();
    static const StepKind& info();
    const StepKind& kind() const override { return info(); }
    void declare(OptionSet& options) override;
    void finish_options() override;
    std::vector<StepOutputDecl> outputs() const override;
    StepResult run(StepContext& context) const override;

    SourceRef stations = SourceRef::parse("catalog:stations");
    bool include_metro = false;  // catalogue stations only
    SourceRef brownfields;       // required; "demo": the demonstration layer of this run
    // Optional: without them the service component, comune and zone stay empty.
    SourceRef rail, comuni;
    TorOptions analysis;
    std::string class_missing = "neutral";  // neutral, lowest or error (see ClassMissing)
    RecordRules records;                    // dirty records of the brownfields
    std::string out = "tor";                // folder, relative to the run's output folder
    std::string output_crs;                 // the GeoPackage's CRS (empty: the run's)
    // Files written: the GeoPackage (every layer), the CSVs, the ranking as GeoJSON.
    std::vector<std::string> formats{"gpkg", "csv", "geojson"};
    std::string postgis;  // optional PG: connection to also write the ranking to
    std::string postgis_table = "tor_brownfields_ranked";
    bool allow_ballpark = false;

  private:
    std::vector<std::string> write_outputs(const TorResult& tor, const RecordScreen& screen,
                                           const TorOptions& options,
                                           const StepSource& stations_used,
                                           const StepResult& result, StepContext& context) const;
    void publish(TorResult& tor, bool demonstration, StepContext& context) const;
};

}  // namespace atlante
