// Map furniture: charts (bar heights read back from the SVG, text from the PDF), ratio boxes, the
// legend in columns and in a band, charts in the frame kept clear of labels, and polygons too
// small to see drawn as markers of the minimum size.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "render/chart/chart.hpp"
#include "render/map_spec.hpp"
#include "tests/support/svg_shapes.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

using testing::svg_rgb;
using testing::svg_shapes;

Chart band_chart() {
    Chart chart;
    chart.title = "Distribuzione dei presidi per altimetria";
    chart.categories = {"montagna", "collina", "pianura"};
    chart.category_colors = {parse_color("#b5916a"), parse_color("#e8d59e"),
                             parse_color("#6baed6")};
    chart.series = {{"presidi", {2.0, 13.0, 36.0}, parse_color("#333333")}};
    chart.unit = "ab.";
    return chart;
}

// The chart alone on a page, in `format`.
ChartMarks draw_alone(const Chart& chart, PageFormat format, const std::string& path) {
    Canvas canvas(format, path, 120, 90, 100, "grafico");
    const ChartMarks marks = draw_chart(canvas, chart, Box{10, 10, 100, 70}, "DejaVu Sans");
    canvas.finish();
    return marks;
}

// The shapes filled with `hex`, as the SVG holds them.
std::vector<testing::SvgShape> filled(const std::string& svg, const std::string& hex) {
    std::vector<testing::SvgShape> out;
    for (const auto& s : svg_shapes(svg))
        if (s.fill == svg_rgb(hex)) out.push_back(s);
    return out;
}

TEST(Chart, BarHeightsAreProportionalToTheValuesInTheSvg) {
    testing::TempDir dir;
    draw_alone(band_chart(), PageFormat::SVG, dir.file("bars.svg"));
    const auto montagna = filled(dir.file("bars.svg"), "#b5916a");
    const auto collina = filled(dir.file("bars.svg"), "#e8d59e");
    const auto pianura = filled(dir.file("bars.svg"), "#6baed6");
    ASSERT_EQ(montagna.size(), 1u);
    ASSERT_EQ(collina.size(), 1u);
    ASSERT_EQ(pianura.size(), 1u);
    EXPECT_NEAR(collina[0].height() / pianura[0].height(), 13.0 / 36.0, 1e-3);
    EXPECT_NEAR(montagna[0].height() / pianura[0].height(), 2.0 / 36.0, 1e-3);
    // One baseline, left to right in the categories' order, inside the chart's box.
    EXPECT_NEAR(montagna[0].y1, pianura[0].y1, 0.01);
    EXPECT_LT(montagna[0].x1, collina[0].x0);
    EXPECT_LT(collina[0].x1, pianura[0].x0);
    EXPECT_GE(montagna[0].x0, 10 - 1e-6);
    EXPECT_LE(pianura[0].x1, 100 + 1e-6);
    EXPECT_GT(pianura[0].height(), 30);  // the tallest bar uses the room it has
}

TEST(Chart, HorizontalGroupedAndStackedBarsKeepTheirProportions) {
    testing::TempDir dir;
    Chart chart = band_chart();
    chart.kind = ChartKind::HorizontalBars;
    draw_alone(chart, PageFormat::SVG, dir.file("h.svg"));
    const auto m = filled(dir.file("h.svg"), "#b5916a"), p = filled(dir.file("h.svg"), "#6baed6");
    ASSERT_EQ(m.size(), 1u);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NEAR(m[0].width() / p[0].width(), 2.0 / 36.0, 1e-3);

    Chart two = band_chart();
    two.kind = ChartKind::StackedBars;
    two.series = {{"2018", {10.0, 20.0, 30.0}, parse_color("#1b9e77")},
                  {"2021", {30.0, 20.0, 10.0}, parse_color("#d95f02")}};
    const ChartMarks marks = draw_alone(two, PageFormat::SVG, dir.file("s.svg"));
    const auto a = filled(dir.file("s.svg"), "#1b9e77"), b = filled(dir.file("s.svg"), "#d95f02");
    ASSERT_EQ(a.size(), 4u);  // three segments and the key's swatch
    ASSERT_EQ(b.size(), 4u);
    ASSERT_EQ(marks.bars.size(), 6u);
    // Every stack is 40 high: the same height; each segment sits on the one below.
    for (std::size_t c = 0; c < 3; ++c) {
        const Box& low = marks.bars[c];
        const Box& high = marks.bars[3 + c];
        EXPECT_NEAR(low.y0, high.y1, 1e-9);
        EXPECT_NEAR(high.y0, marks.bars[3].y0, 1e-9);
    }
    EXPECT_NEAR((marks.bars[0].y1 - marks.bars[0].y0) / (marks.bars[3].y1 - marks.bars[3].y0),
                10.0 / 30.0, 1e-9);
}

TEST(Chart, TextStaysTextInThePdf) {
    testing::TempDir dir;
    draw_alone(band_chart(), PageFormat::PDF, dir.file("chart.pdf"));
    const std::string text = testing::command_output("pdftotext '" + dir.file("chart.pdf") + "' -");
    for (const char* expected : {"Distribuzione dei presidi per altimetria", "montagna", "collina",
                                 "pianura", "2 ab.", "13 ab.", "36 ab."})
        EXPECT_THAT(text, ::testing::HasSubstr(expected));
    Chart pie = band_chart();
    pie.kind = ChartKind::Donut;
    pie.series[0].values = {138160.0, 452469.0, 1640317.0};
    draw_alone(pie, PageFormat::PDF, dir.file("pie.pdf"));
    EXPECT_THAT(testing::command_output("pdftotext '" + dir.file("pie.pdf") + "' -"),
                ::testing::HasSubstr("pianura: 1.640.317 ab. (73,5%)"));
}

TEST(Chart, LinePointsFollowTheValues) {
    testing::TempDir dir;
    Chart line;
    line.kind = ChartKind::Line;
    line.categories = {"2018", "2019", "2020", "2021"};
    line.series = {{"Bollengo", {100.0, 100.9, 99.5, 98.0}, parse_color("#c0392b")}};
    const ChartMarks marks = draw_alone(line, PageFormat::SVG, dir.file("line.svg"));
    ASSERT_EQ(marks.bars.size(), 4u);
    auto y = [&](std::size_t i) { return (marks.bars[i].y0 + marks.bars[i].y1) / 2; };
    EXPECT_LT(y(1), y(0));  // higher value, higher on the page
    EXPECT_GT(y(2), y(0));
    EXPECT_GT(y(3), y(2));
    EXPECT_NEAR((y(3) - y(0)) / (y(0) - y(1)), 2.0 / 0.9, 1e-6);
}

TEST(Chart, ImpossibleChartsAreRefusedNamingThem) {
    Chart pie = band_chart();
    pie.kind = ChartKind::Pie;
    pie.series[0].values[1] = -3.0;
    EXPECT_THAT(testing::error_of([&] { check_chart(pie, "map 'm', chart 'c'"); }).what(),
                ::testing::HasSubstr("map 'm', chart 'c'"));
    Chart short_series = band_chart();
    short_series.series[0].values.pop_back();
    EXPECT_THAT(testing::error_of([&] { check_chart(short_series, "x"); }).what(),
                ::testing::HasSubstr("has 2 values for 3 categories"));
}

// A layer of `n` × `n` labelled points covering the extent evenly.
Layer point_grid(int n) {
    Layer layer("punti", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"name", FieldType::String, true});
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            layer.append(i * n + j + 1,
                         Geometry::from_wkt("POINT (" + std::to_string(400000 + i * 1000) + " " +
                                            std::to_string(5000000 + j * 1000) + ")"),
                         {"P" + std::to_string(i * n + j)});
    return layer;
}

MapSpec points_map(const Layer& layer) {
    MapSpec spec;
    spec.name = "prova";
    spec.title = "Mappa di prova";
    spec.page = PageSpec{297, 210, 8};
    spec.dpi = 72;
    spec.extent = layer.extent();
    LayerStyle style;
    style.symbol.fill = parse_color("#1b4f72");
    style.label_field = "name";
    style.legend_label = "punti";
    spec.layers.push_back({&layer, style, "punti"});
    return spec;
}

TEST(MapFurniture, AChartInTheFrameKeepsTheLabelsOff) {
    testing::TempDir dir;
    const Layer grid = point_grid(12);
    MapSpec spec = points_map(grid);
    const RenderReport without = render_map(spec, PageFormat::PDF, dir.file("a.pdf"));
    spec.charts.push_back({"chart 1", band_chart(), FurniturePlace::TopLeft, 80, 60});
    const RenderReport with = render_map(spec, PageFormat::PDF, dir.file("b.pdf"));
    ASSERT_EQ(with.furniture.size(), 1u);
    const Box chart = with.furniture.front();
    EXPECT_NEAR(chart.x1 - chart.x0, 80, 1e-9);
    // Labels were placed under the chart's corner before; now none meets the chart.
    const auto under = [&](const RenderReport& r) {
        return std::count_if(r.labels.begin(), r.labels.end(),
                             [&](const Box& b) { return b.intersects(chart); });
    };
    EXPECT_GT(under(without), 3);
    EXPECT_EQ(under(with), 0);
    EXPECT_LT(with.labels_placed, without.labels_placed);
    // A chart too big for its corner is an error naming the map and the chart.
    spec.charts.back().height_mm = 400;
    EXPECT_THAT(
        testing::error_of([&] { render_map(spec, PageFormat::PDF, dir.file("c.pdf")); }).what(),
        ::testing::HasSubstr("map 'prova'"));
}

TEST(MapFurniture, RatioBoxesPrintTheirSentences) {
    testing::TempDir dir;
    const Layer grid = point_grid(3);
    MapSpec spec = points_map(grid);
    RatioBoxes boxes{
        "Presidi e popolazione",
        {{"montagna", "1 presidio ospedaliero per 69.080 ab.", parse_color("#b5916a")},
         {"collina", "1 presidio ospedaliero per 34.805 ab.", parse_color("#e8d59e")}}};
    spec.ratio_boxes.push_back({"boxes 1", boxes, FurniturePlace::Column, 0});
    const RenderReport report = render_map(spec, PageFormat::PDF, dir.file("r.pdf"));
    const std::string text = testing::command_output("pdftotext '" + dir.file("r.pdf") + "' -");
    EXPECT_THAT(text, ::testing::HasSubstr("1 presidio ospedaliero per 69.080 ab."));
    EXPECT_THAT(text, ::testing::HasSubstr("1 presidio ospedaliero per 34.805 ab."));
    ASSERT_EQ(report.furniture.size(), 1u);
    EXPECT_LT(report.furniture[0].y1, report.sources_top_mm);  // above the sources
}

// A categorical layer of `n` squares, one class each.
Layer classes(int n) {
    Layer layer("classi", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"classe", FieldType::String, true});
    for (int i = 0; i < n; ++i) {
        layer.append(i + 1, testing::square(400000 + i * 1000, 5000000, 900),
                     {"classe " + std::to_string(i + 1)});
    }
    return layer;
}

MapSpec classes_map(const Layer& layer) {
    MapSpec spec;
    spec.name = "classi";
    spec.title = "Dodici classi";
    spec.page = PageSpec{210, 148, 8};  // A5 landscape: no room for twelve rows in one column
    spec.dpi = 72;
    spec.extent = layer.extent();
    LayerStyle style;
    style.kind = StyleKind::Categorical;
    style.field = "classe";
    for (std::size_t i = 0; i < layer.size(); ++i) {
        style.categories.push_back("classe " + std::to_string(i + 1));
        style.colors.push_back(Color{0.05 * i, 0.3, 0.6, 1});
    }
    style.legend_title = "classi:";
    spec.layers.push_back({&layer, style, "classi"});
    spec.sources = {"Classi di prova | atlante"};
    return spec;
}

// The left edge (mm) of each word pdftotext finds on the page.
std::map<std::string, std::pair<double, double>> word_positions(const std::string& pdf) {
    const std::string html = testing::command_output("pdftotext -bbox '" + pdf + "' -");
    std::map<std::string, std::pair<double, double>> out;
    const std::regex word("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\"[^>]*>([^<]*)</word>");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), word);
         it != std::sregex_iterator(); ++it)
        out.emplace((*it)[3].str() + "@" + std::to_string(out.size()),
                    std::pair{std::stod((*it)[1]) * 25.4 / 72, std::stod((*it)[2]) * 25.4 / 72});
    return out;
}

TEST(MapFurniture, ALegendOfTwelveClassesFlowsIntoTwoColumns) {
    testing::TempDir dir;
    const Layer layer = classes(12);
    MapSpec spec = classes_map(layer);
    const RenderReport report = render_map(spec, PageFormat::PDF, dir.file("l.pdf"));
    EXPECT_EQ(report.legend_columns, 2u);
    EXPECT_EQ(report.legend_overflow_mm, 0);
    // The class numbers ("1" … "12") sit at two different lefts in the right column.
    std::set<long> lefts;
    for (const auto& [key, at] : word_positions(dir.file("l.pdf")))
        if (std::regex_match(key, std::regex("[0-9]+@[0-9]+")) && at.first > 140)
            lefts.insert(std::lround(at.first));
    EXPECT_EQ(lefts.size(), 2u);
    spec.legend_columns = 1;  // forced into one column: it overflows, and says by how much
    EXPECT_GT(render_map(spec, PageFormat::PDF, dir.file("m.pdf")).legend_overflow_mm, 0);
}

TEST(MapFurniture, ALegendInTheBottomBandSitsUnderTheFrame) {
    testing::TempDir dir;
    const Layer layer = classes(12);
    MapSpec spec = classes_map(layer);
    spec.page = PageSpec{420, 297, 12};
    spec.legend_place = LegendPlace::Bottom;
    spec.legend_band_mm = 40;
    const RenderReport report = render_map(spec, PageFormat::PDF, dir.file("b.pdf"));
    EXPECT_GE(report.legend_columns, 2u);
    EXPECT_EQ(report.legend_overflow_mm, 0);
    for (const auto& [key, at] : word_positions(dir.file("b.pdf")))
        if (key.rfind("classe@", 0) == 0) {
            EXPECT_GT(at.second, 297 - 12 - 40 - 1) << key;
        }
}

TEST(MapFurniture, PolygonsUnderTheMinimumSizeBecomeMarkersOfThatSize) {
    testing::TempDir dir;
    // Ten 5 m squares over 10 km: 0,1 mm across on a 200 mm frame.
    Layer tiny("siti", Crs::from_user_input("EPSG:32632"), true);
    for (int i = 0; i < 10; ++i) {
        const double x = 400000 + i * 1000;
        tiny.append(i + 1,
                    Geometry::from_wkt("POLYGON ((" + std::to_string(x) + " 5000000, " +
                                       std::to_string(x + 5) + " 5000000, " +
                                       std::to_string(x + 5) + " 5000005, " + std::to_string(x) +
                                       " 5000005, " + std::to_string(x) + " 5000000))"),
                    {});
    }
    MapSpec spec;
    spec.name = "siti";
    spec.title = "Siti piccoli";
    spec.page = PageSpec{297, 210, 8};
    spec.extent = Envelope{400000, 4995000, 410000, 5005000, false};
    LayerStyle style;
    style.symbol.fill = parse_color("#c0392b");
    style.symbol.stroke = parse_color("#333333");
    style.symbol.min_size_mm = 1.2;
    style.legend_label = "aree dismesse";
    spec.layers.push_back({&tiny, style, "siti"});
    const RenderReport report = render_map(spec, PageFormat::SVG, dir.file("s.svg"));
    EXPECT_EQ(report.polygons_as_markers, 10u);
    const auto dots = filled(dir.file("s.svg"), "#c0392b");
    ASSERT_EQ(dots.size(), 12u);  // ten sites, and the legend's area and marker
    std::size_t at_size = 0;
    for (const auto& d : dots)
        if (std::abs(d.width() - 1.2) < 0.01 && std::abs(d.height() - 1.2) < 0.01) ++at_size;
    EXPECT_EQ(at_size, 11u);       // the ten sites and the legend's marker
    style.symbol.min_size_mm = 0;  // without: specks of 0,1 mm
    spec.layers[0].style = style;
    render_map(spec, PageFormat::SVG, dir.file("t.svg"));
    for (const auto& d : filled(dir.file("t.svg"), "#c0392b"))
        if (d.x0 < 190) {
            EXPECT_LT(d.width(), 0.15);
        }
}

TEST(MapFurniture, LegendGroupsComeInTheChosenOrder) {
    testing::TempDir dir;
    const Layer layer = classes(2), grid = point_grid(2);
    MapSpec spec = classes_map(layer);
    spec.layers.push_back(points_map(grid).layers.front());
    spec.layers.back().style.legend_title = "stazioni:";
    spec.legend_order = {1};
    render_map(spec, PageFormat::PDF, dir.file("o.pdf"));
    const std::string text = testing::command_output("pdftotext '" + dir.file("o.pdf") + "' -");
    ASSERT_NE(text.find("stazioni:"), std::string::npos);
    EXPECT_LT(text.find("stazioni:"), text.find("classi:"));
}

}  // namespace
}  // namespace atlante
