// A QGIS project (.qgz: a zip holding one .qgs document), written with pugixml: the layers with
// their data sources relative to the project and their styles (QML), the project CRS, and one
// print layout of labels, map frames (one may be an overview of another), a legend, a scale bar
// and a north arrow, optionally driven by an atlas. QGIS 3.22 reads it as if it had saved it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "layers/crs.hpp"
#include "layers/geometry.hpp"
#include "render/labels/collision_index.hpp"
#include "render/style/color.hpp"
#include "render/style/layer_style.hpp"

namespace atlante {

struct QgisCrs {
    std::string authid;  // "EPSG:32632"
    std::string wkt, proj, description;
};
QgisCrs qgis_crs(const Crs& crs);

struct QgisLayer {
    std::string id;      // unique in the project
    std::string name;    // in the layers panel and the legend
    std::string source;  // "../tor/tor.gpkg|layername=tor_discs", relative to the project
    GeometryFamily family = GeometryFamily::Polygon;
    std::string qml;  // the style document
    bool checked = true;
    bool hide_legend_title = false;  // categories without a heading
    std::optional<QgisCrs> crs;      // the data's, when not the project's
};

struct QgisFont {
    std::string family = "DejaVu Sans";
    double size_pt = 8;
    bool bold = false;
    Color color{0.1, 0.1, 0.1, 1};
};

struct QgisLabel {
    Box box;           // page mm
    std::string text;  // may hold QGIS expressions: [% @atlas_pagename %]
    QgisFont font;
    bool align_right = false;
    std::string id;
};

struct QgisMapItem {
    std::string id;  // "mappa"
    Box box;
    Envelope extent;
    std::vector<std::string> layers;  // ids, top first
    bool frame = true;
    std::optional<std::string> overview_of;  // id of the map whose extent it marks
    bool atlas_driven = false;
    double atlas_margin = 0;
};

struct QgisScaleBar {
    std::string map;  // the map item's id
    double x = 0, y = 0;
    double length = 0;  // in `units`
    std::string units = "km";
    bool fit = false;  // atlas pages: the length that fits between min and max
    double min_mm = 10, max_mm = 50;
    QgisFont font;
};

struct QgisLegend {
    std::string map;
    double x = 0, y = 0;
    std::string title = "Legenda";
    std::vector<std::string> layers;  // ids, in the legend's order
    QgisFont title_font, text_font;
    std::size_t columns = 1;
};

struct QgisAtlas {
    std::string coverage;  // layer id
    std::string filter;    // QGIS expression ("" none)
    std::string sort;      // expression ("" none)
    std::string page_name;
};

struct QgisLayout {
    std::string name;
    double width_mm = 420, height_mm = 297, dpi = 300;
    std::vector<QgisMapItem> maps;
    std::vector<QgisLabel> labels;
    std::optional<QgisLegend> legend;
    std::optional<QgisScaleBar> scale_bar;
    std::optional<Box> north_arrow;  // linked to the first map
    std::optional<QgisAtlas> atlas;
};

struct QgisProject {
    std::string title;
    QgisCrs crs;
    std::vector<QgisLayer> layers;  // drawn first to last
    QgisLayout layout;
};

// The .qgs document.
std::string qgis_project_xml(const QgisProject& project);
// The .qgz file: a zip with `file`'s stem + ".qgs" inside.
void write_qgz(const QgisProject& project, const std::filesystem::path& file);

}  // namespace atlante
