// The `reach` step: walking and cycling isochrones from the stations over the road graph,
// network TOR beside straight-line TOR, and the modelled travel time from the catalogue's origin
// station (Torino Porta Susa) to every comune. Writes reach/reach.gpkg (a layer per result) and
// CSV tables; later steps read reach:walk, reach:cycle, reach:stations, reach:roads,
// reach:tor_network, reach:travel_time and reach:rail_times.
#pragma once

#include <string>
#include <vector>

#include "engine/analyses/network_tor.hpp"
#include "engine/analyses/station_reach.hpp"
#include "engine/analyses/travel_time.hpp"
#include "pipeline/step.hpp"
#include "pipeline/step_context.hpp"
#include "pipeline/step_sources.hpp"

namespace atlante {

// The plan's words for the outputs' classes.
TimeLabels plan_time_labels();
NetworkTorStatus plan_network_tor_status();

struct ReachRun;

class ReachStep : public Step {
  public:
    ReachStep();
    static const StepKind& info();
    const StepKind& kind() const override { return info(); }
    void declare(OptionSet& options) override;
    void finish_options() override;
    std::vector<StepOutputDecl> outputs() const override;
    StepResult run(StepContext& context) const override;

    SourceRef stations = SourceRef::parse("catalog:stations");
    bool include_metro = false;
    SourceRef roads = SourceRef::parse("catalog:roads");  // or any line source
    RoadGraphOptions road_fields;  // for a road source other than the catalogue
    StationReachOptions reach;     // modes[0] walk, modes[1] cycle
    // Network TOR (skipped when brownfields is empty).
    SourceRef brownfields;
    NetworkTorOptions tor;
    RecordRules records;  // dirty records of those sites
    // Travel time from the origin (skipped when disabled).
    bool travel_time_enabled = true;
    TravelTimeOptions time;
    std::string out = "reach";
    std::string output_crs;  // the GeoPackage's CRS (empty: the run's)

  private:
    void load_graph(ReachRun& run, StepContext& context) const;
    void station_isochrones(ReachRun& run, StepContext& context) const;
    void network_tor_phase(ReachRun& run, StepContext& context) const;
    void travel_time_phase(ReachRun& run, StepContext& context) const;
    void describe_model(ReachRun& run) const;
    std::vector<std::string> write_outputs(ReachRun& run, StepContext& context) const;
    std::vector<ReportTable> report_tables(const ReachRun& run, StepContext& context) const;
    void publish(ReachRun& run, StepContext& context) const;
};

}  // namespace atlante
