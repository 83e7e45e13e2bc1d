#!/usr/bin/env bash
# The national dissolve: the 7.899 Italian comuni into 107 provinces, atlante vs GeoPandas vs
# PostGIS, on the same prepared input (the comuni in EPSG:32632, one GeoPackage). Each reads,
# dissolves by province code, measures the areas and writes GPKG + CSV.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common.sh

ogr2ogr -f GPKG "$work/comuni.gpkg" "$ATLANTE_DATA/italy_comuni_openpolis.geojson" -t_srs EPSG:32632 \
    -nln comuni -select name,com_istat_code,prov_istat_code,prov_name,prov_acr,reg_istat_code,reg_name

run_atlante() {
    fresh "$work/out_atlante"
    "$atlante" --catalog-file italia dissolve --polygons "$work/comuni.gpkg" --by province \
        --out "$work/out_atlante" >/dev/null
}
run_geopandas() {
    fresh "$work/out_geopandas"
    /usr/bin/python3 bench/italia/geopandas_dissolve.py "$work/comuni.gpkg" "$work/out_geopandas" >/dev/null
}
run_postgis() {
    fresh "$work/out_postgis"
    ogr2ogr -overwrite -f PostgreSQL PG:dbname=atlante "$work/comuni.gpkg" -nln comuni -lco GEOMETRY_NAME=geom
    psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning;" -f bench/italia/postgis_dissolve.sql
    ogr2ogr -f GPKG "$work/out_postgis/provinces.gpkg" PG:dbname=atlante provinces
    ogr2ogr -f CSV "$work/out_postgis/provinces.csv" PG:dbname=atlante -sql "SELECT prov_istat_code, prov_name, n_comuni, area_km2 FROM provinces ORDER BY prov_istat_code"
}
label=provinces time_tools 3 atlante geopandas postgis
printf 'ratio: GeoPandas/atlante %.1fx, PostGIS/atlante %.1fx\n' "$(ratio geopandas atlante)" "$(ratio postgis atlante)"
echo "== the three agree?"
/usr/bin/python3 bench/italia/compare.py "$work/out_atlante/provinces.csv" "$work/out_geopandas/provinces.csv" \
    "$work/out_postgis/provinces.csv"
