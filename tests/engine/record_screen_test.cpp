// The record screen on a layer large enough to be split across the cores: the problems found in
// file order, the repairs in place, the records at one place, as on one core.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/quality/record_screen.hpp"

namespace atlante {
namespace {

constexpr std::size_t kRows = 20000;  // several chunks of 4096 rows

Layer census() {
    Layer layer("census", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"id", FieldType::String, true});
    for (std::size_t i = 0; i < kRows; ++i) {
        const double x = 390000 + 10.0 * static_cast<double>(i % 1000);
        const double y = 4990000 + 10.0 * static_cast<double>(i / 1000);
        Geometry g = Geometry::point(x, y);
        std::string id = "S-" + std::to_string(i);
        if (i == 19000) id = "S-3";                                      // repeated
        if (i == 7000) g = Geometry();                                   // no geometry
        if (i == 5000) g = Geometry::from_wkt("LINESTRING (0 0, 1 1)");  // wrong kind
        if (i == 9500) g = Geometry::point(390000 + 1000, 4990000);      // where S-100 is
        if (i == 12000)  // a bow tie: invalid, repaired
            g = Geometry::from_wkt(
                "POLYGON ((390000 4990000, 390100 4990100, 390100 4990000, 390000 4990100, "
                "390000 4990000))");
        layer.append(static_cast<std::int64_t>(i + 1), std::move(g), {id});
    }
    return layer;
}

TEST(RecordScreen, ALargeLayerIsScreenedInFileOrder) {
    RecordScreenOptions options;
    options.id_field = "id";
    options.policy = RecordPolicy::Skip;
    const RecordScreen screen = screen_records(census(), options);

    std::vector<std::string> skipped;
    for (const RecordNote& n : screen.skipped) skipped.push_back(n.label() + ": " + n.problem);
    EXPECT_THAT(skipped,
                ::testing::ElementsAre(
                    "S-5000 (feature 5001): a LineString: record must be a polygon or a point",
                    "S-7000 (feature 7001): no geometry",
                    "S-3 (feature 19001): id repeated, first at feature 4"));
    ASSERT_EQ(screen.repaired.size(), 1u);
    EXPECT_EQ(screen.repaired[0].id, "S-12000");
    EXPECT_EQ(screen.layer.size(), kRows - 3);
    // The repaired polygon is in place: valid, in the record's row (three rows before it left).
    const std::size_t row = 12000 - 2;
    EXPECT_EQ(screen.layer.column("id").text(row), "S-12000");
    EXPECT_TRUE(screen.layer.geometry(row).validity().valid);
    EXPECT_THAT(screen.same_place, ::testing::ElementsAre(::testing::ElementsAre(
                                       "S-100 (feature 101)", "S-9500 (feature 9501)")));
}

TEST(RecordScreen, OutliersAreFoundOnEveryChunk) {
    Layer area("area", Crs::from_user_input("EPSG:32632"), true);
    area.append(1, Geometry::from_wkt("POLYGON ((380000 4980000, 420000 4980000, 420000 5020000, "
                                      "380000 5020000, 380000 4980000))"));
    RecordScreenOptions options;
    options.id_field = "id";
    options.policy = RecordPolicy::Skip;
    options.study_area = &area;
    Layer layer = census();
    layer.set_geometry(15000, Geometry::point(600000, 4990000));  // 180 km east
    const RecordScreen screen = screen_records(std::move(layer), options);
    ASSERT_EQ(screen.skipped.size(), 4u);
    EXPECT_EQ(screen.skipped[2].id, "S-15000");
    EXPECT_THAT(screen.skipped[2].problem, ::testing::HasSubstr("180 km outside the study area"));
    EXPECT_EQ(std::count(screen.in_area.begin(), screen.in_area.end(), true),
              static_cast<long>(kRows - 4));
}

}  // namespace
}  // namespace atlante
