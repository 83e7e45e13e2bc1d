"""What the QGIS benchmarks share: starting headless QGIS and the layout furniture (legend,
single-box scale bar) placed like atlante's."""
import sys

from qgis.core import (QgsApplication, QgsLayoutItemLegend, QgsLayoutItemScaleBar, QgsLayoutPoint, QgsUnitTypes)


def start_qgis():
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    return app


def require_valid(*layers):
    for layer in layers:
        if not layer.isValid():
            sys.exit(f"cannot load {layer.source()}")


def add_legend(layout, linked_map, x=325, y=36):
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle("Legenda")
    legend.setLinkedMap(linked_map)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(x, y))
    return legend


def add_scale_bar(layout, linked_map, km, x=18, y=270):
    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(linked_map)
    bar.setUnits(QgsUnitTypes.DistanceKilometers)
    bar.setUnitLabel("km")
    bar.setNumberOfSegments(1)
    bar.setNumberOfSegmentsLeft(0)
    bar.setUnitsPerSegment(km)
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(x, y))
    return bar
