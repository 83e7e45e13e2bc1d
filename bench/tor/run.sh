#!/usr/bin/env bash
# End-to-end TOR benchmark on the same inputs: atlante vs GeoPandas (Debian python3-geopandas) vs
# PostGIS (load with ogr2ogr + SQL + export with ogr2ogr). Each run reads the inputs, joins,
# ranks and writes GPKG + CSV + GeoJSON. Sizes: the 133-site demonstration layer, 100.000 and
# 1.000.000 sites (same generator, overlaps allowed). GeoPandas runs up to
# BENCH_GEOPANDAS_MAX_SITES sites (default 100.000: at a million it needs a quarter of an hour).
# Peak memory (maximum resident set) of atlante and GeoPandas is measured with /usr/bin/time.
# BENCH_TOR_CATALOG=italia runs it on all of Italy: the national stations, the sites spread over
# the 7.899 comuni (the national catalogue's study area).
# Usage: bench/tor/run.sh [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("${@:-133 100000 1000000}")
geopandas_max=${BENCH_GEOPANDAS_MAX_SITES:-100000}
read -r -a sizes <<<"${sizes[*]}"
source bench/common.sh
catalog=${BENCH_TOR_CATALOG:-cmto}
stations_file=rail_stations_osm_torino5km.geojson
[ "$catalog" = italia ] && stations_file=rail_stations_osm_italy.geojson

# The stations every tool reads: the catalogue's filter (railway station/halt, no metro, no
# construction; NULL-safe), in EPSG:32632.
ogr2ogr -f GPKG "$work/stations.gpkg" "$ATLANTE_DATA/$stations_file" -t_srs EPSG:32632 \
    -nln stations -where "railway IN ('station','halt') AND (station IS NULL OR station <> 'subway')"

run_atlante() {
    fresh "$work/out_atlante_$n"
    /usr/bin/time -f %M -o "$work/peak_atlante_$n" \
        "$atlante" --catalog-file "$catalog" tor --stations "$work/stations.gpkg" --station-id-field osm_node_id --station-name-field name \
        --brownfields "$work/bf_$n.gpkg" --out "$work/out_atlante_$n" >/dev/null
}
run_geopandas() {
    fresh "$work/out_geopandas_$n"
    /usr/bin/time -f %M -o "$work/peak_geopandas_$n" \
        /usr/bin/python3 bench/tor/geopandas_tor.py "$work/stations.gpkg" "$work/bf_$n.gpkg" "$work/out_geopandas_$n" >/dev/null
}
run_postgis() {
    local out="$work/out_postgis_$n"
    fresh "$out"
    ogr2ogr -overwrite -f PostgreSQL PG:dbname=atlante "$work/stations.gpkg" -nln st -lco GEOMETRY_NAME=geom
    ogr2ogr -overwrite -f PostgreSQL PG:dbname=atlante "$work/bf_$n.gpkg" brownfields_demo -nln bf -lco GEOMETRY_NAME=geom
    psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning;" -c "ANALYZE st; ANALYZE bf;" -f bench/tor/postgis_tor.sql
    ogr2ogr -f GPKG "$out/tor.gpkg" PG:dbname=atlante tor_ranked -nln brownfields_ranked
    ogr2ogr -f CSV "$out/brownfields_ranked.csv" PG:dbname=atlante -sql "SELECT * FROM tor_ranked ORDER BY rank NULLS LAST, distance_m, id"
    ogr2ogr -f GeoJSON -lco RFC7946=YES -t_srs EPSG:4326 "$out/brownfields_ranked.geojson" PG:dbname=atlante tor_ranked
}

printf '%-10s %-10s %10s\n' size tool seconds
for n in "${sizes[@]}"; do
    flags=(--count "$n")
    [ "$n" -gt 1000 ] && flags+=(--avoid-overlaps=false)
    "$atlante" --catalog-file "$catalog" demo-brownfields "${flags[@]}" --out "$work/bf_$n.gpkg" >/dev/null
    repeats=3
    [ "$n" -gt 1000 ] && repeats=1
    tools=(atlante postgis)
    [ "$n" -le "$geopandas_max" ] && tools=(atlante geopandas postgis)
    label=$n time_tools "$repeats" "${tools[@]}"
    mib() { echo "$(($(cat "$work/peak_$1_$n") / 1024)) MiB"; }
    if [ "$n" -le "$geopandas_max" ]; then
        printf '%-10s ratio: GeoPandas/atlante %.1fx, PostGIS/atlante %.1fx\n' "$n" "$(ratio geopandas atlante)" "$(ratio postgis atlante)"
        printf '%-10s peak memory: atlante %s, GeoPandas %s\n' "$n" "$(mib atlante)" "$(mib geopandas)"
        others=("geopandas=$work/out_geopandas_$n/brownfields_ranked.csv")
    else
        printf '%-10s ratio: PostGIS/atlante %.1fx (GeoPandas not run above %s sites)\n' "$n" "$(ratio postgis atlante)" "$geopandas_max"
        printf '%-10s peak memory: atlante %s\n' "$n" "$(mib atlante)"
        others=()
    fi
    printf '%-10s atlante per site: %.2f µs\n' "$n" "$(echo "${times[atlante]} * 1000000 / $n" | bc -l)"
    /usr/bin/python3 bench/tor/compare.py "atlante=$work/out_atlante_$n/brownfields_ranked.csv" \
        "${others[@]}" "postgis=$work/out_postgis_$n/brownfields_ranked.csv"
done
