-- The comuni dissolved into provinces in PostGIS: table comuni (loaded by ogr2ogr).
-- PostGIS 3.3 (Debian bookworm) has no ST_CoverageUnion: ST_Union is its dissolve.
DROP TABLE IF EXISTS provinces;
CREATE TABLE provinces AS
SELECT prov_istat_code, min(prov_name) AS prov_name, min(prov_acr) AS prov_acr,
       min(reg_name) AS reg_name, count(*) AS n_comuni, ST_Union(geom) AS geom
FROM comuni GROUP BY prov_istat_code;
ALTER TABLE provinces ADD COLUMN area_km2 double precision;
UPDATE provinces SET area_km2 = ST_Area(geom) / 1e6;
