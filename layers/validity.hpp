// Geometry validity: finding null, empty, non-finite and invalid geometries, and repairing the
// invalid ones with GEOS make-valid, reporting each feature touched.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "layers/layer.hpp"

namespace atlante {

struct GeometryIssue {
    enum class Kind { Null, Empty, NonFinite, Invalid };
    Kind kind;
    std::size_t row = 0;
    std::int64_t feature = 0;  // the feature's id
    std::string reason;        // GEOS's reason for invalid geometries
    std::optional<std::pair<double, double>> location;
    bool repaired = false;
};

struct ValidityReport {
    std::vector<GeometryIssue> issues;
    std::size_t count(GeometryIssue::Kind kind) const;
    std::size_t repaired() const;
    // "3 invalid (3 repaired: features 4, 17, 90), 1 empty"
    std::string summary() const;
};

// Looks, changes nothing.
ValidityReport check_geometries(const Layer& layer);

// Repairs invalid geometries in place (polygons stay polygons) and records it in the lineage.
// Non-finite coordinates are an Error naming the feature: there is nothing sound to repair.
ValidityReport repair_geometries(Layer& layer);

std::string to_string(GeometryIssue::Kind kind);

}  // namespace atlante
