"""TOR with GeoPandas, the way a planner would script it: the same inputs, the same join
(nearest station, stations within R, area inside the stations' discs), the same score without
the service component, the same three outputs. Usage: geopandas_tor.py STATIONS BROWNFIELDS OUT_DIR"""
import os
import warnings
import sys
import time

import geopandas as gpd
import pandas as pd
from shapely.strtree import STRtree

warnings.filterwarnings("ignore")  # Shapely 1.8 deprecation notices
R = 1500.0
CLASS = {"alta": 1.0, "media": 0.5, "bassa": 0.0}

stations_path, brownfields_path, out_dir = sys.argv[1:4]
start = time.perf_counter()
stations = gpd.read_file(stations_path)[["osm_node_id", "name", "geometry"]]
sites = gpd.read_file(brownfields_path)[["id", "name", "class", "geometry"]]
sites = sites.rename(columns={"name": "site_name"})

# Nearest station. Debian's GeoPandas 0.12 with Shapely 1.8 has no sjoin_nearest (it needs
# PyGEOS or Shapely 2), so: Shapely's STRtree.nearest per site.
station_geoms = list(stations.geometry)
row_of = {id(g): i for i, g in enumerate(station_geoms)}
tree = STRtree(station_geoms)
rows = [row_of[id(tree.nearest(g))] for g in sites.geometry]
nearest = pd.DataFrame({
    "id": sites["id"].values,
    "nearest_station": stations["name"].values[rows],
    "nearest_station_id": stations["osm_node_id"].values[rows],
    "distance_m": [g.distance(station_geoms[r]) for g, r in zip(sites.geometry, rows)],
})

# Stations within R: candidates from slightly larger discs, then the exact distance decides.
discs = stations.copy()
discs["geometry"] = stations.buffer(R * 1.001, 64)
pairs = gpd.sjoin(sites[["id", "geometry"]], discs, predicate="intersects")
station_geom = stations.set_index("osm_node_id").geometry
pairs["d"] = pairs.geometry.distance(gpd.GeoSeries(station_geom.loc[pairs.osm_node_id].values, index=pairs.index))
pairs = pairs[pairs.d <= R].sort_values(["id", "d", "osm_node_id"])
within = pairs.groupby("id").agg(stations_within=("name", lambda n: "; ".join(n)), n_stations_within=("name", "size"))

# Area inside the union of the discs (exact radius) of the stations within R.
exact_discs = stations.copy()
exact_discs["geometry"] = stations.buffer(R, 64)
inside_sites = sites[sites.id.isin(within.index)]
pieces = gpd.overlay(inside_sites[["id", "geometry"]], exact_discs[["osm_node_id", "geometry"]], how="intersection")
area_within = pieces.dissolve(by="id").area.rename("area_within_m2")

out = sites.merge(nearest, on="id").merge(within, on="id", how="left").merge(
    area_within, left_on="id", right_index=True, how="left")
out["n_stations_within"] = out["n_stations_within"].fillna(0).astype(int)
out["area_m2"] = out.area
out["area_within_m2"] = out["area_within_m2"].fillna(0.0)
out["share_within"] = out["area_within_m2"] / out["area_m2"]
inside = out["n_stations_within"] > 0
out["c_proximity"] = (1 - out["distance_m"] / R).where(inside)
out["c_area"] = (out["area_within_m2"] / out.loc[inside, "area_within_m2"].max()).where(inside)
out["c_class"] = out["class"].map(CLASS).where(inside)
out["score"] = ((0.4 * out.c_proximity + 0.2 * out.c_area + 0.2 * out.c_class) / 0.8).where(inside)
out = out.sort_values(["score", "distance_m", "id"], ascending=[False, True, True], na_position="last")
out["rank"] = pd.Series(range(1, inside.sum() + 1), index=out.index[: inside.sum()])
out = gpd.GeoDataFrame(out, geometry="geometry", crs=sites.crs)

os.makedirs(out_dir, exist_ok=True)
out.to_file(os.path.join(out_dir, "tor.gpkg"), layer="brownfields_ranked", driver="GPKG")
pd.DataFrame(out.drop(columns="geometry")).to_csv(os.path.join(out_dir, "brownfields_ranked.csv"), index=False)
out.to_crs(4326).to_file(os.path.join(out_dir, "brownfields_ranked.geojson"), driver="GeoJSON")
elapsed = time.perf_counter() - start
print(f"geopandas {len(out)} sites, {int(inside.sum())} inside, {elapsed:.3f} s")
