"""Renders the zone omogenee map with Mapnik (python3-mapnik from Debian): A3 landscape at
300 dpi, the same layers and colours as atlante's, from the same GeoPackages.
Usage: mapnik_render.py STYLE_XML OUT_PNG"""
import sys
import time

import mapnik

start = time.perf_counter()
width, height = round(420 / 25.4 * 300), round(297 / 25.4 * 300)  # A3 landscape at 300 dpi
m = mapnik.Map(width, height)
mapnik.load_map(m, sys.argv[1])
m.zoom_all()
mapnik.render_to_file(m, sys.argv[2], "png")
print(f"mapnik {width}x{height} in {time.perf_counter() - start:.3f} s")
