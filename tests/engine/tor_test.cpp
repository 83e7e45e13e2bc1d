// TOR on hand-built fixtures: inclusion at the radius, straddling polygons, equidistant stations,
// score components and ranking order, summaries, and every kind of bad input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "engine/analyses/tor.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

const char* const kUtm = "EPSG:32632";

Layer stations() {
    Layer layer("stations", Crs::from_user_input(kUtm), true);
    layer.add_field({"id", FieldType::String, false});
    layer.add_field({"name", FieldType::String, true});
    layer.append(1, Geometry::point(0, 0), {std::string("10"), std::string("Alfa")});
    layer.append(2, Geometry::point(0, 2000), {std::string("20"), std::string("Beta")});
    layer.append(3, Geometry::point(10000, 0),
                 {std::string("30"), Value{}});  // no name: its id is shown
    return layer;
}

Layer brownfields() {
    Layer layer("brownfields", Crs::from_user_input(kUtm), true);
    layer.add_field({"id", FieldType::String, false});
    layer.add_field({"name", FieldType::String, true});
    layer.add_field({"class", FieldType::String, true});
    // b1: a point exactly 1500 m from Alfa (inclusive).
    layer.append(1, Geometry::point(1500, 0),
                 {std::string("b1"), std::string("Punto"), std::string("alta")});
    // b2: equidistant (1000 m) from Alfa and Beta.
    layer.append(2, Geometry::from_wkt("POLYGON ((-50 950, 50 950, 50 1050, -50 1050, -50 950))"),
                 {std::string("b2"), Value{}, std::string("media")});
    // b3: a strip from x = 1000 to 2000 along Alfa's axis: about half inside the disc.
    layer.append(3,
                 Geometry::from_wkt("POLYGON ((1000 -10, 2000 -10, 2000 10, 1000 10, 1000 -10))"),
                 {std::string("b3"), Value{}, std::string("bassa")});
    // b4: far from everything, nearest to the unnamed station.
    layer.append(4, Geometry::from_wkt("POLYGON ((7000 0, 7100 0, 7100 100, 7000 100, 7000 0))"),
                 {std::string("b4"), Value{}, Value{}});
    return layer;
}

Layer rail() {
    Layer layer("rail", Crs::from_user_input(kUtm), true);
    layer.add_field({"from", FieldType::String, false});
    layer.add_field({"to", FieldType::String, false});
    layer.append(1, Geometry::from_wkt("LINESTRING (0 0, 0 2000)"),
                 {std::string("10"), std::string("20")});
    layer.append(2, Geometry::from_wkt("LINESTRING (0 0, 10000 0)"),
                 {std::string("10"), std::string("30")});
    return layer;
}

Layer comuni() {
    Layer layer("comuni", Crs::from_user_input(kUtm), true);
    layer.add_field({"name", FieldType::String, false});
    layer.add_field({"zone", FieldType::String, true});
    layer.append(1,
                 Geometry::from_wkt(
                     "POLYGON ((-5000 -5000, 5000 -5000, 5000 5000, -5000 5000, -5000 -5000))"),
                 {std::string("Uno"), std::string("Zona A")});
    return layer;
}

std::size_t row_of(const Layer& ranked, const std::string& id) {
    for (std::size_t i = 0; i < ranked.size(); ++i)
        if (ranked.column("id").string(i) == id) return i;
    ADD_FAILURE() << "no " << id;
    return 0;
}

TEST(Tor, JoinsRanksAndSummarises) {
    const Layer s = stations(), b = brownfields(), r = rail(), c = comuni();
    const TorResult result = run_tor({&s, &b, &r, &c}, TorOptions{});
    const Layer& ranked = result.ranked;
    ASSERT_EQ(ranked.size(), 4u);
    EXPECT_EQ(result.inside, 3u);
    EXPECT_TRUE(result.notes.empty());

    const std::size_t b1 = row_of(ranked, "b1");
    EXPECT_EQ(ranked.column("in_tor").integer(b1), 1);
    EXPECT_EQ(ranked.column("distance_m").real(b1), 1500.0);
    EXPECT_EQ(ranked.column("c_proximity").real(b1), 0.0);
    EXPECT_TRUE(ranked.column("area_m2").is_null(b1));  // a point has no area
    EXPECT_TRUE(ranked.column("c_area").is_null(b1));

    const std::size_t b2 = row_of(ranked, "b2");
    EXPECT_EQ(ranked.column("n_stations_within").integer(b2), 2);
    EXPECT_EQ(ranked.column("nearest_station").string(b2), "Alfa");  // tie: the first station
    EXPECT_EQ(ranked.column("stations_within").string(b2), "Alfa; Beta");
    EXPECT_NEAR(ranked.column("distance_m").real(b2), 950.0, 1e-9);
    EXPECT_NEAR(ranked.column("share_within").real(b2), 1.0, 1e-12);

    const std::size_t b3 = row_of(ranked, "b3");
    EXPECT_NEAR(ranked.column("distance_m").real(b3), 1000.0, 1e-9);
    EXPECT_NEAR(ranked.column("share_within").real(b3), 0.5, 2e-3);
    EXPECT_NEAR(ranked.column("area_within_m2").real(b3), 10000, 20);

    const std::size_t b4 = row_of(ranked, "b4");
    EXPECT_EQ(ranked.column("in_tor").integer(b4), 0);
    EXPECT_TRUE(ranked.column("rank").is_null(b4));
    EXPECT_TRUE(ranked.column("score").is_null(b4));
    EXPECT_EQ(ranked.column("nearest_station").string(b4), "30");
    EXPECT_NEAR(ranked.column("distance_m").real(b4), 2900.0, 1e-9);
    EXPECT_EQ(b4, 3u);  // outside TOR comes after every ranked site

    // Components. Alfa has degree 2, Beta 1, the unnamed station 1: service = degree / 2.
    EXPECT_EQ(ranked.column("c_service").real(b2), 1.0);
    EXPECT_NEAR(ranked.column("c_proximity").real(b2), 1.0 - 950.0 / 1500, 1e-12);
    EXPECT_EQ(ranked.column("c_class").real(b2), 0.5);
    EXPECT_EQ(ranked.column("c_area").real(b2), 1.0);  // the largest area inside among the sites
    const double expected_b2 = (0.4 * (1 - 950.0 / 1500) + 0.2 * 1 + 0.2 * 1 + 0.2 * 0.5) / 1.0;
    EXPECT_NEAR(ranked.column("score").real(b2), expected_b2, 1e-12);
    // b1 has no area: its score is over the other three weights.
    EXPECT_NEAR(ranked.column("score").real(b1), (0.4 * 0 + 0.2 * 1 + 0.2 * 1) / 0.8, 1e-12);

    // Ranks 1..3 in descending score.
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(ranked.column("rank").integer(i), static_cast<std::int64_t>(i + 1));
    EXPECT_GE(ranked.column("score").real(0), ranked.column("score").real(1));
    EXPECT_GE(ranked.column("score").real(1), ranked.column("score").real(2));

    // Pairs: b1-Alfa, b2-Alfa, b2-Beta, b3-Alfa.
    EXPECT_EQ(result.pairs.size(), 4u);
    // Stations: degree and what lies within.
    EXPECT_EQ(result.stations.column("degree").integer(0), 2);
    EXPECT_EQ(result.stations.column("n_brownfields_within").integer(0), 3);
    EXPECT_EQ(result.discs.size(), 3u);
    // Summaries: the far site falls outside the only comune.
    ASSERT_EQ(result.by_comune.size(), 2u);
    EXPECT_EQ(result.by_comune.column("comune").string(0), "Uno");
    EXPECT_EQ(result.by_comune.column("n_brownfields").integer(0), 3);
    EXPECT_EQ(result.by_comune.column("n_in_tor").integer(0), 3);
    EXPECT_EQ(result.by_comune.column("comune").string(1), "unassigned");
    EXPECT_EQ(result.by_zone.column("zone").string(0), "Zona A");
}

TEST(Tor, WithoutRailAndComuniSaysWhatIsEmpty) {
    const Layer s = stations(), b = brownfields();
    const TorResult result = run_tor({&s, &b, nullptr, nullptr}, TorOptions{});
    EXPECT_THAT(result.notes,
                ::testing::Contains(::testing::HasSubstr("service component left empty")));
    EXPECT_THAT(result.notes,
                ::testing::Contains(::testing::HasSubstr("comune and zone left empty")));
    const std::size_t b2 = row_of(result.ranked, "b2");
    EXPECT_TRUE(result.ranked.column("c_service").is_null(b2));
    EXPECT_TRUE(result.ranked.column("comune").is_null(b2));
    EXPECT_EQ(result.inside, 3u);  // the join itself does not depend on them
    EXPECT_EQ(result.by_zone.size(), 0u);
}

TEST(Tor, TiesBreakOnDistanceThenId) {
    Layer s("stations", Crs::from_user_input(kUtm), true);
    s.add_field({"id", FieldType::String, false});
    s.append(1, Geometry::point(0, 0), {std::string("1")});
    Layer b("brownfields", Crs::from_user_input(kUtm), true);
    b.add_field({"id", FieldType::String, false});
    for (const char* id : {"z", "a", "m"})
        b.append(static_cast<std::int64_t>(b.size() + 1), Geometry::point(100, 0),
                 {std::string(id)});
    const TorResult result = run_tor({&s, &b, nullptr, nullptr}, TorOptions{});
    EXPECT_EQ(result.ranked.column("id").string(0), "a");
    EXPECT_EQ(result.ranked.column("id").string(1), "m");
    EXPECT_EQ(result.ranked.column("id").string(2), "z");
}

// 20.000 sites, split across the cores: each site's nearest station, stations within and comune
// as a brute-force pass finds them; the ranking the same whether the geometries are copied or
// taken over from the input.
TEST(Tor, ManySitesOnEveryCoreMatchBruteForce) {
    const Layer s = stations(), c = comuni();
    Layer b("brownfields", Crs::from_user_input(kUtm), true);
    b.add_field({"id", FieldType::String, false});
    std::uint32_t seed = 3;
    const auto next = [&seed] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
    for (int i = 0; i < 20000; ++i) {
        const double x = -3000.0 + static_cast<double>(next() % 16000),
                     y = -3000.0 + static_cast<double>(next() % 8000);
        b.append(i + 1, testing::square(x, y, 40), {"s" + std::to_string(i)});
    }
    TorOptions options;
    options.station_id = "id";
    const TorResult copied = run_tor({&s, &b, nullptr, &c}, options);
    ASSERT_EQ(copied.ranked.size(), b.size());
    std::size_t inside = 0;
    for (std::size_t row = 0; row < copied.ranked.size(); ++row) {
        const std::string id(copied.ranked.column("id").string(row));
        const Geometry& g = b.geometry(std::stoul(id.substr(1)));
        double nearest = std::numeric_limits<double>::infinity();
        std::int64_t within = 0;
        for (std::size_t st = 0; st < s.size(); ++st) {
            const double d = g.distance(s.geometry(st));
            nearest = std::min(nearest, d);
            within += d <= options.radius_m;
        }
        inside += within > 0;
        ASSERT_DOUBLE_EQ(copied.ranked.column("distance_m").real(row), nearest) << id;
        ASSERT_EQ(copied.ranked.column("n_stations_within").integer(row), within) << id;
        const bool in_uno = c.geometry(0).covers(g.point_on_surface());
        ASSERT_EQ(copied.ranked.column("in_area").integer(row), in_uno ? 1 : 0) << id;
    }
    EXPECT_EQ(copied.inside, inside);
    EXPECT_GT(inside, 1000u);

    Layer consumed = b.clone();
    const TorResult taken = run_tor({&s, &consumed, nullptr, &c, &consumed}, options);
    ASSERT_EQ(taken.ranked.size(), copied.ranked.size());
    for (std::size_t row = 0; row < taken.ranked.size(); ++row) {
        ASSERT_EQ(taken.ranked.column("id").string(row), copied.ranked.column("id").string(row));
        ASSERT_DOUBLE_EQ(taken.ranked.geometry(row).area(), copied.ranked.geometry(row).area());
    }
    EXPECT_FALSE(consumed.geometry(0));  // the input was left without its geometries
}

// The message of the error f throws.
template <class F>
std::string error_of(F&& f) {
    return testing::error_of(std::forward<F>(f)).what();
}

TEST(Tor, BadInput) {
    const Layer s = stations(), b = brownfields();
    TorOptions zero;
    zero.radius_m = 0;
    EXPECT_THAT(error_of([&] {
                    run_tor({&s, &b, nullptr, nullptr}, zero);
                }),
                ::testing::HasSubstr("positive number"));
    TorOptions nan;
    nan.radius_m = std::nan("");
    EXPECT_THAT(error_of([&] {
                    run_tor({&s, &b, nullptr, nullptr}, nan);
                }),
                ::testing::HasSubstr("positive number"));

    const Layer empty("brownfields", Crs::from_user_input(kUtm), true);
    EXPECT_THAT(error_of([&] {
                    run_tor({&s, &empty, nullptr, nullptr}, {});
                }),
                ::testing::HasSubstr("layer is empty"));

    Layer lines("brownfields", Crs::from_user_input(kUtm), true);
    lines.add_field({"id", FieldType::String, false});
    lines.append(7, Geometry::from_wkt("LINESTRING (0 0, 1 1)"), {std::string("l1")});
    EXPECT_THAT(error_of([&] {
                    run_tor({&s, &lines, nullptr, nullptr}, {});
                }),
                ::testing::AllOf(::testing::HasSubstr("feature 7"),
                                 ::testing::HasSubstr("polygon or a point, not a LineString")));

    Layer duplicates = brownfields();
    duplicates.append(9, Geometry::point(1, 1), {std::string("b2"), Value{}, Value{}});
    EXPECT_THAT(
        error_of([&] {
            run_tor({&s, &duplicates, nullptr, nullptr}, {});
        }),
        ::testing::AllOf(::testing::HasSubstr("duplicate brownfield id 'b2' (also feature 2)"),
                         ::testing::HasSubstr("field 'id'")));

    Layer geographic("stations", Crs::from_user_input("EPSG:4326"), true);
    geographic.add_field({"id", FieldType::String, false});
    geographic.append(1, Geometry::point(7.66, 45.07), {std::string("1")});
    EXPECT_THAT(error_of([&] {
                    run_tor({&geographic, &b, nullptr, nullptr}, {});
                }),
                ::testing::HasSubstr("geographic CRS"));
}

}  // namespace
}  // namespace atlante
