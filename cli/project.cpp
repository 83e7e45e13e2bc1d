#include "cli/project.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "cli/report/run_manifest.hpp"
#include "layers/atomic_output.hpp"
#include "layers/error.hpp"
#include "layers/read_log.hpp"

namespace atlante {

Project read_project(const std::string& file) {
    const toml::table document = parse_toml_file(file);
    const StrictTable root(document, "", file);
    Project project;
    project.file = file;
    project.base_dir = std::filesystem::absolute(file).parent_path();
    const StrictTable p = root.table("project");
    project.name = p.string("name");
    project.output = p.string_or("output", project.output);
    project.catalog_file = p.string_or("catalog", "");
    p.reject_unknown_keys();
    if (auto t = root.optional_table("demo_brownfields")) project.demo = read_demo_step(*t);
    if (auto t = root.optional_table("bands")) project.bands = read_bands_step(*t);
    for (const StrictTable& t : root.table_array("density"))
        project.densities.push_back(read_density_step(t));
    if (auto t = root.optional_table("tor")) project.tor = read_tor_step(*t);
    if (auto t = root.optional_table("reach")) project.reach = read_reach_step(*t);
    for (const StrictTable& t : root.table_array("map")) project.maps.push_back(read_map_step(t));
    for (const StrictTable& t : root.table_array("atlas")) {
        project.atlases.push_back(read_atlas_step(t));
        const std::string& map = project.atlases.back().map;
        if (std::none_of(project.maps.begin(), project.maps.end(),
                         [&](const MapStep& m) { return m.spec.name == map; }))
            throw Error(ErrorContext{file, {}, {}, "map"}, "atlas '" + project.atlases.back().name +
                                                               "' names no [[map]] called '" + map +
                                                               "'");
    }
    root.reject_unknown_keys();
    return project;
}

std::string validate_project(const Project& project, const RunOptions& options) {
    std::string catalog_file = options.catalog_file;
    if (catalog_file.empty() && !project.catalog_file.empty())
        catalog_file = (project.base_dir / project.catalog_file).string();
    const CatalogSpec spec = read_catalog_spec(default_catalog_file(catalog_file));
    const std::filesystem::path data = data_directory(options.data_dir);
    if (!std::filesystem::is_directory(data))
        throw Error(ErrorContext{data.string(), {}, {}, {}},
                    "data folder not found (set ATLANTE_DATA)");
    // Every source that is a file must be there; catalogue, TOR and demo layers are checked
    // when they are made, PostGIS connections when they are opened.
    std::vector<std::pair<std::string, std::string>> sources;  // (what, source)
    if (project.tor)
        for (const std::string& s : {project.tor->stations, project.tor->brownfields,
                                     project.tor->rail, project.tor->comuni})
            sources.emplace_back("tor", s);
    if (project.reach)
        for (const std::string& s :
             {project.reach->stations, project.reach->roads, project.reach->brownfields})
            sources.emplace_back("reach", s);
    for (const MapStep& map : project.maps)
        for (const MapLayerStep& layer : map.layers)
            sources.emplace_back("map '" + map.spec.name + "'", layer.source);
    for (const AtlasStep& atlas : project.atlases)
        sources.emplace_back("atlas '" + atlas.name + "'", atlas.coverage);
    if (project.bands && !project.bands->dem.empty())
        sources.emplace_back("bands", project.bands->dem);
    for (const auto& [what, source] : sources) {
        if (source.empty() || source == "catalog" || source == "demo" ||
            source.rfind("catalog:", 0) == 0 || source.rfind("tor:", 0) == 0 ||
            source.rfind("reach:", 0) == 0 || source.rfind("PG:", 0) == 0)
            continue;
        const std::filesystem::path path = std::filesystem::path(source).is_absolute()
                                               ? std::filesystem::path(source)
                                               : project.base_dir / source;
        if (!std::filesystem::exists(path))
            throw Error(ErrorContext{path.string(), {}, {}, {}}, what + ": no such file");
    }
    return "valid: " + project.file + " (catalogue " + spec.file + ", " +
           std::to_string(project.maps.size()) + " maps, " +
           std::to_string(project.atlases.size()) + " atlases" + (project.tor ? ", TOR" : "") +
           (project.reach ? ", reach" : "") + (project.bands ? ", bands" : "") + ", " +
           std::to_string(project.densities.size()) + " density tables)\n";
}

// The steps a run draws: all of them, or (single) the one named `wanted`, which must exist; the
// error lists the names the project has.
template <class Step, class NameOf>
static std::vector<const Step*> selected(const std::vector<Step>& steps, bool single,
                                         const std::string& wanted, const std::string& kind,
                                         const std::string& file, NameOf name_of) {
    std::vector<const Step*> out;
    for (const Step& step : steps)
        if (!single || name_of(step) == wanted) out.push_back(&step);
    if (!wanted.empty() && out.empty()) {
        std::string names;
        for (const Step& step : steps) names += (names.empty() ? "" : ", ") + name_of(step);
        throw Error(ErrorContext{file, {}, {}, {}}, "no " + kind + " named '" + wanted + "' (" +
                                                        (kind == "map" ? "maps" : "atlases") +
                                                        ": " + names + ")");
    }
    return out;
}

static double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string run_project(const Project& project, const RunOptions& options, Progress& progress) {
    const std::filesystem::path output =
        options.output_dir.empty() ? (project.base_dir / project.output).lexically_normal()
                                   : std::filesystem::path(options.output_dir);
    std::string catalog_file = options.catalog_file;
    if (catalog_file.empty() && !project.catalog_file.empty())
        catalog_file = (project.base_dir / project.catalog_file).string();
    // The whole run writes into a hidden folder inside `output` and lands only when every step
    // succeeded: a failed run leaves the previous run's outputs as they were.
    StagedOutputs run_outputs(output);
    const std::string staging = run_outputs.staging().string();
    StepContext context(project.base_dir, staging, catalog_file, options.data_dir, progress);

    const bool single = !options.only_map.empty() || !options.only_atlas.empty();
    const std::vector<const MapStep*> maps =
        selected(project.maps, single, options.only_map, "map", project.file,
                 [](const MapStep& m) { return m.spec.name; });
    const std::vector<const AtlasStep*> atlases =
        selected(project.atlases, single, options.only_atlas, "atlas", project.file,
                 [](const AtlasStep& a) { return a.name; });
    auto map_named = [&](const std::string& name) -> const MapStep& {
        return *std::find_if(project.maps.begin(), project.maps.end(),
                             [&](const MapStep& m) { return m.spec.name == name; });
    };
    // A single map or atlas needs the TOR step only when it draws TOR layers.
    auto uses = [](const MapStep& map, const char* prefix) {
        return std::any_of(map.layers.begin(), map.layers.end(),
                           [&](const MapLayerStep& l) { return l.source.rfind(prefix, 0) == 0; });
    };
    bool needs_tor = !single, needs_reach = !single;
    for (const MapStep* map : maps) {
        needs_tor = needs_tor || uses(*map, "tor:");
        needs_reach = needs_reach || uses(*map, "reach:");
    }
    for (const AtlasStep* atlas : atlases) {
        needs_tor = needs_tor || uses(map_named(atlas->map), "tor:");
        needs_reach = needs_reach || uses(map_named(atlas->map), "reach:");
    }
    // Network TOR on the demonstration sites needs them made first.
    const bool needs_demo =
        needs_tor || (needs_reach && project.reach && project.reach->brownfields == "demo");
    const bool analyses = !single;
    const auto run_start = std::chrono::steady_clock::now();
    RunManifest manifest{project.name,
                         project.file,
                         data_directory(options.data_dir).string(),
                         staging,
                         0,
                         {},
                         {},
                         {}};

    // Each step's record lists the sources read since the previous step's.
    std::size_t attributed = sources_read_count();
    auto record_step = [&](StepRecord record) {
        std::vector<std::string> reads = sources_read_since(attributed);
        attributed += reads.size();
        for (std::string& r : reads)
            if (std::find(record.inputs.begin(), record.inputs.end(), r) == record.inputs.end())
                record.inputs.push_back(std::move(r));
        manifest.steps.push_back(std::move(record));
    };
    std::string report =
        "Project: " + project.name + " (" + project.file + ")\nOutput:  " + output.string() + "\n";
    char line[160];
    if (project.demo && needs_demo) {
        const auto start = std::chrono::steady_clock::now();
        const std::string path = run_demo_step(*project.demo, context);
        std::snprintf(line, sizeof line, "\n[demo_brownfields] %zu sites (%s) in %.2f s\n",
                      context.produced.at("demo").size(), kDemoSourceNote, seconds_since(start));
        report += line + std::string("  ") + path + "\n";
        record_step({"demo_brownfields",
                     "demo",
                     seconds_since(start),
                     {{"count", std::to_string(project.demo->options.count)},
                      {"seed", std::to_string(project.demo->options.seed)}},
                     {path},
                     {}});
        manifest.sources.push_back(kDemoSourceLine);
    }
    if (project.bands && analyses) {
        const auto start = std::chrono::steady_clock::now();
        const BandsStepReport bands = run_bands_step(*project.bands, context);
        std::snprintf(line, sizeof line, "\n[bands] %.2f s\n", seconds_since(start));
        report += line + describe_bands(bands, bands.metadata.at("POPULATION_FIELD"));
        record_step({"bands", "bands", seconds_since(start), bands.metadata, bands.files, {}});
    }
    for (const DensityStep& density : analyses ? project.densities : std::vector<DensityStep>{}) {
        const auto start = std::chrono::steady_clock::now();
        const DensityStepReport result = run_density_step(density, context);
        std::snprintf(line, sizeof line, "\n[density] %.2f s\n", seconds_since(start));
        report += line + describe_density(result);
        record_step(
            {"density", density.by, seconds_since(start), result.metadata, result.files, {}});
        ReportTable table =
            table_of(result.result.groups,
                     {"label", "n_comuni", "population", "area_km2", "density_per_km2",
                      "n_services", "inhabitants_per_service", "services_per_10000"},
                     "density_" + density.by,
                     "Servizi per " + density.by + " (" + result.metadata.at("POPULATION") + ")");
        manifest.tables.push_back(std::move(table));
    }
    if (project.tor && needs_tor) {
        const auto start = std::chrono::steady_clock::now();
        const TorStepReport tor = run_tor_step(*project.tor, context);
        std::snprintf(line, sizeof line, "\n[tor] %.2f s\n", seconds_since(start));
        report += line + describe_tor(*project.tor, tor);
        record_step({"tor",
                     "tor",
                     seconds_since(start),
                     {{"radius_m", std::to_string(project.tor->analysis.radius_m)},
                      {"read_s", std::to_string(tor.read_s)},
                      {"join_s", std::to_string(tor.analysis_s)},
                      {"write_s", std::to_string(tor.write_s)}},
                     tor.files,
                     {}});
        manifest.tables.push_back(table_of(
            tor.result.ranked,
            {"rank", "id", "comune", "zone", "class", "nearest_station", "distance_m",
             "n_stations_within", "share_within", "score"},
            "tor_ranking", "TOR: aree dismesse entro 1,5 km dalle stazioni (dati dimostrativi)",
            tor.result.inside));
        for (const std::string& source : tor.sources) manifest.sources.push_back(source);
    }
    if (project.reach && needs_reach) {
        const auto start = std::chrono::steady_clock::now();
        const ReachStepReport reach = run_reach_step(*project.reach, context);
        std::snprintf(line, sizeof line, "\n[reach] %.2f s\n", seconds_since(start));
        report += line + describe_reach(reach);
        StepRecord record{"reach", "reach", seconds_since(start), reach.metadata, reach.files, {}};
        for (const auto& [phase, s] : reach.seconds)
            record.parameters[phase + "_s"] = std::to_string(s);
        record_step(std::move(record));
        if (reach.time)
            manifest.tables.push_back(table_of(
                reach.time->comuni,
                {context.catalog().spec().comuni.name, catalog_fields::zone_name, "station",
                 "access_min", "rail_min", "total_min", "class"},
                "travel_time",
                "Tempo di percorrenza da " + project.reach->time.origin + " (modello, non orario)",
                reach.time->comuni.size()));
        if (reach.tor) {  // the sites where both measures exist, differing ones first
            Layer compared = reach.tor->sites.clone();
            std::vector<std::size_t> rows;
            for (int differs = 1; differs >= 0; --differs)
                for (std::size_t i = 0; i < compared.size(); ++i)
                    if (!compared.column("network_m").is_null(i) &&
                        compared.column("differs").integer(i) == differs)
                        rows.push_back(i);
            compared.keep_rows(rows);
            manifest.tables.push_back(table_of(
                compared,
                {"id", "status", "straight_m", "straight_station", "network_m", "network_station"},
                "tor_network",
                "TOR in linea d'aria e lungo la rete stradale (città di Torino; dati dimostrativi)",
                0));
        }
        for (const std::string& source : reach.sources) manifest.sources.push_back(source);
    }
    for (const MapStep* map_step : maps) {
        const MapStep& map = *map_step;
        const auto start = std::chrono::steady_clock::now();
        const MapStepReport result = run_map_step(map, context);
        std::snprintf(line, sizeof line,
                      "\n[map %s] %.2f s, scale bar \"%s\", %zu labels placed, %zu skipped\n",
                      map.spec.name.c_str(), seconds_since(start),
                      result.render.scale_label.c_str(), result.render.labels_placed,
                      result.render.labels_skipped);
        report += line;
        for (const auto& f : result.files) report += "  " + f + "\n";
        record_step({"map",
                     map.spec.name,
                     seconds_since(start),
                     {{"title", map.spec.title}},
                     result.files,
                     {}});
        for (const std::string& source : map.spec.sources) manifest.sources.push_back(source);
    }
    for (const AtlasStep* atlas : atlases) {
        const auto start = std::chrono::steady_clock::now();
        const AtlasStepReport result = run_atlas_step(*atlas, map_named(atlas->map), context);
        const auto& seconds = result.render.page_seconds;
        const double slowest =
            seconds.empty() ? 0 : *std::max_element(seconds.begin(), seconds.end());
        double sum = 0;
        for (double t : seconds) sum += t;
        std::snprintf(line, sizeof line,
                      "\n[atlas %s] %zu map pages (%zu in the PDF) in %.2f s; per page %.3f s on "
                      "average, %.3f s at most\n",
                      atlas->name.c_str(), result.render.map_pages, result.render.document_pages,
                      seconds_since(start),
                      seconds.empty() ? 0 : sum / static_cast<double>(seconds.size()), slowest);
        report += line + std::string("  ") + result.file + "\n";
        record_step(
            {"atlas",
             atlas->name,
             seconds_since(start),
             {{"pages", std::to_string(result.render.map_pages)},
              {"seconds_per_page",
               std::to_string(seconds.empty() ? 0 : sum / static_cast<double>(seconds.size()))}},
             {result.file},
             {}});
    }
    if (!single) {  // a whole run: the manifest and the report beside the outputs
        manifest.seconds = seconds_since(run_start);
        std::sort(manifest.sources.begin(), manifest.sources.end());
        manifest.sources.erase(std::unique(manifest.sources.begin(), manifest.sources.end()),
                               manifest.sources.end());
        report += "\n[report]\n";
        for (const std::string& f : write_run_manifest(manifest)) report += "  " + f + "\n";
    }
    run_outputs.commit();
    // Paths in the report name where the files are now, not where they were written.
    for (std::size_t at = report.find(staging); at != std::string::npos;
         at = report.find(staging, at))
        report.replace(at, staging.size(), output.string());
    return report;
}

}  // namespace atlante
