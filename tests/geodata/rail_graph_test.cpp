#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "geodata/rail_graph.hpp"

namespace atlante {
namespace {

TEST(RailGraph, DropsDuplicateAndReversedEdges) {
    Layer edges("rail", Crs::from_user_input("EPSG:32632"), true);
    edges.add_field({"a", FieldType::Integer, false});
    edges.add_field({"b", FieldType::Integer, false});
    edges.append(1, Geometry::from_wkt("LINESTRING (0 0, 1 0)"),
                 {std::int64_t{10}, std::int64_t{20}});
    edges.append(2, Geometry::from_wkt("LINESTRING (1 0, 0 0)"),
                 {std::int64_t{20}, std::int64_t{10}});  // reversed
    edges.append(3, Geometry::from_wkt("LINESTRING (1 0, 2 0)"),
                 {std::int64_t{20}, std::int64_t{30}});
    edges.append(4, Geometry::from_wkt("LINESTRING (0 0, 1 0)"),
                 {std::int64_t{10}, std::int64_t{20}});  // duplicate
    const RailDeduplication result = deduplicate_rail_edges(edges, "a", "b");
    EXPECT_EQ(result.kept, 2u);
    EXPECT_EQ(result.dropped.size(), 2u);
    ASSERT_EQ(edges.size(), 2u);
    EXPECT_EQ(edges.id(0), 1);
    EXPECT_EQ(edges.id(1), 3);
}

}  // namespace
}  // namespace atlante
