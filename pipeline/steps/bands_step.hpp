// The `bands` step: the altimetric band of every comune (ISTAT zona altimetrica, or from a DEM)
// and the band polygons (comuni dissolved by band), with population and area.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/analyses/dem_bands.hpp"
#include "pipeline/step.hpp"
#include "pipeline/step_context.hpp"

namespace atlante {

// How the comuni get their band; shared with the density step, which groups by band.
struct BandMethod {
    std::string method = "istat";  // "istat" or "dem"
    // Polygons: the catalogue's comuni, or a source with the catalogue's band code field
    // (istat) or any polygons (dem), the population fields and the name field.
    SourceRef comuni = SourceRef::parse("catalog:comuni");
    SourceRef dem;  // raster for method "dem"
    DemBandRule rule;

    // Declares method, comuni, dem and the rule under `prefix` ("" or "band_").
    void declare(OptionSet& options, const std::string& prefix);
    // "dem" needs a raster; throws through `origin`.
    void check(const OptionOrigin& origin, const std::string& prefix) const;
};

// The comuni with their band by the method, and the metadata lines describing how
// ("BAND_METHOD", thresholds); comuni with no band are listed by id.
struct BandedComuni {
    Layer layer;
    std::map<std::string, std::string> metadata;
    std::vector<std::int64_t> without_band;
};
BandedComuni banded_comuni(const BandMethod& method, StepContext& context);

class BandsStep : public Step {
  public:
    static const StepKind& info();
    const StepKind& kind() const override { return info(); }
    void declare(OptionSet& options) override;
    void finish_options() override;
    std::vector<StepOutputDecl> outputs() const override;
    StepResult run(StepContext& context) const override;

    BandMethod bands;
    std::string out = "bands";  // folder, relative to the run's output folder
    std::string output_crs;     // the GeoPackage's CRS (empty: the run's)
};

}  // namespace atlante
