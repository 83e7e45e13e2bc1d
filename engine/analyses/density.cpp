#include "engine/analyses/density.hpp"

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

}  // namespace

DensityResult service_density(const Layer& input, const Layer* services,
                              const DensityOptions& options) {
    Layer polygons = input.clone();
    polygons.require_field(options.by);
    require_numeric(polygons, options.population_field);
    if (!options.change_from_field.empty()) require_numeric(polygons, options.change_from_field);
    if (!options.area_attribute.empty()) require_numeric(polygons, options.area_attribute);

    DensityResult result;
    const Column& population = polygons.column(options.population_field);
    for (std::size_t row = 0; row < polygons.size(); ++row)
        if (population.is_null(row)) result.population_missing.push_back(polygons.id(row));

    DissolveOptions dissolve_options;
    dissolve_options.by = options.by;
    dissolve_options.order = options.order;
    dissolve_options.unassigned_label = options.unassigned_label;
    dissolve_options.sum_fields = {options.population_field};
    if (!options.change_from_field.empty())
        dissolve_options.sum_fields.push_back(options.change_from_field);
    if (!options.area_attribute.empty())
        dissolve_options.sum_fields.push_back(options.area_attribute);
    DissolveResult dissolved = dissolve(polygons, dissolve_options);
    Layer& groups = dissolved.layer;
    groups.set_name("density_by_" + options.by);
    groups.rename_field("n_features", "n_comuni");
    groups.rename_field(options.population_field, "population");
    groups.rename_field(options.population_field + "_nulls", "population_nulls");
    if (!options.area_attribute.empty()) {
        groups.rename_field(options.area_attribute, "area_km2_attribute");
        groups.remove_field(options.area_attribute + "_nulls");
    }

    // Which group each polygon belongs to, by its label (as dissolve labels groups).
    std::map<std::string, std::size_t> group_of_label;
    for (std::size_t g = 0; g < groups.size(); ++g)
        group_of_label[groups.column("label").string(g)] = g;
    const Column& by = polygons.column(options.by);
    auto group_of_polygon = [&](std::size_t row) {
        return group_of_label.at(by.is_null(row) ? dissolve_options.unassigned_label
                                                 : by.text(row));
    };

    std::vector<double> counts(groups.size(), 0), beds(groups.size(), 0);
    std::map<std::pair<std::size_t, std::string>, double> type_counts;
    if (services) {
        const PolygonLocator locator(polygons);
        const Column* type =
            options.type_field.empty() ? nullptr : &services->column(options.type_field);
        const Column* bed =
            options.beds_field.empty() ? nullptr : &services->column(options.beds_field);
        for (std::size_t s = 0; s < services->size(); ++s) {
            const Geometry& g = services->geometry(s);
            const auto polygon = locator.locate(g && family_of(g.kind()) != GeometryFamily::Point
                                                    ? g.point_on_surface()
                                                    : g.clone());
            if (!polygon) {
                result.services_outside.push_back(services->id(s));
                continue;
            }
            const std::size_t group = group_of_polygon(*polygon);
            counts[group] += 1;
            if (bed) beds[group] += bed->number(s).value_or(0);
            if (type) type_counts[{group, type->text(s)}] += 1;
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
    std::optional<std::size_t> beds_field, beds_per_1000;
    if (services && !options.beds_field.empty()) {
        beds_field = groups.add_field({"beds", FieldType::Real, true});
        beds_per_1000 = groups.add_field({"beds_per_1000", FieldType::Real, true});
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
        if (counts[g] > 0)
            groups.column(per_service)
                .set(g, static_cast<std::int64_t>(std::llround(p / counts[g])));
        groups.column(per_10000).set(g, ratio(counts[g], p, 10000));
        if (beds_field) {
            groups.column(*beds_field).set(g, beds[g]);
            groups.column(*beds_per_1000).set(g, ratio(beds[g], p, 1000));
        }
    }

    Layer by_type("density_by_type", std::nullopt, false);
    by_type.add_field({"group", FieldType::String, false});
    by_type.add_field({"type", FieldType::String, false});
    by_type.add_field({"n_services", FieldType::Integer, false});
    by_type.add_field({"inhabitants_per_service", FieldType::Integer, true});
    std::int64_t id = 1;
    for (const auto& [key, n] : type_counts) {
        const double p = population_of(key.first);
        by_type.append(
            id++, Geometry(),
            {groups.column("label").string(key.first), key.second, static_cast<std::int64_t>(n),
             static_cast<std::int64_t>(std::llround(p / n))});
    }
    groups.add_lineage("service density by '" + options.by + "', population '" +
                       options.population_field + "'");
    result.groups = std::move(groups);
    result.by_type = std::move(by_type);
    return result;
}

}  // namespace atlante
