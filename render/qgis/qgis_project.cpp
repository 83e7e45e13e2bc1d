#include "render/qgis/qgis_project.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <memory>
#include <sstream>

#include <zip.h>
#include <pugixml.hpp>

#include "layers/error.hpp"
#include "render/qgis/qml_style.hpp"

namespace atlante {
namespace {

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", v);
    return text;
}

int byte(double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); }

void set(pugi::xml_node node, const char* name, const std::string& value) {
    node.append_attribute(name) = value.c_str();
}

// Attributes that are the same for every item of a kind, as one list.
void set_all(pugi::xml_node node,
             std::initializer_list<std::pair<const char*, std::string>> attributes) {
    for (const auto& [name, value] : attributes) set(node, name, value);
}

void color_element(pugi::xml_node parent, const char* name, const Color& c) {
    pugi::xml_node node = parent.append_child(name);
    node.append_attribute("red") = byte(c.r);
    node.append_attribute("green") = byte(c.g);
    node.append_attribute("blue") = byte(c.b);
    node.append_attribute("alpha") = byte(c.a);
}

// Qt's font description: family, size, pixel size, style hint, weight (50 normal, 75 bold), …
std::string qt_font(const QgisFont& f) {
    return f.family + "," + number(f.size_pt) + ",-1,5," + (f.bold ? "75" : "50") + ",0,0,0,0,0";
}

void spatialrefsys(pugi::xml_node parent, const QgisCrs& crs) {
    pugi::xml_node srs = parent.append_child("spatialrefsys");
    srs.append_child("wkt").text() = crs.wkt.c_str();
    srs.append_child("proj4").text() = crs.proj.c_str();
    srs.append_child("authid").text() = crs.authid.c_str();
    srs.append_child("description").text() = crs.description.c_str();
}

const char* geometry_name(GeometryFamily family) {
    switch (family) {
        case GeometryFamily::Point:
            return "Point";
        case GeometryFamily::Line:
            return "Line";
        default:
            return "Polygon";
    }
}

// The style's elements (renderer-v2, labeling, opacity) go inside the <maplayer> as they are.
void style_into(pugi::xml_node layer, const std::string& qml, const std::string& id) {
    pugi::xml_document style;
    if (!style.load_string(qml.c_str()))
        throw Error("the QGIS style of layer '" + id + "' is not well-formed XML");
    const pugi::xml_node root = style.child("qgis");
    for (pugi::xml_attribute a : root.attributes())
        if (std::string(a.name()) == "labelsEnabled") set(layer, "labelsEnabled", a.value());
    for (pugi::xml_node child : root.children()) layer.append_copy(child);
}

void layer_tree(pugi::xml_node parent, const QgisProject& project,
                const std::vector<std::string>& ids, bool with_visibility) {
    pugi::xml_node group = parent.append_child("layer-tree-group");
    for (const std::string& id : ids)
        for (const QgisLayer& l : project.layers) {
            if (l.id != id) continue;
            pugi::xml_node node = group.append_child("layer-tree-layer");
            set(node, "id", l.id);
            set(node, "name", l.name);
            set(node, "source", l.source);
            set(node, "providerKey", "ogr");
            set(node, "checked", with_visibility && !l.checked ? "Qt::Unchecked" : "Qt::Checked");
            set(node, "expanded", "1");
            pugi::xml_node custom = node.append_child("customproperties");
            if (l.hide_legend_title) {
                pugi::xml_node p = custom.append_child("property");
                set(p, "key", "legend/title-style");
                set(p, "value", "hidden");
            }
        }
}

void map_layers(pugi::xml_node qgis, const QgisProject& project) {
    pugi::xml_node list = qgis.append_child("projectlayers");
    for (const QgisLayer& l : project.layers) {
        pugi::xml_node layer = list.append_child("maplayer");
        set(layer, "type", "vector");
        set(layer, "geometry", geometry_name(l.family));
        set(layer, "hasScaleBasedVisibilityFlag", "0");
        layer.append_child("id").text() = l.id.c_str();
        layer.append_child("datasource").text() = l.source.c_str();
        layer.append_child("layername").text() = l.name.c_str();
        spatialrefsys(layer.append_child("srs"), l.crs ? *l.crs : project.crs);
        pugi::xml_node provider = layer.append_child("provider");
        set(provider, "encoding", "UTF-8");
        provider.text() = "ogr";
        style_into(layer, l.qml, l.id);
    }
}

// The attributes every layout item has: where it is, how big, its id.
pugi::xml_node layout_item(pugi::xml_node layout, int type, const std::string& uuid,
                           const std::string& id, const Box& box, int z) {
    pugi::xml_node item = layout.append_child("LayoutItem");
    item.append_attribute("type") = type;
    set(item, "uuid", "{" + uuid + "}");
    set(item, "templateUuid", "{" + uuid + "}");
    set(item, "id", id);
    const std::string at = number(box.x0) + "," + number(box.y0) + ",mm";
    set(item, "position", at);
    set(item, "positionOnPage", at);
    set(item, "size", number(box.x1 - box.x0) + "," + number(box.y1 - box.y0) + ",mm");
    item.append_attribute("zValue") = z;
    set_all(item, {{"referencePoint", "0"},
                   {"visibility", "1"},
                   {"opacity", "1"},
                   {"itemRotation", "0"},
                   {"frame", "false"},
                   {"background", "false"},
                   {"outlineWidthM", "0.25,mm"}});
    color_element(item, "FrameColor", Color{0.4, 0.4, 0.4, 1});
    color_element(item, "BackgroundColor", Color{1, 1, 1, 1});
    return item;
}

// Stable, distinct uuids: the item's place in the layout.
std::string uuid_of(int n) {
    char text[40];
    std::snprintf(text, sizeof text, "a7a17e00-0000-4000-8000-%012d", n);
    return text;
}

struct LayoutWriter {
    const QgisProject& project;
    pugi::xml_node layout;
    int next = 1;

    std::string map_uuid(const std::string& id) const {
        for (std::size_t i = 0; i < project.layout.maps.size(); ++i)
            if (project.layout.maps[i].id == id) return "{" + uuid_of(100 + int(i)) + "}";
        throw Error("QGIS layout: no map item '" + id + "'");
    }

    const QgisLayer& layer(const std::string& id) const {
        for (const QgisLayer& l : project.layers)
            if (l.id == id) return l;
        throw Error("QGIS layout: no layer '" + id + "'");
    }

    void page() {
        const QgisLayout& l = project.layout;
        pugi::xml_node pages = layout.append_child("PageCollection");
        pugi::xml_node item =
            layout_item(pages, 65638, uuid_of(0), "", Box{0, 0, l.width_mm, l.height_mm}, 0);
        set(item, "background", "true");
    }

    void label(const QgisLabel& label) {
        pugi::xml_node item = layout_item(layout, 65641, uuid_of(next++), label.id, label.box, 10);
        set(item, "labelText", label.text);
        set(item, "htmlState", "0");
        set(item, "halign", label.align_right ? "2" : "1");
        set(item, "valign", "32");  // top
        set(item, "marginX", "0");
        set(item, "marginY", "0");
        pugi::xml_node font = item.append_child("LabelFont");
        set(font, "description", qt_font(label.font));
        set(font, "style", label.font.bold ? "Bold" : "");
        color_element(item, "FontColor", label.font.color);
    }

    void map(const QgisMapItem& m, std::size_t index) {
        pugi::xml_node item = layout_item(layout, 65639, uuid_of(100 + int(index)), m.id, m.box,
                                          m.overview_of ? 3 : 1);
        set(item, "frame", m.frame ? "true" : "false");
        set(item, "background", "true");
        set(item, "keepLayerSet", "true");
        set(item, "mapRotation", "0");
        set(item, "drawCanvasItems", "true");
        pugi::xml_node extent = item.append_child("Extent");
        set(extent, "xmin", number(m.extent.min_x));
        set(extent, "ymin", number(m.extent.min_y));
        set(extent, "xmax", number(m.extent.max_x));
        set(extent, "ymax", number(m.extent.max_y));
        spatialrefsys(item.append_child("crs"), project.crs);
        pugi::xml_node set_node = item.append_child("LayerSet");
        for (const std::string& id : m.layers) {
            const QgisLayer& l = layer(id);
            pugi::xml_node entry = set_node.append_child("Layer");
            set(entry, "source", l.source);
            set(entry, "provider", "ogr");
            set(entry, "name", l.name);
            entry.text() = id.c_str();
        }
        if (m.overview_of) overview(item, *m.overview_of);
        pugi::xml_node atlas = item.append_child("AtlasMap");
        set(atlas, "atlasDriven", m.atlas_driven ? "1" : "0");
        set(atlas, "scalingMode", "2");  // fit the feature with the margin
        set(atlas, "margin", number(m.atlas_margin));
    }

    // The main map's extent, marked on the inset as atlante marks it: red, lightly filled.
    void overview(pugi::xml_node item, const std::string& of) {
        pugi::xml_node o = item.append_child("ComposerMapOverview");
        set(o, "name", "estensione della mappa");
        set(o, "uuid", "{" + uuid_of(next++) + "}");
        set(o, "show", "1");
        set(o, "frameMap", map_uuid(of));
        set(o, "inverted", "0");
        set(o, "centered", "0");
        set(o, "blendMode", "0");
        pugi::xml_node symbol = o.append_child("symbol");
        set(symbol, "type", "fill");
        set(symbol, "name", "");
        set(symbol, "alpha", "1");
        pugi::xml_node fill = symbol.append_child("layer");
        set(fill, "class", "SimpleFill");
        set(fill, "enabled", "1");
        pugi::xml_node options = fill.append_child("Option");
        set(options, "type", "Map");
        const auto option = [&](const char* name, const std::string& value) {
            pugi::xml_node n = options.append_child("Option");
            set(n, "type", "QString");
            set(n, "name", name);
            set(n, "value", value);
        };
        option("color", qgis_color(Color{0.8, 0.1, 0.1, 0.15}));
        option("outline_color", qgis_color(Color{0.8, 0.1, 0.1, 1}));
        option("outline_width", "0.35");
        option("outline_width_unit", "MM");
        option("style", "solid");
        option("outline_style", "solid");
    }

    void text_style(pugi::xml_node parent, const QgisFont& font) {
        pugi::xml_node t = parent.append_child("text-style");
        set(t, "fontFamily", font.family);
        set(t, "fontSize", number(font.size_pt));
        set(t, "fontSizeUnit", "Point");
        set(t, "fontWeight", font.bold ? "75" : "50");
        set(t, "textColor", qgis_color(font.color));
        set(t, "textOpacity", "1");
    }

    void scale_bar(const QgisScaleBar& s) {
        pugi::xml_node item = layout_item(layout, 65646, uuid_of(next++), "barra di scala",
                                          Box{s.x, s.y, s.x + s.max_mm, s.y + 8}, 6);
        set(item, "background", "true");
        color_element(item, "BackgroundColor", Color{1, 1, 1, 0.85});
        set(item, "mapUuid", map_uuid(s.map));
        // Two segments, black and white, labels under the bar, as atlante's.
        set_all(item, {{"style", "Single Box"},
                       {"unitType", s.units == "m" ? "m" : "km"},
                       {"unitLabel", s.units},
                       {"numMapUnitsPerScaleBarUnit", "1"},
                       {"numSegments", "2"},
                       {"numSegmentsLeft", "0"},
                       {"numSubdivisions", "1"},
                       {"numUnitsPerSegment", number(s.length / 2)},
                       {"segmentSizeMode", s.fit ? "1" : "0"},
                       {"minBarWidth", number(s.min_mm)},
                       {"maxBarWidth", number(s.max_mm)},
                       {"height", "1.6"},
                       {"labelBarSpace", "1"},
                       {"boxContentSpace", "1"},
                       {"labelVerticalPlacement", "1"},
                       {"alignment", "0"}});
        text_style(item, s.font);
        color_element(item, "fillColor", Color{0.1, 0.1, 0.1, 1});
        color_element(item, "fillColor2", Color{1, 1, 1, 1});
        color_element(item, "strokeColor", Color{0.1, 0.1, 0.1, 1});
    }

    void north_arrow(const Box& box) {
        pugi::xml_node item = layout_item(layout, 65640, uuid_of(next++), "nord", box, 7);
        set(item, "file", ":/images/north_arrows/layout_default_north_arrow.svg");
        set(item, "mode", "0");  // SVG
        set(item, "resizeMode", "0");
        set(item, "northMode", "0");
        set(item, "anchorPoint", "0");
        if (!project.layout.maps.empty()) set(item, "mapUuid", map_uuid(project.layout.maps[0].id));
    }

    void legend_style(pugi::xml_node styles, const char* name, const QgisFont& font,
                      double margin_top) {
        pugi::xml_node s = styles.append_child("style");
        set(s, "name", name);
        set(s, "marginTop", number(margin_top));
        set(s, "alignment", "1");
        pugi::xml_node f = s.append_child("styleFont");
        set(f, "description", qt_font(font));
        set(f, "style", font.bold ? "Bold" : "");
    }

    void legend(const QgisLegend& l) {
        pugi::xml_node item = layout_item(layout, 65642, uuid_of(next++), "legenda",
                                          Box{l.x, l.y, l.x + 1, l.y + 1}, 4);
        set(item, "title", l.title);
        set(item, "map_uuid", map_uuid(l.map));
        set_all(item, {{"resizeToContents", "1"},
                       {"columnCount", std::to_string(std::max<std::size_t>(1, l.columns))},
                       {"splitLayer", "1"},
                       {"symbolWidth", "8"},
                       {"symbolHeight", "4.5"},
                       {"boxSpace", "0"},
                       {"fontColor", "#262626"}});
        pugi::xml_node styles = item.append_child("styles");
        legend_style(styles, "title", l.title_font, 0);
        legend_style(styles, "group", l.text_font, 2);
        legend_style(styles, "subgroup", l.text_font, 2);
        legend_style(styles, "symbol", l.text_font, 1.1);
        legend_style(styles, "symbolLabel", l.text_font, 1.1);
        styles.last_child().append_attribute("marginLeft") = "3";  // atlante's 3 mm
        layer_tree(item, project, l.layers, false);
    }

    void atlas(const QgisAtlas& a) {
        const QgisLayer& coverage = layer(a.coverage);
        pugi::xml_node atlas = layout.append_child("Atlas");
        set(atlas, "enabled", "1");
        set(atlas, "coverageLayer", coverage.id);
        set(atlas, "coverageLayerName", coverage.name);
        set(atlas, "coverageLayerSource", coverage.source);
        set(atlas, "coverageLayerProvider", "ogr");
        set(atlas, "pageNameExpression", a.page_name);
        set(atlas, "hideCoverage", "0");
        set(atlas, "filterFeatures", a.filter.empty() ? "0" : "1");
        set(atlas, "featureFilter", a.filter);
        set(atlas, "sortFeatures", a.sort.empty() ? "0" : "1");
        set(atlas, "sortKey", a.sort);
        set(atlas, "sortAscending", "1");
        set(atlas, "filenamePattern", "'pagina_'||@atlas_featurenumber");
    }
};

void layouts(pugi::xml_node qgis, const QgisProject& project) {
    const QgisLayout& l = project.layout;
    pugi::xml_node layout = qgis.append_child("Layouts").append_child("Layout");
    set(layout, "name", l.name);
    set(layout, "units", "mm");
    set(layout, "printResolution", number(l.dpi));
    LayoutWriter writer{project, layout};
    writer.page();
    for (std::size_t i = 0; i < l.maps.size(); ++i) writer.map(l.maps[i], i);
    for (const QgisLabel& label : l.labels) writer.label(label);
    if (l.legend) writer.legend(*l.legend);
    if (l.scale_bar) writer.scale_bar(*l.scale_bar);
    if (l.north_arrow) writer.north_arrow(*l.north_arrow);
    if (l.atlas) writer.atlas(*l.atlas);
}

}  // namespace

QgisCrs qgis_crs(const Crs& crs) {
    return {crs.epsg() ? "EPSG:" + std::to_string(*crs.epsg()) : "", crs.wkt(), crs.proj_string(),
            crs.name()};
}

std::string qgis_project_xml(const QgisProject& project) {
    pugi::xml_document doc;
    doc.append_child(pugi::node_doctype)
        .set_value("qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'");
    pugi::xml_node qgis = doc.append_child("qgis");
    set(qgis, "version", "3.22.16-Białowieża");
    set(qgis, "projectname", project.title);
    qgis.append_child("title").text() = project.title.c_str();
    spatialrefsys(qgis.append_child("projectCrs"), project.crs);
    // The layers panel lists the layer drawn last on top.
    std::vector<std::string> top_first;
    for (auto it = project.layers.rbegin(); it != project.layers.rend(); ++it)
        top_first.push_back(it->id);
    layer_tree(qgis, project, top_first, true);
    map_layers(qgis, project);
    pugi::xml_node order = qgis.append_child("layerorder");
    for (const std::string& id : top_first) set(order.append_child("layer"), "id", id);
    pugi::xml_node properties = qgis.append_child("properties");
    // QGIS reads <projectCrs> only when the project says it is projected on the fly.
    pugi::xml_node enabled =
        properties.append_child("SpatialRefSys").append_child("ProjectionsEnabled");
    set(enabled, "type", "int");
    enabled.text() = "1";
    pugi::xml_node paths = properties.append_child("Paths");
    pugi::xml_node absolute = paths.append_child("Absolute");
    set(absolute, "type", "bool");
    absolute.text() = "false";
    layouts(qgis, project);
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

namespace {

struct ZipCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

}  // namespace

void write_qgz(const QgisProject& project, const std::filesystem::path& file) {
    const std::string xml = qgis_project_xml(project);
    int error = 0;
    ZipPtr archive(zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error));
    if (!archive)
        throw Error("cannot create " + file.string() + " (libzip error " + std::to_string(error) +
                    ")");
    zip_source_t* source = zip_source_buffer(archive.get(), xml.data(), xml.size(), 0);
    const std::string inside = file.stem().string() + ".qgs";
    if (!source || zip_file_add(archive.get(), inside.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
        if (source) zip_source_free(source);
        throw Error("cannot write " + inside + " into " + file.string() + ": " +
                    zip_strerror(archive.get()));
    }
    // zip_close writes the archive and frees it; on failure the handle stays ours to discard.
    if (zip_close(archive.get()) != 0)
        throw Error("cannot write " + file.string() + ": " + zip_strerror(archive.get()));
    archive.release();
}

}  // namespace atlante
