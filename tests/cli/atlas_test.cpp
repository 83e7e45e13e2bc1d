// Atlases on the real data: page count = features after the filter, pages in sort order with
// unique names, contents and bookmarks; and every bad input stopped before a page is drawn.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <regex>

#include "pipeline/steps/atlas_step.hpp"
#include "tests/support/project_runs.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

using testing::step_of;

Project example() { return read_project(testing::torino_example()); }

std::string run_atlas(const Project& project, const std::string& atlas, const std::string& out) {
    return testing::run_quietly(project, out, "atlas", atlas).text;
}

TEST(Atlas, ZonesOnePagePerZoneInOrderWithContentsAndBookmarks) {
    testing::TempDir dir;
    const std::string text = run_atlas(example(), "atlante_zone", dir.path().string());
    EXPECT_THAT(text, ::testing::ContainsRegex(
                          "\\[atlas atlante_zone\\] [0-9.]+ s\n11 map pages \\(13 in the PDF\\)"));
    const std::string pdf = dir.file("atlases/atlante_zone.pdf");
    EXPECT_THAT(testing::command_output("pdfinfo '" + pdf + "'"),
                ::testing::ContainsRegex("Pages: +13"));
    // Contents (page 2): zones by number, each with its page.
    const std::string contents =
        testing::command_output("pdftotext -layout -f 2 -l 2 '" + pdf + "' -");
    const std::vector<std::string> order{"Torino",
                                         "AMT Ovest",
                                         "AMT Sud",
                                         "AMT Nord",
                                         "Pinerolese",
                                         "Valli di Susa e Sangone",
                                         "Ciriacese e Valli di Lanzo",
                                         "Canavese occidentale",
                                         "Eporediese",
                                         "Chivassese",
                                         "Chierese-Carmagnolese"};
    std::size_t at = 0;
    for (const std::string& zone : order) {
        const std::size_t found = contents.find(zone, at);
        ASSERT_NE(found, std::string::npos) << zone << " missing or out of order";
        at = found;
    }
    // Each map page's header names its zone; the last is page 13.
    EXPECT_THAT(testing::command_output("pdftotext -f 3 -l 3 '" + pdf + "' -"),
                ::testing::HasSubstr("Torino"));
    EXPECT_THAT(testing::command_output("pdftotext -f 13 -l 13 '" + pdf + "' -"),
                ::testing::HasSubstr("Chierese-Carmagnolese"));
    EXPECT_THAT(testing::command_output("pdftotext -f 13 -l 13 '" + pdf + "' -"),
                ::testing::HasSubstr("pagina 13 di 13"));
    // Bookmarks: the title page, the contents and one per zone.
    const std::string raw = testing::read_file(pdf);
    std::size_t outlines = 0;
    for (std::size_t p = raw.find("/Title"); p != std::string::npos; p = raw.find("/Title", p + 1))
        ++outlines;
    EXPECT_EQ(outlines, 1u + 2u + 11u);  // the document's own title, then the outline entries
}

TEST(Atlas, FilterKeepsOnlyMatchingFeatures) {
    testing::TempDir dir;
    Project project = example();
    step_of<AtlasStep>(project, "atlante_comuni").filter = "zone_name=Chivassese";
    run_atlas(project, "atlante_comuni", dir.path().string());
    EXPECT_THAT(
        testing::command_output("pdfinfo '" + dir.file("atlases/atlante_comuni.pdf") + "'"),
        ::testing::ContainsRegex("Pages: +26"));  // 24 comuni + the title page and the contents
}

TEST(Atlas, OneFilePerPageNamedByThePage) {
    testing::TempDir dir;
    Project project = example();
    step_of<AtlasStep>(project, "atlante_zone").per_page = "png";
    run_atlas(project, "atlante_zone", dir.path().string());
    std::size_t files = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(dir.file("atlases/atlante_zone"))) {
        ++files;
        EXPECT_EQ(entry.path().extension(), ".png");
    }
    EXPECT_EQ(files, 11u);
    EXPECT_TRUE(std::filesystem::exists(dir.file("atlases/atlante_zone/Chivassese.png")));
    EXPECT_EQ(page_file_name("a/b:c"), "a_b_c");
}

TEST(Atlas, BadInputStopsBeforeAnyPage) {
    testing::TempDir dir;
    auto failing = [&](auto change) {
        Project project = example();
        change(step_of<AtlasStep>(project, "atlante_zone"));
        return testing::error_of([&] { run_atlas(project, "atlante_zone", dir.path().string()); });
    };
    EXPECT_THAT(
        failing([](AtlasStep& a) { a.coverage = SourceRef::parse("catalog:stations"); }).what(),
        ::testing::HasSubstr("an atlas coverage must be polygons, not Point"));
    EXPECT_THAT(failing([](AtlasStep& a) { a.filter = "zone_name=Atlantide"; }).what(),
                ::testing::HasSubstr("keeps no feature"));
    EXPECT_EQ(failing([](AtlasStep& a) { a.page_name = "nome"; }).context().field, "nome");
    EXPECT_THAT(failing([](AtlasStep& a) { a.page_name = "membership"; }).what(),
                ::testing::HasSubstr("duplicate page name"));
    EXPECT_FALSE(std::filesystem::exists(dir.file("atlases/atlante_zone.pdf")));
}

}  // namespace
}  // namespace atlante
