#include "engine/proximity/disc_coverage.hpp"

#include <algorithm>

namespace atlante {

DiscCoverage::DiscCoverage(const Layer& stations, double radius, int quadrant_segments) {
    discs_.reserve(stations.size());
    for (std::size_t row = 0; row < stations.size(); ++row)
        discs_.push_back(stations.geometry(row)
                             ? stations.geometry(row).buffer(radius, quadrant_segments)
                             : Geometry());
}

const DiscCoverage::Union& DiscCoverage::union_of(const std::vector<std::size_t>& stations) const {
    std::vector<std::size_t> key = stations;
    std::sort(key.begin(), key.end());
    auto it = unions_.find(key);
    if (it != unions_.end()) return it->second;
    std::vector<const Geometry*> parts;
    for (std::size_t s : key) parts.push_back(&discs_[s]);
    Union u;
    u.geometry = parts.size() == 1 ? discs_[key.front()].clone() : unary_union(parts);
    u.prepared = std::make_unique<PreparedGeometry>(u.geometry);
    return unions_.emplace(std::move(key), std::move(u)).first->second;
}

double DiscCoverage::area_within(const Geometry& polygon,
                                 const std::vector<std::size_t>& stations) const {
    if (stations.empty() || !polygon || family_of(polygon.kind()) != GeometryFamily::Polygon)
        return 0;
    const Union& u = union_of(stations);
    if (u.prepared->covers(polygon)) return polygon.area();
    if (!u.prepared->intersects(polygon)) return 0;
    return polygon.intersection(u.geometry).area();
}

}  // namespace atlante
