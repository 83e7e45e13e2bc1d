// The station-to-station rail graph as the catalogue delivers it: edges with duplicate and
// reversed copies removed (the OSM extract lists some pairs twice, e.g. Racconigi-Cavallermaggiore
// in both directions).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "layers/layer.hpp"

namespace atlante {

struct RailDeduplication {
    std::size_t kept = 0;
    // (from, to) of each edge dropped because its unordered station pair was already present.
    std::vector<std::pair<std::string, std::string>> dropped;
};

// Keeps the first edge of every unordered (from, to) pair, in input order.
RailDeduplication deduplicate_rail_edges(Layer& edges, const std::string& from_field,
                                         const std::string& to_field);

}  // namespace atlante
