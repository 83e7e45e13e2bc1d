// A plan map (or an atlas of it) as a QGIS project: atlante's page layout (render/layout) turned
// into a QGIS print layout with the same page, map frame and extent, title lines, legend,
// sources, scale bar, north arrow and overview inset; each layer styled as atlante draws it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "render/map_spec.hpp"
#include "render/qgis/qgis_project.hpp"

namespace atlante {

// Where the project finds its data, relative to the project file.
struct QgisMapData {
    std::vector<std::string> layers;  // one per map layer: "../layers.gpkg|layername=comuni"
    std::string overview;             // the overview's layer ("" when the map has none)
    double sources_top_mm = 0;        // where atlante printed "Fonti cartografiche" (0: foot)
    double info_top_mm = 0;           // and an atlas page's statistics (0: above the sources)
};

// An atlas: its pages layer (the coverage with each page's statistics as text fields).
struct QgisAtlasData {
    std::string pages;         // data source of the pages layer
    std::string filter, sort;  // QGIS expressions ("" none)
    std::string page_name;     // field
    double margin = 0.08;      // around each page's feature, a share of its extent
    std::vector<std::pair<std::string, std::string>> info;  // label, field of the pages layer
    std::string title;                                      // in each page's footer
    int first_page = 1;  // the number of the first map page in atlante's PDF
    int last_page = 1;
};

QgisProject qgis_map_project(const MapSpec& spec, const QgisMapData& data, const QgisCrs& crs,
                             const QgisAtlasData* atlas = nullptr);

}  // namespace atlante
