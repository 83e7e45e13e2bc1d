// Zonal statistics on a 4 x 4 GeoTIFF of 100 m cells holding 0..15 (row-major), checked against
// values computed by hand: cells by centre, partial overlaps, a hole, nodata, reprojection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "engine/analyses/dem_bands.hpp"
#include "engine/zonal/zonal_statistics.hpp"
#include "layers/reproject.hpp"
#include "tests/support/raster_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

// Cell (c, r) has its centre at (X0 + 50 + 100c, Y0 - 50 - 100r) and holds 4r + c.
constexpr double X0 = 396000, Y0 = 4990400;

std::string grid(const testing::TempDir& dir, std::optional<double> nodata = std::nullopt,
                 const std::string& crs = "EPSG:32632") {
    const std::string path = dir.file("dem.tif");
    testing::GridSpec spec{X0, Y0, 100, 4, 4, crs, nodata};
    testing::write_geotiff(path, spec, [&](int c, int r) {
        if (nodata && c == 0 && r == 3) return *nodata;
        return 4.0 * r + c;
    });
    return path;
}

std::string box(double x0, double y0, double x1, double y1) {
    auto p = [](double x, double y) {
        return std::to_string(X0 + x) + " " + std::to_string(Y0 - 400 + y);
    };
    return "(" + p(x0, y0) + ", " + p(x1, y0) + ", " + p(x1, y1) + ", " + p(x0, y1) + ", " +
           p(x0, y0) + ")";
}

Layer polygons(std::initializer_list<std::string> wkts, const char* crs = "EPSG:32632") {
    Layer layer("zones", Crs::from_user_input(crs), true);
    for (const auto& wkt : wkts)
        layer.append(static_cast<std::int64_t>(layer.size() + 1), Geometry::from_wkt(wkt));
    return layer;
}

TEST(ZonalStatistics, CellsByCentreHolesAndPartialOverlap) {
    testing::TempDir dir;
    const Raster dem(grid(dir));
    // Local coordinates: (0,0) is the grid's bottom-left corner, 400 m a side.
    const Layer zones =
        polygons({"POLYGON (" + box(0, 0, 200, 200) + ")",   // 4 cells: 8, 9, 12, 13
                  "POLYGON (" + box(40, 0, 160, 100) + ")",  // partial: centres 50 and 150 in
                  "POLYGON (" + box(60, 0, 140, 100) + ")",  // partial: no centre inside
                  "POLYGON (" + box(0, 0, 400, 400) + ", " + box(100, 100, 300, 300) +
                      ")"});  // the hole drops 5, 6, 9, 10
    const auto stats = zonal_statistics(dem, zones, 7.0);
    ASSERT_EQ(stats.size(), 4u);
    EXPECT_EQ(stats[0].cells, 4u);
    EXPECT_DOUBLE_EQ(stats[0].mean, 10.5);
    EXPECT_DOUBLE_EQ(stats[0].median, 10.5);
    EXPECT_DOUBLE_EQ(stats[0].min, 8);
    EXPECT_DOUBLE_EQ(stats[0].max, 13);
    EXPECT_DOUBLE_EQ(stats[0].share_above, 1.0);
    EXPECT_EQ(stats[1].cells, 2u);
    EXPECT_DOUBLE_EQ(stats[1].mean, 12.5);
    EXPECT_EQ(stats[2].cells, 0u);
    EXPECT_TRUE(std::isnan(stats[2].mean));
    EXPECT_EQ(stats[3].cells, 12u);
    EXPECT_DOUBLE_EQ(stats[3].mean, 90.0 / 12);
    EXPECT_DOUBLE_EQ(stats[3].median, 7.5);
    EXPECT_DOUBLE_EQ(stats[3].share_above, 0.5);  // 8, 11, 12, 13, 14, 15 of 12
}

TEST(ZonalStatistics, NodataCellsAreCountedApart) {
    testing::TempDir dir;
    const Raster dem(grid(dir, -9999.0));
    const auto stats =
        zonal_statistics(dem, polygons({"POLYGON (" + box(0, 0, 200, 200) + ")"}), 600);
    EXPECT_EQ(stats[0].cells, 3u);
    EXPECT_EQ(stats[0].nodata_cells, 1u);
    EXPECT_DOUBLE_EQ(stats[0].mean,
                     (8 + 9 + 13) / 3.0);  // cell (0, 3), which held 12, has no value
}

TEST(ZonalStatistics, PolygonsAreReprojectedIntoTheRasterCrs) {
    testing::TempDir dir;
    const Raster dem(grid(dir));
    Layer zones = polygons({"POLYGON (" + box(0, 0, 200, 200) + ")"});
    reproject(zones, Crs::from_user_input("EPSG:4326"));
    const auto stats = zonal_statistics(dem, zones, 600);
    EXPECT_EQ(stats[0].cells, 4u);
    EXPECT_DOUBLE_EQ(stats[0].mean, 10.5);
}

TEST(ZonalStatistics, BadRasters) {
    testing::TempDir dir;
    {
        const Raster dem(grid(dir));
        const Layer far = polygons({"POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"});
        EXPECT_THAT(testing::error_of([&] { zonal_statistics(dem, far, 600); }).what(),
                    ::testing::HasSubstr("does not overlap"));
    }
    testing::TempDir other;
    const std::string no_crs = grid(other, std::nullopt, "");
    EXPECT_THAT(testing::error_of([&] { Raster r(no_crs); }).what(),
                ::testing::HasSubstr("has no CRS"));
    EXPECT_THAT(testing::error_of([&] { Raster r(dir.file("missing.tif")); }).what(),
                ::testing::HasSubstr("no such file"));
}

TEST(DemBands, RuleFollowsTheThresholds) {
    const DemBandRule rule;
    ZonalStatistics s;
    s.cells = 10;
    s.share_above = 0.5;
    EXPECT_EQ(band_from_statistics(s, rule), "mountain");
    s.share_above = 0.49;
    s.mean = 250;
    s.min = 200;
    s.max = 480;
    EXPECT_EQ(band_from_statistics(s, rule), "plain");
    s.max = 520;  // relief 320 m > 300 m
    EXPECT_EQ(band_from_statistics(s, rule), "hill");
    s.cells = 0;
    EXPECT_EQ(band_from_statistics(s, rule), "");
}

}  // namespace
}  // namespace atlante
