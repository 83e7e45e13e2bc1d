// A road network as a graph: nodes where edges meet, one edge per physical street segment with
// its geometry, length and the directions one-way rules allow. Built from a line layer (e.g.
// OSMnx's edges with `u`/`v` node ids, or any line layer, whose endpoints then make the nodes).
// Points are snapped onto the nearest edge — onto the segment, not only to a node — through a
// Boost.Geometry R-tree of the edges' segments.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "layers/geometry.hpp"
#include "layers/layer.hpp"

namespace atlante {

using Polyline = std::vector<std::pair<double, double>>;

struct RoadGraphOptions {
    // Node-id fields of each edge; both empty: nodes are the edges' endpoints (to the cm).
    std::string from_field = "u";
    std::string to_field = "v";
    // true/yes/1: one-way from -> to; -1/reverse: one-way to -> from; anything else or null:
    // two-way. Empty: every edge is two-way.
    std::string oneway_field = "oneway";
};

struct RoadEdge {
    std::size_t from = 0, to = 0;  // node indices
    double length_m = 0;           // of the geometry, in the layer's (metric) CRS
    bool forward = true;           // from -> to allowed where one-way rules apply
    bool backward = true;          // to -> from
    Polyline line;                 // from ... to
    std::size_t row = 0;           // the first feature that gave this edge
};

// Where a point or a site meets the graph.
struct RoadSnap {
    std::size_t edge = 0;
    double offset_m = 0;                 // along the edge from its `from` node
    double distance_m = 0;               // from the point (or site) to the graph
    std::pair<double, double> on_graph;  // the snapped point
    std::pair<double, double> origin;    // the point itself (for a site: its nearest point)
};

struct RoadComponents {
    std::vector<std::size_t> of_node;  // component of each node
    std::vector<std::size_t> sizes;    // nodes per component
    std::size_t largest = 0;
};

class RoadGraph {
  public:
    // Errors name the layer, the feature and the field: a geometry that is not a line, an edge
    // without node ids, a layer without the named fields.
    static RoadGraph from_layer(const Layer& edges, const RoadGraphOptions& options = {});
    // For tests and small inputs: nodes given by coordinates, edges by node pairs.
    static RoadGraph from_edges(std::vector<std::pair<double, double>> nodes,
                                std::vector<RoadEdge> edges);

    RoadGraph(RoadGraph&&) noexcept;
    RoadGraph& operator=(RoadGraph&&) noexcept;
    ~RoadGraph();

    std::size_t node_count() const { return nodes_.size(); }
    const std::pair<double, double>& node(std::size_t i) const { return nodes_[i]; }
    // The id the source gave the node ("" when nodes come from endpoints).
    const std::string& node_id(std::size_t i) const { return node_ids_[i]; }
    const std::vector<RoadEdge>& edges() const { return edges_; }
    double total_length_m() const;
    // Records folded into an edge already present (a two-way street given as two arcs).
    std::size_t merged_records() const { return merged_records_; }
    std::size_t one_way_edges() const;

    // Weakly connected components (Boost.Graph), computed once.
    const RoadComponents& components() const { return components_; }

    // The nearest point of the graph to (x, y), if one lies within `limit_m`.
    std::optional<RoadSnap> snap(double x, double y, double limit_m) const;
    // The same for any geometry (a site): the graph point nearest to the geometry.
    std::optional<RoadSnap> snap(const Geometry& geometry, double limit_m) const;

  private:
    RoadGraph();
    void index();

    std::vector<std::pair<double, double>> nodes_;
    std::vector<std::string> node_ids_;
    std::vector<RoadEdge> edges_;
    std::size_t merged_records_ = 0;
    RoadComponents components_;
    struct SegmentIndex;
    std::unique_ptr<SegmentIndex> segments_;
};

// The length of a polyline.
double polyline_length(const Polyline& line);

// The part of a polyline between two distances along it (clamped to the line).
Polyline polyline_between(const Polyline& line, double from_m, double to_m);

}  // namespace atlante
