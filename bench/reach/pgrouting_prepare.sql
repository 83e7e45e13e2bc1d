-- pgRouting's view of the road graph: integer node ids (the OSM ids), cost = length in metres,
-- and the stations as points on edges (the edge atlante snapped each onto, at the same fraction).
SET client_min_messages = warning;
DROP TABLE IF EXISTS edges, points;
CREATE TABLE edges AS
SELECT fid AS id, u::bigint AS source, v::bigint AS target, ST_Length(geom) AS cost, geom
FROM roads;
CREATE INDEX ON edges (source, target);
-- atlante's edge runs edge_from -> edge_to; the OSM arc may be stored either way round.
CREATE TABLE points AS
SELECT DISTINCT ON (s.osm_node_id)
       row_number() OVER (ORDER BY s.osm_node_id) AS pid, e.id AS edge_id,
       CASE WHEN e.source = s.edge_from::bigint THEN s.edge_fraction ELSE 1 - s.edge_fraction END AS fraction,
       s.osm_node_id, s.name,
       ST_Distance(ST_LineInterpolatePoint(e.geom,
           CASE WHEN e.source = s.edge_from::bigint THEN s.edge_fraction ELSE 1 - s.edge_fraction END), s.geom) AS check_m
FROM st s JOIN edges e
  ON (e.source = s.edge_from::bigint AND e.target = s.edge_to::bigint)
  OR (e.source = s.edge_to::bigint AND e.target = s.edge_from::bigint)
ORDER BY s.osm_node_id,
         ST_Distance(ST_LineInterpolatePoint(e.geom,
           CASE WHEN e.source = s.edge_from::bigint THEN s.edge_fraction ELSE 1 - s.edge_fraction END), s.geom);
ANALYZE edges; ANALYZE points;
SELECT count(*) AS stations, round(max(check_m)::numeric, 3) AS worst_point_offset_m FROM points;
