#include "cli/steps/atlas_step.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "engine/format/number_format.hpp"
#include "engine/overlay/polygon_locator.hpp"
#include "layers/atomic_output.hpp"

namespace atlante {

AtlasStep read_atlas_step(const StrictTable& table) {
    AtlasStep step;
    step.name = table.string("name");
    step.title = table.string("title");
    step.map = table.string("map");
    step.coverage = table.string_or("coverage", step.coverage);
    step.filter = table.string_or("filter", "");
    step.sort = table.string_or("sort", "");
    step.page_name = table.string("page_name");
    step.fields = table.strings_or("fields");
    step.margin = table.number_or("margin", step.margin);
    step.per_page = table.string_or("per_page", "");
    if (!step.per_page.empty() && step.per_page != "pdf" && step.per_page != "png")
        throw Error(ErrorContext{table.file(), step.name, {}, "per_page"},
                    "per_page must be \"pdf\" or \"png\"");
    step.out = table.string_or("out", step.out);
    table.reject_unknown_keys();
    return step;
}

namespace {

// Counts, per coverage feature, the points (or polygons, by a point on their surface) of
// `layer` that fall in it; `keep` selects which rows count.
std::vector<std::int64_t> count_inside(const Layer& coverage, const Layer& layer,
                                       const std::function<bool(std::size_t)>& keep = {}) {
    const PolygonLocator locator(coverage);
    std::vector<std::int64_t> counts(coverage.size(), 0);
    for (std::size_t i = 0; i < layer.size(); ++i) {
        const Geometry& g = layer.geometry(i);
        if (!g || g.is_empty() || (keep && !keep(i))) continue;
        const auto at = locator.locate(
            family_of(g.kind()) == GeometryFamily::Point ? g.clone() : g.point_on_surface());
        if (at) ++counts[*at];
    }
    return counts;
}

}  // namespace

AtlasStepReport run_atlas_step(const AtlasStep& step, const MapStep& map, StepContext& context) {
    const ErrorContext here{"atlas '" + step.name + "'", {}, {}, {}};
    // The template, resolved like a map, and the coverage.
    std::map<std::string, Layer> cache;
    AtlasSpec atlas;
    atlas.name = step.name;
    atlas.title = step.title;
    atlas.subtitle = map.spec.title;
    atlas.margin = step.margin;
    atlas.map = resolve_map(map, context, cache);
    const Layer& coverage = resolve_source(step.coverage, context, cache);
    atlas.coverage = &coverage;

    // Checks, before any page is drawn.
    for (std::size_t i = 0; i < coverage.size(); ++i)
        if (!coverage.geometry(i) ||
            family_of(coverage.geometry(i).kind()) != GeometryFamily::Polygon)
            throw Error(coverage.where(i), "an atlas coverage must be polygons, not " +
                                               coverage.geometry(i).type_name());
    const Column& names = coverage.column(step.page_name);
    std::vector<std::size_t> rows;
    if (step.filter.empty()) {
        for (std::size_t i = 0; i < coverage.size(); ++i) rows.push_back(i);
    } else {
        const auto eq = step.filter.find('=');
        if (eq == std::string::npos)
            throw Error(here, "filter must be field=value, not '" + step.filter + "'");
        const Column& column = coverage.column(step.filter.substr(0, eq));
        for (std::size_t i = 0; i < coverage.size(); ++i)
            if (!column.is_null(i) && column.text(i) == step.filter.substr(eq + 1))
                rows.push_back(i);
        if (rows.empty()) throw Error(here, "the filter '" + step.filter + "' keeps no feature");
    }
    const Column& sort = coverage.column(step.sort.empty() ? step.page_name : step.sort);
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
        const auto na = sort.number(a), nb = sort.number(b);
        if (na && nb && *na != *nb) return *na < *nb;
        return sort.text(a) < sort.text(b);
    });
    std::set<std::string> seen;
    for (std::size_t row : rows) {
        if (names.is_null(row))
            throw Error(coverage.where(row, step.page_name), "a page without a name");
        if (!seen.insert(names.text(row)).second)
            throw Error(coverage.where(row, step.page_name),
                        "duplicate page name '" + names.text(row) + "'");
    }
    for (const std::string& field : step.fields) coverage.require_field(field);

    // Statistics per page.
    context.progress().step("atlas " + step.name + ": statistics");
    const Catalog& catalog = context.catalog();
    const std::vector<std::int64_t> stations = count_inside(coverage, context.stations().layer);
    const std::vector<std::int64_t> hospitals =
        count_inside(coverage, catalog.load_hospitals().layer);
    std::vector<std::int64_t> brownfields;
    if (const auto tor = context.produced.find("tor:brownfields"); tor != context.produced.end()) {
        const Column& in_tor = tor->second.column("in_tor");
        brownfields = count_inside(coverage, tor->second,
                                   [&](std::size_t i) { return in_tor.integer(i) == 1; });
    }
    const std::string population =
        catalog.spec().population
            ? catalog.spec().population->field(catalog.spec().population->default_year)
            : "";
    const std::string population_field =
        coverage.field_index(population) ? population
        : catalog.spec().bands && coverage.field_index(catalog.spec().bands->population)
            ? catalog.spec().bands->population
            : "";
    for (std::size_t row : rows) {
        AtlasPage page{row, names.text(row), {}};
        const double km2 = coverage.geometry(row).area() / 1e6;
        if (!population_field.empty()) {
            const double pop = coverage.column(population_field).number(row).value_or(NAN);
            page.info.emplace_back("popolazione (" + population_field + ")", format_italian(pop));
            page.info.emplace_back("densità (ab./km²)", format_italian(pop / km2, 1));
        }
        page.info.emplace_back("superficie (km²)", format_italian(km2, 1));
        if (const auto band = coverage.field_index(catalog_fields::band))
            page.info.emplace_back("fascia altimetrica", coverage.column(*band).text(row));
        page.info.emplace_back("stazioni ferroviarie", std::to_string(stations[row]));
        page.info.emplace_back("ospedali e case di cura", std::to_string(hospitals[row]));
        if (!brownfields.empty())
            page.info.emplace_back("aree dismesse entro 1,5 km (dimostrative)",
                                   std::to_string(brownfields[row]));
        for (const std::string& field : step.fields)
            page.info.emplace_back(field, coverage.column(field).text(row));
        atlas.pages.push_back(std::move(page));
    }

    AtlasStepReport report;
    std::filesystem::create_directories(context.output_dir() / step.out);
    AtomicOutput output(context.output_dir() / step.out / (step.name + ".pdf"));
    std::optional<StagedOutputs> pages;
    if (!step.per_page.empty()) {
        pages.emplace(context.output_dir() / step.out / step.name);
        atlas.per_page = step.per_page == "png" ? PageFormat::PNG : PageFormat::PDF;
        atlas.per_page_dir = std::filesystem::path(pages->path("x")).parent_path().string();
        report.per_page_dir = pages->folder().string();
    }
    report.render = render_atlas(atlas, output.temporary().string(), context.progress());
    output.commit();
    if (pages) pages->commit();
    report.file = output.target().string();
    return report;
}

}  // namespace atlante
