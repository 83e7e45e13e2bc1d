// Cartography: scale-bar lengths, the label collision index, style errors, and a small map
// rendered to PDF (text checked with pdftotext), SVG and PNG (compared with a golden image).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cairo.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "render/labels/collision_index.hpp"
#include "render/layout/scale_bar.hpp"
#include "render/map_spec.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

TEST(ScaleBar, LongestRoundLengthThatFits) {
    EXPECT_EQ(choose_scale_bar(0.005, 50).label, "10 km");  // 1:200.000, 50 mm of room
    EXPECT_EQ(choose_scale_bar(0.005, 80).label, "15 km");  // the plan's "0 15 km"
    EXPECT_EQ(choose_scale_bar(0.02, 35).label, "1,5 km");
    EXPECT_EQ(choose_scale_bar(1.0, 30).label, "25 m");
    EXPECT_NEAR(choose_scale_bar(0.005, 80).length_mm, 75, 1e-9);
    EXPECT_EQ(choose_scale_bar(0.005, 0).length_m, 0);
}

TEST(CollisionIndex, PlacesOnlyWhereNothingIs) {
    CollisionIndex index;
    index.add_obstacle({0, 0, 10, 10});             // e.g. the legend
    EXPECT_FALSE(index.try_place({5, 5, 15, 15}));  // overlaps the obstacle
    EXPECT_TRUE(index.try_place({10, 0, 20, 5}));   // touching is not overlapping
    EXPECT_FALSE(index.try_place({19, 4, 25, 8}));  // overlaps the placed label
    EXPECT_TRUE(index.try_place({30, 30, 31, 31}));
    for (std::size_t i = 0; i < index.boxes().size(); ++i)
        for (std::size_t j = i + 1; j < index.boxes().size(); ++j)
            EXPECT_FALSE(index.boxes()[i].intersects(index.boxes()[j]));
    EXPECT_TRUE((Box{1, 1, 2, 2}.inside(Box{0, 0, 10, 10})));
    EXPECT_FALSE((Box{9, 9, 11, 11}.inside(Box{0, 0, 10, 10})));
}

TEST(LayerStyle, RangeLabelsAsThePlanPrintsThem) {
    EXPECT_EQ(range_label(-20, -10, "signed_percent", 0), "-20% \u2212 -10%");
    EXPECT_EQ(range_label(0, 10, "signed_percent", 0), "0% \u2212 +10%");
    EXPECT_EQ(range_label(15, 17.5, "percent", 1), "15,0% \u2212 17,5%");
    EXPECT_EQ(range_label(1000, 2500, "number", 0), "1.000 \u2212 2.500");
}

Layer squares() {
    Layer layer("zones", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"zone", FieldType::String, true});
    layer.add_field({"value", FieldType::Real, true});
    layer.add_field({"name", FieldType::String, true});
    const char* zones[] = {"nord", "sud", "nord"};
    for (int i = 0; i < 3; ++i) {
        const double x = 400000 + i * 10000.0;
        layer.append(
            i + 1,
            Geometry::from_wkt("POLYGON ((" + std::to_string(x) + " 4990000, " +
                               std::to_string(x + 10000) + " 4990000, " +
                               std::to_string(x + 10000) + " 5000000, " + std::to_string(x) +
                               " 5000000, " + std::to_string(x) + " 4990000))"),
            {std::string(zones[i]), 10.0 * i, "Comune " + std::to_string(i + 1)});
    }
    return layer;
}

MapSpec small_map(const Layer& layer) {
    MapSpec spec;
    spec.name = "prova";
    spec.theme = "Salute";
    spec.title = "Mappa di prova";
    spec.page = PageSpec{200, 120, 8};
    spec.dpi = 100;
    spec.extent = layer.extent();
    spec.sources = {"Zone di prova | atlante | 1:10.000 | test"};
    LayerStyle zones;
    zones.kind = StyleKind::Categorical;
    zones.field = "zone";
    zones.categories = {"nord", "sud"};
    zones.colors = {parse_color("#8dd3c7"), parse_color("#fb8072")};
    zones.symbol.stroke = parse_color("white");
    zones.legend_title = "zone omogenee:";
    zones.label_field = "name";
    spec.layers.push_back({&layer, zones, "zones"});
    return spec;
}

std::string pdf_text(const std::string& pdf) {
    return testing::command_output("pdftotext -layout '" + pdf + "' - 2>/dev/null");
}

TEST(RenderMap, PdfHasRealTextForTitleLegendAndSources) {
    testing::TempDir dir;
    const Layer layer = squares();
    const RenderReport report = render_map(small_map(layer), PageFormat::PDF, dir.file("map.pdf"));
    const std::string text = pdf_text(dir.file("map.pdf"));
    for (const char* expected :
         {"Salute", "Mappa di prova", "Legenda", "zone omogenee:", "nord", "sud",
          "Fonti cartografiche", "Zone di prova | atlante | 1:10.000 | test", "km"})
        EXPECT_THAT(text, ::testing::HasSubstr(expected));
    EXPECT_EQ(report.labels_placed, 3u);
}

TEST(RenderMap, PngAtTheRequestedDpiIsDeterministicAndMatchesTheGolden) {
    testing::TempDir dir;
    const Layer layer = squares();
    render_map(small_map(layer), PageFormat::PNG, dir.file("a.png"));
    render_map(small_map(layer), PageFormat::PNG, dir.file("b.png"));
    EXPECT_EQ(testing::read_file(dir.file("a.png")), testing::read_file(dir.file("b.png")));
    // RGB (paper is opaque), and the resolution in pHYs: 100 dpi = 3937 pixels per metre.
    const std::string bytes = testing::read_file(dir.file("a.png"));
    EXPECT_EQ(bytes[25], 2);  // IHDR colour type: RGB
    const auto phys = bytes.find("pHYs");
    ASSERT_NE(phys, std::string::npos);
    const auto be32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (int k = 0; k < 4; ++k) v = v << 8 | static_cast<unsigned char>(bytes[at + k]);
        return v;
    };
    EXPECT_EQ(be32(phys + 4), 3937u);
    EXPECT_EQ(be32(phys + 8), 3937u);
    EXPECT_EQ(bytes[phys + 12], 1);  // the unit is the metre
    cairo_surface_t* got = cairo_image_surface_create_from_png(dir.file("a.png").c_str());
    EXPECT_EQ(cairo_image_surface_get_width(got), 787);   // 200 mm at 100 dpi
    EXPECT_EQ(cairo_image_surface_get_height(got), 472);  // 120 mm at 100 dpi
    const std::string golden =
        std::string(ATLANTE_SOURCE_DIR) + "/tests/fixtures/golden/small_map.png";
    if (std::getenv("ATLANTE_WRITE_GOLDEN"))
        std::filesystem::copy_file(dir.file("a.png"), golden,
                                   std::filesystem::copy_options::overwrite_existing);
    cairo_surface_t* want = cairo_image_surface_create_from_png(golden.c_str());
    ASSERT_EQ(cairo_surface_status(want), CAIRO_STATUS_SUCCESS) << golden;
    ASSERT_EQ(cairo_image_surface_get_width(want), cairo_image_surface_get_width(got));
    ASSERT_EQ(cairo_image_surface_get_height(want), cairo_image_surface_get_height(got));
    // Tolerance: a pixel differs when a channel is off by more than 32 of 255 (antialiasing and
    // font rasterisation across library versions); at most 0,5 % of pixels may differ.
    const unsigned char* a = cairo_image_surface_get_data(got);
    const unsigned char* b = cairo_image_surface_get_data(want);
    const int stride = cairo_image_surface_get_stride(got), w = cairo_image_surface_get_width(got),
              h = cairo_image_surface_get_height(got);
    std::size_t differing = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 4; ++c)
                if (std::abs(a[y * stride + 4 * x + c] - b[y * stride + 4 * x + c]) > 32) {
                    ++differing;
                    break;
                }
    EXPECT_LE(static_cast<double>(differing) / (w * h), 0.005) << differing << " pixels differ";
    cairo_surface_destroy(got);
    cairo_surface_destroy(want);
}

TEST(RenderMap, OverviewInsetShowsTheWholeArea) {
    testing::TempDir dir;
    const Layer layer = squares();
    MapSpec spec = small_map(layer);
    spec.extent = layer.geometry(0).envelope();  // zoomed on the first square
    spec.overview = OverviewSpec{&layer, 40};
    render_map(spec, PageFormat::PNG, dir.file("inset.png"));
    cairo_surface_t* png = cairo_image_surface_create_from_png(dir.file("inset.png").c_str());
    const unsigned char* data = cairo_image_surface_get_data(png);
    const int stride = cairo_image_surface_get_stride(png);
    // Count the inset's red extent-marker pixels in the frame's bottom-right corner.
    std::size_t red = 0;
    for (int y = 360; y < 440; ++y)  // the frame's bottom right: x up to 358 px, y up to 440 px
        for (int x = 150; x < 358; ++x) {
            const unsigned char* p = data + y * stride + 4 * x;  // BGRA
            if (p[2] > 150 && p[1] < 90 && p[0] < 90) ++red;
        }
    EXPECT_GT(red, 20u);
    cairo_surface_destroy(png);
}

TEST(RenderMap, SvgIsWritten) {
    testing::TempDir dir;
    const Layer layer = squares();
    render_map(small_map(layer), PageFormat::SVG, dir.file("map.svg"));
    EXPECT_THAT(testing::read_file(dir.file("map.svg")), ::testing::HasSubstr("<svg"));
}

TEST(RenderMap, BadInput) {
    testing::TempDir dir;
    const Layer layer = squares();
    MapSpec font = small_map(layer);
    font.font_family = "No Such Font Family";
    EXPECT_THAT(
        testing::error_of([&] { render_map(font, PageFormat::PNG, dir.file("x.png")); }).what(),
        ::testing::HasSubstr("font 'No Such Font Family' is not installed"));
    MapSpec empty = small_map(layer);
    empty.extent = Envelope{};
    EXPECT_THAT(
        testing::error_of([&] { render_map(empty, PageFormat::PNG, dir.file("x.png")); }).what(),
        ::testing::HasSubstr("extent is empty"));
    MapSpec palette = small_map(layer);
    palette.layers[0].style.colors.pop_back();
    EXPECT_THAT(
        testing::error_of([&] { render_map(palette, PageFormat::PNG, dir.file("x.png")); }).what(),
        ::testing::HasSubstr("palette has 1 colours for 2 categories"));
    MapSpec text_field = small_map(layer);
    text_field.layers[0].style.kind = StyleKind::Graduated;
    const Error e =
        testing::error_of([&] { render_map(text_field, PageFormat::PNG, dir.file("x.png")); });
    EXPECT_THAT(e.what(), ::testing::HasSubstr("needs a numeric field"));
    EXPECT_EQ(e.context().field, "zone");
    MapSpec missing = small_map(layer);
    missing.layers[0].style.field = "zona";
    EXPECT_THAT(
        testing::error_of([&] { render_map(missing, PageFormat::PNG, dir.file("x.png")); }).what(),
        ::testing::HasSubstr("no such field"));
    EXPECT_FALSE(std::filesystem::exists(dir.file("x.png")));
}

}  // namespace
}  // namespace atlante
