#!/usr/bin/env bash
# One A3 map at 300 dpi (PNG): atlante vs Mapnik (python3-mapnik, an equivalent XML style), on
# the same GeoPackages (zone polygons, comuni, province outline in EPSG:32632). atlante also
# draws title, legend, sources, scale bar and north arrow; Mapnik draws the map alone.
# QGIS: a print layout exported by PyQGIS (QgsLayoutExporter) on headless QGIS 3.22.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common.sh
for package in python3-mapnik qgis python3-qgis; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
done

# Inputs, made once by atlante itself: zones dissolved from the comuni, the comuni, the outline.
"$atlante" density --by zone --services "" --out "$work/prep" >/dev/null
"$atlante" bands --out "$work/prep" >/dev/null
ogr2ogr -f GPKG "$work/zones.gpkg" "$work/prep/density_by_zone.gpkg" density_by_zone_name -nln zones
ogr2ogr -f GPKG "$work/comuni.gpkg" "$work/prep/bands.gpkg" comuni_bands -nln comuni -select name
ogr2ogr -f GPKG "$work/outline.gpkg" "$work/prep/bands.gpkg" -dialect sqlite \
    -sql "SELECT ST_Union(geom) AS geom FROM fasce_altimetriche" -nln outline

python3 - "$work" <<'PY'
import sys, re
work = sys.argv[1]
toml = open("examples/torino/torino.toml").read()
block = toml[toml.index('[[map]]\nname = "zone_omogenee"'):toml.index('[[map]]\nname = "fasce_altimetriche"')]
block = block.replace('source = "catalog:zones"', f'source = "{work}/zones.gpkg"')
block = block.replace('source = "catalog:comuni"', f'source = "{work}/comuni.gpkg"')
block = block.replace('source = "catalog:outline"', f'source = "{work}/outline.gpkg"')
block = block.replace('name = "zone_omogenee"', f'name = "zone_omogenee"\ndpi = 300\nformats = ["png"]\nextent = "{work}/outline.gpkg"')
open(f"{work}/bench.toml", "w").write('[project]\nname = "bench"\noutput = "out"\n\n' + block)
# The Mapnik style: the same fills (ColorBrewer Set3, in the same order), strokes in pixels.
colours = ["#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5"]
cats = re.search(r'categories = \[(.*?)\]', block, re.S).group(1)
names = re.findall(r'"([^"]+)"', cats)
px = lambda mm: mm / 25.4 * 300
rules = "".join(f'<Rule><Filter>[zone_name] = \'{n}\'</Filter><PolygonSymbolizer fill="{c}"/>'
                f'<LineSymbolizer stroke="#555555" stroke-width="{px(0.35):.2f}"/></Rule>' for n, c in zip(names, colours))
def layer(name, style):
    return (f'<Layer name="{name}" srs="epsg:32632"><StyleName>{style}</StyleName>'
            f'<Datasource><Parameter name="type">ogr</Parameter><Parameter name="file">{work}/{name}.gpkg</Parameter>'
            f'<Parameter name="layer">{name}</Parameter></Datasource></Layer>')
xml = (f'<Map srs="epsg:32632" background-color="white">'
       f'<Style name="zones">{rules}</Style>'
       f'<Style name="comuni"><Rule><LineSymbolizer stroke="white" stroke-width="{px(0.12):.2f}"/></Rule></Style>'
       f'<Style name="outline"><Rule><LineSymbolizer stroke="#222222" stroke-width="{px(0.6):.2f}"/></Rule></Style>'
       + layer("zones", "zones") + layer("comuni", "comuni") + layer("outline", "outline") + '</Map>')
open(f"{work}/style.xml", "w").write(xml)
import json
labels = re.findall(r'"([^"]+)"', re.search(r'labels = \[(.*?)\]', block, re.S).group(1))
json.dump({"categories": names, "labels": labels, "colours": colours}, open(f"{work}/style.json", "w"))
PY

# The map alone: no QGIS project beside it (the Torino style asks for one).
run_atlante() { "$atlante" map "$work/bench.toml" --map zone_omogenee --qgis=false --out "$work/out_atlante" >/dev/null; }
run_mapnik() { /usr/bin/python3 bench/maps/mapnik_render.py "$work/style.xml" "$work/mapnik.png" >/dev/null; }
run_qgis() {
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/maps/qgis_layout.py "$work" "$work/qgis.png" "$work/style.json" \
        >"$work/qgis.log" 2>&1 || { cat "$work/qgis.log"; exit 1; }
}
time_tools 3 atlante mapnik qgis
printf 'ratio: Mapnik/atlante %.2fx, QGIS/atlante %.2fx\n' "$(ratio mapnik atlante)" "$(ratio qgis atlante)"
file "$work/out_atlante/maps/zone_omogenee.png" "$work/mapnik.png" "$work/qgis.png"
cp "$work/qgis.png" /tmp/bench_qgis.png 2>/dev/null || true
cp "$work/mapnik.png" /tmp/bench_mapnik.png 2>/dev/null || true
cp "$work/out_atlante/maps/zone_omogenee.png" /tmp/bench_atlante.png 2>/dev/null || true
