"""The zone omogenee map as a QGIS print layout (PyQGIS on headless QGIS from Debian), exported
to PNG at 300 dpi: A3 landscape, title, map with the same layers and colours, legend, scale bar.
Usage: QT_QPA_PLATFORM=offscreen qgis_layout.py WORK_DIR OUT_PNG STYLE_JSON"""
import json
import sys
import time

start = time.perf_counter()
sys.path.insert(0, __file__.rsplit("/", 2)[0])  # bench/, for qgis_common
from qgis_common import add_legend, add_scale_bar, require_valid, start_qgis  # noqa: E402
from qgis.core import (QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem, QgsFillSymbol,  # noqa: E402
                       QgsLayoutExporter, QgsLayoutItemLabel, QgsLayoutItemMap, QgsLayoutItemPage, QgsLayoutPoint,
                       QgsLayoutSize, QgsPrintLayout, QgsProject, QgsRendererCategory, QgsSingleSymbolRenderer,
                       QgsVectorLayer)

app = start_qgis()
work, out, style = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3]))
project = QgsProject.instance()
project.setCrs(QgsCoordinateReferenceSystem("EPSG:32632"))
zones = QgsVectorLayer(f"{work}/zones.gpkg|layername=zones", "zone omogenee:", "ogr")
comuni = QgsVectorLayer(f"{work}/comuni.gpkg|layername=comuni", "confini comunali", "ogr")
outline = QgsVectorLayer(f"{work}/outline.gpkg|layername=outline", "confini CMTo", "ogr")
categories = [QgsRendererCategory(name, QgsFillSymbol.createSimple(
    {"color": colour, "outline_color": "#555555", "outline_width": "0.35"}), label)
    for name, label, colour in zip(style["categories"], style["labels"], style["colours"])]
zones.setRenderer(QgsCategorizedSymbolRenderer("zone_name", categories))
comuni.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
    {"color": "0,0,0,0", "outline_color": "white", "outline_width": "0.12"})))
outline.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
    {"color": "0,0,0,0", "outline_color": "#222222", "outline_width": "0.6"})))
require_valid(zones, comuni, outline)
project.addMapLayers([zones, comuni, outline])

layout = QgsPrintLayout(project)
layout.initializeDefaults()
layout.pageCollection().page(0).setPageSize("A3", QgsLayoutItemPage.Landscape)
title = QgsLayoutItemLabel(layout)
title.setText("I poteri metropolitani: il mosaico dei confini amministrativi")
layout.addLayoutItem(title)
title.attemptMove(QgsLayoutPoint(12, 14))
title.attemptResize(QgsLayoutSize(300, 12))
item = QgsLayoutItemMap(layout)
layout.addLayoutItem(item)
item.attemptMove(QgsLayoutPoint(12, 36))
item.attemptResize(QgsLayoutSize(307, 249))
item.setCrs(QgsCoordinateReferenceSystem("EPSG:32632"))
item.setLayers([outline, comuni, zones])
item.setExtent(zones.extent())  # zoomToExtent gives a NaN scale on QGIS 3.22 here
add_legend(layout, item)
add_scale_bar(layout, item, 15)
settings = QgsLayoutExporter.ImageExportSettings()
settings.dpi = 300
result = QgsLayoutExporter(layout).exportToImage(out, settings)
if result != QgsLayoutExporter.Success:
    sys.exit(f"export failed: {result}")
print(f"qgis {time.perf_counter() - start:.3f} s")
