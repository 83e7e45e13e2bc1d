// A project file is checked by the steps' schemas before any work: every value's type and range,
// every key known, every reference to another step's output, every name unique — each error with
// the file, the line and column, and the key.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "pipeline/project.hpp"
#include "pipeline/run_plan.hpp"
#include "pipeline/steps/map_step.hpp"
#include "pipeline/steps/tor_step.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

// A small valid project; `tor` and `layer` are extra lines for the [tor] table and the map's
// one layer, `more` extra tables at the end.
std::string project_text(const std::string& tor = "", const std::string& layer = "",
                         const std::string& map = "", const std::string& more = "") {
    return "[project]\nname = \"prova\"\n\n[tor]\nbrownfields = \"demo\"\n" + tor +
           "\n[[map]]\nname = \"m\"\ntitle = \"t\"\n" + map +
           "  [[map.layers]]\n  source = \"catalog:comuni\"\n" + layer + more;
}

Error refused(const std::string& text) {
    testing::TempDir dir;
    testing::write_file(dir.file("p.toml"), text);
    Error e = testing::error_of([&] { read_project(dir.file("p.toml")); });
    EXPECT_EQ(e.context().file, dir.file("p.toml"));
    return e;
}

TEST(ProjectFile, AValidProjectReads) {
    testing::TempDir dir;
    testing::write_file(dir.file("p.toml"), project_text());
    const Project project = read_project(dir.file("p.toml"));
    ASSERT_EQ(project.steps.size(), 2u);
    EXPECT_EQ(project.steps[0]->label(), "tor");
    EXPECT_EQ(project.steps[1]->label(), "map m");
}

TEST(ProjectFile, UnknownKeysCiteLineColumnAndTheNearestKey) {
    EXPECT_THAT(refused(project_text("raggio_m = 800\n")).what(),
                ::testing::HasSubstr("line 6, column 1: key 'tor.raggio_m': unknown key; did "
                                     "you mean 'radius_m'?"));
    EXPECT_THAT(refused(project_text("", "  colour = \"red\"\n")).what(),
                ::testing::HasSubstr("line 12, column 3: key 'map[0].layers[0].colour': unknown "
                                     "key; did you mean 'colors'?"));
    EXPECT_THAT(refused(project_text("", "", "", "[torr]\nx = 1\n")).what(),
                ::testing::HasSubstr("key 'torr': unknown table; did you mean 'tor'?"));
    EXPECT_THAT(refused(project_text("[tor.weights]\nproximty = 1\n")).what(),
                ::testing::HasSubstr("key 'tor.weights.proximty': unknown key; did you mean "
                                     "'proximity'?"));
}

TEST(ProjectFile, ValuesOutOfRangeAreRefusedWithTheirPlace) {
    struct Case {
        std::string text, where, why;
    };
    const std::vector<Case> cases{
        {project_text("", "  stroke_mm = nan\n"),
         "line 12, column 15: key 'map[0].layers[0].stroke_mm'", "nan is not a finite number"},
        {project_text("", "  stroke_mm = -1\n"), "key 'map[0].layers[0].stroke_mm'",
         "-1 mm is out of range (a number (mm), 0 to 20)"},
        {project_text("", "  opacity = 5\n"), "key 'map[0].layers[0].opacity'", "0 to 1"},
        {project_text("", "", "dpi = 20000\n"), "line 10, column 7: key 'map[0].dpi'",
         "36 to 1200"},
        {project_text("", "", "scale_bar_km = inf\n"), "key 'map[0].scale_bar_km'",
         "inf is not a finite number"},
        {project_text("", "", "extent_bbox = [nan, 0, 1, 1]\n"), "key 'map[0].extent_bbox'",
         "not a finite number"},
        {project_text("radius_m = 1e308\n"), "line 6, column 12: key 'tor.radius_m'",
         "1e+308 m is out of range (a number (m), 1 to 100000)"},
        {project_text("radius_m = 0x10\n"), "key 'tor.radius_m'", "decimal"},
        {project_text("radius_m = \"1500\"\n"), "key 'tor.radius_m'", "expected a number"},
        {project_text("", "", "page = \"A5\"\n"), "key 'map[0].page'", "one of A4, A3, A2, A1, A0"},
        {project_text("", "  fill = \"reddish\"\n"), "key 'map[0].layers[0].fill'",
         "'reddish' is not a colour"},
    };
    for (const Case& c : cases) {
        const std::string what = refused(c.text).what();
        EXPECT_THAT(what, ::testing::HasSubstr(c.where)) << c.text;
        EXPECT_THAT(what, ::testing::HasSubstr(c.why)) << c.text;
    }
}

TEST(ProjectFile, ReferencesToOtherStepsAreChecked) {
    const std::string nosuch =
        refused(project_text("", "  [[map.layers]]\n  source = \"tor:nosuch\"\n")).what();
    EXPECT_THAT(nosuch, ::testing::HasSubstr("line 13, column 12: key 'map[0].layers[1].source'"));
    EXPECT_THAT(nosuch, ::testing::HasSubstr("'tor:nosuch': the tor step makes brownfields, "
                                             "discs, stations, summary_zones, summary_comuni"));
    EXPECT_THAT(refused(project_text("", "  [[map.layers]]\n  source = \"reach:walk\"\n")).what(),
                ::testing::HasSubstr("'reach:walk': the project has no reach step"));
    EXPECT_THAT(
        refused(project_text("", "  [[map.layers]]\n  source = \"catalog:zonez\"\n")).what(),
        ::testing::HasSubstr("unknown catalogue layer 'catalog:zonez'; did you mean 'zones'?"));
    EXPECT_THAT(
        refused(project_text(
                    "", "", "",
                    "[[atlas]]\nname = \"a\"\ntitle = \"A\"\nmap = \"x\"\npage_name = \"name\"\n"))
            .what(),
        ::testing::HasSubstr("key 'atlas[0].map': no [[map]] named 'x' (maps: m)"));
    EXPECT_THAT(refused(project_text("", "", "subtitle = \"entro {tor.raggio}\"\n")).what(),
                ::testing::HasSubstr(
                    "key 'map[0].subtitle': {tor.raggio}: the tor step has no option 'raggio'"));
}

TEST(ProjectFile, DuplicateNamesAreRefused) {
    const std::string second =
        "[[map]]\nname = \"m\"\ntitle = \"again\"\n  [[map.layers]]\n  source = "
        "\"catalog:comuni\"\n";
    EXPECT_THAT(refused(project_text("", "", "", second)).what(),
                ::testing::HasSubstr("line 13, column 8: key 'map[1].name': a second map named 'm' "
                                     "(the first is map[0])"));
}

TEST(ProjectFile, RequiredKeysAndCombinations) {
    EXPECT_THAT(refused("[project]\nname = \"x\"\n[tor]\nradius_m = 800\n").what(),
                ::testing::HasSubstr("key 'tor.brownfields': required, missing"));
    EXPECT_THAT(refused("[tor]\nbrownfields = \"demo\"\n").what(),
                ::testing::HasSubstr("required table [project], missing"));
    EXPECT_THAT(refused(project_text("", "", "width_mm = 300\n")).what(),
                ::testing::HasSubstr("give both width_mm and height_mm"));
    EXPECT_THAT(refused(project_text("", "", "width_mm = 1000\nheight_mm = 1000\n")).what(),
                ::testing::HasSubstr("larger than A0"));
    EXPECT_THAT(
        refused(project_text("[tor.weights]\nproximity = 0\nservice = 0\narea = 0\nclass = 0\n"))
            .what(),
        ::testing::HasSubstr("the weights sum to 0"));
    EXPECT_THAT(refused("[project]\nname = \"x\"\n[bands]\nmethod = \"dem\"\n").what(),
                ::testing::HasSubstr("the dem method needs dem"));
}

TEST(RunPlan, StepsRunAfterWhatTheyReadAndACircleIsRefused) {
    testing::TempDir dir;
    // The map is declared before what it draws: the plan still puts TOR first.
    testing::write_file(dir.file("p.toml"),
                        project_text("", "  [[map.layers]]\n  source = \"tor:discs\"\n"));
    const Project project = read_project(dir.file("p.toml"));
    const RunPlan plan = plan_run(project);
    ASSERT_EQ(plan.steps.size(), 2u);
    EXPECT_EQ(plan.steps[0]->label(), "tor");
    EXPECT_EQ(plan.needs[1], std::vector<std::size_t>{0});
    // One map alone brings the step it reads, and no other.
    EXPECT_EQ(plan_run(project, "map", "m").steps.size(), 2u);
    EXPECT_THAT(testing::error_of([&] { plan_run(project, "map", "nope"); }).what(),
                ::testing::HasSubstr("no map named 'nope' (maps: m)"));

    testing::write_file(
        dir.file("c.toml"),
        "[project]\nname = \"x\"\n[tor]\nbrownfields = \"demo\"\nstations = \"reach:stations\"\n"
        "[reach]\nstations = \"tor:stations\"\n");
    const Project circle = read_project(dir.file("c.toml"));
    EXPECT_THAT(testing::error_of([&] { plan_run(circle); }).what(),
                ::testing::HasSubstr("read each other's outputs in a circle: tor, reach"));
}

}  // namespace
}  // namespace atlante
