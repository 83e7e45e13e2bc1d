// PostGIS as source, sink and check for TOR. Needs a server: scripts/test.sh starts a throwaway
// cluster (scripts/pg-cluster.sh) and exports PGHOST/PGPORT/PGUSER/PGDATABASE. Without one the
// tests skip, unless ATLANTE_REQUIRE_PG=1 (as in CI), where a missing server is a failure.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

#include "engine/analyses/tor.hpp"
#include "geodata/catalog.hpp"
#include "geodata/demo_brownfields.hpp"
#include "layers/postgis_writer.hpp"
#include "layers/reader.hpp"
#include "layers/writer.hpp"
#include "pipeline/project.hpp"
#include "tests/support/project_runs.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
    const int status = ::pclose(pipe);
    if (status != 0)
        throw std::runtime_error("command failed (" + std::to_string(status) + "): " + command +
                                 "\n" + out);
    return out;
}

std::vector<std::vector<std::string>> psql(const std::string& sql) {
    const std::string out = run("psql -X -q -At -F '|' -v ON_ERROR_STOP=1 -c \"" + sql + "\" 2>&1");
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        std::vector<std::string> cells;
        std::istringstream fields(line);
        for (std::string cell; std::getline(fields, cell, '|');) cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

class PostgisTor : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!std::getenv("PGHOST") || !std::getenv("PGDATABASE")) {
            if (const char* required = std::getenv("ATLANTE_REQUIRE_PG");
                required && std::string(required) == "1")
                FAIL() << "ATLANTE_REQUIRE_PG=1 but no PostgreSQL server is configured (PGHOST, "
                          "PGDATABASE)";
            GTEST_SKIP() << "no PostgreSQL server (run scripts/test.sh, which starts one)";
        }
    }
    const std::string connection =
        "PG:dbname=" + std::string(std::getenv("PGDATABASE") ? std::getenv("PGDATABASE") : "");
};

// The catalogue's stations carry their id as osm_node_id.
TorOptions tor_options() {
    TorOptions options;
    options.station_id = "osm_node_id";
    return options;
}

// The same inputs in a GeoPackage and, loaded by ogr2ogr (not by atlante), in PostGIS.
struct Inputs {
    Layer stations, brownfields;
};

// Tables are prefixed per test: CTest runs tests in parallel against one server.
Inputs make_inputs(const testing::TempDir& dir, const std::string& connection,
                   const std::string& prefix) {
    const Catalog catalog(read_catalog_spec(testing::source_catalog_file()),
                          testing::real_data_dir());
    Inputs inputs{catalog.load_stations().layer, {}};
    const Catalog::Comuni comuni = catalog.load_comuni();
    inputs.brownfields =
        make_demo_brownfields(comuni.layer, "name", "pop_res_2021", inputs.stations);
    write_layer(inputs.stations, dir.file("stations.gpkg"));
    write_layer(inputs.brownfields, dir.file("brownfields.gpkg"));
    for (const char* name : {"stations", "brownfields"})
        run("ogr2ogr -overwrite -f PostgreSQL '" + connection + "' " +
            dir.file(std::string(name) + ".gpkg") + " -nln " + prefix + name +
            " -lco GEOMETRY_NAME=geom 2>&1");
    return inputs;
}

TEST_F(PostgisTor, SameJoinAsPostgisSql) {
    testing::TempDir dir;
    make_inputs(dir, connection, "tor_join_");
    // atlante reads both layers back from PostGIS.
    ReadOptions stations_read, brownfields_read;
    stations_read.layer = "tor_join_stations";
    brownfields_read.layer = "tor_join_brownfields";
    const Layer stations = read_layer(connection, stations_read);
    const Layer brownfields = read_layer(connection, brownfields_read);
    ASSERT_EQ(brownfields.size(), 133u);
    const TorResult result = run_tor({&stations, &brownfields, nullptr, nullptr}, tor_options());

    std::map<std::pair<std::string, std::string>, double> ours;
    for (const TorPair& p : result.pairs)
        ours[{brownfields.column("id").text(p.brownfield),
              stations.column("osm_node_id").text(p.station)}] = p.distance_m;
    const auto theirs = psql(
        "SELECT b.id, s.osm_node_id, ST_Distance(b.geom, s.geom) FROM tor_join_brownfields b "
        "JOIN tor_join_stations s ON ST_DWithin(b.geom, s.geom, 1500) ORDER BY 1, 2");
    ASSERT_EQ(theirs.size(), ours.size());
    ASSERT_GT(ours.size(), 20u);
    for (const auto& row : theirs) {
        const auto it = ours.find({row[0], row[1]});
        ASSERT_NE(it, ours.end()) << "PostGIS pair " << row[0] << "-" << row[1]
                                  << " missing in atlante";
        EXPECT_NEAR(it->second, std::stod(row[2]), 1e-6) << row[0] << "-" << row[1];
    }

    // Nearest station by KNN (<-> is the true distance between geometries in PostGIS 3).
    const auto knn = psql(
        "SELECT b.id, (SELECT ST_Distance(b.geom, s.geom) FROM tor_join_stations s ORDER BY b.geom "
        "<-> s.geom "
        "LIMIT 1) FROM tor_join_brownfields b ORDER BY 1");
    ASSERT_EQ(knn.size(), result.ranked.size());
    std::map<std::string, double> nearest;
    for (std::size_t i = 0; i < result.ranked.size(); ++i)
        nearest[std::string(result.ranked.column("id").string(i))] =
            result.ranked.column("distance_m").real(i);
    for (const auto& row : knn) EXPECT_NEAR(nearest.at(row[0]), std::stod(row[1]), 1e-6) << row[0];
}

TEST_F(PostgisTor, RankingGoesIntoATableAndReplacesItWhole) {
    testing::TempDir dir;
    const Inputs inputs = make_inputs(dir, connection, "tor_sink_");
    const TorResult result =
        run_tor({&inputs.stations, &inputs.brownfields, nullptr, nullptr}, tor_options());
    write_postgis(result.ranked, connection, "tor_test_ranking");
    write_postgis(result.ranked, connection, "tor_test_ranking");  // again: replaced, not appended
    const auto count =
        psql("SELECT count(*), count(rank), min(rank), max(rank) FROM tor_test_ranking");
    ASSERT_EQ(count.size(), 1u);
    EXPECT_EQ(count[0][0], "133");
    EXPECT_EQ(count[0][1], std::to_string(result.inside));
    EXPECT_EQ(count[0][2], "1");
    EXPECT_EQ(count[0][3], std::to_string(result.inside));
    const auto top = psql("SELECT id, ST_SRID(geom) FROM tor_test_ranking WHERE rank = 1");
    EXPECT_EQ(top[0][0], result.ranked.column("id").string(0));
    EXPECT_EQ(top[0][1], "32632");
    EXPECT_TRUE(psql("SELECT to_regclass('tor_test_ranking__atlante_tmp')")[0].empty() ||
                psql("SELECT to_regclass('tor_test_ranking__atlante_tmp')")[0][0].empty());
}

// A census ranked into PostGIS: in the project's output CRS, with every field of the census.
TEST_F(PostgisTor, ACensusRankingKeepsItsFieldsAndTheOutputCrs) {
    testing::TempDir dir;
    const std::string census =
        std::string(ATLANTE_SOURCE_DIR) + "/tests/fixtures/censimento/censimento_aree_dismesse.shp";
    testing::write_file(dir.file("p.toml"),
                        "[project]\nname = \"c\"\noutput_crs = \"EPSG:6707\"\n[tor]\n"
                        "brownfields = { path = \"" +
                            census +
                            "\", encoding = \"CP1252\" }\n"
                            "id_field = \"ID_AREA\"\nname_field = \"DENOMINAZ\"\n"
                            "class_field = \"PRIORITA\"\non_invalid = \"skip\"\n"
                            "postgis = \"" +
                            connection + "\"\npostgis_table = \"census_ranking\"\n");
    testing::run_quietly(read_project(dir.file("p.toml")), dir.file("out"));
    const auto rows = psql(
        "SELECT count(*), min(ST_SRID(geom)), max(ST_SRID(geom)), "
        "count(*) FILTER (WHERE \\\"STATO\\\" IS NOT NULL), "
        "max(name) FILTER (WHERE id = 'AD-016') FROM census_ranking");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], "42");
    EXPECT_EQ(rows[0][1], "6707");
    EXPECT_EQ(rows[0][2], "6707");
    EXPECT_EQ(rows[0][3], "42");
    EXPECT_EQ(rows[0][4], "Ex fonderia Fratelli Bòsio");
}

TEST(PostgisConnection, FailureNamesTheSourceWithoutPassword) {
    try {
        read_layer("PG:dbname=atlante_no_such_db host=127.0.0.1 port=1 password=secret");
        FAIL();
    } catch (const Error& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("cannot open"));
        EXPECT_THAT(e.what(), ::testing::HasSubstr("password=***"));
        EXPECT_THAT(e.what(), ::testing::Not(::testing::HasSubstr("secret")));
    }
    Layer layer("x", Crs::from_user_input("EPSG:32632"), true);
    layer.append(1, Geometry::point(0, 0));
    EXPECT_THROW(write_postgis(layer, "PG:dbname=atlante_no_such_db host=127.0.0.1 port=1", "t"),
                 Error);
}

}  // namespace
}  // namespace atlante
