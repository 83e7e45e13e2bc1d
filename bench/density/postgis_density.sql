-- Band dissolve + service density in PostGIS: tables comuni and hospitals (loaded by ogr2ogr).
DROP TABLE IF EXISTS density_by_band;
CREATE TABLE density_by_band AS
WITH located AS (
    SELECT c.band, h.cap_beds FROM hospitals h JOIN comuni c ON ST_Within(h.geom, c.geom)
), counts AS (
    SELECT band, count(*) AS n_services, sum(cap_beds) AS beds FROM located GROUP BY band
), bands AS (
    SELECT band, count(*) AS n_comuni, sum(pop_res_2020) AS population, ST_Union(geom) AS geom
    FROM comuni GROUP BY band
)
SELECT b.band, b.n_comuni, b.population, ST_Area(b.geom) / 1e6 AS area_km2,
       b.population / (ST_Area(b.geom) / 1e6) AS density_per_km2, c.n_services, c.beds,
       round(b.population::numeric / nullif(c.n_services, 0)) AS inhabitants_per_service,
       c.n_services * 1e4 / b.population AS services_per_10000, c.beds * 1e3 / b.population AS beds_per_1000, b.geom
FROM bands b LEFT JOIN counts c USING (band);
