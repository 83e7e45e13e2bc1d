"""Band dissolve + service density with GeoPandas: the same inputs and outputs as
`atlante density --by band`. Usage: geopandas_density.py COMUNI HOSPITALS OUT_DIR"""
import os
import sys
import time
import warnings

import geopandas as gpd
import pandas as pd

warnings.filterwarnings("ignore")
comuni_path, hospitals_path, out_dir = sys.argv[1:4]
start = time.perf_counter()
comuni = gpd.read_file(comuni_path)[["band", "pop_res_2020", "geometry"]]
hospitals = gpd.read_file(hospitals_path)[["facility_type", "cap_beds", "geometry"]]
bands = comuni.dissolve(by="band", aggfunc={"pop_res_2020": "sum"}).rename(columns={"pop_res_2020": "population"})
bands["n_comuni"] = comuni.groupby("band").size()
bands["area_km2"] = bands.area / 1e6
bands["density_per_km2"] = bands.population / bands.area_km2
located = gpd.sjoin(hospitals, comuni[["band", "geometry"]], predicate="within")
counts = located.groupby("band").agg(n_services=("band", "size"), beds=("cap_beds", "sum"))
bands = bands.join(counts)
bands["inhabitants_per_service"] = (bands.population / bands.n_services).round()
bands["services_per_10000"] = bands.n_services / bands.population * 1e4
bands["beds_per_1000"] = bands.beds / bands.population * 1e3
by_type = located.groupby(["band", "facility_type"]).size().rename("n_services").reset_index()
os.makedirs(out_dir, exist_ok=True)
bands.reset_index().to_file(os.path.join(out_dir, "density_by_band.gpkg"), layer="density_by_band", driver="GPKG")
pd.DataFrame(bands.drop(columns="geometry")).to_csv(os.path.join(out_dir, "density_by_band.csv"))
by_type.to_csv(os.path.join(out_dir, "density_by_band_by_type.csv"), index=False)
print(f"geopandas {len(bands)} bands, {int(bands.n_services.sum())} services, {time.perf_counter() - start:.3f} s")
