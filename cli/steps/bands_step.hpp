// The `bands` step: the altimetric band of every comune (ISTAT zona altimetrica, or from a DEM)
// and the band polygons (comuni dissolved by band), with population and area.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/steps/step_context.hpp"
#include "engine/analyses/dem_bands.hpp"
#include "engine/config/strict_table.hpp"

namespace atlante {

struct BandsStep {
    std::string method = "istat";  // "istat" or "dem"
    // Polygons: "catalog" (the CMTo comuni), or a source with the catalogue's band code field
    // (istat) or any polygons (dem), the population fields and the name field.
    std::string comuni = "catalog";
    std::string dem;  // raster for method "dem"
    DemBandRule rule;
    std::string out = "bands";  // folder, relative to the run's output folder
};

BandsStep read_bands_step(const StrictTable& table);

// The comuni with their band by `method` (the catalogue's ISTAT band, or from the DEM), and
// the metadata lines describing how ("BAND_METHOD", thresholds). Shared with the density step.
struct BandedComuni {
    Layer layer;
    std::map<std::string, std::string> metadata;
    std::vector<std::int64_t> without_band;
};
BandedComuni banded_comuni(const BandsStep& step, StepContext& context);

struct BandsStepReport {
    Layer bands;  // one polygon per band
    std::vector<std::string> files;
    std::map<std::string, std::string> metadata;
    std::vector<std::int64_t> without_band;
};

BandsStepReport run_bands_step(const BandsStep& step, StepContext& context);
std::string describe_bands(const BandsStepReport& report, const std::string& population_field);

}  // namespace atlante
