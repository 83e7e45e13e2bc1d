#include "engine/analyses/density.hpp"

#include <cctype>
#include <cmath>
#include <map>

#include "engine/dissolve.hpp"
#include "engine/overlay/polygon_locator.hpp"

namespace atlante {
namespace {

Value ratio(double numerator, double denominator, double scale = 1) {
    if (denominator == 0 || std::isnan(numerator) || std::isnan(denominator))
        return std::monostate{};
    return numerator / denominator * scale;
}

// A numeric copy of `field`: text values must all be numbers (an error names the first that is
// not); nulls stay null.
void require_numeric(Layer& layer, const std::string& field) {
    const FieldType type = layer.fields()[layer.require_field(field)].type;
    if (type == FieldType::Integer || type == FieldType::Real) return;
    try {
        layer.convert_field(field, FieldType::Real);
    } catch (const Error& e) {
        throw Error(e.context(), "the population column must be numeric: " + e.message());
    }
}

// A service by its id value (when its layer names an id field), else its feature number.
std::string service_label(const Layer& services, std::size_t row) {
    const ErrorContext at = services.where(row);
    return at.record.empty() ? std::to_string(services.id(row)) : at.record;
}

}  // namespace

std::string sum_column_name(const std::string& field) {
    std::string out;
    for (char c : field) {
        const auto u = static_cast<unsigned char>(c);
        out += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '_';
    }
    return out;
}

DensityResult service_density(const Layer& input, const Layer* services,
                              const DensityOptions& options) {
    Layer polygons = input.clone();
    polygons.require_field(options.by);
    const bool counted = !options.population_field.empty();
    if (counted) require_numeric(polygons, options.population_field);
    if (!options.change_from_field.empty()) require_numeric(polygons, options.change_from_field);
    if (!options.area_attribute.empty()) require_numeric(polygons, options.area_attribute);

    DensityResult result;
    if (counted) {
        const Column& population = polygons.column(options.population_field);
        for (std::size_t row = 0; row < polygons.size(); ++row)
            if (population.is_null(row)) result.population_missing.push_back(polygons.id(row));
    }

    DissolveOptions dissolve_options;
    dissolve_options.by = options.by;
    dissolve_options.order = options.order;
    dissolve_options.unassigned_label = options.unassigned_label;
    if (counted) dissolve_options.sum_fields = {options.population_field};
    if (!options.change_from_field.empty())
        dissolve_options.sum_fields.push_back(options.change_from_field);
    if (!options.area_attribute.empty())
        dissolve_options.sum_fields.push_back(options.area_attribute);
    DissolveResult dissolved = dissolve(polygons, dissolve_options);
    Layer& groups = dissolved.layer;
    groups.set_name("density_by_" + options.by);
    groups.rename_field("n_features", "n_comuni");
    if (counted) {
        groups.rename_field(options.population_field, "population");
        groups.rename_field(options.population_field + "_nulls", "population_nulls");
    } else {  // the same columns, empty
        groups.add_field({"population", FieldType::Real, true});
        groups.add_field({"population_nulls", FieldType::Integer, true});
    }
    if (!options.area_attribute.empty()) {
        groups.rename_field(options.area_attribute, "area_km2_attribute");
        groups.remove_field(options.area_attribute + "_nulls");
    }

    // Which group each polygon belongs to, by its label (as dissolve labels groups).
    std::map<std::string, std::size_t> group_of_label;
    for (std::size_t g = 0; g < groups.size(); ++g)
        group_of_label[std::string(groups.column("label").string(g))] = g;
    const Column& by = polygons.column(options.by);
    auto group_of_polygon = [&](std::size_t row) {
        return group_of_label.at(by.is_null(row) ? dissolve_options.unassigned_label
                                                 : by.text(row));
    };

    std::vector<double> counts(groups.size(), 0), sums(groups.size(), 0);
    std::map<std::pair<std::size_t, std::string>, std::pair<double, double>> per_type;  // n, sum
    if (services) {
        const PolygonLocator locator(polygons);
        const Column* type =
            options.type_field.empty() ? nullptr : &services->column(options.type_field);
        const Column* summed =
            options.sum_field.empty() ? nullptr : &services->column(options.sum_field);
        for (std::size_t s = 0; s < services->size(); ++s) {
            const Geometry& g = services->geometry(s);
            if (!g || g.is_empty()) {
                result.services_without_geometry.push_back(service_label(*services, s));
                continue;
            }
            const auto polygon = locator.locate(
                family_of(g.kind()) != GeometryFamily::Point ? g.point_on_surface() : g.clone());
            if (!polygon) {
                result.services_outside.push_back(service_label(*services, s));
                continue;
            }
            const std::size_t group = group_of_polygon(*polygon);
            const double value = summed ? summed->number(s).value_or(0) : 0;
            counts[group] += 1;
            sums[group] += value;
            if (type) {
                auto& t = per_type[{group, type->is_null(s) ? std::string() : type->text(s)}];
                t.first += 1;
                t.second += value;
            }
        }
    }

    const std::size_t pop = groups.require_field("population");
    auto population_of = [&](std::size_t g) { return groups.column(pop).number(g).value_or(NAN); };
    const std::size_t density = groups.add_field({"density_per_km2", FieldType::Real, true});
    std::optional<std::size_t> from, change, change_pct;
    if (!options.change_from_field.empty()) {
        groups.rename_field(options.change_from_field, "population_from");
        groups.rename_field(options.change_from_field + "_nulls", "population_from_nulls");
        change = groups.add_field({"change", FieldType::Real, true});
        change_pct = groups.add_field({"change_pct", FieldType::Real, true});
        from = groups.require_field("population_from");
    }
    const std::size_t n_services = groups.add_field({"n_services", FieldType::Integer, true});
    const std::size_t per_service =
        groups.add_field({"inhabitants_per_service", FieldType::Integer, true});
    const std::size_t per_10000 = groups.add_field({"services_per_10000", FieldType::Real, true});
    const std::size_t per_100km2 = groups.add_field({"services_per_100km2", FieldType::Real, true});
    std::optional<std::size_t> sum, sum_per_1000;
    if (services && !options.sum_field.empty()) {
        result.sum_column = sum_column_name(options.sum_field);
        sum = groups.add_field({result.sum_column, FieldType::Real, true});
        sum_per_1000 = groups.add_field({result.sum_column + "_per_1000", FieldType::Real, true});
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const double p = population_of(g);
        groups.column(density).set(g, ratio(p, groups.column("area_km2").real(g)));
        if (from) {
            const double before = groups.column(*from).number(g).value_or(NAN);
            groups.column(*change).set(g, std::isnan(before) ? Value{} : Value{p - before});
            groups.column(*change_pct).set(g, ratio(p - before, before, 100));
        }
        if (!services) continue;
        groups.column(n_services).set(g, static_cast<std::int64_t>(counts[g]));
        // The plan prints N = P / F as an integer ("1 presidio ospedaliero per N ab").
        if (counts[g] > 0 && !std::isnan(p))
            groups.column(per_service)
                .set(g, static_cast<std::int64_t>(std::llround(p / counts[g])));
        groups.column(per_10000).set(g, ratio(counts[g], p, 10000));
        groups.column(per_100km2).set(g, ratio(counts[g], groups.column("area_km2").real(g), 100));
        if (sum) {
            groups.column(*sum).set(g, sums[g]);
            groups.column(*sum_per_1000).set(g, ratio(sums[g], p, 1000));
        }
    }

    Layer by_type("density_by_type", std::nullopt, false);
    by_type.add_field({"group", FieldType::String, false});
    by_type.add_field({"type", FieldType::String, false});
    by_type.add_field({"n_services", FieldType::Integer, false});
    by_type.add_field({"inhabitants_per_service", FieldType::Integer, true});
    if (sum) {
        by_type.add_field({result.sum_column, FieldType::Real, true});
        by_type.add_field({result.sum_column + "_per_1000", FieldType::Real, true});
    }
    std::int64_t id = 1;
    for (const auto& [key, t] : per_type) {
        const double p = population_of(key.first);
        std::vector<Value> values{
            std::string(groups.column("label").string(key.first)), key.second,
            static_cast<std::int64_t>(t.first),
            std::isnan(p) ? Value{} : Value{static_cast<std::int64_t>(std::llround(p / t.first))}};
        if (sum) {
            values.emplace_back(t.second);
            values.push_back(ratio(t.second, p, 1000));
        }
        by_type.append(id++, Geometry(), values);
    }
    groups.add_lineage("service density by '" + options.by + "', population " +
                       (counted ? "'" + options.population_field + "'" : "none"));
    result.groups = std::move(groups);
    result.by_type = std::move(by_type);
    return result;
}

}  // namespace atlante
