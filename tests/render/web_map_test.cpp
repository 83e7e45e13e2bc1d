// The interactive map's files: GeoJSON in EPSG:4326 on a 1e-6° grid, one data file per layer
// however many maps draw it, each layer's legend and per-feature entries as the PDF map's style
// gives them, the ranked sites' fields, the places' extents in degrees, Leaflet beside the page.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "render/web/web_map.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

TEST(GeoJson, CoordinatesOnTheGridAndNoMore) {
    const Geometry g = Geometry::from_wkt("LINESTRING (7.12345678912 45.0000001, -0.0000001 1.5)");
    EXPECT_EQ(g.to_geojson(6), "{\"type\":\"LineString\",\"coordinates\":[[7.123457,45],[0,1.5]]}");
    const Geometry square = Geometry::from_wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
    EXPECT_THAT(square.to_geojson(), ::testing::HasSubstr("\"Polygon\""));
}

Layer sites() {
    Layer layer("siti", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"id", FieldType::String, true});
    layer.add_field({"in_tor", FieldType::Integer, true});
    layer.add_field({"score", FieldType::Real, true});
    const char* ids[] = {"A-1", "B-2", "C-3"};
    for (int i = 0; i < 3; ++i) {
        const std::string x = std::to_string(396000 + i * 100),
                          x1 = std::to_string(396050 + i * 100);
        layer.append(i + 1,
                     Geometry::from_wkt("POLYGON ((" + x + " 4991000, " + x1 + " 4991000, " + x1 +
                                        " 4991050, " + x + " 4991050, " + x + " 4991000))"),
                     {std::string(ids[i]), std::int64_t{i == 2 ? 0 : 1}, 0.5 + 0.1 * i});
    }
    return layer;
}

// The JSON a data script hands to the page: `atlante.NAME(…)` or `atlante.NAME("id", …)`.
nlohmann::json script_json(const std::string& path) {
    const std::string text = testing::read_file(path);
    const auto open = text.find('{'), close = text.rfind('}');
    return nlohmann::json::parse(text.substr(open, close - open + 1));
}

TEST(WebMap, DataStylesAndPlacesAsThePageReadsThem) {
    testing::TempDir dir;
    const Layer layer = sites();
    LayerStyle style;
    style.kind = StyleKind::Categorical;
    style.field = "in_tor";
    style.categories = {"1", "0"};
    style.category_labels = {"entro", "oltre"};
    style.colors = {parse_color("#c0392b"), parse_color("#7f8c8d")};
    WebMapSpec spec;
    spec.title = "Prova";
    spec.layers = {{"TOR", "aree dismesse", &layer, style, true, true},
                   {"Altra mappa", "aree", &layer, LayerStyle{}, false, false}};
    spec.places = {{"comuni", "Torino", layer.extent()}};
    const auto files = write_web_map(spec, dir.path());
    for (const char* f :
         {"mappa.html", "mappa/lib/leaflet.js", "mappa/lib/leaflet.css",
          "mappa/lib/atlante-mappa.js", "mappa/dati/d0.js", "mappa/dati/livelli.js"})
        EXPECT_TRUE(std::filesystem::exists(dir.path() / f)) << f;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "mappa/dati/d1.js"));  // one layer, one file
    EXPECT_THAT(testing::read_file(dir.file("mappa/lib/leaflet.js")),
                ::testing::Not(::testing::HasSubstr("sourceMappingURL")));

    const nlohmann::json data = script_json(dir.file("mappa/dati/d0.js"));
    ASSERT_EQ(data["features"].size(), 3u);
    const auto& first = data["features"][0];
    EXPECT_EQ(first["properties"]["id"], "A-1");
    const double lon = first["geometry"]["coordinates"][0][0][0];
    const double lat = first["geometry"]["coordinates"][0][0][1];
    EXPECT_NEAR(lon, 7.69, 0.05);  // 396000 E, 4991000 N in zone 32: Torino
    EXPECT_NEAR(lat, 45.07, 0.05);
    EXPECT_TRUE(std::regex_search(testing::read_file(dir.file("mappa/dati/d0.js")),
                                  std::regex("\\.[0-9]{1,6}[,\\]]")));
    EXPECT_FALSE(std::regex_search(testing::read_file(dir.file("mappa/dati/d0.js")),
                                   std::regex("\\.[0-9]{7,}")));

    const nlohmann::json settings = script_json(dir.file("mappa/dati/livelli.js"));
    const auto& tor = settings["layers"][0];
    EXPECT_EQ(tor["ranking"], true);
    EXPECT_EQ(tor["legend"][0]["label"], "entro");
    EXPECT_EQ(tor["legend"][0]["symbol"]["fill"], "rgba(192,57,43,1)");
    EXPECT_EQ(tor["entry"], nlohmann::json::array({0, 0, 1}));  // the third site is outside
    EXPECT_EQ(settings["layers"][1]["data"], "d0");
    const auto& bbox = settings["places"][0]["bbox"];
    EXPECT_LT(bbox[0].get<double>(), bbox[2].get<double>());
    EXPECT_NEAR(bbox[1].get<double>(), 45.07, 0.05);
    EXPECT_THAT(testing::read_file(dir.file("mappa.html")),
                ::testing::HasSubstr("<script src=\"mappa/dati/livelli.js\"></script>"));
}

}  // namespace
}  // namespace atlante
