// QGIS projects: a map's page layout written as a .qgz (a zip holding the .qgs), read back with
// libzip and pugixml: relative data sources, ids QGIS keeps, the layout's items where atlante's
// page layout puts them, the project CRS QGIS reads.
#include <gtest/gtest.h>

#include <map>

#include <zip.h>

#include <pugixml.hpp>

#include "render/layout/page_layout.hpp"
#include "render/qgis/qgis_map_project.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

Layer squares() {
    Layer layer("zones", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"zone", FieldType::String, true});
    for (int i = 0; i < 3; ++i) {
        const std::string x0 = std::to_string(400000 + i * 10000),
                          x1 = std::to_string(410000 + i * 10000);
        layer.append(i + 1,
                     Geometry::from_wkt("POLYGON ((" + x0 + " 5000000, " + x1 + " 5000000, " + x1 +
                                        " 5010000, " + x0 + " 5010000, " + x0 + " 5000000))"),
                     {Value(std::string(i == 1 ? "collina" : "pianura"))});
    }
    return layer;
}

MapSpec map_of(const Layer& layer) {
    MapSpec spec;
    spec.name = "zone";
    spec.theme = "Salute";
    spec.title = "Le zone";
    spec.extent = layer.extent();
    LayerStyle style;
    style.kind = StyleKind::Categorical;
    style.field = "zone";
    style.categories = {"pianura", "collina"};
    style.colors = {Color{0.8, 0.9, 0.8, 1}, Color{0.9, 0.85, 0.6, 1}};
    style.legend_title = "fasce:";
    spec.layers.push_back({&layer, style, "zones"});
    spec.sources = {"Zone | prova"};
    spec.overview = OverviewSpec{&layer, 55};
    return spec;
}

std::string unzipped(const std::filesystem::path& file, const std::string& inside) {
    int error = 0;
    zip_t* archive = zip_open(file.c_str(), ZIP_RDONLY, &error);
    EXPECT_NE(archive, nullptr);
    if (!archive) return {};
    zip_stat_t stat;
    EXPECT_EQ(zip_stat(archive, inside.c_str(), 0, &stat), 0) << inside << " not in " << file;
    std::string text(stat.size, '\0');
    zip_file_t* f = zip_fopen(archive, inside.c_str(), 0);
    EXPECT_EQ(zip_fread(f, text.data(), stat.size), static_cast<zip_int64_t>(stat.size));
    zip_fclose(f);
    zip_discard(archive);
    return text;
}

TEST(QgisProject, MapLayoutWrittenAsQgzQgisCanRead) {
    const Layer layer = squares();
    const MapSpec spec = map_of(layer);
    const QgisMapData data{{"../layers.gpkg|layername=zones"}, "../layers.gpkg|layername=zones", 0};
    const QgisProject project =
        qgis_map_project(spec, data, qgis_crs(Crs::from_user_input("EPSG:32632")));
    testing::TempDir dir;
    write_qgz(project, dir.path() / "zone.qgz");
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(unzipped(dir.path() / "zone.qgz", "zone.qgs").c_str()));
    const pugi::xml_node qgis = doc.child("qgis");
    EXPECT_STREQ(qgis.child("projectCrs").child("spatialrefsys").child_value("authid"),
                 "EPSG:32632");
    EXPECT_STREQ(qgis.child("properties").child("SpatialRefSys").child_value("ProjectionsEnabled"),
                 "1");
    EXPECT_STREQ(qgis.child("properties").child("Paths").child_value("Absolute"), "false");
    // The map layer and the overview's copy, each with an id QGIS keeps (over 10 characters).
    std::vector<std::string> ids;
    for (pugi::xml_node l : qgis.child("projectlayers").children("maplayer")) {
        ids.push_back(l.child_value("id"));
        EXPECT_GT(ids.back().size(), 10u);
        EXPECT_STREQ(l.child_value("datasource"), "../layers.gpkg|layername=zones");
    }
    ASSERT_EQ(ids.size(), 2u);
    const pugi::xml_node renderer =
        qgis.child("projectlayers").child("maplayer").child("renderer-v2");
    EXPECT_STREQ(renderer.attribute("type").value(), "categorizedSymbol");
    EXPECT_EQ(std::distance(renderer.child("categories").children().begin(),
                            renderer.child("categories").children().end()),
              2);
    // The layout: page, two maps (the inset marks the main map), title, legend, scale bar,
    // north arrow; the main map's frame where atlante draws it.
    const pugi::xml_node layout = qgis.child("Layouts").child("Layout");
    std::map<int, int> items;
    for (pugi::xml_node item : layout.children("LayoutItem"))
        ++items[item.attribute("type").as_int()];
    EXPECT_EQ(items[65639], 2);  // maps
    EXPECT_EQ(items[65642], 1);  // legend
    EXPECT_EQ(items[65646], 1);  // scale bar
    EXPECT_EQ(items[65640], 1);  // north arrow
    EXPECT_GE(items[65641], 4);  // theme, title, sources heading and lines
    const PageLayout page = page_layout(spec);
    const pugi::xml_node map = layout.find_child_by_attribute("LayoutItem", "id", "mappa");
    EXPECT_EQ(std::string(map.attribute("position").value()),
              std::to_string(int(page.frame.box.x0)) + "," +
                  std::to_string(int(page.frame.box.y0)) + ",mm");
    EXPECT_NEAR(map.child("Extent").attribute("xmin").as_double(), page.frame.world.min_x, 1e-3);
    EXPECT_TRUE(layout.find_child_by_attribute("LayoutItem", "id", "inquadramento")
                    .child("ComposerMapOverview"));
    EXPECT_TRUE(layout.find_child_by_attribute("LayoutItem", "labelText", "Le zone"));
    EXPECT_FALSE(layout.child("Atlas"));
}

TEST(QgisProject, AtlasSettingsFromTheAtlas) {
    const Layer layer = squares();
    const MapSpec spec = map_of(layer);
    QgisAtlasData atlas;
    atlas.pages = "./atlante.gpkg|layername=pagine";
    atlas.filter = "\"zone\" = 'pianura'";
    atlas.sort = "\"zone\"";
    atlas.page_name = "zone";
    atlas.info = {{"superficie (km²)", "superficie_km2"}};
    atlas.title = "Atlante";
    atlas.first_page = 3, atlas.last_page = 4;
    const QgisProject project =
        qgis_map_project(spec, {{"../layers.gpkg|layername=zones"}, "", 0},
                         qgis_crs(Crs::from_user_input("EPSG:32632")), &atlas);
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(qgis_project_xml(project).c_str()));
    const pugi::xml_node layout = doc.child("qgis").child("Layouts").child("Layout");
    const pugi::xml_node settings = layout.child("Atlas");
    EXPECT_STREQ(settings.attribute("enabled").value(), "1");
    EXPECT_STREQ(settings.attribute("featureFilter").value(), "\"zone\" = 'pianura'");
    EXPECT_STREQ(settings.attribute("sortKey").value(), "\"zone\"");
    EXPECT_STREQ(settings.attribute("pageNameExpression").value(), "\"zone\"");
    EXPECT_STREQ(settings.attribute("coverageLayerSource").value(),
                 "./atlante.gpkg|layername=pagine");
    const pugi::xml_node map = layout.find_child_by_attribute("LayoutItem", "id", "mappa");
    EXPECT_STREQ(map.child("AtlasMap").attribute("atlasDriven").value(), "1");
    EXPECT_TRUE(
        layout.find_child_by_attribute("LayoutItem", "labelText", "[% \"superficie_km2\" %]"));
    EXPECT_TRUE(layout.find_child_by_attribute(
        "LayoutItem", "labelText",
        "Atlante · [% @atlas_pagename %] · pagina [% @atlas_featurenumber + 2 %] di 4"));
}

}  // namespace
}  // namespace atlante
