// Validity: invalid polygons are repaired with make-valid and reported by feature id; empty and
// null geometries are reported; non-finite coordinates are rejected with the feature's id.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <gdal.h>
#include <ogr_api.h>

#include <cmath>

#include "layers/reader.hpp"
#include "layers/validity.hpp"
#include "layers/writer.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

Layer layer_with_bowtie() {
    Layer layer("parcels", Crs::from_user_input("EPSG:32632"), true);
    layer.append(10, Geometry::from_wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"));
    // A bow-tie: self-intersecting at (5, 5); its two triangles have 25 m² each.
    layer.append(11, Geometry::from_wkt("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))"));
    layer.append(12, Geometry::from_wkt("POLYGON EMPTY"));
    layer.append(13, Geometry());
    return layer;
}

TEST(Validity, FindsInvalidEmptyAndNull) {
    const ValidityReport report = check_geometries(layer_with_bowtie());
    EXPECT_EQ(report.count(GeometryIssue::Kind::Invalid), 1u);
    EXPECT_EQ(report.count(GeometryIssue::Kind::Empty), 1u);
    EXPECT_EQ(report.count(GeometryIssue::Kind::Null), 1u);
    const auto invalid =
        std::find_if(report.issues.begin(), report.issues.end(),
                     [](const auto& i) { return i.kind == GeometryIssue::Kind::Invalid; });
    EXPECT_EQ(invalid->feature, 11);
    EXPECT_THAT(invalid->reason, ::testing::HasSubstr("Self-intersection"));
    ASSERT_TRUE(invalid->location);
    EXPECT_NEAR(invalid->location->first, 5, 1e-9);
    EXPECT_NEAR(invalid->location->second, 5, 1e-9);
}

TEST(Validity, RepairsBowtieIntoTwoTriangles) {
    Layer layer = layer_with_bowtie();
    const ValidityReport report = repair_geometries(layer);
    EXPECT_EQ(report.repaired(), 1u);
    EXPECT_THAT(report.summary(), ::testing::HasSubstr("features 11"));
    const Geometry& fixed = layer.geometry(1);
    EXPECT_EQ(fixed.kind(), GeometryKind::MultiPolygon);
    EXPECT_EQ(fixed.num_geometries(), 2);
    EXPECT_NEAR(fixed.area(), 50.0, 1e-9);
    EXPECT_TRUE(fixed.validity().valid);
    EXPECT_EQ(layer.geometry(0).area(), 100.0);  // valid features untouched
    ASSERT_FALSE(layer.lineage().empty());
    EXPECT_THAT(layer.lineage().back(), ::testing::HasSubstr("repaired 1 invalid"));
}

TEST(Validity, NonFiniteCoordinateIsRejectedWithTheFeatureId) {
    Layer layer("points", Crs::from_user_input("EPSG:32632"), true);
    layer.append(7, Geometry::point(1, 2));
    layer.append(8, Geometry::point(1, 2).transform_xy([](double& x, double&) {
        x = std::nan("");
        return true;
    }));
    const ValidityReport report = check_geometries(layer);
    ASSERT_EQ(report.count(GeometryIssue::Kind::NonFinite), 1u);
    EXPECT_EQ(report.issues[0].feature, 8);
    try {
        repair_geometries(layer);
        FAIL() << "a NaN coordinate was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.context().feature, 8);
    }
}

TEST(Validity, ReaderRejectsNonFiniteCoordinatesNamingTheFeature) {
    // Write a GeoPackage whose second point is (inf, 45) straight through OGR.
    testing::TempDir dir;
    const std::string path = dir.file("bad.gpkg");
    {
        GDALAllRegister();
        GDALDatasetH ds =
            GDALCreate(GDALGetDriverByName("GPKG"), path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        ASSERT_NE(ds, nullptr);
        OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
        OSRImportFromEPSG(srs, 32632);
        OGRLayerH layer = GDALDatasetCreateLayer(ds, "stations", srs, wkbPoint, nullptr);
        for (double x : {7.0, static_cast<double>(INFINITY)}) {
            OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
            OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
            OGR_G_SetPoint_2D(g, 0, x, 45.0);
            OGR_F_SetGeometryDirectly(f, g);
            ASSERT_EQ(OGR_L_CreateFeature(layer, f), OGRERR_NONE);
            OGR_F_Destroy(f);
        }
        OSRRelease(srs);
        GDALClose(ds);
    }
    try {
        read_layer(path);
        FAIL() << "an infinite coordinate was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.context().feature, 2);
        EXPECT_EQ(e.context().layer, "stations");
        EXPECT_THAT(e.what(), ::testing::HasSubstr("non-finite coordinate"));
    }
}

}  // namespace
}  // namespace atlante
