#!/usr/bin/env python3
"""Provinces and regions of all of Italy, dissolved by atlante, checked with GDAL's own reading.

    check_dissolve.py ATLANTE DATA OUT

Runs `atlante --catalog-file italia dissolve --by province` and `--by region`, then opens the
GeoPackages with OGR (as QGIS does): 107 provinces and 20 regions, every polygon valid, each
one's area equal to the sum of its comuni's (read from the source GeoJSON and projected to
EPSG:32632 here, independently of atlante) within 1e-9 relative, the provinces' and regions'
totals equal, and every province named and in its region.
"""
import collections
import os
import subprocess
import sys

from osgeo import ogr, osr

ogr.UseExceptions()
osr.UseExceptions()


def comuni_areas(data):
    """Sum of the comuni's areas in EPSG:32632, by province code and by region code."""
    source = ogr.Open(os.path.join(data, "italy_comuni_openpolis.geojson"))
    layer = source.GetLayer(0)
    wgs84, utm = osr.SpatialReference(), osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    utm.ImportFromEPSG(32632)
    for srs in (wgs84, utm):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_utm = osr.CoordinateTransformation(wgs84, utm)
    by_province, by_region = collections.defaultdict(float), collections.defaultdict(float)
    region_of = {}
    for feature in layer:
        geometry = feature.GetGeometryRef().Clone()
        geometry.Transform(to_utm)
        area = geometry.GetArea()
        by_province[feature["prov_istat_code"]] += area
        by_region[feature["reg_istat_code"]] += area
        region_of[feature["prov_istat_code"]] = feature["reg_name"]
    return by_province, by_region, region_of


def read(path, key):
    """code -> (fields, area, valid); the values copied out while the file is open."""
    rows = {}
    source = ogr.Open(path)
    for feature in source.GetLayer(0):
        geometry = feature.GetGeometryRef()
        rows[feature[key]] = (feature.items(), geometry.GetArea(), geometry.IsValid())
    return rows


def main():
    atlante, data, out = sys.argv[1:4]
    for by in ("province", "region"):
        subprocess.run([atlante, "--data", data, "--catalog-file", "italia", "dissolve", "--by", by,
                        "--out", out], check=True, stdout=subprocess.DEVNULL)
    provinces = read(os.path.join(out, "provinces.gpkg"), "prov_istat_code")
    regions = read(os.path.join(out, "regions.gpkg"), "reg_istat_code")
    by_province, by_region, region_of = comuni_areas(data)
    problems = []
    if len(provinces) != 107 or len(regions) != 20:
        problems.append(f"{len(provinces)} provinces and {len(regions)} regions, not 107 and 20")
    worst = 0.0
    for rows, expected, what in ((provinces, by_province, "province"),
                                 (regions, by_region, "region")):
        for code, (feature, area, valid) in rows.items():
            if not valid:
                problems.append(f"{what} {code} ({feature['label']}): invalid polygon")
            relative = abs(area - expected[code]) / expected[code]
            worst = max(worst, relative)
            if relative > 1e-9:
                problems.append(f"{what} {code}: area {area:.1f} m², comuni {expected[code]:.1f}")
    total_p = sum(a for _, a, _ in provinces.values())
    total_r = sum(a for _, a, _ in regions.values())
    if abs(total_p - total_r) > 1e-9 * total_r:
        problems.append(f"provinces total {total_p:.1f} m², regions {total_r:.1f} m²")
    for code, (feature, _, _) in provinces.items():
        if feature["label"] != feature["prov_name"] or not feature["prov_name"]:
            problems.append(f"province {code}: label {feature['label']!r}")
        if feature["reg_name"] != region_of[code]:
            problems.append(f"province {code}: region {feature['reg_name']!r}")
    for p in problems[:20]:
        print("FAIL:", p)
    print(f"{len(provinces)} provinces, {len(regions)} regions, {total_r / 1e6:,.1f} km²; "
          f"largest relative area difference {worst:.1e}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
