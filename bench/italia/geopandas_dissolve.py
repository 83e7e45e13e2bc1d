"""The comuni dissolved into provinces with GeoPandas: the same input and outputs as
`atlante dissolve --by province`. Usage: geopandas_dissolve.py COMUNI OUT_DIR"""
import os
import sys
import warnings

import geopandas as gpd
import pandas as pd

warnings.filterwarnings("ignore")
comuni_path, out_dir = sys.argv[1:3]
comuni = gpd.read_file(comuni_path)
provinces = comuni.dissolve(by="prov_istat_code", aggfunc={"prov_name": "first", "prov_acr": "first",
                                                          "reg_name": "first"})
provinces["n_comuni"] = comuni.groupby("prov_istat_code").size()
provinces["area_km2"] = provinces.area / 1e6
provinces["members_area_km2"] = comuni.assign(a=comuni.area / 1e6).groupby("prov_istat_code").a.sum()
os.makedirs(out_dir, exist_ok=True)
provinces.reset_index().to_file(os.path.join(out_dir, "provinces.gpkg"), layer="provinces", driver="GPKG")
pd.DataFrame(provinces.drop(columns="geometry")).reset_index()[
    ["prov_istat_code", "prov_name", "n_comuni", "area_km2"]].to_csv(
    os.path.join(out_dir, "provinces.csv"), index=False)
