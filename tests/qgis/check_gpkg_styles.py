#!/usr/bin/env python3
"""Opens every GeoPackage layer of a run in QGIS (headless PyQGIS) and checks its default style.

    check_gpkg_styles.py RUN_FOLDER

Every layer with geometry must open valid, with exactly one default style in `layer_styles`,
loaded by QGIS: the style of the first map that draws the layer (its QGIS category and class
labels must all be in that map's legend, read from the map's PDF with pdftotext), else
atlante's default (categorised brownfields by TOR status and bands by band with atlante's
colours, isochrones in order of minutes, density graduated); every feature drawn by some
class; an SLD with one rule per class. Run with Debian's Python
(/usr/bin/python3, python3-qgis) and QT_QPA_PLATFORM=offscreen.
"""
import glob
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from osgeo import ogr  # noqa: E402
from qgis.core import (QgsApplication, QgsExpressionContextUtils, QgsRenderContext,  # noqa: E402
                       QgsVectorLayer)

# What the defaults must say, by layer: renderer, then (value, label, colour) of each category.
EXPECTED = {
    "brownfields_ranked": ("categorizedSymbol", [("1", "entro il raggio TOR", "#c0392b"),
                                                 ("0", "oltre il raggio TOR", "#7f8c8d")]),
    "fasce_altimetriche": ("categorizedSymbol", [("montagna", "montagna", "#b5916a"),
                                                 ("collina", "collina", "#e8d59e"),
                                                 ("pianura", "pianura", "#dcebcf")]),
    "comuni_bands": ("categorizedSymbol", [("montagna", "montagna", "#b5916a"),
                                           ("collina", "collina", "#e8d59e"),
                                           ("pianura", "pianura", "#dcebcf")]),
}


def styles_table(path):
    """(f_table_name, styleName, useAsDefault, styleSLD) rows of the file's layer_styles."""
    ds = ogr.Open(path)
    table = ds.GetLayerByName("layer_styles")
    if table is None:
        return []
    return [(f["f_table_name"], f["styleName"], f["useAsDefault"], f["styleSLD"]) for f in table]


def words(text):
    return re.sub(r"\s+", " ", text).strip()


def map_legend_text(run, name):
    pdf = os.path.join(run, "maps", name + ".pdf")
    if not os.path.exists(pdf):
        return None
    return words(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout)


def check_layer(run, path, name, rows, problems):
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    where = f"{os.path.basename(path)}:{name}"
    if not layer.isValid():
        return problems.append(f"{where}: QGIS cannot open it")
    mine = [r for r in rows if r[0] == name and r[2]]
    if len(mine) != 1:
        return problems.append(f"{where}: {len(mine)} default rows in layer_styles")
    if not any(r[0] == name and r[1] == "atlante" for r in rows):
        problems.append(f"{where}: no 'atlante' style among its styles")
    style_name = mine[0][1]
    renderer = layer.renderer()
    kind = renderer.type()
    expected = EXPECTED.get(name) if style_name == "atlante" else None
    if name.endswith("_isochrones") or name == "travel_time_comuni":
        expected = ("categorizedSymbol", None)
    elif name.startswith("density_by_") and layer.geometryType() == 2:
        expected = ("graduatedSymbol", None)
    if expected and kind != expected[0]:
        return problems.append(f"{where}: renderer {kind}, expected {expected[0]}")
    if expected is None and kind not in ("singleSymbol", "categorizedSymbol", "graduatedSymbol"):
        problems.append(f"{where}: renderer {kind}")
    classes = 1
    labels = []
    if kind == "categorizedSymbol":
        got = [(c.value(), c.label(), c.symbol().color().name()) for c in renderer.categories()]
        classes = len(got)
        if expected and expected[1] and got[:len(expected[1])] != expected[1]:
            problems.append(f"{where}: categories {got}, expected {expected[1]} first")
        if name == "brownfields_ranked" and [(v, c) for v, _, c in got[:2]] != [
                ("1", "#c0392b"), ("0", "#7f8c8d")]:
            problems.append(f"{where}: TOR categories {got}")
        if name.endswith("_isochrones"):
            minutes = [int(label.split()[0]) for _, label, _ in got if label[:1].isdigit()]
            if minutes != sorted(minutes) or not minutes:
                problems.append(f"{where}: isochrone classes not in order of minutes: {got}")
        labels = [label for _, label, _ in got]
    elif kind == "graduatedSymbol":
        classes = len(renderer.ranges())
        labels = [r.label() for r in renderer.ranges()]
        if classes < 2:
            problems.append(f"{where}: {classes} graduated classes")
    if style_name != "atlante":
        legend = map_legend_text(run, style_name)
        missing = [label for label in labels if legend is not None and words(label) not in legend]
        if legend is None and not os.path.exists(os.path.join(run, "maps", style_name + ".png")):
            problems.append(f"{where}: styled as map '{style_name}', which the run did not draw")
        elif missing:
            problems.append(f"{where}: labels not in map {style_name}'s legend: {missing}")
    context = QgsRenderContext()
    context.expressionContext().appendScopes(
        QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    renderer.startRender(context, layer.fields())
    undrawn = []
    for f in layer.getFeatures():
        context.expressionContext().setFeature(f)  # as QGIS's layer renderer does
        symbol = renderer.symbolForFeature(f, context)
        if not symbol:
            undrawn.append(f.id())
        elif name == "brownfields_ranked":  # QGIS classifies each site as atlante does
            want = "#c0392b" if f["in_tor"] == 1 else "#7f8c8d"
            if symbol.color().name() != want:
                problems.append(f"{where}: feature {f.id()} (in_tor {f['in_tor']}) drawn "
                                f"{symbol.color().name()}, not {want}")
    renderer.stopRender(context)
    if kind != "graduatedSymbol" and undrawn:
        problems.append(f"{where}: features {undrawn[:5]} drawn by no class")
    sld = ET.fromstring(mine[0][3])
    rules = [r for r in sld.iter("{http://www.opengis.net/se}Rule")
             if r.find("{http://www.opengis.net/se}TextSymbolizer") is None]
    if len(rules) != classes:
        problems.append(f"{where}: SLD has {len(rules)} rules for {classes} classes")
    print(f"{where}: {kind}, {classes} classes, {layer.featureCount()} features, "
          f"style '{style_name}'")


def main():
    app = QgsApplication([], False)
    app.initQgis()
    problems = []
    files = sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.gpkg"), recursive=True))
    catalog = os.path.join(sys.argv[1], "layers.gpkg")
    drawn = ["comuni", "zones", "bands", "stations"]  # catalogue layers the Torino maps draw
    if not os.path.exists(catalog):
        problems.append("no layers.gpkg: the catalogue layers the maps draw are not in the run")
    else:
        ds = ogr.Open(catalog)  # kept: a layer does not outlive its dataset
        names = [ds.GetLayerByIndex(i).GetName() for i in range(ds.GetLayerCount())]
        problems += [f"layers.gpkg has no layer '{n}'" for n in drawn if n not in names]
    layers = 0
    for path in files:
        rows = styles_table(path)
        ds = ogr.Open(path)
        for i in range(ds.GetLayerCount()):
            lyr = ds.GetLayerByIndex(i)
            if lyr.GetName() == "layer_styles" or lyr.GetGeomType() == ogr.wkbNone:
                continue
            layers += 1
            check_layer(sys.argv[1], path, lyr.GetName(), rows, problems)
    for p in problems:
        print("FAIL:", p)
    if not problems:
        print(f"{layers} layers in {len(files)} GeoPackages open in QGIS with atlante's styles")
    return 1 if problems or layers == 0 else 0


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    # QGIS 3.22 can crash tearing down its providers at exit: the verdict is already printed.
    os._exit(status)
