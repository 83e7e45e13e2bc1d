// The Torino example project end to end on the real data, and a failed run that must leave the
// earlier outputs as they were.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>

#include "cli/project.hpp"
#include "layers/reader.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

namespace fs = std::filesystem;

std::string example() { return std::string(ATLANTE_SOURCE_DIR) + "/examples/torino/torino.toml"; }

// The analyses only: the maps and atlases have tests of their own.
std::string run(Project project, const std::string& out) {
    project.maps.clear();
    project.atlases.clear();
    Progress quiet(false);
    RunOptions options;
    options.output_dir = out;
    options.data_dir = testing::real_data_dir().string();
    return run_project(project, options, quiet);
}

TEST(TorinoExample, WritesTheTorOutputs) {
    testing::TempDir dir;
    const std::string text = run(read_project(example()), dir.path().string());
    EXPECT_THAT(text, ::testing::HasSubstr("TOR: 133 brownfields"));
    for (const char* f :
         {"brownfields_demo.gpkg", "tor/tor.gpkg", "tor/brownfields_ranked.csv",
          "tor/brownfields_ranked.geojson", "tor/summary_zones.csv", "tor/summary_comuni.csv"})
        EXPECT_TRUE(fs::exists(dir.path() / f)) << f;

    const SourceLayers layers = list_layers(dir.file("tor/tor.gpkg"));
    EXPECT_THAT(layers.layers,
                ::testing::UnorderedElementsAre("brownfields_ranked", "tor_discs", "stations",
                                                "summary_zones", "summary_comuni"));
    const Layer geojson = read_layer(dir.file("tor/brownfields_ranked.geojson"));
    EXPECT_EQ(geojson.crs()->epsg(), 4326);
    ASSERT_EQ(geojson.size(), 133u);
    // Ranks are 1..n without gaps, in file order, and every ranked site is in TOR.
    std::int64_t expected = 1;
    for (std::size_t i = 0; i < geojson.size(); ++i) {
        if (geojson.column("rank").is_null(i)) {
            EXPECT_EQ(geojson.column("in_tor").integer(i), 0);
            continue;
        }
        EXPECT_EQ(geojson.column("rank").integer(i), expected++);
        EXPECT_EQ(geojson.column("in_tor").integer(i), 1);
        EXPECT_LE(geojson.column("distance_m").real(i), 1500.0);
    }
    EXPECT_GT(expected, 10);
    // Zones: all 133 sites are counted once.
    const Layer zones = read_layer(dir.file("tor/summary_zones.csv"));
    std::int64_t total = 0;
    for (std::size_t i = 0; i < zones.size(); ++i)
        total += zones.column("n_brownfields").integer(i);
    EXPECT_EQ(total, 133);
    // The demonstration data says so in the outputs' metadata.
    EXPECT_THAT(testing::read_file(dir.file("tor/tor.gpkg")),
                ::testing::HasSubstr("dati dimostrativi, non reali"));
}

TEST(TorinoExample, SameInputsGiveTheSameRanking) {
    testing::TempDir a, b;
    const Project project = read_project(example());
    run(project, a.path().string());
    run(project, b.path().string());
    EXPECT_EQ(testing::read_file(a.file("tor/brownfields_ranked.csv")),
              testing::read_file(b.file("tor/brownfields_ranked.csv")));
}

TEST(TorinoExample, FailedRunKeepsEarlierOutputs) {
    testing::TempDir dir;
    Project project = read_project(example());
    run(project, dir.path().string());
    const std::string before = testing::read_file(dir.file("tor/brownfields_ranked.csv"));
    project.tor->brownfields = "no/such/census.gpkg";
    EXPECT_THROW(run(project, dir.path().string()), Error);
    EXPECT_EQ(testing::read_file(dir.file("tor/brownfields_ranked.csv")), before);
    for (const auto& entry : fs::recursive_directory_iterator(dir.path()))
        EXPECT_EQ(entry.path().filename().string().find("staging"), std::string::npos)
            << entry.path();
}

TEST(TorinoExample, RunFailingInItsLastMapChangesNoEarlierOutput) {
    testing::TempDir dir;
    Project project = read_project(example());
    project.atlases.clear();  // keeps the test short; the atlas is not what is checked
    Progress quiet(false);
    RunOptions options;
    options.output_dir = dir.path().string();
    options.data_dir = testing::real_data_dir().string();
    run_project(project, options, quiet);
    const std::vector<std::string> files = {"bands/fasce_altimetriche.csv",
                                            "tor/brownfields_ranked.csv", "run.json", "index.html"};
    std::map<std::string, std::string> before;
    std::map<std::string, fs::file_time_type> written;
    for (const auto& f : files) {
        before[f] = testing::read_file(dir.file(f));
        written[f] = fs::last_write_time(dir.file(f));
    }
    // The bands, density and TOR steps succeed again, then the last map cannot find its layer.
    project.maps.back().layers.front().source = "no/such/layer.gpkg";
    EXPECT_THROW(run_project(project, options, quiet), Error);
    for (const auto& f : files) {
        EXPECT_EQ(testing::read_file(dir.file(f)), before[f]) << f;
        EXPECT_EQ(fs::last_write_time(dir.file(f)), written[f]) << f << " was rewritten";
    }
    for (const auto& entry : fs::recursive_directory_iterator(dir.path()))
        EXPECT_EQ(entry.path().filename().string().find("staging"), std::string::npos)
            << entry.path();
}

TEST(TorinoExample, FullRunWritesManifestAndAReportWhoseLinksResolve) {
    testing::TempDir dir;
    Progress quiet(false);
    RunOptions options;
    options.output_dir = dir.path().string();
    options.data_dir = testing::real_data_dir().string();
    run_project(read_project(example()), options, quiet);
    const std::string json = testing::read_file(dir.file("run.json"));
    for (const char* expected :
         {"\"GDAL\": \"3.", "\"GEOS\"", "\"step\": \"tor\"",
          "\"step\": \"atlas\", \"name\": \"atlante_comuni\"",
          "\"outputs\": [\"tor/brownfields_ranked.csv\"", "\"source\": \"/",
          "road_edges_osm_torino_city.geojson\", \"bytes\": ", "\"step\": \"reach\""})
        EXPECT_THAT(json, ::testing::HasSubstr(expected));
    const std::string page = testing::read_file(dir.file("index.html"));
    EXPECT_THAT(page, ::testing::HasSubstr("<table id=\"tor_ranking\" class=\"sortable\">"));
    EXPECT_THAT(page, ::testing::HasSubstr("<table id=\"tor_network\" class=\"sortable\">"));
    EXPECT_THAT(page, ::testing::HasSubstr("<table id=\"travel_time\" class=\"sortable\">"));
    EXPECT_THAT(page, ::testing::HasSubstr("dati dimostrativi, non reali"));
    // Every link and image points at a file of the run (no network: nothing absolute).
    const std::regex reference(R"re((?:href|src)="([^"]+)")re");
    std::size_t references = 0;
    for (auto it = std::sregex_iterator(page.begin(), page.end(), reference);
         it != std::sregex_iterator(); ++it) {
        const std::string target = (*it)[1];
        EXPECT_EQ(target.find("://"), std::string::npos) << target;
        EXPECT_TRUE(fs::exists(dir.path() / target)) << target;
        ++references;
    }
    EXPECT_GT(references, 30u);
}

TEST(ProjectFile, UnknownKeyCitesItsLine) {
    testing::TempDir dir;
    testing::write_file(dir.file("p.toml"),
                        "[project]\nname = \"x\"\n[tor]\nbrownfields = \"demo\"\nradius = 1500\n");
    try {
        read_project(dir.file("p.toml"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("line 5"));
        EXPECT_THAT(e.what(), ::testing::HasSubstr("key 'tor.radius': unknown key"));
    }
}

TEST(ProjectFile, UnknownStyleKeyCitesMapLayerAndLine) {
    testing::TempDir dir;
    testing::write_file(
        dir.file("p.toml"),
        "[project]\nname = \"x\"\n[[map]]\nname = \"m\"\ntitle = \"t\"\n[[map.layers]]\n"
        "source = \"catalog:comuni\"\ncolour = \"red\"\n");
    const Error e = testing::error_of([&] { read_project(dir.file("p.toml")); });
    EXPECT_THAT(e.what(), ::testing::HasSubstr("line 8"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("key 'map[0].layers[0].colour': unknown key"));
    testing::write_file(dir.file("q.toml"),
                        "[project]\nname = \"x\"\n[[map]]\nname = \"m\"\ntitle = \"t\"\n"
                        "[[map.layers]]\nsource = \"catalog:comuni\"\nfill = \"reddish\"\n");
    const Error bad_colour = testing::error_of([&] { read_project(dir.file("q.toml")); });
    EXPECT_EQ(bad_colour.context().layer, "m");
    EXPECT_EQ(bad_colour.context().field, "fill");
    EXPECT_THAT(bad_colour.what(), ::testing::HasSubstr("'reddish' is not a colour"));
}

}  // namespace
}  // namespace atlante
