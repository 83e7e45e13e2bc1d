-- Every station at once, undirected (walking), 2.400 m = 30 minutes at 4.8 km/h. Each node keeps
-- its cost from the nearest station (the minimum over the start points), as atlante computes.
-- (equicost => true was tried first: on pgRouting 3.4 it left some nodes up to 72 m costlier
-- than an independent Dijkstra; the minimum over starts agrees with both.)
SET client_min_messages = warning;
DROP TABLE IF EXISTS dd_walk;
CREATE TABLE dd_walk AS
SELECT node, min(agg_cost) AS agg_cost
FROM pgr_withPointsDD(
    'SELECT id, source, target, cost, cost AS reverse_cost FROM edges',
    'SELECT pid, edge_id, fraction FROM points',
    (SELECT array_agg(-pid) FROM points), 2400, directed => false)
WHERE node > 0
GROUP BY node;
