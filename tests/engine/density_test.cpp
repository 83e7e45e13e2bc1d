// Service density on hand-built comuni: sums, ratios as the plan prints them, services outside
// every comune reported, bad population columns and grouping fields rejected.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/analyses/density.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

// Three 10 km squares side by side: two "montagna" (1.000 + 2.000 inhabitants), one "pianura".
Layer comuni() {
    Layer layer("comuni", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"band", FieldType::String, true});
    layer.add_field({"pop", FieldType::Integer, true});
    layer.add_field({"pop_before", FieldType::Integer, true});
    const char* bands[] = {"montagna", "montagna", "pianura"};
    const std::int64_t pops[] = {1000, 2000, 30000}, before[] = {1100, 2100, 27000};
    for (int i = 0; i < 3; ++i) {
        const double x = i * 10000.0;
        layer.append(i + 1,
                     Geometry::from_wkt("POLYGON ((" + std::to_string(x) + " 0, " +
                                        std::to_string(x + 10000) + " 0, " +
                                        std::to_string(x + 10000) + " 10000, " + std::to_string(x) +
                                        " 10000, " + std::to_string(x) + " 0))"),
                     {std::string(bands[i]), pops[i], before[i]});
    }
    return layer;
}

Layer services() {
    Layer layer("hospitals", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"type", FieldType::String, true});
    layer.add_field({"beds", FieldType::Integer, true});
    layer.append(10, Geometry::point(5000, 5000), {std::string("ospedale"), std::int64_t{60}});
    layer.append(11, Geometry::point(25000, 5000), {std::string("ospedale"), std::int64_t{100}});
    layer.append(12, Geometry::point(26000, 5000), {std::string("clinica"), std::int64_t{20}});
    layer.append(13, Geometry::point(27000, 6000), {std::string("clinica"), Value{}});
    layer.append(14, Geometry::point(99000, 5000),
                 {std::string("ospedale"), std::int64_t{500}});  // outside
    return layer;
}

DensityOptions options() {
    DensityOptions o;
    o.by = "band";
    o.population_field = "pop";
    o.change_from_field = "pop_before";
    o.type_field = "type";
    o.sum_field = "beds";  // its columns: beds, beds_per_1000
    o.order = {"montagna", "collina", "pianura"};
    return o;
}

TEST(Density, RatiosByGroup) {
    const Layer c = comuni(), s = services();
    const DensityResult r = service_density(c, &s, options());
    const Layer& g = r.groups;
    ASSERT_EQ(g.size(), 2u);
    EXPECT_EQ(g.column("label").string(0), "montagna");
    EXPECT_EQ(g.column("population").integer(0), 3000);
    EXPECT_EQ(g.column("n_comuni").integer(0), 2);
    EXPECT_NEAR(g.column("area_km2").real(0), 200, 1e-9);
    EXPECT_NEAR(g.column("density_per_km2").real(0), 15, 1e-12);
    EXPECT_EQ(g.column("n_services").integer(0), 1);
    EXPECT_EQ(g.column("inhabitants_per_service").integer(0), 3000);
    EXPECT_NEAR(g.column("services_per_10000").real(0), 10000.0 / 3000, 1e-12);
    EXPECT_NEAR(g.column("beds_per_1000").real(0), 60.0 / 3, 1e-12);
    EXPECT_NEAR(g.column("change").real(0), -200, 1e-12);
    EXPECT_NEAR(g.column("change_pct").real(0), -200.0 / 3200 * 100, 1e-12);
    // pianura: 3 services for 30.000 inhabitants: "1 ogni 10.000 ab."
    EXPECT_EQ(g.column("n_services").integer(1), 3);
    EXPECT_EQ(g.column("inhabitants_per_service").integer(1), 10000);
    EXPECT_NEAR(g.column("beds").real(1), 120, 1e-12);  // a null bed count adds nothing
    EXPECT_THAT(r.services_outside, ::testing::ElementsAre("14"));
    // Per type: pianura has 2 clinics and 1 hospital.
    ASSERT_EQ(r.by_type.size(), 3u);
    EXPECT_EQ(r.by_type.column("group").string(1), "pianura");
    EXPECT_EQ(r.by_type.column("type").string(1), "clinica");
    EXPECT_EQ(r.by_type.column("n_services").integer(1), 2);
    EXPECT_EQ(r.by_type.column("inhabitants_per_service").integer(1), 15000);
}

TEST(Density, WithoutServicesGivesPopulationAndArea) {
    const Layer c = comuni();
    const DensityResult r = service_density(c, nullptr, options());
    EXPECT_EQ(r.groups.column("population").integer(1), 30000);
    EXPECT_TRUE(r.groups.column("n_services").is_null(1));
}

TEST(Density, MissingPopulationIsReportedNotZeroed) {
    Layer c = comuni();
    c.column("pop").set(1, Value{});
    const DensityResult r = service_density(c, nullptr, options());
    EXPECT_THAT(r.population_missing, ::testing::ElementsAre(2));
    EXPECT_EQ(r.groups.column("population_nulls").integer(0), 1);
}

// A catalogue without population (all of Italy): services per area only, population columns
// present and empty.
TEST(Density, WithoutPopulationCountsServicesPerArea) {
    const Layer c = comuni(), s = services();
    DensityOptions o = options();
    o.population_field.clear();
    o.change_from_field.clear();
    const DensityResult r = service_density(c, &s, o);
    const Layer& g = r.groups;
    ASSERT_EQ(g.size(), 2u);
    EXPECT_EQ(g.column("n_services").integer(0), 1);  // montagna: 200 km², one service
    EXPECT_NEAR(g.column("services_per_100km2").real(0), 0.5, 1e-12);
    EXPECT_EQ(g.column("n_services").integer(1), 3);  // pianura: 100 km², three
    EXPECT_NEAR(g.column("services_per_100km2").real(1), 3.0, 1e-12);
    for (const char* f : {"population", "density_per_km2", "inhabitants_per_service",
                          "services_per_10000", "beds_per_1000"})
        EXPECT_TRUE(g.column(f).is_null(1)) << f;
    EXPECT_TRUE(r.population_missing.empty());
    EXPECT_TRUE(r.by_type.column("inhabitants_per_service").is_null(0));
}

TEST(Density, BadInput) {
    Layer text_pop("comuni", Crs::from_user_input("EPSG:32632"), true);
    text_pop.add_field({"band", FieldType::String, true});
    text_pop.add_field({"pop", FieldType::String, true});
    text_pop.append(7, Geometry::from_wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"),
                    {std::string("pianura"), std::string("12")});
    text_pop.append(8, Geometry::from_wkt("POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))"),
                    {std::string("pianura"), std::string("n.d.")});
    DensityOptions o;
    o.by = "band";
    o.population_field = "pop";
    const Error e = testing::error_of([&] { service_density(text_pop, nullptr, o); });
    EXPECT_EQ(e.context().feature, 8);
    EXPECT_EQ(e.context().field, "pop");
    EXPECT_THAT(e.what(), ::testing::HasSubstr("must be numeric"));
    o.by = "zona";
    EXPECT_EQ(testing::error_of([&] { service_density(comuni(), nullptr, o); }).context().field,
              "zona");
}

}  // namespace
}  // namespace atlante
