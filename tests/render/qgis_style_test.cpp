// Styles for QGIS: the QML and SLD made from atlante's resolved styles, and the GeoPackage's
// layer_styles rows (one default per layer, replaced by a second write, read back with GDAL).
#include <gtest/gtest.h>

#include <gdal.h>
#include <ogr_api.h>

#include <pugixml.hpp>

#include "layers/gdal_handles.hpp"
#include "layers/gpkg_styles.hpp"
#include "layers/reader.hpp"
#include "layers/writer.hpp"
#include "pipeline/layer_styles.hpp"
#include "render/qgis/qml_style.hpp"
#include "render/qgis/sld_style.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

Layer sites() {
    Layer layer("brownfields_ranked", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"in_tor", FieldType::Integer, true});
    layer.add_field({"score", FieldType::Real, true});
    layer.add_field({"class", FieldType::String, true});
    const char* classes[] = {" ALTA", "media", "bassa", "Alta", "media"};
    for (int i = 0; i < 5; ++i) {
        const std::string x = std::to_string(400000 + i * 1000);
        layer.append(
            i + 1,
            Geometry::from_wkt("POLYGON ((" + x + " 5000000, " + x + " 5000100, " +
                               std::to_string(400100 + i * 1000) + " 5000000, " + x + " 5000000))"),
            {Value(std::int64_t(i % 2)), Value(0.1 * i), Value(std::string(classes[i]))});
    }
    return layer;
}

pugi::xml_document parsed(const std::string& text) {
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_string(text.c_str())) << text;
    return doc;
}

TEST(QgisStyle, CategoriesKeepAtlantesOrderLabelsAndColours) {
    const Layer layer = sites();
    LayerStyle style;
    style.kind = StyleKind::Categorical;
    style.field = "class";
    style.categories = {"alta", "media", "bassa"};
    style.category_labels = {"Alta", "Media", "Bassa"};
    style.colors = {parse_color("#c0392b"), parse_color("#f39c12"), parse_color("#27ae60")};
    style.label_field = "class";
    const ResolvedStyle resolved(style, layer, "test");
    const auto qml = parsed(qml_style(resolved, GeometryFamily::Polygon, "DejaVu Sans"));
    const pugi::xml_node renderer = qml.child("qgis").child("renderer-v2");
    EXPECT_STREQ(renderer.attribute("type").value(), "categorizedSymbol");
    // atlante compares classes trimmed and without case: " ALTA" is alta in QGIS too.
    EXPECT_STREQ(renderer.attribute("attr").value(), "lower(trim(\"class\"))");
    std::vector<std::string> values, labels;
    for (pugi::xml_node c : renderer.child("categories").children("category")) {
        values.push_back(c.attribute("value").value());
        labels.push_back(c.attribute("label").value());
    }
    EXPECT_EQ(values, (std::vector<std::string>{"alta", "media", "bassa"}));
    EXPECT_EQ(labels, (std::vector<std::string>{"Alta", "Media", "Bassa"}));
    const auto color = renderer.child("symbols")
                           .first_child()
                           .child("layer")
                           .child("Option")
                           .find_child_by_attribute("Option", "name", "color");
    EXPECT_STREQ(color.attribute("value").value(), "192,57,43,255");
    EXPECT_STREQ(qml.child("qgis").attribute("labelsEnabled").value(), "1");
    const auto sld = parsed(sld_style(resolved, GeometryFamily::Polygon, "sites", "DejaVu Sans"));
    std::size_t rules = 0;
    for (pugi::xpath_node r : sld.select_nodes("//se:Rule[se:PolygonSymbolizer]")) {
        (void)r;
        ++rules;
    }
    EXPECT_EQ(rules, 3u);
    EXPECT_EQ(sld.select_nodes("//se:TextSymbolizer").size(), 1u);
}

TEST(QgisStyle, GraduatedClassesAreAtlantesBreaks) {
    const Layer layer = sites();
    LayerStyle style;
    style.kind = StyleKind::Graduated;
    style.field = "score";
    style.method = ClassMethod::Manual;
    style.breaks = {0, 0.15, 0.4};
    style.colors = {parse_color("#fee5d9"), parse_color("#a50f15")};
    const ResolvedStyle resolved(style, layer, "test");
    const auto qml = parsed(qml_style(resolved, GeometryFamily::Polygon, "DejaVu Sans"));
    const pugi::xml_node renderer = qml.child("qgis").child("renderer-v2");
    EXPECT_STREQ(renderer.attribute("type").value(), "graduatedSymbol");
    std::vector<std::pair<double, double>> ranges;
    for (pugi::xml_node r : renderer.child("ranges").children("range"))
        ranges.emplace_back(r.attribute("lower").as_double(), r.attribute("upper").as_double());
    EXPECT_EQ(ranges, (std::vector<std::pair<double, double>>{{0, 0.15}, {0.15, 0.4}}));
    EXPECT_STREQ(renderer.child("classificationMethod").attribute("id").value(), "Fixed");
}

TEST(QgisStyle, ProportionalSizeIsAnExpressionOfTheField) {
    const Layer layer = sites();
    LayerStyle style;
    style.kind = StyleKind::Proportional;
    style.field = "score";
    style.max_size_mm = 8;
    const ResolvedStyle resolved(style, layer, "test");
    const std::string qml = qml_style(resolved, GeometryFamily::Point, "DejaVu Sans");
    EXPECT_NE(qml.find("coalesce(8 * sqrt(abs(score) / 0.4), 0)"), std::string::npos) << qml;
}

// The layer_styles rows as GDAL reads them back: (table, name, default).
std::vector<std::tuple<std::string, std::string, int>> style_rows(const std::string& file) {
    gdal::DatasetPtr ds(GDALOpenEx(file.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
    OGRLayerH table = GDALDatasetGetLayerByName(ds.get(), "layer_styles");
    std::vector<std::tuple<std::string, std::string, int>> rows;
    if (!table) return rows;
    while (gdal::FeaturePtr f{OGR_L_GetNextFeature(table)})
        rows.emplace_back(
            OGR_F_GetFieldAsString(f.get(), OGR_F_GetFieldIndex(f.get(), "f_table_name")),
            OGR_F_GetFieldAsString(f.get(), OGR_F_GetFieldIndex(f.get(), "styleName")),
            OGR_F_GetFieldAsInteger(f.get(), OGR_F_GetFieldIndex(f.get(), "useAsDefault")));
    return rows;
}

TEST(GpkgStyles, OneDefaultRowPerLayerReplacedByTheNext) {
    testing::TempDir dir;
    const std::string file = dir.file("tor.gpkg");
    const Layer layer = sites();
    write_layer(layer, file);
    const std::vector<GpkgLayerStyle> styles = default_styles({&layer});
    ASSERT_EQ(styles.size(), 1u);
    EXPECT_NE(styles[0].qml.find("entro il raggio TOR"), std::string::npos);
    write_layer_styles(file, styles);
    write_layer_styles(file, styles);  // the same name again: replaced, not added
    GpkgLayerStyle other = styles[0];
    other.name = "mappa";
    write_layer_styles(file, {other});  // a new default: the earlier one stops being it
    using Row = std::tuple<std::string, std::string, int>;
    EXPECT_EQ(style_rows(file), (std::vector<Row>{{"brownfields_ranked", "atlante", 0},
                                                  {"brownfields_ranked", "mappa", 1}}));
    // A styled GeoPackage still has one data layer: read without naming it, as before.
    EXPECT_EQ(read_layer(file).size(), 5u);
    EXPECT_EQ(list_layers(file).layers, std::vector<std::string>{"brownfields_ranked"});
    GpkgLayerStyle missing = other;
    missing.table = "nosuch";
    EXPECT_THROW(write_layer_styles(file, {missing}), Error);
}

}  // namespace
}  // namespace atlante
