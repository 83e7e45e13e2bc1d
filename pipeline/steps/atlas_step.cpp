#include "pipeline/steps/atlas_step.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <set>

#include "engine/overlay/polygon_locator.hpp"
#include "geodata/demo_brownfields.hpp"
#include "layers/atomic_output.hpp"
#include "pipeline/captions.hpp"
#include "pipeline/layer_styles.hpp"
#include "pipeline/project.hpp"
#include "pipeline/report/column_titles.hpp"
#include "pipeline/steps/tor_step.hpp"
#include "render/format/number_format.hpp"

namespace atlante {

const StepKind& AtlasStep::info() {
    static const StepKind kind{"atlas", "a multi-page PDF, one page per feature of a coverage",
                               true, [] { return std::make_unique<AtlasStep>(); }, true};
    return kind;
}

void AtlasStep::declare(OptionSet& o) {
    o.text("name", atlas_name, "the atlas's name: its file is atlases/NAME.pdf").must();
    o.text("title", title, "title page").must().caption();
    o.text("map", map, "the template: a [[map]] of the project, by name").must();
    o.source("coverage", coverage, "one page per polygon of this layer");
    o.text("filter", filter, "only the features with field=value")
        .for_example("zone_name=Chivassese");
    o.text("sort", sort, "field the pages are sorted by (numbers numerically; default the name)");
    o.text("page_name", page_name, "field naming each page (names unique)").must();
    o.texts("fields", fields, "more fields of the coverage in each page's statistics");
    o.tables("charts", charts, "a chart on every page from the page feature's fields").items(0, 6);
    o.number("margin", margin, "room around each feature, as a share of its extent")
        .within(NumberRange::between(0, 2));
    o.choice("per_page", per_page, {"", "pdf", "png"},
             "also one file per page, named by the page ('': no)");
    o.boolean("qgis", qgis,
              "also a QGIS atlas, atlases/NAME.qgz, with its pages in atlases/NAME.gpkg");
    o.text("out", out, "output folder, relative to the run's").not_on_command_line();
}

void AtlasStep::finish_options() {
    if (!filter.empty() && filter.find('=') == std::string::npos)
        origin.fail("filter", "expected field=value, not '" + filter + "'");
    if (coverage.empty()) origin.fail("coverage", "an atlas needs a coverage layer");
    for (std::size_t i = 0; i < charts.size(); ++i)
        check_atlas_chart_options(charts[i], origin, "charts[" + std::to_string(i) + "].");
}

void AtlasStep::check_in(const Project& project) const { require_map(project, map, origin, "map"); }

std::vector<SourceUse> AtlasStep::more_sources(const Project& project) const {
    std::vector<SourceUse> out;
    if (const MapStep* m = find_map(project, map)) out = borrowed_sources(*m, project, "map.");
    // The statistics count the TOR step's sites within its radius.
    if (project.single("tor"))
        out.push_back({"statistics", SourceRef::parse("tor:brownfields"), true});
    return out;
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

// The pages, in order: the coverage's polygons that pass the filter, sorted; names unique.
std::vector<std::size_t> page_rows(const AtlasStep& step, const Layer& coverage) {
    const ErrorContext here{"atlas '" + step.atlas_name + "'", {}, {}, {}};
    for (std::size_t i = 0; i < coverage.size(); ++i)
        if (!coverage.geometry(i) ||
            family_of(coverage.geometry(i).kind()) != GeometryFamily::Polygon)
            throw Error(coverage.where(i), "an atlas coverage must be polygons, not " +
                                               coverage.geometry(i).type_name());
    const Column& names = coverage.column(step.page_name);
    std::vector<std::size_t> rows;
    const auto eq = step.filter.find('=');
    const Column* filtered =
        step.filter.empty() ? nullptr : &coverage.column(step.filter.substr(0, eq));
    for (std::size_t i = 0; i < coverage.size(); ++i)
        if (!filtered || (!filtered->is_null(i) && filtered->text(i) == step.filter.substr(eq + 1)))
            rows.push_back(i);
    if (rows.empty()) throw Error(here, "the filter '" + step.filter + "' keeps no feature");
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
    for (std::size_t i = 0; i < step.charts.size(); ++i)
        for (const std::string& field : atlas_chart_fields(step.charts[i]))
            if (!coverage.field_index(field))
                throw Error(
                    ErrorContext{"atlas '" + step.atlas_name + "', chart " + std::to_string(i + 1),
                                 coverage.name(),
                                 {},
                                 field},
                    "no such field in the coverage");
    return rows;
}

// The population field the coverage carries: the catalogue's default year, else its bands'.
std::string population_field(const Layer& coverage, const CatalogSpec& spec) {
    const std::string year =
        spec.population ? spec.population->field(spec.population->default_year) : "";
    if (!year.empty() && coverage.field_index(year)) return year;
    if (spec.bands && coverage.field_index(spec.bands->population)) return spec.bands->population;
    return "";
}

// A statistic's label as a field name: "densità (ab./km²)" -> "densita_ab_km2".
std::string field_name_of(const std::string& label) {
    static const std::vector<std::pair<std::string, std::string>> letters{
        {"à", "a"}, {"è", "e"}, {"é", "e"}, {"ì", "i"}, {"ò", "o"}, {"ù", "u"}, {"²", "2"}};
    std::string plain = label;
    for (const auto& [from, to] : letters)
        for (auto at = plain.find(from); at != std::string::npos; at = plain.find(from))
            plain.replace(at, from.size(), to);
    std::string name;
    for (char c : plain) {
        const bool word = std::isalnum(static_cast<unsigned char>(c));
        if (word)
            name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!name.empty() && name.back() != '_')
            name += '_';
    }
    while (!name.empty() && name.back() == '_') name.pop_back();
    return name;
}

// The atlas's pages for QGIS: the coverage's features in page order with each page's
// statistics as text fields, exactly as atlante prints them. Returns the layer and, per
// statistic, the field that holds it (a coverage field shown as it is keeps its name).
std::pair<Layer, std::vector<std::pair<std::string, std::string>>> pages_layer(
    const Layer& coverage, const std::vector<std::size_t>& rows, const AtlasSpec& atlas) {
    Layer pages = coverage.clone();
    pages.set_name("pagine");
    pages.keep_rows(rows);
    std::vector<std::pair<std::string, std::string>> info;
    if (atlas.pages.empty()) return {std::move(pages), info};
    for (std::size_t k = 0; k < atlas.pages.front().info.size(); ++k) {
        const std::string& label = atlas.pages.front().info[k].first;
        if (pages.field_index(label)) {
            info.emplace_back(label, label);
            continue;
        }
        std::string name = field_name_of(label);
        while (pages.field_index(name)) name += "_pagina";
        const std::size_t f = pages.add_field({name, FieldType::String});
        for (std::size_t p = 0; p < atlas.pages.size(); ++p)
            pages.column(f).set(p, atlas.pages[p].info[k].second);
        info.emplace_back(label, name);
    }
    return {std::move(pages), info};
}

// A QGIS expression for "field=value".
std::string filter_expression(const std::string& filter) {
    if (filter.empty()) return "";
    const auto eq = filter.find('=');
    std::string value;
    for (char c : filter.substr(eq + 1)) value += c == '\'' ? std::string("''") : std::string(1, c);
    return "\"" + filter.substr(0, eq) + "\" = '" + value + "'";
}

}  // namespace

// The QGIS atlas: its pages layer written beside the PDF, the project asked of the runner.
void AtlasStep::add_qgis_atlas(StepContext& context, const std::vector<std::size_t>& rows,
                               const AtlasSpec& atlas, const AtlasReport& report,
                               StepResult& result) const {
    auto [pages, info] = pages_layer(*atlas.coverage, rows, atlas);
    OutputSet outputs = context.output_set();
    outputs.geopackage = atlas_name + ".gpkg";
    outputs.geopackage_layers = {&pages};
    outputs.metadata["SOURCES"] = "atlante: le pagine dell'atlante '" + atlas_name + "'";
    for (const std::string& f : write_styled_output_set(outputs, context.output_dir() / out))
        result.files.push_back(f);
    const MapStep& template_step = *find_map(*context.project(), map);
    QgisProjectRequest request =
        qgis_request(template_step, atlas.map, context.output_dir() / out / (atlas_name + ".qgz"),
                     report.first_page);
    request.info_top_mm = report.first_page.info_top_mm;
    request.map.scale_bar_may_shrink = true;
    if (!request.map.overview) request.map.overview = OverviewSpec{atlas.coverage, 55};
    QgisAtlasData data;
    data.pages = "./" + atlas_name + ".gpkg|layername=pagine";
    data.filter = filter_expression(filter);
    data.sort = "\"" + (sort.empty() ? page_name : sort) + "\"";
    data.page_name = page_name;
    data.margin = margin;
    data.info = info;
    data.title = atlas.title;
    data.last_page = static_cast<int>(report.document_pages);
    data.first_page = static_cast<int>(report.document_pages - report.map_pages + 1);
    request.atlas = data;
    result.qgis_projects.push_back(std::move(request));
    // The template's layers, as its map would give them (the map may not be in this run).
    for (OutputStyle& style : map_output_styles(template_step, atlas.map))
        result.output_styles.push_back(std::move(style));
}

namespace {

// A field's value as the page prints it: numbers in the plan's format (reals with 2 decimals).
std::string page_value(const Column& column, std::size_t row) {
    if (column.is_null(row)) return "-";
    if (column.type() == FieldType::Real) return format_italian(column.real(row), 2);
    if (column.type() == FieldType::Integer)
        return format_italian(static_cast<double>(column.integer(row)));
    return column.text(row);
}

}  // namespace

StepResult AtlasStep::run(StepContext& context) const {
    const Project* project = context.project();
    const MapStep* template_step = project ? find_map(*project, map) : nullptr;
    if (!template_step) throw Error("atlas '" + atlas_name + "': no template map '" + map + "'");
    AtlasSpec atlas;
    atlas.name = atlas_name;
    atlas.title = project ? expand_captions(title, *project) : title;
    atlas.margin = margin;
    atlas.map = resolve_map(*template_step, context);
    atlas.subtitle = atlas.map.title;
    const Layer& cover = context.layer(coverage);
    atlas.coverage = &cover;
    const std::vector<std::size_t> rows = page_rows(*this, cover);

    // Statistics per page.
    context.progress().step("atlas " + atlas_name + ": statistics");
    const CatalogSpec& spec = context.catalog().spec();
    // The catalogue's stations and hospitals, where it has them.
    const std::vector<std::int64_t> stations =
        spec.stations ? count_inside(cover, context.stations().layer) : std::vector<std::int64_t>{};
    const std::vector<std::int64_t> hospitals =
        spec.hospitals ? count_inside(cover, context.layer(SourceRef::parse("catalog:hospitals")))
                       : std::vector<std::int64_t>{};
    std::vector<std::int64_t> brownfields;
    std::string brownfields_label;
    const auto* tor = project ? dynamic_cast<const TorStep*>(project->single("tor")) : nullptr;
    if (const Layer* sites = tor ? context.published("tor", "brownfields") : nullptr) {
        const Column& in_tor = sites->column("in_tor");
        brownfields =
            count_inside(cover, *sites, [&](std::size_t i) { return in_tor.integer(i) == 1; });
        brownfields_label = "aree dismesse entro " + format_distance(tor->analysis.radius_m) +
                            (is_demonstration(*sites) ? " (dimostrative)" : "");
    }
    const std::string population = population_field(cover, spec);
    for (std::size_t row : rows) {
        AtlasPage page{row, cover.column(page_name).text(row), {}, {}};
        const double km2 = cover.geometry(row).area() / 1e6;
        if (!population.empty()) {
            const double pop = cover.column(population).number(row).value_or(NAN);
            page.info.emplace_back("popolazione (" + population + ")", format_italian(pop));
            page.info.emplace_back("densità (ab./km²)", format_italian(pop / km2, 1));
        }
        page.info.emplace_back("superficie (km²)", format_italian(km2, 1));
        if (const auto band = cover.field_index(catalog_fields::band))
            page.info.emplace_back("fascia altimetrica", cover.column(*band).text(row));
        if (!stations.empty())
            page.info.emplace_back("stazioni ferroviarie",
                                   format_italian(static_cast<double>(stations[row])));
        if (!hospitals.empty())
            page.info.emplace_back("ospedali e case di cura", std::to_string(hospitals[row]));
        if (!brownfields.empty())
            page.info.emplace_back(brownfields_label,
                                   format_italian(static_cast<double>(brownfields[row])));
        for (const std::string& field : fields)
            page.info.emplace_back(column_title(field), page_value(cover.column(field), row));
        for (std::size_t i = 0; i < charts.size(); ++i) {
            AtlasChartStep chart = charts[i];
            if (project) chart.title = expand_captions(chart.title, *project);
            page.charts.push_back(
                atlas_page_chart(chart, cover, row, page.name,
                                 "atlas '" + atlas_name + "', chart " + std::to_string(i + 1)));
        }
        atlas.pages.push_back(std::move(page));
    }

    std::filesystem::create_directories(context.output_dir() / out);
    AtomicOutput output(context.output_dir() / out / (atlas_name + ".pdf"));
    std::optional<StagedOutputs> pages;
    if (!per_page.empty()) {
        pages.emplace(context.output_dir() / out / atlas_name);
        atlas.per_page = per_page == "png" ? PageFormat::PNG : PageFormat::PDF;
        atlas.per_page_dir = pages->staging().string();
    }
    const std::string what = "atlas " + atlas_name + ": pages";
    const AtlasReport report = render_atlas(
        atlas, output.temporary().string(),
        [&](std::size_t done, std::size_t total) { context.progress().count(what, done, total); });
    output.commit();
    StepResult result;
    result.files = {output.target().string()};
    if (pages)
        for (const std::string& f : pages->commit()) result.files.push_back(f);
    const auto& seconds = report.page_seconds;
    double sum = 0, slowest = 0;
    for (double t : seconds) sum += t, slowest = std::max(slowest, t);
    const double average = seconds.empty() ? 0 : sum / static_cast<double>(seconds.size());
    char line[200];
    std::snprintf(line, sizeof line,
                  "%zu map pages (%zu in the PDF); per page %.3f s on average, %.3f s at most\n",
                  report.map_pages, report.document_pages, average, slowest);
    result.summary = line + std::string("  ") + result.files.front() + "\n";
    result.facts["pages"] = std::to_string(report.map_pages);
    result.facts["seconds_per_page"] = std::to_string(average);
    result.sources = atlas.map.sources;
    if (qgis) add_qgis_atlas(context, rows, atlas, report, result);
    return result;
}

}  // namespace atlante
