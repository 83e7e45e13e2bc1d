// The planner's own data, end to end (tests/fixtures/censimento/, made by make_fixtures.py): a
// census as an office keeps it (Shapefile in EPSG:3003, CP1252 DBF without .cpg, uppercase
// classes, ten-letter fields, every kind of dirty record) and a schools list as Italian Excel
// saves it. The same census as a GeoPackage in EPSG:6707 (north-east axis order) and as a CSV
// with a WKT column must rank the same; the Excel list must count as the same list in a GPKG.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "cli/step_command.hpp"
#include "layers/ascii_case.hpp"
#include "layers/reader.hpp"
#include "layers/writer.hpp"
#include "pipeline/step_registry.hpp"
#include "tests/support/project_runs.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& name) {
    return std::string(ATLANTE_SOURCE_DIR) + "/tests/fixtures/censimento/" + name;
}

// A project with a [tor] step on `brownfields` (a TOML value), the catalogue's stations, rail
// and comuni, `more` lines in [tor], `tables` after it and `project` lines in [project].
std::string tor_project(const std::string& brownfields, const std::string& more = "",
                        const std::string& tables = "", const std::string& project = "") {
    return "[project]\nname = \"censimento\"\n" + project +
           "\n[tor]\nbrownfields = " + brownfields +
           "\nid_field = \"ID_AREA\"\nname_field = \"DENOMINAZ\"\nclass_field = \"PRIORITA\"\n"
           "rail = \"catalog\"\ncomuni = \"catalog\"\n" +
           more + "\n" + tables;
}

const std::string kShapefile =
    "{ path = \"" + fixture("censimento_aree_dismesse.shp") + "\", encoding = \"CP1252\" }";

struct CensusRun {
    testing::TempDir dir;
    RunReport report;
    Layer ranked;
    const StepResult& step(const std::string& kind) const {
        for (std::size_t i = 0; i < report.steps.size(); ++i)
            if (report.steps[i].kind == kind) return report.results[i];
        throw std::runtime_error("no step " + kind);
    }
};

std::unique_ptr<CensusRun> run_text(const std::string& text) {
    auto run = std::make_unique<CensusRun>();
    testing::write_file(run->dir.file("p.toml"), text);
    run->report = testing::run_quietly(read_project(run->dir.file("p.toml")), run->dir.file("out"));
    if (fs::exists(run->dir.file("out/tor/tor.gpkg"))) {
        ReadOptions read;
        read.layer = "brownfields_ranked";
        run->ranked = read_layer(run->dir.file("out/tor/tor.gpkg"), read);
    }
    return run;
}

Error error_of_text(const std::string& text) {
    testing::TempDir dir;
    testing::write_file(dir.file("p.toml"), text);
    return testing::error_of(
        [&] { testing::run_quietly(read_project(dir.file("p.toml")), dir.file("out")); });
}

std::size_t row_of(const Layer& ranked, const std::string& id) {
    for (std::size_t i = 0; i < ranked.size(); ++i)
        if (ranked.column("id").text(i) == id) return i;
    throw std::runtime_error("no site " + id);
}

TEST(Census, DirtyRecordsStopTheRunListingEveryOneByItsId) {
    // The default policy repairs the bow-tie and stops at the rest, naming all three at once.
    const std::string what = error_of_text(tor_project(kShapefile)).what();
    EXPECT_THAT(what, ::testing::HasSubstr("3 records cannot be used as they are"));
    EXPECT_THAT(what, ::testing::HasSubstr("AD-007 (feature 6): no geometry"));
    EXPECT_THAT(what,
                ::testing::HasSubstr("AD-027 (feature 34): id repeated, first at feature 26"));
    EXPECT_THAT(what, ::testing::ContainsRegex("AD-031 \\(feature 30\\): [0-9]+ km outside the "
                                               "study area"));
    EXPECT_THAT(what, ::testing::HasSubstr("on_invalid = \"skip\""));
    // "stop" refuses the bow-tie too.
    const std::string stop = error_of_text(tor_project(kShapefile, "on_invalid = \"stop\"")).what();
    EXPECT_THAT(stop, ::testing::HasSubstr("4 records cannot be used"));
    EXPECT_THAT(stop,
                ::testing::HasSubstr("AD-016 (feature 15): invalid geometry: Self-intersection"));
}

TEST(Census, SkipLeavesOutAndListsTheDirtyRecordsAndKeepsEveryField) {
    const auto run = run_text(tor_project(kShapefile, "on_invalid = \"skip\""));
    const Layer& r = run->ranked;
    ASSERT_EQ(r.size(), 42u);  // 45 records, 3 left out
    // Every field of the census follows atlante's, COMUNE as src_COMUNE (atlante has comune).
    for (const char* f :
         {"ID_AREA", "DENOMINAZ", "src_COMUNE", "SUP_MQ", "STATO", "PRIORITA", "DATA_RIL"})
        EXPECT_TRUE(r.field_index(f).has_value()) << f;
    const std::size_t bosio = row_of(r, "AD-016");
    EXPECT_EQ(r.column("name").text(bosio), "Ex fonderia Fratelli Bòsio");  // CP1252 read right
    EXPECT_EQ(r.column("DENOMINAZ").text(bosio), "Ex fonderia Fratelli Bòsio");
    EXPECT_TRUE(r.geometry(bosio).validity().valid);  // the bow-tie, repaired
    // The GeoPackage lists what was repaired and left out.
    ReadOptions read;
    read.layer = "records_skipped";
    const Layer skipped = read_layer(run->dir.file("out/tor/tor.gpkg"), read);
    ASSERT_EQ(skipped.size(), 3u);
    EXPECT_EQ(skipped.column("id").text(0), "AD-007");
    read.layer = "records_repaired";
    EXPECT_EQ(read_layer(run->dir.file("out/tor/tor.gpkg"), read).column("id").text(0), "AD-016");
    // ... and so do the console, run.json and the report.
    const StepResult& tor = run->step("tor");
    EXPECT_THAT(tor.warnings,
                ::testing::Contains(::testing::HasSubstr(
                    "AD-027 (feature 34): id repeated, first at feature 26: left out")));
    EXPECT_THAT(tor.warnings, ::testing::Contains(::testing::HasSubstr(
                                  "brownfields at the same place: AD-033 (feature 32), AD-034")));
    EXPECT_THAT(testing::read_file(run->dir.file("out/run.json")),
                ::testing::HasSubstr("AD-007 (feature 6): no geometry: left out"));
    // The PROJ operation that brought the census from Gauss-Boaga into EPSG:32632.
    EXPECT_THAT(tor.facts.at("BROWNFIELDS_CRS"),
                ::testing::HasSubstr("EPSG:3003 (Monte Mario / Italy zone 1) -> EPSG:32632"));
    EXPECT_THAT(tor.facts.at("BROWNFIELDS_CRS"),
                ::testing::HasSubstr("via 'Inverse of Italy zone 1 + Monte Mario to WGS 84 (4)"));
    EXPECT_THAT(testing::read_file(run->dir.file("out/index.html")),
                ::testing::HasSubstr("AD-031 (feature 30)"));
}

TEST(Census, ClassesMatchWithoutCaseAndAMissingClassFollowsItsRule) {
    const auto run = run_text(tor_project(kShapefile, "on_invalid = \"skip\""));
    const Layer& r = run->ranked;
    // ALTA scores as alta, " Media " as media.
    for (std::size_t i = 0; i < r.size(); ++i) {
        if (r.column("c_class").is_null(i)) continue;
        const std::string klass = r.column("class").text(i);
        const double expected = klass == "ALTA"    ? 1.0
                                : klass == "BASSA" ? 0.0
                                                   : 0.5;  // MEDIA, Media
        EXPECT_DOUBLE_EQ(r.column("c_class").real(i), expected) << r.column("id").text(i);
    }
    EXPECT_EQ(r.column("class").text(row_of(r, "AD-005")), "Media");  // as the DBF keeps it
    EXPECT_THAT(run->step("tor").warnings,
                ::testing::Contains(::testing::HasSubstr("1 site has class 'URGENTE'")));
    // An unscored class: no component (neutral), the lowest score, or an error.
    const std::size_t urgent = row_of(r, "AD-010");
    EXPECT_TRUE(r.column("c_class").is_null(urgent) || r.column("in_tor").integer(urgent) == 0);
    const auto lowest =
        run_text(tor_project(kShapefile, "on_invalid = \"skip\"\nclass_missing = \"lowest\""));
    const std::size_t u = row_of(lowest->ranked, "AD-010");
    if (lowest->ranked.column("in_tor").integer(u) == 1) {
        EXPECT_DOUBLE_EQ(lowest->ranked.column("c_class").real(u), 0.0);
    }
    EXPECT_THAT(
        error_of_text(tor_project(kShapefile, "on_invalid = \"skip\"\nclass_missing = \"error\""))
            .what(),
        ::testing::HasSubstr("AD-010 ('URGENTE')"));
}

// Classes kept as numbers (LIVELLO 1/2/3, as some offices code them) score like text ones,
// from the project file and from the command line alike.
TEST(Census, NumericClassesScoreLikeText) {
    Layer census = read_layer(fixture("censimento_aree_dismesse.gpkg"));
    const std::size_t level = census.add_field({"LIVELLO", FieldType::Integer, true});
    const std::map<std::string, std::int64_t> levels{{"alta", 1}, {"media", 2}, {"bassa", 3}};
    for (std::size_t i = 0; i < census.size(); ++i) {
        const auto it = levels.find(comparable(census.column("PRIORITA").text(i)));
        if (it != levels.end()) census.column(level).set(i, Value{it->second});
    }
    testing::TempDir dir;
    write_layer(census, dir.file("livelli.gpkg"));

    auto text = tor_project("\"" + dir.file("livelli.gpkg") + "\"", "on_invalid = \"skip\"",
                            "[tor.class_scores]\n\"1\" = 1.0\n\"2\" = 0.5\n\"3\" = 0.0\n");
    text.replace(text.find("\"PRIORITA\""), 10, "\"LIVELLO\"");
    const auto numeric = run_text(text);
    const auto named = run_text(tor_project(kShapefile, "on_invalid = \"skip\""));
    ASSERT_EQ(numeric->ranked.size(), named->ranked.size());
    std::size_t scored = 0;
    for (std::size_t i = 0; i < named->ranked.size(); ++i) {
        scored += !numeric->ranked.column("c_class").is_null(i);
        EXPECT_EQ(numeric->ranked.column("id").text(i), named->ranked.column("id").text(i));
        EXPECT_EQ(numeric->ranked.column("c_class").text(i),
                  named->ranked.column("c_class").text(i));
    }
    EXPECT_GT(scored, 10u);

    // The same table on the command line.
    CLI::App app;
    StepCommand command(app, *step_kind("tor"), false);
    const char* argv[] = {"atlante", "tor", "--class-scores", "1=1,2=0.5,3=0"};
    app.parse(4, argv);
    std::unique_ptr<Step> from_flags = step_kind("tor")->make();
    command.apply(*from_flags);
    EXPECT_EQ(from_flags->options_json()["class_scores"],
              nlohmann::ordered_json::parse(R"({"1": 1.0, "2": 0.5, "3": 0.0})"));
}

TEST(Census, AFieldNamedButAbsentIsAnErrorNamingTheNearest) {
    const std::string text = tor_project(kShapefile, "on_invalid = \"skip\"");
    std::string wrong = text;
    wrong.replace(wrong.find("DENOMINAZ"), 9, "DENOMINAZIONE");
    const std::string what = error_of_text(wrong).what();
    EXPECT_THAT(what, ::testing::HasSubstr("key 'tor.name_field'"));
    EXPECT_THAT(what, ::testing::HasSubstr("has no field 'DENOMINAZIONE'"));
    EXPECT_THAT(what, ::testing::HasSubstr("did you mean 'DENOMINAZ'?"));
}

TEST(Census, ADbfWithoutItsEncodingIsNamedAndReadWithIt) {
    const std::string plain = "\"" + fixture("censimento_aree_dismesse.shp") + "\"";
    const Error e = error_of_text(tor_project(plain, "on_invalid = \"skip\""));
    EXPECT_EQ(e.context().field, "DENOMINAZ");
    EXPECT_EQ(e.context().record, "AD-001");
    EXPECT_THAT(e.what(),
                ::testing::HasSubstr("\"Ex stabilimento Bertol\\xE8\" is not UTF-8 text"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("encoding = \"CP1252\""));
    const auto run = run_text(tor_project(kShapefile, "on_invalid = \"skip\""));
    EXPECT_EQ(run->ranked.column("name").text(row_of(run->ranked, "AD-001")),
              "Ex stabilimento Bertolè");
}

// The census as a GeoPackage in EPSG:6707 and as a CSV with WKT give the same ranking and
// distances as the Shapefile.
TEST(Census, TheSameCensusInThreeFormatsRanksTheSame) {
    const auto shp = run_text(tor_project(kShapefile, "on_invalid = \"skip\""));
    const auto gpkg = run_text(tor_project("\"" + fixture("censimento_aree_dismesse.gpkg") + "\"",
                                           "on_invalid = \"skip\""));
    // A CSV says nothing of its CRS: without assume_crs it is refused.
    const std::string csv_path = fixture("censimento_aree_dismesse_wkt.csv");
    EXPECT_THAT(error_of_text(tor_project("\"" + csv_path + "\"", "on_invalid = \"skip\"")).what(),
                ::testing::HasSubstr("does not say which CRS"));
    const auto csv = run_text(
        tor_project("{ path = \"" + csv_path + "\", wkt = \"WKT\", assume_crs = \"EPSG:3003\" }",
                    "on_invalid = \"skip\""));
    for (const CensusRun* other : {gpkg.get(), csv.get()}) {
        ASSERT_EQ(other->ranked.size(), shp->ranked.size());
        double worst = 0;
        for (std::size_t i = 0; i < shp->ranked.size(); ++i) {
            EXPECT_EQ(other->ranked.column("id").text(i), shp->ranked.column("id").text(i));
            EXPECT_EQ(other->ranked.column("rank").text(i), shp->ranked.column("rank").text(i));
            worst = std::max(worst, std::abs(other->ranked.column("distance_m").real(i) -
                                             shp->ranked.column("distance_m").real(i)));
        }
        EXPECT_LT(worst, 0.01) << "distances differ by up to " << worst << " m";
    }
}

TEST(Census, OutputCrsAndSpreadsheetDialect) {
    const auto run =
        run_text(tor_project(kShapefile, "on_invalid = \"skip\"", "",
                             "output_crs = \"EPSG:6707\"\ncsv_dialect = \"excel-it\"\n"));
    EXPECT_EQ(run->ranked.crs()->epsg(), 6707);
    EXPECT_THAT(testing::read_file(run->dir.file("out/tor/tor.gpkg")),
                ::testing::HasSubstr("EPSG:6707 (RDN2008 / UTM zone 32N (N-E)) via"));
    const Layer geojson = read_layer(run->dir.file("out/tor/brownfields_ranked.geojson"));
    EXPECT_EQ(geojson.crs()->epsg(), 4326);  // RFC 7946, whatever output_crs says
    // excel-it: ';', decimal commas, a BOM; read back with those it gives the same numbers.
    const std::string csv = testing::read_file(run->dir.file("out/tor/brownfields_ranked.csv"));
    EXPECT_EQ(csv.rfind("\xEF\xBB\xBFrank;rank_in_zone;", 0), 0u);
    ReadOptions italian;
    italian.separator = ";";
    italian.decimal = ",";
    const Layer back = read_layer(run->dir.file("out/tor/brownfields_ranked.csv"), italian);
    ASSERT_EQ(back.size(), run->ranked.size());
    for (std::size_t i = 0; i < back.size(); ++i)
        EXPECT_NEAR(back.column("distance_m").real(i), run->ranked.column("distance_m").real(i),
                    1e-6);
    EXPECT_THAT(testing::read_file(run->dir.file("out/tor/brownfields_ranked.csv-metadata.json")),
                ::testing::HasSubstr("\"decimalChar\": \",\""));
}

TEST(Census, ServicesFromItalianExcelCountAsTheSameListInAGeoPackage) {
    const std::string density =
        "[project]\nname = \"s\"\n[[density]]\nby = \"zone\"\nservices_id_field = \"CODICE\"\n"
        "type_field = \"TIPO\"\nsum_field = \"ALUNNI\"\nservices_on_invalid = \"skip\"\n";
    const auto excel = run_text(density + "services = { path = \"" + fixture("scuole.csv") +
                                "\", encoding = \"CP1252\", decimal = \",\" }\n");
    const auto gpkg = run_text(density + "services = \"" + fixture("scuole.gpkg") + "\"\n");
    const Layer a = read_layer(excel->dir.file("out/density/density_by_zone.csv"));
    const Layer b = read_layer(gpkg->dir.file("out/density/density_by_zone.csv"));
    ASSERT_EQ(a.size(), b.size());
    std::int64_t total = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a.column("n_services").text(i), b.column("n_services").text(i));
        EXPECT_EQ(a.column("alunni").text(i), b.column("alunni").text(i));
        total += a.column("n_services").integer(i);
    }
    EXPECT_EQ(total, 30);  // 31 schools, one never geocoded
    // The school with no coordinates has no geometry: it is not "outside every comune".
    const StepResult& step = excel->step("density");
    EXPECT_THAT(step.warnings, ::testing::Contains(::testing::HasSubstr("no geometry: left out")));
    EXPECT_THAT(step.warnings,
                ::testing::Not(::testing::Contains(::testing::HasSubstr("no comune"))));
    EXPECT_THAT(
        testing::read_file(excel->dir.file("out/density/density_by_zone.csv-metadata.json")),
        ::testing::HasSubstr("\"titles\": \"alunni per 1.000 ab.\""));
}

TEST(Census, CoordinatesInTheWrongOrderAreRefusedNamingTheCrs) {
    testing::TempDir dir;
    Layer schools = read_layer(fixture("scuole.gpkg"));
    for (std::size_t i = 0; i < schools.size(); ++i)
        if (schools.geometry(i)) {
            const auto [x, y] = schools.geometry(i).xy();
            schools.set_geometry(i, Geometry::point(y, x));
        }
    write_layer(schools, dir.file("swapped.gpkg"));
    const std::string what =
        error_of_text("[project]\nname = \"s\"\n[[density]]\nby = \"zone\"\nservices = \"" +
                      dir.file("swapped.gpkg") + "\"\n")
            .what();
    EXPECT_THAT(what, ::testing::HasSubstr("30 of 30 records lie more than 50 km outside"));
    EXPECT_THAT(what, ::testing::HasSubstr("the declared CRS (EPSG:4326"));
    EXPECT_THAT(what, ::testing::HasSubstr("swapped"));
}

// Names read from the CP1252 DBF label a map as the planner typed them.
TEST(Census, CensusNamesLabelAMap) {
    testing::TempDir dir;
    testing::write_file(
        dir.file("p.toml"),
        "[project]\nname = \"etichette\"\n[[map]]\nname = \"etichette\"\ntitle = \"Etichette\"\n"
        "  [[map.layers]]\n  source = \"catalog:comuni\"\n  fill = \"#f2f0eb\"\n"
        "  [[map.layers]]\n  source = " +
            kShapefile.substr(0, kShapefile.size() - 2) +
            ", where = \"ID_AREA IN ('AD-016', 'AD-001')\" }\n  label = \"DENOMINAZ\"\n");
    testing::run_quietly(read_project(dir.file("p.toml")), dir.file("out"));
    const std::string text =
        testing::command_output("pdftotext '" + dir.file("out/maps/etichette.pdf") + "' -");
    EXPECT_THAT(text, ::testing::HasSubstr("Ex fonderia Fratelli Bòsio"));
    EXPECT_THAT(text, ::testing::HasSubstr("Ex stabilimento Bertolè"));
}

TEST(Census, TheCensusExampleNeverSaysDemonstration) {
    testing::TempDir dir;
    const Project project =
        read_project(std::string(ATLANTE_SOURCE_DIR) + "/examples/censimento/censimento.toml");
    testing::run_quietly(project, dir.path().string());
    for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
        const std::string ext = entry.path().extension().string();
        const std::string text =
            ext == ".pdf"   ? testing::command_output("pdftotext '" + entry.path().string() + "' -")
            : ext == ".png" ? std::string()
                            : testing::read_file(entry.path().string());
        EXPECT_EQ(text.find("dimostrativ"), std::string::npos) << entry.path();
        // Every CSV starts with its header.
        if (ext == ".csv") {
            EXPECT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u) << entry.path();
        }
    }
    EXPECT_THAT(
        testing::command_output("pdftotext '" + dir.file("maps/censimento_tor.pdf") + "' -"),
        ::testing::HasSubstr("non classificato"));
}

}  // namespace
}  // namespace atlante
