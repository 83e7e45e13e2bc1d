// Within-distance and nearest joins on hand-built fixtures: the inclusive edge at exactly the
// radius, polygons straddling it, ties between equidistant stations.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/index/envelope_index.hpp"
#include "engine/proximity/disc_coverage.hpp"
#include "engine/proximity/within_distance.hpp"

namespace atlante {
namespace {

Layer stations(std::initializer_list<std::pair<double, double>> points) {
    Layer layer("stations", Crs::from_user_input("EPSG:32632"), true);
    std::int64_t id = 1;
    for (const auto& [x, y] : points) layer.append(id++, Geometry::point(x, y));
    return layer;
}

TEST(WithinDistance, ExactlyAtTheRadiusIsInside) {
    const Layer s = stations({{0, 0}});
    const WithinDistance join(s);
    const auto at = join.within(Geometry::point(1500, 0), 1500);
    ASSERT_EQ(at.size(), 1u);
    EXPECT_EQ(at[0].distance, 1500.0);
    EXPECT_TRUE(join.within(Geometry::point(1500.001, 0), 1500).empty());
    EXPECT_TRUE(join.within(Geometry::point(0, -1500.0001), 1500).empty());
    // Diagonal: 3-4-5 triangle scaled to 1500.
    EXPECT_EQ(join.within(Geometry::point(900, 1200), 1500).size(), 1u);
}

TEST(WithinDistance, PolygonStraddlingTheRadiusCountsByItsNearestPart) {
    const Layer s = stations({{0, 0}});
    const WithinDistance join(s);
    // From x = 1400 to 2400: centroid at 1900 m, nearest edge at 1400 m.
    const Geometry site =
        Geometry::from_wkt("POLYGON ((1400 -50, 2400 -50, 2400 50, 1400 50, 1400 -50))");
    const auto found = join.within(site, 1500);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NEAR(found[0].distance, 1400.0, 1e-9);
    EXPECT_TRUE(join.within(site, 1399.9).empty());
}

TEST(WithinDistance, EquidistantStationsTieToTheLowerRow) {
    const Layer s = stations({{0, 2000}, {0, 0}});
    const WithinDistance join(s);
    const Geometry site = Geometry::point(0, 1000);
    const auto found = join.within(site, 1500);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].source, 0u);
    EXPECT_EQ(found[1].source, 1u);
    const auto nearest = join.nearest(site);
    ASSERT_TRUE(nearest);
    EXPECT_EQ(nearest->source, 0u);
    EXPECT_EQ(nearest->distance, 1000.0);
}

TEST(WithinDistance, NearestIsExactNotByEnvelope) {
    // Station 0 is nearest the long diagonal polygon's envelope, station 1 nearest the polygon.
    const Layer s = stations({{900, 100}, {-300, 0}});
    const WithinDistance join(s);
    const Geometry diagonal = Geometry::from_wkt("POLYGON ((0 0, 1000 1000, 1000 990, 10 0, 0 0))");
    const auto nearest = join.nearest(diagonal);
    ASSERT_TRUE(nearest);
    EXPECT_EQ(nearest->source, 1u);
    EXPECT_NEAR(nearest->distance, 300, 1e-9);
}

TEST(WithinDistance, NoSources) {
    const Layer s = stations({});
    const WithinDistance join(s);
    EXPECT_FALSE(join.nearest(Geometry::point(0, 0)));
    EXPECT_TRUE(join.within(Geometry::point(0, 0), 1e9).empty());
}

TEST(DiscCoverage, ShareOfAStraddlingSite) {
    const Layer s = stations({{0, 0}});
    const DiscCoverage discs(s, 1500, 64);
    // A 1000 m x 20 m strip from x = 1000 to 2000: about half of it lies inside the circle.
    const Geometry strip =
        Geometry::from_wkt("POLYGON ((1000 -10, 2000 -10, 2000 10, 1000 10, 1000 -10))");
    EXPECT_NEAR(discs.area_within(strip, {0}) / strip.area(), 0.5, 2e-3);
    EXPECT_EQ(discs.area_within(strip, {}), 0.0);
    // An inscribed 256-gon: area short of the circle's by (2π/256)²/6 = 1.0e-4.
    EXPECT_NEAR(discs.disc(0).area() / (3.14159265358979 * 1500 * 1500), 1.0 - 1.0e-4, 1e-5);
}

TEST(EnvelopeIndex, QueriesAndNearest) {
    const Layer s = stations({{0, 0}, {100, 0}, {5000, 5000}});
    const EnvelopeIndex index(s);
    EXPECT_EQ(index.size(), 3u);
    EXPECT_THAT(index.query(Envelope{-1, -1, 150, 1, false}), ::testing::ElementsAre(0, 1));
    EXPECT_THAT(index.query(Envelope{4000, 4000, 4000, 4000, false}, 1000),
                ::testing::ElementsAre(2));
    EXPECT_EQ(index.nearest(Envelope{4900, 4900, 4900, 4900, false}), 2u);
}

}  // namespace
}  // namespace atlante
