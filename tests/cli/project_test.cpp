// The Torino example project end to end on the real data, and a failed run that must leave the
// earlier outputs as they were.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>

#include "layers/reader.hpp"
#include "pipeline/steps/map_step.hpp"
#include "pipeline/steps/tor_step.hpp"
#include "tests/support/project_runs.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

namespace fs = std::filesystem;
using testing::step_of;

// The analyses only: the maps, atlases and the web map have tests of their own.
Project analyses_only() {
    Project project = read_project(testing::torino_example());
    std::erase_if(project.steps, [](const std::unique_ptr<Step>& s) {
        const std::string& kind = s->kind().name;
        return kind == "map" || kind == "atlas" || kind == "webmap";
    });
    return project;
}

std::string run(const Project& project, const std::string& out) {
    return testing::run_quietly(project, out).text;
}

TEST(TorinoExample, WritesTheTorOutputs) {
    testing::TempDir dir;
    const std::string text = run(analyses_only(), dir.path().string());
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
    const Project project = analyses_only();
    run(project, a.path().string());
    run(project, b.path().string());
    EXPECT_EQ(testing::read_file(a.file("tor/brownfields_ranked.csv")),
              testing::read_file(b.file("tor/brownfields_ranked.csv")));
}

TEST(TorinoExample, FailedRunKeepsEarlierOutputs) {
    testing::TempDir dir;
    Project project = analyses_only();
    run(project, dir.path().string());
    const std::string before = testing::read_file(dir.file("tor/brownfields_ranked.csv"));
    step_of<TorStep>(project).brownfields = SourceRef::parse("no/such/census.gpkg");
    EXPECT_THROW(run(project, dir.path().string()), Error);
    EXPECT_EQ(testing::read_file(dir.file("tor/brownfields_ranked.csv")), before);
    for (const auto& entry : fs::recursive_directory_iterator(dir.path()))
        EXPECT_EQ(entry.path().filename().string().find("staging"), std::string::npos)
            << entry.path();
}

TEST(TorinoExample, RunFailingInItsLastMapChangesNoEarlierOutput) {
    testing::TempDir dir;
    Project project = read_project(testing::torino_example());
    std::erase_if(project.steps,  // keeps the test short; the atlas is not what is checked
                  [](const std::unique_ptr<Step>& s) { return s->kind().name == "atlas"; });
    run(project, dir.path().string());
    const std::vector<std::string> files = {"bands/fasce_altimetriche.csv",
                                            "tor/brownfields_ranked.csv", "run.json", "index.html"};
    std::map<std::string, std::string> before;
    std::map<std::string, fs::file_time_type> written;
    for (const auto& f : files) {
        before[f] = testing::read_file(dir.file(f));
        written[f] = fs::last_write_time(dir.file(f));
    }
    // The bands, density and TOR steps succeed again, then the last map cannot find its layer.
    project.all<MapStep>().back()->layers.front().source = SourceRef::parse("no/such/layer.gpkg");
    EXPECT_THROW(run(project, dir.path().string()), Error);
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
    const RunReport report =
        testing::run_quietly(read_project(testing::torino_example()), dir.path().string());
    const std::string json = testing::read_file(dir.file("run.json"));
    for (const char* expected :
         {"\"GDAL\": \"3.", "\"GEOS\"", "\"step\": \"tor\"", "\"name\": \"atlante_comuni\"",
          "\"tor/brownfields_ranked.csv\"", "\"source\": \"/",
          "road_edges_osm_torino_city.geojson\",\n      \"bytes\": ", "\"step\": \"reach\"",
          "\"radius_m\": 1500.0", "\"atlante\": \"" ATLANTE_VERSION "\""})
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
    // The report's text lists every step in the plan's order, each with its time.
    EXPECT_THAT(report.text,
                ::testing::ContainsRegex("\\[demo_brownfields\\] [0-9.]+ s.*\\[bands\\].*"
                                         "\\[density by_band\\].*\\[tor\\].*\\[reach\\].*"
                                         "\\[map zone_omogenee\\].*\\[atlas atlante_comuni\\]"));
}

}  // namespace
}  // namespace atlante
