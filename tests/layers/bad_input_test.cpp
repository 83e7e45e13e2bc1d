// Bad input: each case fails with one message naming file, layer, feature and field, and a
// failed write leaves what was there before.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "layers/reader.hpp"
#include "layers/reproject.hpp"
#include "layers/writer.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

using testing::error_of;
using ::testing::HasSubstr;

TEST(BadInput, MissingFile) {
    const Error e = error_of([] { read_layer("/nonexistent/comuni.gpkg"); });
    EXPECT_EQ(e.context().file, "/nonexistent/comuni.gpkg");
    EXPECT_THAT(e.what(), HasSubstr("no such file"));
}

TEST(BadInput, FileThatIsNotGeodata) {
    testing::TempDir dir;
    testing::write_file(dir.file("notes.gpkg"), "this is not a GeoPackage");
    const Error e = error_of([&] { read_layer(dir.file("notes.gpkg")); });
    EXPECT_THAT(e.what(), HasSubstr("cannot open as a vector source"));
}

TEST(BadInput, UnknownLayerListsTheLayers) {
    testing::TempDir dir;
    Layer layer("stations", Crs::from_user_input("EPSG:32632"), true);
    layer.append(1, Geometry::point(1, 1));
    write_layer(layer, dir.file("data.gpkg"));
    ReadOptions read;
    read.layer = "stazioni";
    const Error e = error_of([&] { read_layer(dir.file("data.gpkg"), read); });
    EXPECT_EQ(e.context().layer, "stazioni");
    EXPECT_THAT(e.what(), HasSubstr("no such layer (layers: stations)"));
}

TEST(BadInput, GeometryWithoutCrs) {
    testing::TempDir dir;
    testing::write_file(dir.file("sites.csv"), "id,WKT\n1,\"POINT (1 2)\"\n");
    const Error e = error_of([&] { read_layer(dir.file("sites.csv")); });
    EXPECT_EQ(e.context().layer, "sites");
    EXPECT_THAT(e.what(), HasSubstr("does not say which CRS"));
}

TEST(BadInput, UnknownCrsNamedByTheUser) {
    testing::TempDir dir;
    testing::write_file(dir.file("sites.csv"), "id,WKT\n1,\"POINT (1 2)\"\n");
    ReadOptions read;
    read.assume_crs = "EPSG:123456789";
    const Error e = error_of([&] { read_layer(dir.file("sites.csv"), read); });
    EXPECT_THAT(e.what(), HasSubstr("unknown CRS 'EPSG:123456789'"));
}

TEST(BadInput, UnreadableCrsInTheFile) {
    testing::TempDir dir;
    Layer layer("stations", Crs::from_user_input("EPSG:32632"), true);
    layer.append(1, Geometry::point(1, 1));
    write_layer(layer, dir.file("s.shp"));
    testing::write_file(dir.file("s.prj"), "PROJCS[\"garbage\", nonsense]");
    const Error e = error_of([&] { read_layer(dir.file("s.shp")); });
    EXPECT_THAT(e.what(), ::testing::AnyOf(HasSubstr("CRS"), HasSubstr("cannot open")));
}

TEST(BadInput, WrongFieldTypeNamesFeatureAndField) {
    testing::TempDir dir;
    testing::write_file(dir.file("pop.csv"), "pro_com_t,pop_res_2021\n001001,2548\n001002,n.d.\n");
    ReadOptions read;
    read.field_types["pop_res_2021"] = FieldType::Integer;
    const Error e = error_of([&] { read_layer(dir.file("pop.csv"), read); });
    EXPECT_EQ(e.context().feature, 2);
    EXPECT_EQ(e.context().field, "pop_res_2021");
    EXPECT_THAT(e.what(), HasSubstr("pop.csv"));
    EXPECT_THAT(e.what(), HasSubstr("value 'n.d.' is not of type integer"));
}

TEST(BadInput, DeclaredTypeForAMissingField) {
    testing::TempDir dir;
    testing::write_file(dir.file("pop.csv"), "pro_com_t,pop\n001001,2548\n");
    ReadOptions read;
    read.field_types["pop_res_2021"] = FieldType::Integer;
    const Error e = error_of([&] { read_layer(dir.file("pop.csv"), read); });
    EXPECT_EQ(e.context().field, "pop_res_2021");
}

TEST(BadInput, BadAttributeFilter) {
    testing::TempDir dir;
    testing::write_file(dir.file("pop.csv"), "pro_com_t,pop\n001001,2548\n");
    ReadOptions read;
    read.where = "pop >>> 3";
    const Error e = error_of([&] { read_layer(dir.file("pop.csv"), read); });
    EXPECT_THAT(e.what(), HasSubstr("bad attribute filter 'pop >>> 3'"));
}

TEST(BadInput, UnwritableOutputFolder) {
    Layer layer("stations", Crs::from_user_input("EPSG:32632"), true);
    layer.append(1, Geometry::point(1, 1));
    const Error e = error_of([&] { write_layer(layer, "/nonexistent/out/stations.gpkg"); });
    EXPECT_EQ(e.context().file, "/nonexistent/out/stations.gpkg");
    EXPECT_THAT(e.what(), HasSubstr("does not exist"));
}

TEST(BadInput, UnknownOutputFormat) {
    testing::TempDir dir;
    Layer layer("stations", Crs::from_user_input("EPSG:32632"), true);
    const Error e = error_of([&] { write_layer(layer, dir.file("stations.xlsx")); });
    EXPECT_THAT(e.what(), HasSubstr("unknown output format"));
}

TEST(BadInput, FailedWriteKeepsTheEarlierOutput) {
    testing::TempDir dir;
    Layer good("stations", Crs::from_user_input("EPSG:32632"), true);
    good.add_field({"name", FieldType::String, true});
    good.append(1, Geometry::point(396000, 4990000), {std::string("Porta Susa")});
    write_layer(good, dir.file("stations.geojson"));
    const std::string before = testing::read_file(dir.file("stations.geojson"));

    // GeoJSON needs EPSG:4326; from a datum with no known shift only a ballpark exists: refused.
    Layer bad("stations", Crs::from_user_input("+proj=longlat +ellps=bessel +no_defs +type=crs"),
              true);
    bad.append(1, Geometry::point(7.66, 45.07));
    const Error e = error_of([&] { write_layer(bad, dir.file("stations.geojson")); });
    EXPECT_THAT(e.what(), HasSubstr("ballpark"));
    EXPECT_EQ(testing::read_file(dir.file("stations.geojson")), before);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
        ++files;
    EXPECT_EQ(files, 1u) << "a temporary file was left behind";
}

}  // namespace
}  // namespace atlante
