// CRS and transformations: the Mole Antonelliana through the CRSs Turin data comes in, axis
// order, operation choice by area, and refusal of ballpark transformations.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "layers/crs.hpp"
#include "layers/error.hpp"
#include "layers/reproject.hpp"

namespace atlante {
namespace {

// Mole Antonelliana, Turin. Reference coordinates from PROJ's cs2cs 9.1 (same operations).
constexpr double kMoleLon = 7.6933, kMoleLat = 45.0690;
constexpr double kUtmE = 397135.7441, kUtmN = 4991445.9594;                 // EPSG:32632
constexpr double kGaussBoagaE = 1397161.3330, kGaussBoagaN = 4991465.6540;  // EPSG:3003

Transformation between(const char* from, const char* to) {
    TransformOptions options;
    options.area_of_interest = Envelope{7.5, 44.9, 7.8, 45.2, false};
    return Transformation::create(Crs::from_user_input(from), Crs::from_user_input(to), options);
}

TEST(Crs, KnowsEpsgCodesAndNames) {
    const Crs utm = Crs::from_user_input("EPSG:32632");
    EXPECT_EQ(utm.epsg(), 32632);
    EXPECT_EQ(utm.name(), "WGS 84 / UTM zone 32N");
    EXPECT_FALSE(utm.is_geographic());
    EXPECT_TRUE(Crs::from_user_input("EPSG:4326").is_geographic());
    EXPECT_TRUE(utm.equivalent_to(Crs::from_user_input("EPSG:32632")));
    EXPECT_FALSE(utm.equivalent_to(Crs::from_user_input("EPSG:3003")));
}

TEST(Crs, UnknownCrsIsAnError) {
    EXPECT_THROW(Crs::from_user_input("EPSG:999999"), Error);
    EXPECT_THROW(Crs::from_user_input("not a crs"), Error);
}

TEST(Transformation, MoleToUtmInLonLatOrder) {
    // EPSG:4326 is latitude-first by the authority; atlante always passes longitude first.
    const Transformation t = between("EPSG:4326", "EPSG:32632");
    double x = kMoleLon, y = kMoleLat;
    ASSERT_TRUE(t.forward(x, y));
    EXPECT_NEAR(x, kUtmE, 1e-3);
    EXPECT_NEAR(y, kUtmN, 1e-3);
    EXPECT_EQ(t.info().name, "UTM zone 32N");
    EXPECT_EQ(t.info().accuracy_m, 0);  // a projection on one datum is exact
    EXPECT_FALSE(t.info().ballpark);
}

TEST(Transformation, MonteMarioUsesTheMainlandShift) {
    // Four Monte Mario -> WGS 84 shifts exist; only "(4)" covers mainland Italy, accuracy 4 m.
    const Transformation t = between("EPSG:4326", "EPSG:3003");
    double x = kMoleLon, y = kMoleLat;
    ASSERT_TRUE(t.forward(x, y));
    EXPECT_NEAR(x, kGaussBoagaE, 1e-2);
    EXPECT_NEAR(y, kGaussBoagaN, 1e-2);
    EXPECT_THAT(t.info().name, ::testing::HasSubstr("Monte Mario to WGS 84 (4)"));
    EXPECT_DOUBLE_EQ(t.info().accuracy_m, 4);
}

TEST(Transformation, MoleRoundTripThroughTurinCrss) {
    // 4326 -> 32632 -> 3003 -> 6707 -> 4326 must come back to the Mole.
    const char* chain[] = {"EPSG:4326", "EPSG:32632", "EPSG:3003", "EPSG:6707", "EPSG:4326"};
    double x = kMoleLon, y = kMoleLat;
    for (int i = 0; i + 1 < 5; ++i) {
        const Transformation t = between(chain[i], chain[i + 1]);
        ASSERT_TRUE(t.forward(x, y)) << chain[i] << " -> " << chain[i + 1];
        if (std::string(chain[i + 1]) == "EPSG:6707") {
            // RDN2008 / UTM 32N, easting first, within the 1 m accuracy of the WGS 84 datum link.
            EXPECT_NEAR(x, kUtmE, 1.0);
            EXPECT_NEAR(y, kUtmN, 1.0);
        }
    }
    EXPECT_NEAR(x, kMoleLon, 1e-8);
    EXPECT_NEAR(y, kMoleLat, 1e-8);
}

TEST(Transformation, InverseUndoesForward) {
    const Transformation t = between("EPSG:4326", "EPSG:3003");
    double x = kMoleLon, y = kMoleLat;
    ASSERT_TRUE(t.forward(x, y));
    ASSERT_TRUE(t.inverse(x, y));
    // PROJ inverts the 7-parameter Helmert shift approximately: about 1 mm here.
    EXPECT_NEAR(x, kMoleLon, 1e-7);
    EXPECT_NEAR(y, kMoleLat, 1e-7);
}

TEST(Transformation, RefusesBallparkUnlessAllowed) {
    // A Bessel datum with no known shift to WGS 84: only a ballpark (no-shift) step exists.
    const Crs bessel = Crs::from_user_input("+proj=longlat +ellps=bessel +no_defs +type=crs");
    const Crs utm = Crs::from_user_input("EPSG:32632");
    try {
        Transformation::create(bessel, utm);
        FAIL() << "a ballpark transformation was accepted";
    } catch (const Error& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("refusing a ballpark transformation"));
    }
    TransformOptions allow;
    allow.allow_ballpark = true;
    const Transformation t = Transformation::create(bessel, utm, allow);
    EXPECT_TRUE(t.info().ballpark);
    EXPECT_LT(t.info().accuracy_m, 0);
}

TEST(Reproject, RecordsTheOperationInTheLineage) {
    Layer layer("mole", Crs::from_user_input("EPSG:4326"), true);
    layer.append(1, Geometry::point(kMoleLon, kMoleLat));
    const OperationInfo op = reproject(layer, Crs::from_user_input("EPSG:32632"));
    EXPECT_EQ(op.name, "UTM zone 32N");
    EXPECT_EQ(layer.crs()->epsg(), 32632);
    const auto [x, y] = layer.geometry(0).xy();
    EXPECT_NEAR(x, kUtmE, 1e-3);
    EXPECT_NEAR(y, kUtmN, 1e-3);
    ASSERT_EQ(layer.lineage().size(), 1u);
    EXPECT_THAT(layer.lineage()[0], ::testing::HasSubstr("EPSG:4326 (WGS 84) -> EPSG:32632"));
}

}  // namespace
}  // namespace atlante
