#include "layers/validity.hpp"

#include <algorithm>

namespace atlante {

std::string to_string(GeometryIssue::Kind kind) {
    switch (kind) {
        case GeometryIssue::Kind::Null:
            return "null";
        case GeometryIssue::Kind::Empty:
            return "empty";
        case GeometryIssue::Kind::NonFinite:
            return "non-finite";
        case GeometryIssue::Kind::Invalid:
            return "invalid";
    }
    return "?";
}

std::size_t ValidityReport::count(GeometryIssue::Kind kind) const {
    return static_cast<std::size_t>(std::count_if(
        issues.begin(), issues.end(), [kind](const GeometryIssue& i) { return i.kind == kind; }));
}

std::size_t ValidityReport::repaired() const {
    return static_cast<std::size_t>(std::count_if(
        issues.begin(), issues.end(), [](const GeometryIssue& i) { return i.repaired; }));
}

std::string ValidityReport::summary() const {
    if (issues.empty()) return "all geometries valid";
    std::string out;
    for (auto kind : {GeometryIssue::Kind::Invalid, GeometryIssue::Kind::NonFinite,
                      GeometryIssue::Kind::Empty, GeometryIssue::Kind::Null}) {
        const std::size_t n = count(kind);
        if (n == 0) continue;
        if (!out.empty()) out += ", ";
        out += std::to_string(n) + " " + to_string(kind);
        if (kind == GeometryIssue::Kind::Invalid && repaired() > 0) {
            out += " (" + std::to_string(repaired()) + " repaired: features";
            int listed = 0;
            for (const auto& issue : issues) {
                if (!issue.repaired) continue;
                if (listed++ == 10) {
                    out += " …";
                    break;
                }
                out += " " + std::to_string(issue.feature);
            }
            out += ")";
        }
    }
    return out;
}

static std::optional<GeometryIssue> inspect(const Layer& layer, std::size_t row) {
    const Geometry& g = layer.geometry(row);
    GeometryIssue issue{GeometryIssue::Kind::Null, row, layer.id(row), {}, {}, false};
    if (!g) return issue;
    if (g.is_empty()) {
        issue.kind = GeometryIssue::Kind::Empty;
        return issue;
    }
    if (auto bad = g.first_non_finite_coordinate()) {
        issue.kind = GeometryIssue::Kind::NonFinite;
        issue.location = bad;
        return issue;
    }
    ValidityDetail detail = g.validity();
    if (detail.valid) return std::nullopt;
    issue.kind = GeometryIssue::Kind::Invalid;
    issue.reason = detail.reason;
    issue.location = detail.location;
    return issue;
}

ValidityReport check_geometries(const Layer& layer) {
    ValidityReport report;
    if (!layer.has_geometry()) return report;
    for (std::size_t row = 0; row < layer.size(); ++row)
        if (auto issue = inspect(layer, row)) report.issues.push_back(*issue);
    return report;
}

ValidityReport repair_geometries(Layer& layer) {
    ValidityReport report = check_geometries(layer);
    for (GeometryIssue& issue : report.issues) {
        if (issue.kind == GeometryIssue::Kind::NonFinite)
            throw Error(layer.where(issue.row), "non-finite coordinate in the geometry");
        if (issue.kind != GeometryIssue::Kind::Invalid) continue;
        const Geometry& g = layer.geometry(issue.row);
        const bool polygonal = family_of(g.kind()) == GeometryFamily::Polygon;
        Geometry fixed = g.make_valid();
        if (polygonal) fixed = fixed.polygonal_part();
        layer.set_geometry(issue.row, std::move(fixed));
        issue.repaired = true;
    }
    if (report.repaired() > 0)
        layer.add_lineage("repaired " + std::to_string(report.repaired()) +
                          " invalid geometries with GEOS make-valid");
    return report;
}

}  // namespace atlante
