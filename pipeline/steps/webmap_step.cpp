#include "pipeline/steps/webmap_step.hpp"

#include <algorithm>

#include "layers/atomic_output.hpp"
#include "pipeline/captions.hpp"
#include "pipeline/project.hpp"
#include "pipeline/steps/map_step.hpp"
#include "pipeline/steps/tor_step.hpp"
#include "render/format/number_format.hpp"
#include "render/web/web_map.hpp"

namespace atlante {

const StepKind& WebMapStep::info() {
    static const StepKind kind{"webmap",
                               "an interactive map of the run's layers, out/mappa.html (Leaflet, "
                               "offline)",
                               false, [] { return std::make_unique<WebMapStep>(); }, true};
    return kind;
}

void WebMapStep::declare(OptionSet& o) {
    o.text("title", title, "the page's title (default: the project's name)").caption();
    o.texts("maps", maps, "the [[map]]s whose layers and legends the page shows, by name")
        .items(1, 50)
        .must();
    o.texts("shown", shown, "maps whose layers show when the page opens (default: the first)");
    o.source("ranking", ranking, "the ranked sites: a popup each, and the ranking table");
    o.source("zones", zones, "zones to zoom to (\"\": none)");
    o.text("zone_name", zone_name, "their name field");
    o.source("comuni", comuni, "comuni to zoom to (\"\": none)");
    o.text("comune_name", comune_name, "their name field");
    o.number("simplify_m", simplify_m, "lines and polygons simplified for the screen (0: not)")
        .unit_of("m")
        .within(NumberRange::between(0, 1000));
    o.text("out", out, "output folder, relative to the run's").not_on_command_line();
}

void WebMapStep::finish_options() {
    for (const std::string& s : shown)
        if (std::find(maps.begin(), maps.end(), s) == maps.end())
            origin.fail("shown", "'" + s + "' is not among the maps");
}

void WebMapStep::check_in(const Project& project) const {
    for (const std::string& name : maps) require_map(project, name, origin, "maps");
}

std::vector<SourceUse> WebMapStep::more_sources(const Project& project) const {
    std::vector<SourceUse> out;
    for (const std::string& name : maps)
        if (const MapStep* m = find_map(project, name))
            for (SourceUse& use : borrowed_sources(*m, project, "maps." + name + "."))
                out.push_back(std::move(use));
    return out;
}

namespace {

// A map layer's name in the switcher: its legend heading or its one entry, else the map's title
// (the bands' map lists its three bands under no heading).
std::string layer_title(const MapLayer& l, const std::string& map_title) {
    std::string title = !l.style.legend_title.empty()   ? l.style.legend_title
                        : !l.style.legend_label.empty() ? l.style.legend_label
                                                        : map_title;
    if (!title.empty() && title.back() == ':') title.pop_back();
    return title;
}

std::vector<WebPlace> places_of(const Layer& layer, const std::string& field,
                                const std::string& kind) {
    std::vector<WebPlace> out;
    const Column& names = layer.column(field);
    for (std::size_t i = 0; i < layer.size(); ++i)
        if (!names.is_null(i) && layer.geometry(i) && !layer.geometry(i).is_empty())
            out.push_back({kind, names.text(i), layer.geometry(i).envelope()});
    std::sort(out.begin(), out.end(),
              [](const WebPlace& a, const WebPlace& b) { return a.name < b.name; });
    return out;
}

}  // namespace

StepResult WebMapStep::run(StepContext& context) const {
    const Project* project = context.project();
    if (!project) throw Error("webmap: the web map needs a project's maps");
    WebMapSpec spec;
    spec.title = title.empty() ? project->options.name : expand_captions(title, *project);
    spec.simplify_m = simplify_m;
    for (const std::string& name : maps) {
        const MapStep* found = find_map(*project, name);
        if (!found) throw Error("webmap: the project has no [[map]] named '" + name + "'");
        const MapStep& step = *found;
        context.progress().step("webmap: " + name);
        const MapSpec map = resolve_map(step, context);
        const bool visible = shown.empty()
                                 ? name == maps.front()
                                 : std::find(shown.begin(), shown.end(), name) != shown.end();
        // Two maps of one title (on foot, by bike) are told apart by their subtitle's first words.
        const std::string group =
            map.subtitle.empty()
                ? map.title
                : map.title + " · " + map.subtitle.substr(0, map.subtitle.find(" ("));
        for (std::size_t k = 0; k < map.layers.size(); ++k) {
            const MapLayer& l = map.layers[k];
            const bool sites = !ranking.empty() && step.layers[k].source.text() == ranking.text();
            spec.layers.push_back(
                {group, layer_title(l, map.title), l.layer, l.style, visible, sites});
        }
        for (const std::string& s : map.sources)
            if (std::find(spec.sources.begin(), spec.sources.end(), s) == spec.sources.end())
                spec.sources.push_back(s);
    }
    if (const auto* tor = dynamic_cast<const TorStep*>(project->single("tor"))) {
        const TorWeights& w = tor->analysis.weights;
        spec.ranking.weights = {{"proximity", w.proximity},
                                {"service", w.service},
                                {"area", w.area},
                                {"competitiveness", w.competitiveness}};
        spec.ranking.radius = format_distance(tor->analysis.radius_m);
    }
    if (!zones.empty())
        for (WebPlace& p : places_of(context.layer(zones), zone_name, "zone omogenee"))
            spec.places.push_back(std::move(p));
    if (!comuni.empty())
        for (WebPlace& p : places_of(context.layer(comuni), comune_name, "comuni"))
            spec.places.push_back(std::move(p));

    context.progress().step("webmap: writing");
    StagedOutputs staged(context.output_dir() / out);
    write_web_map(spec, staged.staging());
    StepResult result;
    result.files = staged.commit();
    std::uintmax_t bytes = 0;
    for (const std::string& f : result.files) bytes += std::filesystem::file_size(f);
    result.facts["layers"] = std::to_string(spec.layers.size());
    result.facts["bytes"] = std::to_string(bytes);
    result.summary = std::to_string(spec.layers.size()) + " layers from " +
                     std::to_string(maps.size()) + " maps, " + format_italian(bytes / 1e6, 1) +
                     " MB\n  " +
                     (context.output_dir() / out / "mappa.html").lexically_normal().string() + "\n";
    result.sources = spec.sources;
    return result;
}

}  // namespace atlante
