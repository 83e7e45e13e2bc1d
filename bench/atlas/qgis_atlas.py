"""The comune atlas as a QGIS atlas (PyQGIS on headless QGIS from Debian): A3 landscape, one page
per comune (sorted by name), atlas-driven map with the same layers, title with the comune's
name, legend, scale bar, overview map; exported as one PDF.
Usage: QT_QPA_PLATFORM=offscreen qgis_atlas.py WORK_DIR OUT_PDF"""
import sys
import time

start = time.perf_counter()
sys.path.insert(0, __file__.rsplit("/", 2)[0])  # bench/, for qgis_common
from qgis_common import add_legend, add_scale_bar, require_valid, start_qgis  # noqa: E402
from qgis.core import (QgsCoordinateReferenceSystem, QgsFillSymbol, QgsLayoutExporter, QgsLayoutItemLabel,  # noqa: E402
                       QgsLayoutItemMap, QgsLayoutItemMapOverview, QgsLayoutItemPage, QgsLayoutPoint, QgsLayoutSize,
                       QgsMarkerSymbol, QgsPrintLayout, QgsProject, QgsSingleSymbolRenderer, QgsVectorLayer)

app = start_qgis()
work, out = sys.argv[1], sys.argv[2]
project = QgsProject.instance()
project.setCrs(QgsCoordinateReferenceSystem("EPSG:32632"))


def layer(name, title, symbol):
    l = QgsVectorLayer(f"{work}/{name}.gpkg|layername={name}", title, "ogr")
    require_valid(l)
    l.setRenderer(QgsSingleSymbolRenderer(symbol))
    return l


comuni = layer("comuni", "confini comunali", QgsFillSymbol.createSimple({"color": "#efe3bd", "outline_color": "white", "outline_width": "0.25"}))
zones = layer("zones", "zone omogenee", QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "#555555", "outline_width": "0.5", "outline_style": "dash"}))
stations = layer("stations", "stazioni ferroviarie", QgsMarkerSymbol.createSimple({"name": "circle", "color": "#1b4f72", "size": "2.2"}))
hospitals = layer("hospitals", "ospedali e case di cura", QgsMarkerSymbol.createSimple({"name": "square", "color": "#c0392b", "size": "2.4"}))
outline = layer("outline", "confini CMTo", QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "#222222", "outline_width": "0.6"}))
layers = [outline, hospitals, stations, zones, comuni]
project.addMapLayers(layers)

layout = QgsPrintLayout(project)
layout.initializeDefaults()
layout.pageCollection().page(0).setPageSize("A3", QgsLayoutItemPage.Landscape)
atlas = layout.atlas()
atlas.setCoverageLayer(comuni)
atlas.setEnabled(True)
atlas.setPageNameExpression('"name"')
atlas.setSortFeatures(True)
atlas.setSortExpression('"name"')

main = QgsLayoutItemMap(layout)
layout.addLayoutItem(main)
main.attemptMove(QgsLayoutPoint(12, 36))
main.attemptResize(QgsLayoutSize(307, 249))
main.setCrs(QgsCoordinateReferenceSystem("EPSG:32632"))
main.setLayers(layers)
main.setExtent(comuni.extent())
main.setAtlasDriven(True)
main.setAtlasScalingMode(QgsLayoutItemMap.Auto)
main.setAtlasMargin(0.08)

title = QgsLayoutItemLabel(layout)
title.setText('[% "name" %]')
layout.addLayoutItem(title)
title.attemptMove(QgsLayoutPoint(12, 14))
title.attemptResize(QgsLayoutSize(300, 12))

add_legend(layout, main)

add_scale_bar(layout, main, 5)

overview = QgsLayoutItemMap(layout)
layout.addLayoutItem(overview)
overview.attemptMove(QgsLayoutPoint(262, 226))
overview.attemptResize(QgsLayoutSize(55, 55))
overview.setCrs(QgsCoordinateReferenceSystem("EPSG:32632"))
overview.setLayers([outline, zones])
overview.setExtent(outline.extent())
frame = QgsLayoutItemMapOverview("overview", overview)
frame.setLinkedMap(main)
overview.overviews().addOverview(frame)

result, error = QgsLayoutExporter.exportToPdf(atlas, out, QgsLayoutExporter.PdfExportSettings())
if result != QgsLayoutExporter.Success:
    sys.exit(f"export failed: {result} {error}")
print(f"qgis atlas {atlas.count()} pages in {time.perf_counter() - start:.3f} s")
