// Network reach on hand-built graphs: exact times, snapping onto an edge, a cut edge, two
// sources racing, unreachable nodes, one-way streets for cycling, isochrone nesting, bad input;
// network TOR against the straight line; the rail model and the travel-time classes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "engine/analyses/network_tor.hpp"
#include "engine/analyses/station_reach.hpp"
#include "engine/analyses/travel_time.hpp"
#include "engine/network/isochrones.hpp"
#include "engine/network/rail_travel_time.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

const char* const kUtm = "EPSG:32632";
// 3.6 km/h is 1 m/s: seconds read as metres.
const TravelMode kMetre{"test", 3.6, false};

RoadEdge edge(std::size_t from, std::size_t to, bool forward = true, bool backward = true) {
    RoadEdge e;
    e.from = from;
    e.to = to;
    e.forward = forward;
    e.backward = backward;
    return e;
}

// 0 --100-- 1 --200-- 2 --300-- 3 along the x axis; 4 -- 5 apart (another component).
RoadGraph line_graph() {
    return RoadGraph::from_edges({{0, 0}, {100, 0}, {300, 0}, {600, 0}, {0, 5000}, {100, 5000}},
                                 {edge(0, 1), edge(1, 2), edge(2, 3), edge(4, 5)});
}

RoadSnap snap_at(const RoadGraph& g, double x, double y) {
    const auto snap = g.snap(x, y, 1000);
    EXPECT_TRUE(snap.has_value());
    return *snap;
}

TEST(RoadGraph, SnapsOntoTheEdgeNotOnlyToANode) {
    const RoadGraph g = line_graph();
    const RoadSnap s = snap_at(g, 150, 20);
    EXPECT_EQ(s.edge, 1u);
    EXPECT_DOUBLE_EQ(s.offset_m, 50);
    EXPECT_DOUBLE_EQ(s.distance_m, 20);
    EXPECT_EQ(s.on_graph, std::make_pair(150.0, 0.0));
    EXPECT_FALSE(g.snap(150, 2000, 100).has_value());  // beyond the limit
}

TEST(RoadGraph, SnapsASiteFromItsNearestPoint) {
    const RoadGraph g = line_graph();
    const auto s =
        g.snap(Geometry::from_wkt("POLYGON ((240 30, 260 30, 260 80, 240 80, 240 30))"), 100);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->edge, 1u);
    EXPECT_NEAR(s->distance_m, 30, 1e-9);
    EXPECT_NEAR(s->offset_m, 140, 1e-9);  // (240, 0) is 140 m from node 1
}

TEST(RoadGraph, ReportsComponents) {
    const RoadGraph g = line_graph();
    EXPECT_EQ(g.components().sizes.size(), 2u);
    EXPECT_EQ(g.components().sizes[g.components().largest], 4u);
}

TEST(NetworkReach, ExactTimesFromASourceOnAnEdge) {
    const RoadGraph g = line_graph();
    const std::vector<RoadSnap> sources{snap_at(g, 150, 20)};  // 20 m to the road, 50 m from 1
    const NetworkReach r = multi_source_reach(g, sources, kMetre);
    EXPECT_DOUBLE_EQ(r.seconds[1], 70);
    EXPECT_DOUBLE_EQ(r.seconds[0], 170);
    EXPECT_DOUBLE_EQ(r.seconds[2], 170);
    EXPECT_DOUBLE_EQ(r.seconds[3], 470);
    // Walking speed: 4.8 km/h covers 80 m a minute.
    const NetworkReach walk = multi_source_reach(g, sources, {"walk", 4.8, false});
    EXPECT_NEAR(walk.seconds[3], 470 / (4.8 / 3.6), 1e-9);
}

TEST(NetworkReach, UnreachableNodesHaveNoTimeAndNoSource) {
    const RoadGraph g = line_graph();
    const NetworkReach r = multi_source_reach(g, {snap_at(g, 0, 0)}, kMetre);
    EXPECT_EQ(r.reached, 4u);
    EXPECT_TRUE(std::isinf(r.seconds[4]));
    EXPECT_EQ(r.source[5], kNoSource);
}

TEST(NetworkReach, TwoSourcesRaceAndEachNodeKnowsItsWinner) {
    const RoadGraph g = line_graph();
    // A at x = 0; B at x = 450 (on edge 2-3, 150 m from each end).
    const std::vector<RoadSnap> sources{snap_at(g, 0, 0), snap_at(g, 450, 0)};
    const NetworkReach r = multi_source_reach(g, sources, kMetre);
    EXPECT_EQ(r.source[0], 0u);
    EXPECT_EQ(r.source[1], 0u);  // 100 from A, 350 from B
    EXPECT_EQ(r.source[2], 1u);  // 300 from A, 150 from B
    EXPECT_EQ(r.source[3], 1u);
    EXPECT_DOUBLE_EQ(r.seconds[2], 150);
    // A point on edge 1-2 at x = 220: 220 from A, 230 from B.
    const PointReach p = reach_of(g, r, sources, kMetre, snap_at(g, 220, 0));
    EXPECT_EQ(p.source, 0u);
    EXPECT_DOUBLE_EQ(p.seconds, 220);
}

TEST(NetworkReach, TheLastEdgeIsCutWhereTheBudgetEnds) {
    const RoadGraph g = line_graph();
    const std::vector<RoadSnap> sources{snap_at(g, 0, 0)};
    const NetworkReach r = multi_source_reach(g, sources, kMetre);
    const std::vector<Polyline> pieces = reached_within(g, r, sources, kMetre, 150);
    double total = 0, far_x = 0;
    for (const Polyline& p : pieces)
        for (std::size_t i = 1; i < p.size(); ++i) {
            total += std::hypot(p[i].first - p[i - 1].first, p[i].second - p[i - 1].second);
            far_x = std::max(far_x, p[i].first);
        }
    EXPECT_DOUBLE_EQ(total, 150);
    EXPECT_DOUBLE_EQ(far_x, 150);
}

TEST(NetworkReach, CyclingHonoursOneWayStreetsWalkingDoesNot) {
    // 0 -> 1 one-way; a source at node 1 cannot ride back to 0.
    const RoadGraph g =
        RoadGraph::from_edges({{0, 0}, {100, 0}, {200, 0}}, {edge(0, 1, true, false), edge(1, 2)});
    const std::vector<RoadSnap> sources{snap_at(g, 200, 0)};
    const NetworkReach cycle = multi_source_reach(g, sources, {"cycle", 3.6, true});
    const NetworkReach walk = multi_source_reach(g, sources, {"walk", 3.6, false});
    EXPECT_TRUE(std::isinf(cycle.seconds[0]));
    EXPECT_DOUBLE_EQ(walk.seconds[0], 200);
    // From node 0 riding with the one-way is fine.
    const NetworkReach along = multi_source_reach(g, {snap_at(g, 0, 0)}, {"cycle", 3.6, true});
    EXPECT_DOUBLE_EQ(along.seconds[2], 200);
}

TEST(Isochrones, BandsAreNestedAndSized) {
    const RoadGraph g = line_graph();
    const std::vector<RoadSnap> sources{snap_at(g, 0, 0)};
    const NetworkReach r = multi_source_reach(g, sources, kMetre);
    const auto bands = isochrones(g, r, sources, kMetre, {{1, 5}, 10, 0.5});  // 60 m, 300 m
    ASSERT_EQ(bands.size(), 2u);
    EXPECT_NEAR(bands[0].street_km, 0.06, 1e-12);
    EXPECT_NEAR(bands[1].street_km, 0.3, 1e-12);
    // A 60 m corridor 20 m wide with round ends: 60·20 + π·10², to the grid's resolution.
    EXPECT_NEAR(bands[0].area.area(), 60 * 20 + M_PI * 100, 40);
    // The same rule as a vector buffer (GEOS), within a cell's width along the outline.
    const Geometry buffered = Geometry::line({{0, 0}, {60, 0}}).buffer(10, 16);
    EXPECT_LT(std::abs(bands[0].area.area() - buffered.area()), 0.5 * buffered.length());
    EXPECT_TRUE(bands[1].area.covers(bands[0].area));
}

TEST(Isochrones, BadBandsAndSpeedsAreErrors) {
    const RoadGraph g = line_graph();
    const std::vector<RoadSnap> sources{snap_at(g, 0, 0)};
    const NetworkReach r = multi_source_reach(g, sources, kMetre);
    EXPECT_THAT(testing::error_of([&] {
                    isochrones(g, r, sources, kMetre, {{10, 5}, 10, 10});
                }).what(),
                ::testing::HasSubstr("bands must increase"));
    EXPECT_THAT(testing::error_of([&] {
                    isochrones(g, r, sources, kMetre, {{0, 5}, 10, 10});
                }).what(),
                ::testing::HasSubstr("positive number of minutes"));
    EXPECT_THAT(testing::error_of([&] {
                    multi_source_reach(g, sources, {"walk", 0, false});
                }).what(),
                ::testing::HasSubstr("walk speed must be a positive number"));
    EXPECT_THROW(multi_source_reach(g, sources, {"walk", -4, false}), Error);
}

Layer road_layer(const std::vector<std::string>& wkt) {
    Layer layer("roads", Crs::from_user_input(kUtm), true);
    layer.add_field({"u", FieldType::String, true});
    layer.add_field({"v", FieldType::String, true});
    layer.add_field({"oneway", FieldType::String, true});
    for (std::size_t i = 0; i < wkt.size(); ++i)
        layer.append(static_cast<std::int64_t>(i + 1), Geometry::from_wkt(wkt[i]),
                     {std::string("n") + std::to_string(i),
                      std::string("n") + std::to_string(i + 1), std::string("False")});
    return layer;
}

TEST(RoadGraph, FromALayerMergesTheTwoArcsOfATwoWayStreet) {
    Layer layer("roads", Crs::from_user_input(kUtm), true);
    layer.add_field({"u", FieldType::String, true});
    layer.add_field({"v", FieldType::String, true});
    layer.add_field({"oneway", FieldType::String, true});
    layer.append(1, Geometry::from_wkt("LINESTRING (0 0, 100 0)"),
                 {std::string("a"), std::string("b"), std::string("False")});
    layer.append(2, Geometry::from_wkt("LINESTRING (100 0, 0 0)"),
                 {std::string("b"), std::string("a"), std::string("False")});
    layer.append(3, Geometry::from_wkt("LINESTRING (100 0, 100 100)"),
                 {std::string("b"), std::string("c"), std::string("True")});
    const RoadGraph g = RoadGraph::from_layer(layer);
    EXPECT_EQ(g.node_count(), 3u);
    ASSERT_EQ(g.edges().size(), 2u);
    EXPECT_EQ(g.merged_records(), 1u);
    EXPECT_TRUE(g.edges()[0].forward && g.edges()[0].backward);
    EXPECT_TRUE(g.edges()[1].forward);
    EXPECT_FALSE(g.edges()[1].backward);
    EXPECT_EQ(g.one_way_edges(), 1u);
    EXPECT_EQ(g.node_id(2), "c");
}

TEST(RoadGraph, BadLayersAreErrorsNamingTheFeature) {
    Layer polygons = road_layer({"LINESTRING (0 0, 1 0)", "POLYGON ((0 0, 1 0, 1 1, 0 0))"});
    EXPECT_THAT(testing::error_of([&] { RoadGraph::from_layer(polygons); }).what(),
                ::testing::AllOf(::testing::HasSubstr("feature 2"),
                                 ::testing::HasSubstr("must be a line, not a Polygon")));
    Layer no_id = road_layer({"LINESTRING (0 0, 1 0)"});
    no_id.column("v").set(0, Value{});
    EXPECT_THAT(testing::error_of([&] { RoadGraph::from_layer(no_id); }).what(),
                ::testing::HasSubstr("field 'v'"));
    Layer lines = road_layer({"LINESTRING (0 0, 1 0)"});
    EXPECT_THAT(testing::error_of([&] {
                    RoadGraph::from_layer(lines, {"from_node", "v", ""});
                }).what(),
                ::testing::HasSubstr("from_node"));
}

Layer point_layer(const std::string& name, const std::vector<std::pair<double, double>>& xy) {
    Layer layer(name, Crs::from_user_input(kUtm), true);
    layer.add_field({"id", FieldType::String, false});
    layer.add_field({"name", FieldType::String, true});
    for (std::size_t i = 0; i < xy.size(); ++i)
        layer.append(static_cast<std::int64_t>(i + 1), Geometry::point(xy[i].first, xy[i].second),
                     {std::to_string(i + 1), name + std::to_string(i + 1)});
    return layer;
}

TEST(StationReach, FarStationsAreReportedNotDropped) {
    const RoadGraph g = line_graph();
    const Layer stations = point_layer("s", {{0, 10}, {50000, 50000}});
    StationReachOptions options;
    options.station_id = "id";
    options.modes = {{{"walk", 3.6, false}, {{1, 2}, 10, 2}}};
    const StationReachResult r = station_reach(g, stations, options);
    EXPECT_EQ(r.stations.snaps.size(), 1u);
    EXPECT_EQ(r.stations.stations.size(), 2u);
    EXPECT_EQ(r.stations.stations.column("status").text(1), "beyond the snap limit");
    EXPECT_THAT(r.notes, ::testing::Contains(::testing::HasSubstr("1 of 2 stations lie farther")));
    EXPECT_THAT(r.notes, ::testing::Contains(::testing::HasSubstr("2 components")));
    ASSERT_EQ(r.isochrones.size(), 1u);
    EXPECT_EQ(r.isochrones[0].column("label").text(0), "2 min");  // widest first
    EXPECT_EQ(r.nodes.column("walk_station").text(3), "s1");
}

TEST(StationReach, AStationOnASmallComponentIsFlagged) {
    const RoadGraph g = line_graph();  // nodes 4-5 form a second component of 2 nodes
    const Layer stations = point_layer("s", {{0, 10}, {50, 5010}});
    StationReachOptions options;
    options.station_id = "id";
    options.modes = {{{"walk", 3.6, false}, {{1}, 10, 2}}};
    const StationReachResult r = station_reach(g, stations, options);
    EXPECT_EQ(r.stations.stations.column("status").text(0), "snapped");
    EXPECT_EQ(r.stations.stations.column("status").text(1), "snapped, small component");
    EXPECT_EQ(r.stations.stations.column("component_nodes").integer(1), 2);
    EXPECT_THAT(r.notes, ::testing::Contains(
                             ::testing::HasSubstr("station 's2' lies on a component of 2 nodes")));
    // Its reach stays on its component: node 5 is reached from it, node 3 from the other.
    EXPECT_EQ(r.nodes.column("walk_station").text(5), "s2");
    EXPECT_EQ(r.nodes.column("walk_station").text(3), "s1");
}

TEST(NetworkTor, ARiverMakesANearSiteFarAlongTheStreets) {
    // A station at (0, 0) on a street running north; the site at (300, 0) across a "river" is
    // reached only by the bridge 2 km north: 300 m in a straight line, over 4 km on the streets.
    const RoadGraph g = RoadGraph::from_edges({{0, 0}, {0, 2000}, {300, 2000}, {300, 0}},
                                              {edge(0, 1), edge(1, 2), edge(2, 3)});
    // A second station far beyond the streets, with a site next to it.
    const Layer stations = point_layer("s", {{0, 0}, {20000, 0}});
    StationReachOptions reach;
    reach.station_id = "id";
    const StationSnaps snaps = snap_stations(g, stations, reach);
    Layer sites = point_layer("b", {{320, 0}, {0, 1200}, {9000, 9000}, {20100, 0}});
    const NetworkTorResult r = network_tor(g, stations, snaps, sites, {});
    const NetworkTorStatus words;
    EXPECT_EQ(r.sites.column("status").text(0), words.straight_only);
    EXPECT_NEAR(r.sites.column("network_m").real(0), 2000 + 300 + 2000 + 20, 1e-6);
    EXPECT_EQ(r.sites.column("status").text(1), words.both);
    EXPECT_EQ(r.sites.column("status").text(2), words.off_graph);
    // Near the off-graph station: within the radius in a straight line, not compared.
    EXPECT_EQ(r.sites.column("status").text(3), words.off_graph);
    EXPECT_EQ(r.sites.column("straight_within").integer(3), 1);
    EXPECT_EQ(r.differing, 1u);
    EXPECT_EQ(r.off_graph, 2u);
    EXPECT_EQ(r.within_straight, 3u);
    EXPECT_EQ(r.within_network, 1u);
}

TEST(RailTravelTime, DistanceSpeedDwellAndTransfer) {
    // A -10 km- B on line L1 (60 km/h); B -20 km- C on L2 (default 40 km/h).
    const std::vector<RailHop> hops{{"A", "B", "L1", 10}, {"B", "C", "L2", 20}};
    RailModel model;
    model.default_speed_kmh = 40;
    model.line_speed_kmh["L1"] = 60;
    model.dwell_s = 60;
    model.transfer_s = 300;
    const RailTimes t = rail_travel_times(hops, "A", model);
    EXPECT_DOUBLE_EQ(t.seconds.at("A"), 0);
    EXPECT_DOUBLE_EQ(t.seconds.at("B"), 600 + 60);
    EXPECT_DOUBLE_EQ(t.seconds.at("C"), 660 + 300 + 1800 + 60);
    EXPECT_EQ(t.lines.at("C"), "L2");
    EXPECT_THAT(testing::error_of([&] { rail_travel_times(hops, "Z", model); }).what(),
                ::testing::HasSubstr("origin station 'Z'"));
    model.line_speed_kmh["L1"] = 0;
    EXPECT_THROW(rail_travel_times(hops, "A", model), Error);
}

TEST(TravelTime, ClassesAreUpperBounds) {
    const std::vector<double> bounds{15, 30, 45, 60, 75, 90};
    const TimeLabels plan{"{} minuti", "oltre {} minuti", "non raggiungibile"};
    EXPECT_EQ(travel_class(0, bounds, plan), "15 minuti");
    EXPECT_EQ(travel_class(15, bounds, plan), "15 minuti");
    EXPECT_EQ(travel_class(15.01, bounds, plan), "30 minuti");
    EXPECT_EQ(travel_class(90, bounds, plan), "90 minuti");
    EXPECT_EQ(travel_class(90.5, bounds, plan), "oltre 90 minuti");
}

TEST(TravelTime, ComuneGoesToItsNearestStationThenByRail) {
    Layer stations = point_layer("st", {{0, 0}, {10000, 0}});
    Layer rail("rail", Crs::from_user_input(kUtm), true);
    for (const char* f : {"from", "to", "line"}) rail.add_field({f, FieldType::String, true});
    rail.add_field({"km", FieldType::Real, true});
    rail.append(1, Geometry::from_wkt("LINESTRING (0 0, 10000 0)"),
                {std::string("1"), std::string("2"), std::string("L"), 10.0});
    Layer comuni("comuni", Crs::from_user_input(kUtm), true);
    comuni.add_field({"name", FieldType::String, true});
    // Centroid (10000, 3000): 3 km from station 2.
    comuni.append(
        1,
        Geometry::from_wkt("POLYGON ((9000 2000, 11000 2000, 11000 4000, 9000 4000, 9000 2000))"),
        {std::string("Uno")});
    TravelTimeOptions options;
    options.origin = "st1";
    options.station_id = "id";
    options.rail.default_speed_kmh = 60;
    options.rail.dwell_s = 0;
    options.access_speed_kmh = 30;
    options.detour_factor = 1.0;
    const TravelTimeResult r = travel_time(comuni, stations, rail, options);
    EXPECT_EQ(r.comuni.column("station").text(0), "st2");
    EXPECT_NEAR(r.comuni.column("access_min").real(0), 6, 1e-9);  // 3 km at 30 km/h
    EXPECT_NEAR(r.comuni.column("rail_min").real(0), 10, 1e-9);   // 10 km at 60 km/h
    EXPECT_NEAR(r.comuni.column("total_min").real(0), 16, 1e-9);
    EXPECT_EQ(r.comuni.column("class").text(0), "30 min");
    options.origin = "Nowhere";
    EXPECT_THAT(testing::error_of([&] { travel_time(comuni, stations, rail, options); }).what(),
                ::testing::HasSubstr("no station named 'Nowhere'"));
}

}  // namespace
}  // namespace atlante
