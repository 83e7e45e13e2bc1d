"""Checks that the TOR runs agree with atlante's: same sites inside, same nearest distances
(1e-6 m), same ranking order. Usage: compare.py atlante=CSV [geopandas=CSV] [postgis=CSV]"""
import sys

import pandas as pd

def header_lines(path):
    """atlante's CSVs start with '# key: value' lines (method and parameters)."""
    with open(path, encoding="utf-8") as f:
        return sum(1 for _ in iter(lambda: f.readline().startswith("#") or None, None))


runs = dict(arg.split("=", 1) for arg in sys.argv[1:])
frames = {name: pd.read_csv(path, dtype={"id": str}, low_memory=False, skiprows=header_lines(path)) for name, path in runs.items()}
base = frames["atlante"].set_index("id")
for name, frame in frames.items():
    other = frame.set_index("id").loc[base.index]
    inside = (other["n_stations_within"] > 0).sum()
    same_inside = ((other["n_stations_within"] > 0) == (base["n_stations_within"] > 0)).all()
    dist = (other["distance_m"] - base["distance_m"]).abs().max()
    ranked = other[other["rank"].notna()].sort_values("rank").index.tolist()
    same_order = ranked == base[base["rank"].notna()].sort_values("rank").index.tolist()
    print(f"{name:10s} inside {inside:6d}  same inside set {same_inside}  max |Δdistance| {dist:.2e} m  same ranking {same_order}")
