// Dissolve by field: coverage union of edge-matched polygons, sums, the unassigned group, and
// the fallback for members that overlap.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/dissolve.hpp"

namespace atlante {
namespace {

// A 3x2 grid of 1 km squares, zones 1 (left column pair), 2, and one square with no zone.
Layer grid() {
    Layer layer("cells", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"zone", FieldType::Integer, true});
    layer.add_field({"pop", FieldType::Integer, true});
    const Value zones[] = {std::int64_t{1}, std::int64_t{1}, std::int64_t{2},
                           std::int64_t{1}, std::int64_t{2}, Value{}};
    const Value pops[] = {std::int64_t{10}, std::int64_t{20}, std::int64_t{5},
                          Value{},          std::int64_t{7},  std::int64_t{1}};
    for (int i = 0; i < 6; ++i) {
        const double x = (i % 3) * 1000.0, y = (i / 3) * 1000.0;
        const std::string wkt = "POLYGON ((" + std::to_string(x) + " " + std::to_string(y) + ", " +
                                std::to_string(x + 1000) + " " + std::to_string(y) + ", " +
                                std::to_string(x + 1000) + " " + std::to_string(y + 1000) + ", " +
                                std::to_string(x) + " " + std::to_string(y + 1000) + ", " +
                                std::to_string(x) + " " + std::to_string(y) + "))";
        layer.append(100 + i, Geometry::from_wkt(wkt), {zones[i], pops[i]});
    }
    return layer;
}

TEST(Dissolve, MergesByFieldWithSumsAndUnassigned) {
    DissolveOptions options;
    options.by = "zone";
    options.sum_fields = {"pop"};
    const DissolveResult result = dissolve(grid(), options);
    const Layer& z = result.layer;
    ASSERT_EQ(z.size(), 3u);  // zones 1, 2, then "non assegnato" last
    EXPECT_EQ(z.column("label").string(0), "1");
    EXPECT_EQ(z.column("n_features").integer(0), 3);
    EXPECT_NEAR(z.column("area_km2").real(0), 3.0, 1e-12);
    EXPECT_EQ(z.column("pop").integer(0), 30);
    EXPECT_EQ(z.column("pop_nulls").integer(0), 1);
    EXPECT_EQ(z.geometry(0).kind(),
              GeometryKind::Polygon);  // the L of three squares is one polygon
    EXPECT_EQ(z.column("pop").integer(1), 12);
    EXPECT_TRUE(z.column("zone").is_null(2));
    EXPECT_EQ(z.column("label").string(2), "unassigned");  // the default word; callers give theirs
    EXPECT_THAT(result.unassigned, ::testing::ElementsAre(105));
    for (const DissolveGroup& g : result.groups) {
        EXPECT_TRUE(g.coverage);
        EXPECT_NEAR(g.union_area, g.parts_area, 1e-6);
    }
}

TEST(Dissolve, OverlappingMembersFallBackToGeneralUnion) {
    Layer layer("overlap", Crs::from_user_input("EPSG:32632"), true);
    layer.append(1, Geometry::from_wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))"));
    layer.append(2, Geometry::from_wkt("POLYGON ((1 0, 3 0, 3 2, 1 2, 1 0))"));
    const DissolveResult result = dissolve(layer, {});
    ASSERT_EQ(result.groups.size(), 1u);
    EXPECT_FALSE(result.groups[0].coverage);
    EXPECT_NEAR(result.layer.geometry(0).area(), 6.0, 1e-9);  // not 8: the overlap counts once
}

TEST(Dissolve, RejectsNonPolygons) {
    Layer layer("points", Crs::from_user_input("EPSG:32632"), true);
    layer.append(4, Geometry::point(0, 0));
    try {
        dissolve(layer, {});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.context().feature, 4);
    }
}

}  // namespace
}  // namespace atlante
