#include "engine/network/road_graph.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>
#include <unordered_map>

#include "layers/ascii_case.hpp"
#include "layers/error.hpp"

namespace atlante {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using IndexPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using IndexBox = bg::model::box<IndexPoint>;
// A segment of an edge: its box, the edge and the segment's first vertex.
using IndexedSegment = std::pair<IndexBox, std::pair<std::size_t, std::size_t>>;

struct RoadGraph::SegmentIndex {
    bgi::rtree<IndexedSegment, bgi::rstar<16>> tree;
    std::vector<std::vector<double>> cumulative;  // per edge: length up to each vertex
};

RoadGraph::RoadGraph() = default;
RoadGraph::RoadGraph(RoadGraph&&) noexcept = default;
RoadGraph& RoadGraph::operator=(RoadGraph&&) noexcept = default;
RoadGraph::~RoadGraph() = default;

namespace {

struct SegmentProjection {
    double along = 0;     // from a
    double distance = 0;  // from the point
    std::pair<double, double> point;
};

// The point of segment a-b nearest to (x, y).
SegmentProjection project(const std::pair<double, double>& a, const std::pair<double, double>& b,
                          double x, double y) {
    const double dx = b.first - a.first, dy = b.second - a.second;
    const double length2 = dx * dx + dy * dy;
    const double t =
        length2 > 0 ? std::clamp(((x - a.first) * dx + (y - a.second) * dy) / length2, 0.0, 1.0)
                    : 0.0;
    const std::pair<double, double> on{a.first + t * dx, a.second + t * dy};
    return {t * std::sqrt(length2), std::hypot(x - on.first, y - on.second), on};
}

enum class OneWay { No, Forward, Backward };

OneWay one_way_of(const Column& column, std::size_t row) {
    if (column.is_null(row)) return OneWay::No;
    const std::string text = ascii_lower(column.text(row));
    if (text == "1" || text == "true" || text == "yes") return OneWay::Forward;
    if (text == "-1" || text == "reverse") return OneWay::Backward;
    return OneWay::No;
}

}  // namespace

RoadGraph RoadGraph::from_layer(const Layer& layer, const RoadGraphOptions& options) {
    if (!layer.has_geometry())
        throw Error(layer.where(), "a road graph needs a line layer, not a table");
    const bool by_ids = !options.from_field.empty() || !options.to_field.empty();
    const Column* from_ids = by_ids ? &layer.column(options.from_field) : nullptr;
    const Column* to_ids = by_ids ? &layer.column(options.to_field) : nullptr;
    const Column* oneway =
        options.oneway_field.empty() ? nullptr : &layer.column(options.oneway_field);

    RoadGraph graph;
    std::unordered_map<std::string, std::size_t> node_of;
    auto node_for = [&](const std::string& key, const std::pair<double, double>& xy) {
        const auto [it, added] = node_of.emplace(key, graph.nodes_.size());
        if (added) {
            graph.nodes_.push_back(xy);
            graph.node_ids_.push_back(by_ids ? key : std::string());
        }
        return it->second;
    };
    auto coordinate_key = [](const std::pair<double, double>& xy) {
        return std::to_string(std::llround(xy.first * 100)) + "," +
               std::to_string(std::llround(xy.second * 100));
    };
    // A two-way street often comes as two arcs (u->v and v->u) with the same length: one edge.
    std::map<std::tuple<std::size_t, std::size_t, long long>, std::size_t> edge_of;

    for (std::size_t row = 0; row < layer.size(); ++row) {
        const Geometry& g = layer.geometry(row);
        if (!g || g.is_empty()) throw Error(layer.where(row), "a road edge has no geometry");
        if (family_of(g.kind()) != GeometryFamily::Line)
            throw Error(layer.where(row), "a road edge must be a line, not a " + g.type_name());
        auto parts = g.lines();
        if (parts.size() != 1)
            throw Error(layer.where(row), "a road edge must be one line, not " +
                                              std::to_string(parts.size()) + " parts");
        Polyline line = std::move(parts.front());
        if (line.size() < 2) throw Error(layer.where(row), "a road edge needs two vertices");
        std::string from_key, to_key;
        if (by_ids) {
            if (from_ids->is_null(row))
                throw Error(layer.where(row, options.from_field), "a road edge without a node id");
            if (to_ids->is_null(row))
                throw Error(layer.where(row, options.to_field), "a road edge without a node id");
            from_key = from_ids->text(row);
            to_key = to_ids->text(row);
        } else {
            from_key = coordinate_key(line.front());
            to_key = coordinate_key(line.back());
        }
        const std::size_t from = node_for(from_key, line.front());
        const std::size_t to = node_for(to_key, line.back());
        const double length = polyline_length(line);
        const OneWay way = oneway ? one_way_of(*oneway, row) : OneWay::No;

        const long long length_dm = std::llround(length * 10);
        const auto key = std::make_tuple(std::min(from, to), std::max(from, to), length_dm);
        if (const auto it = edge_of.find(key); it != edge_of.end()) {
            // The same street again: it adds the direction it runs in.
            RoadEdge& edge = graph.edges_[it->second];
            const bool same = edge.from == from;
            if (way != OneWay::Backward) (same ? edge.forward : edge.backward) = true;
            if (way != OneWay::Forward) (same ? edge.backward : edge.forward) = true;
            ++graph.merged_records_;
            continue;
        }
        RoadEdge edge;
        edge.from = from;
        edge.to = to;
        edge.length_m = length;
        edge.forward = way != OneWay::Backward;
        edge.backward = way != OneWay::Forward;
        edge.line = std::move(line);
        edge.row = row;
        edge_of.emplace(key, graph.edges_.size());
        graph.edges_.push_back(std::move(edge));
    }
    graph.index();
    return graph;
}

RoadGraph RoadGraph::from_edges(std::vector<std::pair<double, double>> nodes,
                                std::vector<RoadEdge> edges) {
    RoadGraph graph;
    graph.nodes_ = std::move(nodes);
    graph.node_ids_.assign(graph.nodes_.size(), std::string());
    for (std::size_t i = 0; i < edges.size(); ++i) {
        RoadEdge& e = edges[i];
        if (e.from >= graph.nodes_.size() || e.to >= graph.nodes_.size())
            throw Error("road edge " + std::to_string(i) + " names a node that does not exist");
        if (e.line.empty()) e.line = {graph.nodes_[e.from], graph.nodes_[e.to]};
        e.length_m = polyline_length(e.line);
        e.row = i;
    }
    graph.edges_ = std::move(edges);
    graph.index();
    return graph;
}

void RoadGraph::index() {
    // Components, with one-way rules set aside: which nodes can reach each other at all.
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> undirected(nodes_.size());
    for (const RoadEdge& e : edges_) boost::add_edge(e.from, e.to, undirected);
    components_.of_node.assign(nodes_.size(), 0);
    const std::size_t count = nodes_.empty() ? 0
                                             : static_cast<std::size_t>(boost::connected_components(
                                                   undirected, components_.of_node.data()));
    components_.sizes.assign(count, 0);
    for (std::size_t c : components_.of_node) ++components_.sizes[c];
    components_.largest = static_cast<std::size_t>(
        std::max_element(components_.sizes.begin(), components_.sizes.end()) -
        components_.sizes.begin());

    segments_ = std::make_unique<SegmentIndex>();
    std::vector<IndexedSegment> values;
    segments_->cumulative.resize(edges_.size());
    for (std::size_t e = 0; e < edges_.size(); ++e) {
        const Polyline& line = edges_[e].line;
        std::vector<double>& along = segments_->cumulative[e];
        along.assign(line.size(), 0);
        for (std::size_t i = 1; i < line.size(); ++i) {
            along[i] = along[i - 1] + std::hypot(line[i].first - line[i - 1].first,
                                                 line[i].second - line[i - 1].second);
            IndexBox box(IndexPoint(std::min(line[i - 1].first, line[i].first),
                                    std::min(line[i - 1].second, line[i].second)),
                         IndexPoint(std::max(line[i - 1].first, line[i].first),
                                    std::max(line[i - 1].second, line[i].second)));
            values.emplace_back(box, std::make_pair(e, i - 1));
        }
    }
    segments_->tree = bgi::rtree<IndexedSegment, bgi::rstar<16>>(values.begin(), values.end());
}

double RoadGraph::total_length_m() const {
    double total = 0;
    for (const RoadEdge& e : edges_) total += e.length_m;
    return total;
}

std::size_t RoadGraph::one_way_edges() const {
    return static_cast<std::size_t>(std::count_if(
        edges_.begin(), edges_.end(), [](const RoadEdge& e) { return !e.forward || !e.backward; }));
}

std::optional<RoadSnap> RoadGraph::snap(double x, double y, double limit_m) const {
    std::optional<RoadSnap> best;
    const IndexPoint p(x, y);
    // Boxes come nearest first; a box farther than the best exact distance ends the search.
    for (auto it = segments_->tree.qbegin(bgi::nearest(p, segments_->tree.size()));
         it != segments_->tree.qend(); ++it) {
        const double box_distance = bg::distance(p, it->first);
        if (box_distance > limit_m || (best && box_distance > best->distance_m)) break;
        const auto [e, i] = it->second;
        const SegmentProjection hit = project(edges_[e].line[i], edges_[e].line[i + 1], x, y);
        // Ties keep the lower edge number, so snapping does not depend on the tree's layout.
        if (hit.distance <= limit_m && (!best || hit.distance < best->distance_m ||
                                        (hit.distance == best->distance_m && e < best->edge)))
            best = RoadSnap{
                e, segments_->cumulative[e][i] + hit.along, hit.distance, hit.point, {x, y}};
    }
    return best;
}

std::optional<RoadSnap> RoadGraph::snap(const Geometry& geometry, double limit_m) const {
    if (geometry.kind() == GeometryKind::Point) {
        const auto [x, y] = geometry.xy();
        return snap(x, y, limit_m);
    }
    // A site: the edges near its box, measured exactly with GEOS.
    const Envelope env = geometry.envelope();
    const IndexBox box(IndexPoint(env.min_x - limit_m, env.min_y - limit_m),
                       IndexPoint(env.max_x + limit_m, env.max_y + limit_m));
    std::vector<std::size_t> candidates;
    for (auto it = segments_->tree.qbegin(bgi::intersects(box)); it != segments_->tree.qend(); ++it)
        candidates.push_back(it->second.first);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    std::optional<std::pair<double, std::size_t>> nearest;  // distance, edge
    for (std::size_t e : candidates) {
        const double d = geometry.distance(Geometry::line(edges_[e].line));
        if (d <= limit_m && (!nearest || d < nearest->first)) nearest = std::make_pair(d, e);
    }
    if (!nearest) return std::nullopt;
    const std::size_t e = nearest->second;
    const Geometry line = Geometry::line(edges_[e].line);
    const auto on = geometry.nearest_point_of(line);
    RoadSnap result{e, 0, nearest->first, on, line.nearest_point_of(geometry)};
    // Where the graph point lies along its edge: the segment it is on.
    double closest = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i + 1 < edges_[e].line.size(); ++i) {
        const SegmentProjection p =
            project(edges_[e].line[i], edges_[e].line[i + 1], on.first, on.second);
        if (p.distance < closest) {
            closest = p.distance;
            result.offset_m = segments_->cumulative[e][i] + p.along;
        }
    }
    return result;
}

double polyline_length(const Polyline& line) {
    double length = 0;
    for (std::size_t i = 1; i < line.size(); ++i)
        length +=
            std::hypot(line[i].first - line[i - 1].first, line[i].second - line[i - 1].second);
    return length;
}

Polyline polyline_between(const Polyline& line, double from_m, double to_m) {
    Polyline out;
    if (line.size() < 2 || to_m <= from_m) return out;
    double walked = 0;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const auto& a = line[i - 1];
        const auto& b = line[i];
        const double length = std::hypot(b.first - a.first, b.second - a.second);
        const double start = walked, end = walked + length;
        walked = end;
        if (end < from_m || start > to_m || length == 0) continue;
        auto at = [&](double m) {
            const double t = std::clamp((m - start) / length, 0.0, 1.0);
            return std::make_pair(a.first + t * (b.first - a.first),
                                  a.second + t * (b.second - a.second));
        };
        if (out.empty()) out.push_back(at(std::max(from_m, start)));
        out.push_back(at(std::min(to_m, end)));
        if (end >= to_m) break;
    }
    if (out.size() == 1) out.clear();
    return out;
}

}  // namespace atlante
