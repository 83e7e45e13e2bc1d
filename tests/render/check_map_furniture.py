#!/usr/bin/env python3
"""The map furniture of a Torino run, read back as a reader would (pdftotext, the SVG's shapes):

- presidi_ospedalieri: the chart "Distribuzione dei presidi ospedalieri per altimetria", its bar
  heights proportional to the hospitals per band of the run's density_by_band.csv, and one ratio
  box per band, "1 presidio ospedaliero per N ab.", N from the same CSV (montagna: 69.080);
- delta_popolazione: the distribution of the comuni per class, summing to every comune;
- popolazione_fasce (the plan's B4): population per band as the CSV gives it;
- tor_stazioni: every brownfield drawn at least min_size_mm across, the rail lines drawn;
- atlante_comuni: the population-trend chart on every comune's page.

Usage: check_map_furniture.py RUN_DIR
"""
import csv
import re
import subprocess
import sys
from pathlib import Path

MM = 72 / 25.4  # SVG user units (pt) per mm
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def pdf_text(pdf):
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def italian(value):
    return f"{round(float(value)):,}".replace(",", ".")


def svg_rgb(hex_colour):
    def channel(i):
        text = f"{int(hex_colour[1 + 2 * i:3 + 2 * i], 16) / 2.55:f}".rstrip("0").rstrip(".")
        return text + "%"
    return "rgb(" + ",".join(channel(i) for i in range(3)) + ")"


def shapes(svg):
    """(fill, stroke, x0, y0, x1, y1) in mm of every path of the page, curves sampled."""
    text = Path(svg).read_text()
    text = text[text.find('<g id="surface'):]
    out = []
    for m in re.finditer(r'<path style="([^"]*)" d="([^"]*)"(?: transform="matrix\(([^)]*)\)")?',
                         text):
        style = dict(kv.split(":", 1) for kv in m.group(1).split(";") if ":" in kv)
        a, b, c, d, e, f = [float(v) for v in m.group(3).split(",")] if m.group(3) else \
            (1, 0, 0, 1, 0, 0)
        xs, ys = [], []

        def add(x, y):
            xs.append((a * x + c * y + e) / MM)
            ys.append((b * x + d * y + f) / MM)
        tokens = m.group(2).split()
        i, cx, cy, command = 0, 0.0, 0.0, "M"
        while i < len(tokens):
            if tokens[i].isalpha():
                command = tokens[i]
                i += 1
                continue
            if command in "ML":
                cx, cy = float(tokens[i]), float(tokens[i + 1])
                add(cx, cy)
                i += 2
            elif command == "C":
                p = [float(t) for t in tokens[i:i + 6]]
                for k in range(1, 33):
                    t = k / 32
                    u = 1 - t
                    add(u**3 * cx + 3 * u * u * t * p[0] + 3 * u * t * t * p[2] + t**3 * p[4],
                        u**3 * cy + 3 * u * u * t * p[1] + 3 * u * t * t * p[3] + t**3 * p[5])
                cx, cy = p[4], p[5]
                i += 6
            else:
                i += 1
        if xs:
            out.append((style.get("fill", "none"), style.get("stroke", "none"),
                        min(xs), min(ys), max(xs), max(ys)))
    return out


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


run = Path(sys.argv[1])
bands = {r["label"]: r for r in rows(run / "density" / "density_by_band.csv")}

# presidi_ospedalieri: chart and ratio boxes (D22).
text = pdf_text(run / "maps" / "presidi_ospedalieri.pdf")
check("Distribuzione dei presidi ospedalieri per altimetria" in text, "presidi: the chart's title")
check("1 presidio ospedaliero per 69.080 ab." in text, "presidi: montagna 1 per 69.080 ab. (2020)")
for band, row in bands.items():
    sentence = f"1 presidio ospedaliero per {italian(row['inhabitants_per_service'])} ab."
    check(sentence in text, f"presidi: {band}: '{sentence}' as in density_by_band.csv")
colours = {"montagna": "#cdb79e", "collina": "#efe3bd", "pianura": "#e6f0dc"}
page = shapes(run / "maps" / "presidi_ospedalieri.svg")
heights = {}
for band, colour in colours.items():
    # The chart's bars: in the right column (x > 300 mm), wider than a legend swatch.
    bars = [s for s in page if s[0] == svg_rgb(colour) and s[1] == "rgb(45%,45%,45%)"
            and s[2] > 300 and s[4] - s[2] > 12]
    check(len(bars) == 1, f"presidi: one bar for {band} in the band's colour ({len(bars)})")
    if bars:
        heights[band] = bars[0][5] - bars[0][3]
if len(heights) == 3:
    top = max(bands, key=lambda b: int(bands[b]["n_services"]))
    for band in colours:
        want = int(bands[band]["n_services"]) / int(bands[top]["n_services"])
        got = heights[band] / heights[top]
        check(abs(got - want) < 2e-3, f"presidi: bar {band} / {top} = {got:.4f}, "
              f"hospitals {want:.4f}")

# delta_popolazione: the comuni per class add up to every comune.
text = pdf_text(run / "maps" / "delta_popolazione.pdf")
check("Comuni per classe di ∆popolazione 2018-2021" in text, "delta: the distribution's title")
counts = [int(n.replace(".", "")) for n in re.findall(r"([0-9.]+) comuni\b", text)]
check(sum(counts) == 312, f"delta: the classes hold {sum(counts)} comuni of 312")

# popolazione_fasce (B4): population per band.
text = pdf_text(run / "maps" / "popolazione_fasce.pdf")
check("La distribuzione della popolazione nelle tre fasce altimetriche" in text, "B4: title")
for band, row in bands.items():
    check(f"{italian(row['population'])} ab. in {row['n_comuni']} comuni" in text,
          f"B4: {band}: {italian(row['population'])} ab. in {row['n_comuni']} comuni")

# tor_stazioni: every brownfield visible, the rail lines drawn.
sites = rows(run / "tor" / "brownfields_ranked.csv")
page = shapes(run / "maps" / "tor_stazioni.svg")
frame_right = 420 - 12 - 95 - 6  # page width - margin - legend column - gap
drawn = [s for s in page if s[0] in (svg_rgb("#c0392b"), svg_rgb("#7f8c8d")) and s[4] < frame_right]
check(len(drawn) == len(sites), f"tor_stazioni: {len(drawn)} brownfields drawn of {len(sites)}")
# A polygon's size on paper is its longer side: under 1,2 mm it is drawn as a 1,2 mm dot.
smallest = min(max(s[4] - s[2], s[5] - s[3]) for s in drawn) if drawn else 0
check(smallest >= 1.2 - 0.01, f"tor_stazioni: the smallest brownfield is {smallest:.2f} mm across "
      "(min_size_mm 1,2)")
dots = [s for s in drawn if abs(s[4] - s[2] - 1.2) < 0.01 and abs(s[5] - s[3] - 1.2) < 0.01]
check(len(dots) > 0, f"tor_stazioni: {len(dots)} brownfields drawn as 1,2 mm dots")
rail = [s for s in page if s[1] == svg_rgb("#555555") and s[0] == "none" and s[4] < frame_right]
check(len(rail) > 50, f"tor_stazioni: {len(rail)} rail lines drawn")
check("linee ferroviarie" in pdf_text(run / "maps" / "tor_stazioni.pdf"),
      "tor_stazioni: the legend lists the rail lines")

# atlante_comuni: the trend chart on each of the 312 pages.
text = pdf_text(run / "atlases" / "atlante_comuni.pdf")
n = text.count("Popolazione residente 2018-2021 (indice)")
check(n == 312, f"atlante_comuni: the trend chart on {n} pages of 312")

print(f"map furniture: {len(failures)} failures")
sys.exit(1 if failures else 0)
