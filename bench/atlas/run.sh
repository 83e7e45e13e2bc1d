#!/usr/bin/env bash
# The 312-page comune atlas: atlante vs a QGIS atlas export (PyQGIS QgsLayoutExporter, headless
# QGIS 3.22) of an equivalent layout, from the same GeoPackages; one multi-page PDF each.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common.sh
for package in qgis python3-qgis; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null
done

# The same inputs for both: written once by atlante and ogr2ogr.
"$atlante" density --by zone --services "" --out "$work/prep" >/dev/null
"$atlante" bands --out "$work/prep" >/dev/null
ogr2ogr -f GPKG "$work/zones.gpkg" "$work/prep/density_by_zone.gpkg" density_by_zone_name -nln zones
ogr2ogr -f GPKG "$work/comuni.gpkg" "$work/prep/bands.gpkg" comuni_bands -nln comuni -select name,com_istat_code,pop_res_2020
ogr2ogr -f GPKG "$work/outline.gpkg" "$work/prep/bands.gpkg" -dialect sqlite \
    -sql "SELECT ST_Union(geom) AS geom FROM fasce_altimetriche" -nln outline
ogr2ogr -f GPKG "$work/stations.gpkg" "$ATLANTE_DATA/rail_stations_osm_torino5km.geojson" -t_srs EPSG:32632 \
    -nln stations -where "railway IN ('station','halt') AND (station IS NULL OR station <> 'subway')"
ogr2ogr -f GPKG "$work/hospitals.gpkg" "$ATLANTE_DATA/healthcare_hospitals_gisco_torino5km.geojson" -t_srs EPSG:32632 -nln hospitals

cat >"$work/atlas.toml" <<TOML
[project]
name = "bench"
output = "out"
[[map]]
name = "base"
title = "Comuni"
scale_bar_km = 5
formats = ["png"]
extent = "$work/outline.gpkg"
  [[map.layers]]
  source = "$work/comuni.gpkg"
  fill = "#efe3bd"
  stroke = "white"
  stroke_mm = 0.25
  label = "name"
  label_size_pt = 6.5
  legend_label = "confini comunali"
  [[map.layers]]
  source = "$work/zones.gpkg"
  stroke = "#555555"
  stroke_mm = 0.5
  dash_mm = [2, 1]
  legend_label = "zone omogenee"
  [[map.layers]]
  source = "$work/stations.gpkg"
  size_mm = 2.2
  fill = "#1b4f72"
  stroke = "white"
  legend_label = "stazioni ferroviarie"
  [[map.layers]]
  source = "$work/hospitals.gpkg"
  marker = "square"
  size_mm = 2.4
  fill = "#c0392b"
  stroke = "white"
  legend_label = "ospedali e case di cura"
  [[map.layers]]
  source = "$work/outline.gpkg"
  stroke = "#222222"
  stroke_mm = 0.6
  legend_label = "confini CMTo"
[[atlas]]
name = "comuni"
title = "Atlante dei comuni"
map = "base"
coverage = "$work/comuni.gpkg"
page_name = "name"
TOML

run_atlante() { "$atlante" atlas "$work/atlas.toml" --atlas comuni --out "$work/out_atlante" >"$work/atlante.log"; }
run_qgis() {
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/atlas/qgis_atlas.py "$work" "$work/qgis_atlas.pdf" \
        >"$work/qgis.log" 2>&1 || { cat "$work/qgis.log"; exit 1; }
}
time_tools 1 atlante qgis
printf 'ratio: QGIS/atlante %.2fx; seconds per page: atlante %.3f, QGIS %.3f\n' "$(ratio qgis atlante)" \
    "$(echo "${times[atlante]} / 312" | bc -l)" "$(echo "${times[qgis]} / 312" | bc -l)"
grep atlas "$work/atlante.log"
pdfinfo "$work/out_atlante/atlases/comuni.pdf" | grep -E "Pages|File size"
pdfinfo "$work/qgis_atlas.pdf" | grep -E "Pages|File size"
