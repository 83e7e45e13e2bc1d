#!/usr/bin/env python3
"""Opens every QGIS project of a run (maps/*.qgz, atlases/*.qgz) in headless QGIS and checks it.

    check_qgis_projects.py RUN_FOLDER [--atlas-pdf NAME]

For each map project: every layer valid, read from the run's folder through a relative path, in
atlante's CRS (EPSG:32632); the layout holds the map frame, the legend, the scale bar, the north
arrow, the title and "Fonti cartografiche" (and the overview inset where atlante drew one); the
renderer's category and class labels are all in atlante's legend (pdftotext of maps/NAME.pdf) and
its colours are all among the fills atlante drew (maps/NAME.svg); the layout exported to PNG at
the dpi of atlante's PNG looks like it: SSIM of the two map frames (the layout's map item),
per RGB channel, downsampled 4x, at least SSIM_THRESHOLD. For each atlas project: the atlas is on, its coverage valid, with as many pages as
atlante drew (run.json); with --atlas-pdf NAME, QGIS's own atlas export of NAME must give a PDF
of that many pages. Run with Debian's Python (/usr/bin/python3, python3-qgis) and
QT_QPA_PLATFORM=offscreen.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402
from scipy.ndimage import uniform_filter  # noqa: E402
from qgis.core import (QgsApplication, QgsLayoutExporter, QgsLayoutItemLegend,  # noqa: E402
                       QgsLayoutItemLabel, QgsLayoutItemMap, QgsLayoutItemPicture,
                       QgsLayoutItemScaleBar, QgsProject)

# Measured on the Torino run: atlante's frame against QGIS's of the same project gives 0.85-0.98
# (the differences: QGIS's text rendering and label placement); against QGIS's frame of another
# Torino map 0.59-0.82 (0.93 for two maps that differ in one point layer only).
SSIM_THRESHOLD = 0.84
failures = []


def fail(message):
    failures.append(message)
    print("FAIL", message)


def words(text):
    return re.sub(r"\s+", " ", text).strip()


def ssim(a, b):
    """Mean structural similarity of two greyscale images (floats 0-255), 7x7 windows."""
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mu_a, mu_b = uniform_filter(a, 7), uniform_filter(b, 7)
    var_a = uniform_filter(a * a, 7) - mu_a ** 2
    var_b = uniform_filter(b * b, 7) - mu_b ** 2
    cov = uniform_filter(a * b, 7) - mu_a * mu_b
    s = ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / ((mu_a ** 2 + mu_b ** 2 + c1) * (var_a + var_b + c2))
    return float(s.mean())


def frame(path, box_mm, page_width_mm):
    """The map frame of a page image, RGB floats, downsampled 4x."""
    image = Image.open(path).convert("RGB")
    scale = image.size[0] / page_width_mm
    image = image.crop(tuple(int(round(v * scale)) for v in box_mm))
    image = image.resize((image.size[0] // 4, image.size[1] // 4), Image.LANCZOS)
    return np.asarray(image, dtype=np.float64)


def svg_fills(path):
    """The fill colours atlante drew, as #rrggbb (Cairo writes rgb(r%, g%, b%))."""
    out = set()
    with open(path, encoding="utf-8") as f:
        for r, g, b in re.findall(r"rgb\(([\d.]+)%,\s*([\d.]+)%,\s*([\d.]+)%\)", f.read()):
            out.add("#%02x%02x%02x" % tuple(round(float(v) * 255 / 100) for v in (r, g, b)))
    return out


def near(colour, colours):
    """Whether #rrggbb is in the set, give or take one step of rounding per channel."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    for c in colours:
        if all(abs(x - int(c[i:i + 2], 16)) <= 2 for x, i in zip(rgb, (1, 3, 5))):
            return True
    return False


def renderer_entries(layer):
    """(label, #rrggbb) of each category or class of a layer's renderer."""
    r = layer.renderer()
    if r.type() == "categorizedSymbol":
        return [(c.label(), c.symbol().color().name()) for c in r.categories()]
    if r.type() == "graduatedSymbol":
        return [(g.label(), g.symbol().color().name()) for g in r.ranges()]
    return []


def check_layers(name, project, run):
    for layer in project.mapLayers().values():
        if not layer.isValid():
            fail(f"{name}: layer '{layer.name()}' is not valid ({layer.source()})")
            continue
        source = layer.source().split("|")[0]
        if not os.path.realpath(source).startswith(os.path.realpath(run) + os.sep):
            fail(f"{name}: layer '{layer.name()}' reads {source}, outside the run's folder")
        if layer.crs().authid() != "EPSG:32632":
            fail(f"{name}: layer '{layer.name()}' in {layer.crs().authid()}")


def check_layout(name, layout, overview_expected):
    items = layout.items()
    maps = sorted((i for i in items if isinstance(i, QgsLayoutItemMap)), key=lambda m: m.id() != "mappa")
    labels = " ".join(i.text() for i in items if isinstance(i, QgsLayoutItemLabel))
    wanted = {
        "map frame": bool(maps),
        "legend": any(isinstance(i, QgsLayoutItemLegend) for i in items),
        "scale bar": any(isinstance(i, QgsLayoutItemScaleBar) for i in items),
        "north arrow": any(isinstance(i, QgsLayoutItemPicture) for i in items),
        "Fonti cartografiche": "Fonti cartografiche" in labels,
        "overview inset": len(maps) == 2 or not overview_expected,
    }
    for what, present in wanted.items():
        if not present:
            fail(f"{name}: the layout has no {what}")
    return maps


def check_legend(name, project, run):
    pdf = os.path.join(run, "maps", name + ".pdf")
    svg = os.path.join(run, "maps", name + ".svg")
    if not os.path.exists(pdf) or not os.path.exists(svg):
        return
    legend = words(subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                                  text=True, check=True).stdout)
    fills = svg_fills(svg)
    for layer in project.mapLayers().values():
        for label, colour in renderer_entries(layer):
            if words(label) not in legend:
                fail(f"{name}: '{layer.name()}' class '{label}' is not in atlante's legend")
            if not near(colour, fills):
                fail(f"{name}: '{layer.name()}' class '{label}' colour {colour} is not atlante's")


def compare_pages(name, layout, maps, run, folder):
    png = os.path.join(run, "maps", name + ".png")
    if not os.path.exists(png):
        return None
    atlante = Image.open(png)
    dpi = atlante.size[0] / (layout.pageCollection().page(0).pageSize().width() / 25.4)
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = dpi
    settings.generateWorldFile = False
    out = os.path.join(folder, name + ".png")
    result = QgsLayoutExporter(layout).exportToImage(out, settings)
    if result != QgsLayoutExporter.Success:
        fail(f"{name}: QGIS could not export the layout ({result})")
        return None
    main = maps[0]
    at, size = main.positionWithUnits(), main.sizeWithUnits()
    box = (at.x(), at.y(), at.x() + size.width(), at.y() + size.height())
    width = layout.pageCollection().page(0).pageSize().width()
    a, b = frame(png, box, width), frame(out, box, width)
    score = float(np.mean([ssim(a[..., k], b[..., k]) for k in range(3)]))
    print(f"  {name}: SSIM {score:.3f} at {dpi:.0f} dpi")
    if score < SSIM_THRESHOLD:
        fail(f"{name}: QGIS's page differs from atlante's (SSIM {score:.3f} < {SSIM_THRESHOLD})")
    return score


def atlas_pages(run):
    with open(os.path.join(run, "run.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    return {s["name"]: int(s["facts"]["pages"]) for s in manifest["steps"] if s["step"] == "atlas"}


def check_atlas(name, layout, pages, export_pdf, folder):
    atlas = layout.atlas()
    if not atlas.enabled() or atlas.coverageLayer() is None or not atlas.coverageLayer().isValid():
        fail(f"{name}: no atlas with a valid coverage")
        return
    count = atlas.updateFeatures()
    print(f"  {name}: {count} atlas pages (atlante: {pages.get(name)})")
    if count != pages.get(name):
        fail(f"{name}: QGIS's atlas has {count} pages, atlante drew {pages.get(name)}")
    if export_pdf:
        out = os.path.join(folder, name + ".pdf")
        result, error = QgsLayoutExporter.exportToPdf(atlas, out,
                                                      QgsLayoutExporter.PdfExportSettings())
        info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
        exported = int(re.search(r"Pages:\s+(\d+)", info).group(1)) if "Pages:" in info else 0
        print(f"  {name}: QGIS's atlas export wrote {exported} pages")
        if result != QgsLayoutExporter.Success or exported != pages.get(name):
            fail(f"{name}: QGIS's atlas export gave {exported} pages ({error})")


def main():
    run = sys.argv[1]
    export_atlas = sys.argv[sys.argv.index("--atlas-pdf") + 1] if "--atlas-pdf" in sys.argv else ""
    app = QgsApplication([], False)
    app.initQgis()
    maps = sorted(glob.glob(os.path.join(run, "maps", "*.qgz")))
    atlases = sorted(glob.glob(os.path.join(run, "atlases", "*.qgz")))
    if not maps or not atlases:
        fail(f"no QGIS projects in {run}/maps and {run}/atlases")
    pages = atlas_pages(run)
    with tempfile.TemporaryDirectory() as folder:
        for path in maps + atlases:
            name = os.path.basename(path)[:-4]
            project = QgsProject.instance()
            project.clear()
            if not project.read(path):
                fail(f"{name}: QGIS cannot read {path}")
                continue
            if project.crs().authid() != "EPSG:32632":
                fail(f"{name}: project CRS {project.crs().authid()}")
            check_layers(name, project, run)
            layouts = project.layoutManager().layouts()
            if len(layouts) != 1:
                fail(f"{name}: {len(layouts)} layouts")
                continue
            overview = any(l.name().startswith("inquadramento") for l in project.mapLayers().values())
            frames = check_layout(name, layouts[0], overview)
            if path in maps:
                check_legend(name, project, run)
                if frames:
                    compare_pages(name, layouts[0], frames, run, folder)
            else:
                check_atlas(name, layouts[0], pages, name == export_atlas, folder)
    print(f"{len(maps)} map projects, {len(atlases)} atlas projects, {len(failures)} failures")
    sys.stdout.flush()
    # QGIS's exit tears down providers in an order that can crash: leave at once.
    os._exit(1 if failures else 0)


if __name__ == "__main__":
    main()
