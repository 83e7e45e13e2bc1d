// Writing and reading back every output format: values, types, nulls, codes with leading zeros,
// the comune called "None", geometries and CRS survive the trip.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "layers/reader.hpp"
#include "layers/reproject.hpp"
#include "layers/writer.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

using testing::TempDir;

// Three comuni-like features in UTM 32N around Turin: a square, an L-shaped multipolygon, and
// one with a hole.
Layer sample_layer() {
    Layer layer("comuni", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"code", FieldType::String, false});
    layer.add_field({"comune", FieldType::String, true});
    layer.add_field({"pop", FieldType::Integer, true});
    layer.add_field({"area_km2", FieldType::Real, true});
    layer.add_field({"updated", FieldType::Date, true});
    layer.append(
        1,
        Geometry::from_wkt("POLYGON ((396000 4990000, 397000 4990000, 397000 4991000, 396000 "
                           "4991000, 396000 4990000))"),
        {std::string("001001"), std::string("Agliè"), std::int64_t{2548}, 1.0, Date{2021, 1, 1}});
    layer.append(
        2,
        Geometry::from_wkt("MULTIPOLYGON (((398000 4990000, 399000 4990000, 399000 4990500, 398000 "
                           "4990500, 398000 4990000)), "
                           "((400000 4990000, 400500 4990000, 400500 4990500, 400000 4990000)))"),
        {std::string("001170"), std::string("None"), Value{}, 0.625, Value{}});
    layer.append(
        3,
        Geometry::from_wkt(
            "POLYGON ((401000 4990000, 403000 4990000, 403000 4992000, 401000 4992000, 401000 "
            "4990000), "
            "(401500 4990500, 401500 4991500, 402500 4991500, 402500 4990500, 401500 4990500))"),
        {std::string("001272"), std::string("Torino"), std::int64_t{848196}, 3.0,
         Date{2020, 12, 31}});
    return layer;
}

// FlatGeobuf's spatial index stores features in spatial (Hilbert) order: compare by code.
void sort_by_code(Layer& layer) {
    std::vector<std::size_t> rows(layer.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    const Column& code = layer.column("code");
    std::sort(rows.begin(), rows.end(),
              [&](std::size_t a, std::size_t b) { return code.string(a) < code.string(b); });
    layer.keep_rows(rows);
}

void expect_same_attributes(const Layer& got, const Layer& expected, bool dates_as_text = false) {
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t row = 0; row < expected.size(); ++row) {
        EXPECT_EQ(got.column("code").string(row), expected.column("code").string(row));
        EXPECT_EQ(got.column("comune").string(row), expected.column("comune").string(row));
        EXPECT_EQ(got.column("pop").is_null(row), expected.column("pop").is_null(row))
            << "row " << row;
        if (!expected.column("pop").is_null(row)) {
            EXPECT_EQ(got.column("pop").number(row), expected.column("pop").number(row));
        }
        EXPECT_DOUBLE_EQ(*got.column("area_km2").number(row),
                         *expected.column("area_km2").number(row));
        EXPECT_EQ(got.column("updated").is_null(row), expected.column("updated").is_null(row));
        if (!dates_as_text && !expected.column("updated").is_null(row)) {
            EXPECT_EQ(got.column("updated").date(row), expected.column("updated").date(row));
        }
    }
    EXPECT_EQ(got.fields()[got.require_field("code")].type,
              FieldType::String);  // leading zeros kept
}

void expect_same_geometries(const Layer& got, const Layer& expected, double tolerance_m) {
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t row = 0; row < expected.size(); ++row) {
        const Geometry& a = got.geometry(row);
        const Geometry& b = expected.geometry(row);
        EXPECT_EQ(family_of(a.kind()), family_of(b.kind()));
        EXPECT_NEAR(a.area(), b.area(), tolerance_m * b.length()) << "row " << row;
        const Envelope ea = a.envelope(), eb = b.envelope();
        EXPECT_NEAR(ea.min_x, eb.min_x, tolerance_m);
        EXPECT_NEAR(ea.min_y, eb.min_y, tolerance_m);
        EXPECT_NEAR(ea.max_x, eb.max_x, tolerance_m);
        EXPECT_NEAR(ea.max_y, eb.max_y, tolerance_m);
    }
}

TEST(IoRoundTrip, GeoPackageKeepsEverything) {
    TempDir dir;
    const Layer layer = sample_layer();
    write_layer(layer, dir.file("out.gpkg"));
    const Layer back = read_layer(dir.file("out.gpkg"));
    EXPECT_EQ(back.crs()->epsg(), 32632);
    EXPECT_EQ(back.fields()[back.require_field("pop")].type, FieldType::Integer);
    EXPECT_EQ(back.fields()[back.require_field("updated")].type, FieldType::Date);
    expect_same_attributes(back, layer);
    expect_same_geometries(back, layer, 0.0);
}

TEST(IoRoundTrip, FlatGeobufKeepsEverything) {
    TempDir dir;
    const Layer layer = sample_layer();
    write_layer(layer, dir.file("out.fgb"));
    Layer back = read_layer(dir.file("out.fgb"));
    sort_by_code(back);
    EXPECT_EQ(back.crs()->epsg(), 32632);
    expect_same_attributes(back, layer);
    expect_same_geometries(back, layer, 0.0);
}

TEST(IoRoundTrip, GeoJsonIsWgs84AndComesBack) {
    TempDir dir;
    const Layer layer = sample_layer();
    write_layer(layer, dir.file("out.geojson"));
    const std::string text = testing::read_file(dir.file("out.geojson"));
    EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("\"crs\"")));  // RFC 7946: no crs member
    EXPECT_THAT(text, ::testing::HasSubstr("\"001001\""));
    Layer back = read_layer(dir.file("out.geojson"));
    EXPECT_EQ(back.crs()->epsg(), 4326);
    const Envelope lonlat = back.extent();
    EXPECT_GT(lonlat.min_x, 7.6);  // longitude first
    EXPECT_LT(lonlat.max_x, 7.8);
    EXPECT_GT(lonlat.min_y, 45.0);
    reproject(back, Crs::from_user_input("EPSG:32632"));
    expect_same_attributes(back, layer);
    expect_same_geometries(back, layer, 0.02);  // RFC 7946's 7 decimals: about 1 cm
}

TEST(IoRoundTrip, ShapefileKeepsValuesAndSidecars) {
    TempDir dir;
    const Layer layer = sample_layer();
    write_layer(layer, dir.file("out.shp"));
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"})
        EXPECT_TRUE(std::filesystem::exists(dir.path() / (std::string("out") + ext))) << ext;
    const Layer back = read_layer(dir.file("out.shp"));
    EXPECT_EQ(back.crs()->epsg(), 32632);
    expect_same_attributes(back, layer);
    expect_same_geometries(back, layer, 0.0);
}

TEST(IoRoundTrip, CsvWithWktNeedsAStatedCrs) {
    TempDir dir;
    const Layer layer = sample_layer();
    WriteOptions options;
    options.csv_geometry = CsvGeometry::WKT;
    write_layer(layer, dir.file("out.csv"), options);
    EXPECT_THROW(read_layer(dir.file("out.csv")), Error);  // CSV carries no CRS
    ReadOptions read;
    read.assume_crs = "EPSG:32632";
    read.field_types["updated"] = FieldType::Date;
    const Layer back = read_layer(dir.file("out.csv"), read);
    EXPECT_EQ(back.fields()[back.require_field("pop")].type, FieldType::Integer);  // inferred
    expect_same_attributes(back, layer);
    expect_same_geometries(back, layer, 0.0);
}

TEST(IoRoundTrip, CsvWithLonLatColumnsBecomesPoints) {
    TempDir dir;
    testing::write_file(dir.file("points.csv"),
                        "id,name,lon,lat\n1,Mole,7.6933,45.0690\n2,None,7.6650,45.0625\n");
    ReadOptions read;
    read.assume_crs = "EPSG:4326";
    const Layer points = read_layer(dir.file("points.csv"), read);
    ASSERT_EQ(points.size(), 2u);
    EXPECT_EQ(points.geometry(0).kind(), GeometryKind::Point);
    EXPECT_DOUBLE_EQ(points.geometry(0).xy().first, 7.6933);
    EXPECT_EQ(points.column("name").string(1), "None");
}

TEST(IoRoundTrip, SeveralLayersInOneGeoPackage) {
    TempDir dir;
    Layer a = sample_layer();
    Layer b = sample_layer();
    b.set_name("copy");
    write_layers({&a, &b}, dir.file("both.gpkg"));
    const SourceLayers layers = list_layers(dir.file("both.gpkg"));
    EXPECT_EQ(layers.driver, "GPKG");
    EXPECT_THAT(layers.layers, ::testing::UnorderedElementsAre("comuni", "copy"));
    ReadOptions read;
    read.layer = "copy";
    read.where = "pop > 10000";
    const Layer filtered = read_layer(dir.file("both.gpkg"), read);
    ASSERT_EQ(filtered.size(), 1u);
    EXPECT_EQ(filtered.column("comune").string(0), "Torino");
}

TEST(IoRoundTrip, NoTemporaryFilesAreLeft) {
    TempDir dir;
    write_layer(sample_layer(), dir.file("out.gpkg"));
    write_layer(sample_layer(), dir.file("out.shp"));
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos)
            << entry.path();
}

}  // namespace
}  // namespace atlante
