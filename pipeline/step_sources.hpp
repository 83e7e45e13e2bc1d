// Where a step's stations and brownfields come from: the catalogue's stations (read once per
// run; metro stations only if asked), the run's demonstration layer ("demo": the
// demo_brownfields step's, or made in memory when no such step runs), or any other source; with
// the "Fonti" line each adds to the step's outputs and the field names that go with it.
#pragma once

#include <string>

#include "engine/quality/record_screen.hpp"
#include "pipeline/options/option_origin.hpp"
#include "pipeline/options/option_set.hpp"
#include "pipeline/step_context.hpp"

namespace atlante {

struct StepSource {
    const Layer* layer = nullptr;  // shared by the run: never changed
    std::string source_line;
    // Stations from the catalogue: its id and name fields (empty otherwise: the step's own).
    std::string id_field, name_field;
    bool demonstration = false;
};

StepSource step_stations(const SourceRef& source, bool include_metro, StepContext& context);
StepSource step_brownfields(const SourceRef& source, StepContext& context);

// How a step treats the dirty records of a source a planner brings: on_invalid = "repair"
// (default), "skip" or "stop" (see record_screen.hpp), and how far outside the study area a
// record is an outlier.
struct RecordRules {
    std::string on_invalid = "repair";
    double outlier_km = 50;
    // Declares `PREFIXon_invalid` and `PREFIXoutlier_km`.
    void declare(OptionSet& options, const std::string& prefix);
    RecordScreenOptions screen_options() const;
};

// A planner's sites or services, read as they are and screened (see record_screen.hpp): the
// fields the step names checked first (`fields`: option key -> field; those of `given` keys must
// exist, the others are used when they do), then the dirty records handled by the policy.
struct ScreenRequest {
    RecordScreenOptions screen;
    std::vector<std::pair<std::string, std::string>> fields;  // option key, field name
    const OptionOrigin* origin = nullptr;                     // the step's: errors cite the key
    std::string source_key;                                   // the source's option key
};
struct ScreenedSource {
    RecordScreen screen;
    std::string source_line;
    bool demonstration = false;
    // How the file came into the working CRS: "EPSG:3003 -> EPSG:32632 via '…' (accuracy 4 m)",
    // or "EPSG:32632 (no reprojection)"; empty for a layer of the run or the catalogue.
    std::string crs_line;
};
ScreenedSource screened_brownfields(const SourceRef& source, StepContext& context,
                                    const ScreenRequest& request);
ScreenedSource screened_services(const SourceRef& source, StepContext& context,
                                 const ScreenRequest& request, const std::string& source_line);

// The screen's notes as lines for warnings ("AD-027 (feature 34): id repeated, …: skipped").
std::vector<std::string> screen_warnings(const RecordScreen& screen, const std::string& what);

}  // namespace atlante
