// Writing and reading back every output format: values, types, nulls, codes with leading zeros,
// the comune called "None", geometries and CRS survive the trip.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <gdal.h>
#include <ogr_api.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "layers/gdal_handles.hpp"
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

// Twice the signed area of a GeoJSON ring: positive when counter-clockwise.
double ring_area(const nlohmann::json& ring) {
    double sum = 0;
    for (std::size_t i = 1; i < ring.size(); ++i)
        sum += ring[i - 1][0].get<double>() * ring[i][1].get<double>() -
               ring[i][0].get<double>() * ring[i - 1][1].get<double>();
    return sum;
}

TEST(IoRoundTrip, GeoJsonFollowsRfc7946) {
    TempDir dir;
    Layer layer = sample_layer();
    // A clockwise shell with a counter-clockwise hole, as a Shapefile would give it.
    layer.set_geometry(2, Geometry::from_wkt("POLYGON ((401000 4990000, 401000 4992000, 403000 "
                                             "4992000, 403000 4990000, 401000 4990000), (401500 "
                                             "4990500, 402500 4990500, 402500 4991500, 401500 "
                                             "4991500, 401500 4990500))"));
    layer.column("comune").set(0, std::string("Quote \" back\\slash\nnew line\ttab"));
    layer.append(4, Geometry(), {std::string("001999"), Value{}, Value{}, Value{}, Value{}});
    write_layer(layer, dir.file("out.geojson"));
    const nlohmann::json doc = nlohmann::json::parse(testing::read_file(dir.file("out.geojson")));
    EXPECT_EQ(doc["type"], "FeatureCollection");
    const nlohmann::json& features = doc["features"];
    ASSERT_EQ(features.size(), 4u);
    EXPECT_EQ(features[0]["properties"]["updated"], "2021-01-01");
    EXPECT_TRUE(features[0]["properties"]["area_km2"].is_number_float());  // 1.0, not 1
    EXPECT_TRUE(features[0]["properties"]["pop"].is_number_integer());
    EXPECT_TRUE(features[1]["properties"]["pop"].is_null());
    EXPECT_TRUE(features[3]["geometry"].is_null());
    for (const nlohmann::json& f : features) {
        if (f["geometry"].is_null()) continue;
        const bool multi = f["geometry"]["type"] == "MultiPolygon";
        const nlohmann::json polygons = multi
                                            ? f["geometry"]["coordinates"]
                                            : nlohmann::json::array({f["geometry"]["coordinates"]});
        for (const nlohmann::json& polygon : polygons)
            for (std::size_t r = 0; r < polygon.size(); ++r) {
                EXPECT_EQ(ring_area(polygon[r]) > 0, r == 0) << f["properties"]["code"];
                for (const nlohmann::json& xy : polygon[r])
                    for (const nlohmann::json& v : xy) {  // at most 7 decimals
                        const std::string text = v.dump();
                        const auto dot = text.find('.');
                        EXPECT_TRUE(dot == std::string::npos || text.size() - dot - 1 <= 7) << text;
                    }
            }
    }
    Layer back = read_layer(dir.file("out.geojson"));
    EXPECT_EQ(back.column("comune").string(0), "Quote \" back\\slash\nnew line\ttab");
    EXPECT_FALSE(back.geometry(3));
}

TEST(IoRoundTrip, GeoPackageSpatialIndexIsSound) {
    TempDir dir;
    Layer layer("sites", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"n", FieldType::Integer, false});
    std::uint32_t seed = 7;
    const auto next = [&seed] { return (seed = seed * 1664525u + 1013904223u) % 100000; };
    for (std::int64_t i = 0; i < 20000; ++i) {
        const double x = 390000 + next(), y = 4990000 + next(), size = 1 + next() % 500;
        Geometry g =
            i % 997 == 0
                ? Geometry()  // a few without a geometry
                : Geometry::from_wkt("POLYGON ((" + std::to_string(x) + " " + std::to_string(y) +
                                     ", " + std::to_string(x + size) + " " + std::to_string(y) +
                                     ", " + std::to_string(x) + " " + std::to_string(y + size) +
                                     ", " + std::to_string(x) + " " + std::to_string(y) + "))");
        layer.append(i + 1, std::move(g), {i});
    }
    write_layer(layer, dir.file("out.gpkg"));
    const std::string path = dir.file("out.gpkg");
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    const auto scalar = [db](const std::string& sql) {
        sqlite3_stmt* s = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sql;
        std::string out = sqlite3_step(s) == SQLITE_ROW
                              ? reinterpret_cast<const char*>(sqlite3_column_text(s, 0))
                              : "";
        sqlite3_finalize(s);
        return out;
    };
    EXPECT_EQ(scalar("SELECT rtreecheck('rtree_sites_geom')"), "ok");
    EXPECT_EQ(scalar("SELECT count(*) FROM rtree_sites_geom"), "19979");  // 21 have none
    EXPECT_EQ(scalar("SELECT count(*) FROM gpkg_extensions WHERE table_name = 'sites' AND "
                     "extension_name = 'gpkg_rtree_index'"),
              "1");
    EXPECT_EQ(scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
                     "'rtree_sites_geom_%'"),
              "6");
    sqlite3_close(db);

    // GDAL finds the index and answers a window query with it as a full scan would.
    gdal::DatasetPtr ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
    ASSERT_TRUE(ds);
    OGRLayerH sql = GDALDatasetExecuteSQL(ds.get(), "SELECT HasSpatialIndex('sites', 'geom')",
                                          nullptr, nullptr);
    ASSERT_TRUE(sql);
    gdal::FeaturePtr row(OGR_L_GetNextFeature(sql));
    EXPECT_EQ(OGR_F_GetFieldAsInteger(row.get(), 0), 1);
    row.reset();
    GDALDatasetReleaseResultSet(ds.get(), sql);
    OGRLayerH sites = GDALDatasetGetLayerByName(ds.get(), "sites");
    for (const Envelope& w : {Envelope{400000, 5000000, 410000, 5010000, false},
                              Envelope{389000, 4989000, 391000, 4991000, false}}) {
        // GDAL refines the index's candidates with the geometries themselves.
        const auto corner = [](double x, double y) {
            return std::to_string(x) + " " + std::to_string(y);
        };
        const Geometry window =
            Geometry::from_wkt("POLYGON ((" + corner(w.min_x, w.min_y) + ", " +
                               corner(w.max_x, w.min_y) + ", " + corner(w.max_x, w.max_y) + ", " +
                               corner(w.min_x, w.max_y) + ", " + corner(w.min_x, w.min_y) + "))");
        std::size_t expected = 0;
        for (std::size_t i = 0; i < layer.size(); ++i)
            expected += layer.geometry(i) && layer.geometry(i).distance(window) == 0;
        OGR_L_SetSpatialFilterRect(sites, w.min_x, w.min_y, w.max_x, w.max_y);
        std::size_t found = 0;
        for (gdal::FeaturePtr f(OGR_L_GetNextFeature(sites)); f;
             f.reset(OGR_L_GetNextFeature(sites)))
            ++found;
        EXPECT_GT(expected, 0u);
        EXPECT_EQ(found, expected);
    }
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
