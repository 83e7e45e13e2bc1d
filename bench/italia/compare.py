"""The three tools' provinces: the same 107 codes, names, comuni counts, and areas within 1e-9
relative. Usage: compare.py ATLANTE.csv GEOPANDAS.csv POSTGIS.csv"""
import csv
import sys


def read(path, code="prov_istat_code"):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    return {r[code]: r for r in rows}


atlante, geopandas, postgis = (read(p) for p in sys.argv[1:4])
worst = 0.0
problems = []
for name, other in (("GeoPandas", geopandas), ("PostGIS", postgis)):
    if set(other) != set(atlante):
        problems.append(f"{name}: other province codes")
        continue
    for code, a in atlante.items():
        o = other[code]
        if int(o["n_comuni"]) != int(a["n_features"]):
            problems.append(f"{name} {code}: {o['n_comuni']} comuni, atlante {a['n_features']}")
        relative = abs(float(o["area_km2"]) - float(a["area_km2"])) / float(a["area_km2"])
        worst = max(worst, relative)
        if relative > 1e-9:
            problems.append(f"{name} {code}: area {o['area_km2']} km², atlante {a['area_km2']}")
for p in problems[:20]:
    print("DIFFERS:", p)
print(f"{len(atlante)} provinces; largest relative area difference {worst:.1e}"
      + ("" if problems else ": the three agree"))
sys.exit(1 if problems else 0)
