#include "engine/overlay/polygon_locator.hpp"

namespace atlante {

PolygonLocator::PolygonLocator(const Layer& polygons) : polygons_(polygons), index_(polygons) {}

std::optional<std::size_t> PolygonLocator::locate(const Geometry& point) const {
    if (!point || point.is_empty()) return std::nullopt;
    for (std::size_t row : index_.query(point.envelope())) {
        auto it = prepared_.find(row);
        if (it == prepared_.end())
            it = prepared_.emplace(row, PreparedGeometry(polygons_.geometry(row))).first;
        if (it->second.covers(point)) return row;
    }
    return std::nullopt;
}

}  // namespace atlante
