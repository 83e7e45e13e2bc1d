// The atlas PDF written while its pages are still being drawn: every page in order, and a page
// that fails leaves no partial PDF (nor a temporary) behind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "render/atlas.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

Layer squares() {
    Layer layer("comuni", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"name", FieldType::String, false});
    for (int i = 0; i < 12; ++i)
        layer.append(i + 1,
                     testing::square(390000 + 3000.0 * (i % 4), 4990000 + 3000.0 * (i / 4), 3000),
                     {"P" + std::to_string(i + 1)});
    return layer;
}

AtlasSpec atlas_of(const Layer& coverage) {
    AtlasSpec atlas;
    atlas.name = "test";
    atlas.title = "Atlante di prova";
    atlas.map.name = "test";
    atlas.map.title = "Comuni";
    atlas.map.page = page_from("A4", "landscape", 10);
    atlas.map.dpi = 72;
    atlas.map.extent = coverage.extent();
    MapLayer layer;
    layer.layer = &coverage;
    layer.name = "comuni";
    layer.style.label_field = "name";
    atlas.map.layers.push_back(std::move(layer));
    atlas.coverage = &coverage;
    for (std::size_t i = 0; i < coverage.size(); ++i)
        atlas.pages.push_back({i, "P" + std::to_string(i + 1), {}, {}});
    atlas.threads = 2;
    return atlas;
}

TEST(AtlasPdf, EveryPageInOrder) {
    testing::TempDir dir;
    const Layer coverage = squares();
    const AtlasReport report = render_atlas(atlas_of(coverage), dir.file("a.pdf"));
    EXPECT_EQ(report.map_pages, 12u);
    EXPECT_EQ(report.document_pages, 14u);  // title, one contents page, 12 maps
    EXPECT_THAT(testing::command_output("pdfinfo " + dir.file("a.pdf")),
                ::testing::HasSubstr("Pages:           14"));
    // Each map page carries its own name, in order.
    const std::string text =
        testing::command_output("pdftotext -f 3 -l 14 " + dir.file("a.pdf") + " -");
    std::size_t at = 0;
    for (int i = 1; i <= 12; ++i) {
        const std::size_t found = text.find("P" + std::to_string(i) + "\n", at);
        ASSERT_NE(found, std::string::npos) << "P" << i;
        at = found;
    }
}

TEST(AtlasPdf, AFailedPageLeavesNoPdf) {
    testing::TempDir dir;
    const Layer coverage = squares();
    AtlasSpec atlas = atlas_of(coverage);
    MapChart chart;  // far too big for a corner of the frame
    chart.name = "troppo";
    chart.chart.categories = {"a"};
    chart.chart.series = {{"s", {1.0}, Color{0.2, 0.4, 0.6, 1}}};
    chart.place = FurniturePlace::TopLeft;
    chart.width_mm = 900;
    atlas.pages[7].charts.push_back(chart);
    const Error e = testing::error_of([&] { render_atlas(atlas, dir.file("a.pdf")); });
    EXPECT_THAT(e.what(), ::testing::HasSubstr("page 'P8'"));
    EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "a partial PDF or a temporary is left";
}

}  // namespace
}  // namespace atlante
