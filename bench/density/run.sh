#!/usr/bin/env bash
# Band dissolve + service density ("1 presidio per N abitanti" by band): atlante vs GeoPandas vs
# PostGIS, on the same prepared inputs (the 312 comuni with band and population, the 53 GISCO
# hospitals, both GeoPackages in EPSG:32632). Each reads, dissolves, counts and writes GPKG + CSV.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common.sh

"$atlante" bands --out "$work/bands" >/dev/null
ogr2ogr -f GPKG "$work/comuni.gpkg" "$work/bands/bands.gpkg" comuni_bands -nln comuni
ogr2ogr -f GPKG "$work/hospitals.gpkg" "$ATLANTE_DATA/healthcare_hospitals_gisco_torino5km.geojson" -t_srs EPSG:32632 -nln hospitals

run_atlante() {
    fresh "$work/out_atlante"
    "$atlante" density --comuni "$work/comuni.gpkg" --services "$work/hospitals.gpkg" --type-field facility_type \
        --sum-field cap_beds --by band --out "$work/out_atlante" >/dev/null
}
run_geopandas() {
    fresh "$work/out_geopandas"
    /usr/bin/python3 bench/density/geopandas_density.py "$work/comuni.gpkg" "$work/hospitals.gpkg" "$work/out_geopandas" >/dev/null
}
run_postgis() {
    fresh "$work/out_postgis"
    ogr2ogr -overwrite -f PostgreSQL PG:dbname=atlante "$work/comuni.gpkg" -nln comuni -lco GEOMETRY_NAME=geom
    ogr2ogr -overwrite -f PostgreSQL PG:dbname=atlante "$work/hospitals.gpkg" -nln hospitals -lco GEOMETRY_NAME=geom
    psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning;" -f bench/density/postgis_density.sql
    ogr2ogr -f GPKG "$work/out_postgis/density_by_band.gpkg" PG:dbname=atlante density_by_band
    ogr2ogr -f CSV "$work/out_postgis/density_by_band.csv" PG:dbname=atlante -sql "SELECT band, n_comuni, population, area_km2, n_services, beds, inhabitants_per_service FROM density_by_band ORDER BY band"
}
time_tools 5 atlante geopandas postgis
printf 'ratio: GeoPandas/atlante %.1fx, PostGIS/atlante %.1fx\n' "$(ratio geopandas atlante)" "$(ratio postgis atlante)"
echo "== the three agree?"
# band, n_comuni, population, area_km2, n_services, beds, inhabitants_per_service, as PostGIS's
awk -F, 'NR <= 4 {print $1 "," $3 "," $5 "," $4 "," $9 "," $12 "," $10}' "$work/out_atlante/density_by_band.csv"
cut -d, -f1-3,7,8 "$work/out_geopandas/density_by_band.csv"
cat "$work/out_postgis/density_by_band.csv"
