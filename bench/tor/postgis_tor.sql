-- TOR in PostGIS: the same join and score as atlante without the service component.
-- Inputs: tables st (stations) and bf (brownfields), loaded by ogr2ogr with GiST indexes.
DROP TABLE IF EXISTS tor_ranked;
CREATE TABLE tor_ranked AS
WITH nearest AS (
    SELECT b.id, n.name AS nearest_station, n.osm_node_id AS nearest_station_id,
           ST_Distance(b.geom, n.geom) AS distance_m
    FROM bf b
    CROSS JOIN LATERAL (
        SELECT s.name, s.osm_node_id, s.geom FROM st s ORDER BY b.geom <-> s.geom, s.osm_node_id LIMIT 1
    ) n
), within AS (
    SELECT b.id,
           string_agg(s.name, '; ' ORDER BY ST_Distance(b.geom, s.geom), s.osm_node_id) AS stations_within,
           count(*) AS n_stations_within,
           ST_Area(ST_Intersection(b.geom, ST_Union(ST_Buffer(s.geom, 1500, 64)))) AS area_within_m2
    FROM bf b JOIN st s ON ST_DWithin(b.geom, s.geom, 1500)
    GROUP BY b.id, b.geom
), joined AS (
    SELECT b.id, b.name, b.class, n.nearest_station, n.nearest_station_id, n.distance_m,
           w.stations_within, coalesce(w.n_stations_within, 0) AS n_stations_within,
           ST_Area(b.geom) AS area_m2, coalesce(w.area_within_m2, 0) AS area_within_m2, b.geom
    FROM bf b JOIN nearest n USING (id) LEFT JOIN within w USING (id)
), scored AS (
    SELECT j.*, area_within_m2 / nullif(area_m2, 0) AS share_within,
           CASE WHEN n_stations_within > 0 THEN 1 - distance_m / 1500 END AS c_proximity,
           CASE WHEN n_stations_within > 0 THEN area_within_m2 /
                max(area_within_m2) FILTER (WHERE n_stations_within > 0) OVER () END AS c_area,
           CASE WHEN n_stations_within > 0 THEN
                CASE class WHEN 'alta' THEN 1.0 WHEN 'media' THEN 0.5 WHEN 'bassa' THEN 0.0 END END AS c_class
    FROM joined j
)
SELECT CASE WHEN n_stations_within > 0 THEN
            row_number() OVER (ORDER BY n_stations_within = 0, (0.4 * c_proximity + 0.2 * c_area + 0.2 * c_class) / 0.8 DESC,
                               distance_m, id) END AS rank,
       s.*, (0.4 * c_proximity + 0.2 * c_area + 0.2 * c_class) / 0.8 AS score
FROM scored s;
