#include "engine/dissolve.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace atlante {
namespace {

// Relative difference between the union's area and its parts' sum above which the members
// overlap (not a coverage). Floating-point noise of a true coverage union is far below it.
constexpr double kCoverageAreaTolerance = 1e-9;

// Group key with a sort order: numbers numerically, text alphabetically, unassigned last.
struct GroupKey {
    bool unassigned = false;
    std::size_t rank = 0;  // position in DissolveOptions::order, or its size when not listed
    double number = 0;
    std::string text;
    bool operator<(const GroupKey& other) const {
        if (unassigned != other.unassigned) return !unassigned;
        if (rank != other.rank) return rank < other.rank;
        if (number != other.number) return number < other.number;
        return text < other.text;
    }
};

}  // namespace

DissolveResult dissolve(const Layer& polygons, const DissolveOptions& options) {
    if (!polygons.has_geometry())
        throw Error(polygons.where(), "cannot dissolve a layer without geometry");
    // (An index plus a flag rather than std::optional: GCC 12 misreports optional<size_t> as
    // unset.)
    const bool grouped = !options.by.empty();
    const std::size_t by = grouped ? polygons.require_field(options.by) : 0;
    std::vector<std::size_t> sums;
    for (const std::string& name : options.sum_fields) {
        const std::size_t index = polygons.require_field(name);
        const FieldType type = polygons.fields()[index].type;
        if (type != FieldType::Integer && type != FieldType::Real)
            throw Error(polygons.where(std::nullopt, name),
                        "cannot sum a " + to_string(type) + " field");
        sums.push_back(index);
    }

    std::map<GroupKey, std::vector<std::size_t>> members;
    DissolveResult result;
    for (std::size_t row = 0; row < polygons.size(); ++row) {
        const Geometry& g = polygons.geometry(row);
        if (!g || g.is_empty()) continue;
        if (family_of(g.kind()) != GeometryFamily::Polygon)
            throw Error(polygons.where(row),
                        "cannot dissolve a " + g.type_name() + ": polygons only");
        GroupKey key;
        if (grouped) {
            const Column& column = polygons.column(by);
            if (column.is_null(row)) {
                key.unassigned = true;
                key.text = options.unassigned_label;
                result.unassigned.push_back(polygons.id(row));
            } else {
                key.number = column.number(row).value_or(0);
                key.text = column.text(row);
                key.rank = static_cast<std::size_t>(
                    std::find(options.order.begin(), options.order.end(), key.text) -
                    options.order.begin());
            }
        }
        members[key].push_back(row);
    }

    Layer out(polygons.name() + "_dissolved", polygons.crs(), true);
    out.set_origin(polygons.origin());
    if (grouped) out.add_field(polygons.fields()[by]);
    out.add_field({"label", FieldType::String, false});
    out.add_field({"n_features", FieldType::Integer, false});
    out.add_field({"area_km2", FieldType::Real, false});
    for (std::size_t index : sums) {
        out.add_field({polygons.fields()[index].name, polygons.fields()[index].type, true});
        out.add_field({polygons.fields()[index].name + "_nulls", FieldType::Integer, false});
    }

    std::int64_t next_id = 1;
    for (const auto& [key, rows] : members) {
        std::vector<const Geometry*> parts;
        DissolveGroup group{key.text, rows.size(), 0, 0, true};
        for (std::size_t row : rows) {
            parts.push_back(&polygons.geometry(row));
            group.parts_area += polygons.geometry(row).area();
        }
        Geometry merged;
        try {
            merged = coverage_union(parts);
            group.union_area = merged.area();
            group.coverage =
                merged.validity().valid && std::abs(group.union_area - group.parts_area) <=
                                               kCoverageAreaTolerance * group.parts_area;
        } catch (const Error&) {
            group.coverage = false;  // GEOS refuses incorrectly noded input
        }
        if (!group.coverage) {
            merged = unary_union(parts);
            group.union_area = merged.area();
        }

        std::vector<Value> values;
        if (grouped)
            values.push_back(key.unassigned ? Value{} : polygons.column(by).value(rows.front()));
        values.emplace_back(key.text);
        values.emplace_back(static_cast<std::int64_t>(rows.size()));
        values.emplace_back(group.union_area / 1e6);
        for (std::size_t index : sums) {
            const Column& column = polygons.column(index);
            double total = 0;
            std::int64_t nulls = 0;
            for (std::size_t row : rows) {
                if (auto v = column.number(row))
                    total += *v;
                else
                    ++nulls;
            }
            if (column.type() == FieldType::Integer)
                values.emplace_back(static_cast<std::int64_t>(std::llround(total)));
            else
                values.emplace_back(total);
            values.emplace_back(nulls);
        }
        out.append(next_id++, std::move(merged), values);
        result.groups.push_back(group);
    }
    out.add_lineage("dissolved by '" + options.by + "'");
    result.layer = std::move(out);
    return result;
}

}  // namespace atlante
