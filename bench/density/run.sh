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

declare -A times=()
printf '%-10s %10s\n' tool seconds
for tool in atlante geopandas postgis; do
    runs=()
    for r in 1 2 3 4 5; do
        out="$work/out_$tool"
        rm -rf "$out" && mkdir -p "$out"
        t0=$(now)
        case $tool in
        atlante)
            "$atlante" density --comuni "$work/comuni.gpkg" --services "$work/hospitals.gpkg" --type-field facility_type \
                --beds-field cap_beds --by band --out "$out" >/dev/null ;;
        geopandas)
            /usr/bin/python3 bench/density/geopandas_density.py "$work/comuni.gpkg" "$work/hospitals.gpkg" "$out" >/dev/null ;;
        postgis)
            ogr2ogr -overwrite -f PostgreSQL PG:dbname=atlante "$work/comuni.gpkg" -nln comuni -lco GEOMETRY_NAME=geom
            ogr2ogr -overwrite -f PostgreSQL PG:dbname=atlante "$work/hospitals.gpkg" -nln hospitals -lco GEOMETRY_NAME=geom
            psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning;" -f bench/density/postgis_density.sql
            ogr2ogr -f GPKG "$out/density_by_band.gpkg" PG:dbname=atlante density_by_band
            ogr2ogr -f CSV "$out/density_by_band.csv" PG:dbname=atlante -sql "SELECT band, n_comuni, population, area_km2, n_services, beds, inhabitants_per_service FROM density_by_band ORDER BY band" ;;
        esac
        runs+=("$(echo "$(now) - $t0" | bc -l)")
    done
    times[$tool]=$(median "${runs[@]}")
    printf '%-10s %10.3f\n' "$tool" "${times[$tool]}"
done
printf 'ratio: GeoPandas/atlante %.1fx, PostGIS/atlante %.1fx\n' \
    "$(echo "${times[geopandas]} / ${times[atlante]}" | bc -l)" "$(echo "${times[postgis]} / ${times[atlante]}" | bc -l)"
echo "== the three agree?"
grep -v '^#' "$work/out_atlante/density_by_band.csv" | cut -d, -f2,4,5,12,13 | head -4
cut -d, -f1-3,7,8 "$work/out_geopandas/density_by_band.csv"
cat "$work/out_postgis/density_by_band.csv"
