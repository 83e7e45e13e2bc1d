// The bands and density steps on the real CMTo data (and a synthetic DEM over it).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "layers/reader.hpp"
#include "pipeline/steps/density_step.hpp"
#include "pipeline/steps/tor_step.hpp"
#include "tests/support/raster_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

struct StepRun {
    testing::TempDir dir;
    ProgressSink quiet;
    StepContext context{
        {dir.path(), dir.path(), testing::source_catalog_file(), testing::real_data_dir().string()},
        quiet};
};

TEST(DensityOnRealData, BandPopulationsSumExactlyAndEveryHospitalIsAccounted) {
    StepRun run;
    DensityStep step;
    const StepResult report = step.run(run.context);
    const Layer& g = *run.context.published("density", "by_band");
    ASSERT_EQ(g.size(), 3u);
    std::int64_t by_band = 0, services = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
        by_band += static_cast<std::int64_t>(g.column("population").number(i).value());
        services += g.column("n_services").integer(i);
    }
    std::int64_t by_comune = 0;
    const Layer& comuni = run.context.comuni().layer;
    for (std::size_t i = 0; i < comuni.size(); ++i)
        by_comune += comuni.column("pop_res_2020").integer(i);
    EXPECT_EQ(by_band, by_comune);
    // The two GISCO hospitals in the 5 km margin lie in no comune, and say so.
    EXPECT_EQ(services, 51);
    EXPECT_EQ(report.facts.at("SERVICES_OUTSIDE"), "27, 33 lie in no comune");
    EXPECT_THAT(report.facts.at("BAND_METHOD"), ::testing::HasSubstr("istat"));
    // The CSV starts with its header; its CSVW sidecar carries the method, and reads back.
    const std::string csv = testing::read_file(run.dir.file("density/density_by_band.csv"));
    EXPECT_THAT(csv, ::testing::StartsWith("band,label,n_comuni,"));
    const std::string sidecar =
        testing::read_file(run.dir.file("density/density_by_band.csv-metadata.json"));
    EXPECT_THAT(sidecar, ::testing::HasSubstr("\"atlante:key\": \"BAND_METHOD\""));
    EXPECT_THAT(sidecar, ::testing::HasSubstr("\"rdf:value\": \"istat: ISTAT zona altimetrica"));
    EXPECT_THAT(sidecar, ::testing::HasSubstr("\"titles\": \"1 presidio ogni N ab.\""));
    EXPECT_EQ(read_layer(run.dir.file("density/density_by_band.csv")).size(), 3u);
}

TEST(DensityOnRealData, ByZoneAndByComune) {
    StepRun run;
    DensityStep by_zone;
    by_zone.by = "zone";
    by_zone.change_from_year = 2018;
    by_zone.run(run.context);
    const Layer& zones = *run.context.published("density", "by_zone");
    EXPECT_EQ(zones.size(), 11u);
    EXPECT_TRUE(zones.field_index("change_pct").has_value());
    // Val di Chy and Valchiusa have no 2018 population: reported, not zeroed.
    std::int64_t missing = 0;
    for (std::size_t i = 0; i < zones.size(); ++i)
        missing += zones.column("population_from_nulls").integer(i);
    EXPECT_EQ(missing, 2);
    DensityStep by_comune;
    by_comune.by = "comune";
    by_comune.out = "density_comuni";
    by_comune.run(run.context);
    EXPECT_EQ(run.context.published("density", "by_comune")->size(), 312u);
}

TEST(BandsFromDem, SyntheticDemOverTheRealComuni) {
    StepRun run;
    // 250 m cells over the province; the west rises like the Alps: 200 m at x = 380 km, +30 m/km
    // westwards.
    testing::GridSpec spec{300000, 5060000, 250, 560, 440, "EPSG:32632", std::nullopt};
    testing::write_geotiff(run.dir.file("dem.tif"), spec, [&](int c, int) {
        const double x = spec.origin_x + (c + 0.5) * spec.cell;
        return 200 + std::max(0.0, 380000 - x) * 0.03;
    });
    BandsStep step;
    step.bands.method = "dem";
    step.bands.dem = SourceRef::parse(run.dir.file("dem.tif"));
    const StepResult report = step.run(run.context);
    EXPECT_TRUE(report.warnings.empty());  // every comune has a band
    const Layer& bands = *run.context.published("bands", "bands");
    ASSERT_GE(bands.size(), 2u);
    double area = 0;
    for (std::size_t i = 0; i < bands.size(); ++i) {
        area += bands.geometry(i).area();
        EXPECT_TRUE(bands.geometry(i).validity().valid);
    }
    double comuni_area = 0;
    for (std::size_t i = 0; i < run.context.comuni().layer.size(); ++i)
        comuni_area += run.context.comuni().layer.geometry(i).area();
    EXPECT_LT(std::abs(area - comuni_area) / comuni_area, 1e-6);
    EXPECT_EQ(bands.column("label").string(0), "montagna");
    EXPECT_THAT(report.facts.at("BAND_METHOD"), ::testing::HasSubstr("dem: zonal statistics"));
    const Layer comuni = read_layer(run.dir.file("bands/comuni_bands.csv"));
    EXPECT_EQ(comuni.size(), 312u);
    EXPECT_EQ(comuni.column("dem_cells").null_count(), 0u);
}

TEST(BandsFromDem, DemOutsideTheComuniIsAnError) {
    StepRun run;
    testing::write_geotiff(run.dir.file("far.tif"),
                           testing::GridSpec{0, 1000, 100, 4, 4, "EPSG:32632", std::nullopt},
                           [](int, int) { return 1.0; });
    BandsStep step;
    step.bands.method = "dem";
    step.bands.dem = SourceRef::parse(run.dir.file("far.tif"));
    EXPECT_THAT(testing::error_of([&] { step.run(run.context); }).what(),
                ::testing::HasSubstr("does not overlap"));
}

TEST(CatalogBands, UnknownBandCodeIsAnError) {
    testing::TempDir dir;
    std::string csv = testing::read_file(testing::real_data("comuni_torino_attributi.csv"));
    const std::string agliè = "001001,Agliè,A074,3,";
    ASSERT_NE(csv.find(agliè), std::string::npos);
    csv.replace(csv.find(agliè), agliè.size(), "001001,Agliè,A074,9,");
    testing::write_file(dir.file("attributes.csv"), csv);
    CatalogSpec spec = read_catalog_spec(testing::source_catalog_file());
    spec.comuni.attributes->source = dir.file("attributes.csv");
    const Catalog catalog(spec, testing::real_data_dir());
    const Error e = testing::error_of([&] { catalog.load_comuni(); });
    EXPECT_EQ(e.context().field, "zona_altimetrica_cod");
    EXPECT_THAT(e.what(), ::testing::HasSubstr("unknown band code '9'"));
}

}  // namespace
}  // namespace atlante
