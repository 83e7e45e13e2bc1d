#!/usr/bin/env bash
# Multi-source walking reach on the same graph and the same start points: atlante (`atlante
# reach`, Boost.Graph Dijkstra + isochrone polygons + GeoPackage) vs pgRouting
# (pgr_withPointsDD, points on edges, undirected, every station at once, equicost). Checks that
# both reach the same nodes within 30 minutes at 4.8 km/h (2.400 m) and that their costs agree.
# The stations are first moved onto the streets (atlante's snap points), since pgRouting has no
# station-to-street leg. Usage: bench/reach/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common.sh
dpkg-query -W -f='${Status}' postgresql-15-pgrouting 2>/dev/null | grep -q "install ok installed" ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15-pgrouting >/dev/null
psql -X -q -c "CREATE EXTENSION IF NOT EXISTS pgrouting" >/dev/null

where="highway IS NULL OR highway NOT LIKE '%motorway%'"
roads="$ATLANTE_DATA/road_edges_osm_torino_city.geojson"

# 1. Where atlante snaps the catalogue's stations: those points become the stations of both tools.
"$atlante" reach --roads-where "$where" --travel-time-enabled=false --walk-minutes 30 --out "$work/probe" >/dev/null
ogr2ogr -f GPKG "$work/on_graph.gpkg" "$work/probe/reach.gpkg" -nln stations -a_srs EPSG:32632 -dialect sqlite \
    -sql "SELECT station_id AS osm_node_id, name, edge_from, edge_to, edge_fraction, MakePoint(snap_x, snap_y) AS geom FROM stations WHERE snap_x IS NOT NULL"

# 2. The same graph in PostGIS for pgRouting (one row per OSM arc; walking ignores direction).
t0=$(now)
ogr2ogr -overwrite -f PostgreSQL PG:dbname=atlante "$roads" -nln roads -t_srs EPSG:32632 -where "$where" \
    -lco GEOMETRY_NAME=geom -lco FID=fid
ogr2ogr -overwrite -f PostgreSQL PG:dbname=atlante "$work/on_graph.gpkg" -nln st -lco GEOMETRY_NAME=geom
psql -X -q -v ON_ERROR_STOP=1 -f bench/reach/pgrouting_prepare.sql
load_s=$(echo "$(now) - $t0" | bc -l)

run_atlante() {
    fresh "$work/out_atlante"
    "$atlante" reach --stations "$work/on_graph.gpkg" --station-id-field osm_node_id \
        --roads-where "$where" --travel-time-enabled=false \
        --walk-minutes 30 --cycle-minutes 45 --out "$work/out_atlante" >"$work/atlante.txt"
}
run_pgrouting() {
    psql -X -q -v ON_ERROR_STOP=1 -f bench/reach/pgrouting_dd.sql
}

printf '%-10s %-10s %10s\n' graph tool seconds
label=torino time_tools 3 atlante pgrouting
printf 'pgRouting load (ogr2ogr + topology + points): %.3f s, not counted above\n' "$load_s"
printf 'ratio: pgRouting query/atlante whole command %.2fx; pgRouting load+query/atlante whole command %.2fx\n' \
    "$(ratio pgrouting atlante)" "$(echo "($load_s + ${times[pgrouting]}) / ${times[atlante]}" | bc -l)"
echo "atlante's own phases (last run):"; grep -E "time:|shortest paths" "$work/atlante.txt"
walk_s=$(sed -n 's/.*walk: shortest paths from all stations \([0-9.]*\) s.*/\1/p' "$work/atlante.txt")
printf 'ratio: pgRouting query / atlante walking shortest paths (same work: all stations, reached nodes) %.1fx\n' \
    "$(echo "${times[pgrouting]} / $walk_s" | bc -l)"
psql -X -q -A -F, -c "\\copy (SELECT node, agg_cost FROM dd_walk) TO '$work/pgrouting_nodes.csv' CSV HEADER"
ogr2ogr -f CSV "$work/atlante_nodes.csv" "$work/out_atlante/reach.gpkg" nodes
/usr/bin/python3 bench/reach/compare.py "$work/atlante_nodes.csv" "$work/pgrouting_nodes.csv" 2400 4.8
