#include "cli/project.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "layers/error.hpp"

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
    StepContext context(project.base_dir, output, catalog_file, options.data_dir, progress);
    std::filesystem::create_directories(output);

    const bool single = !options.only_map.empty() || !options.only_atlas.empty();
    std::vector<const MapStep*> maps;
    for (const MapStep& map : project.maps)
        if (!single || map.spec.name == options.only_map) maps.push_back(&map);
    std::vector<const AtlasStep*> atlases;
    for (const AtlasStep& atlas : project.atlases)
        if (!single || atlas.name == options.only_atlas) atlases.push_back(&atlas);
    if (!options.only_atlas.empty() && atlases.empty()) {
        std::string names;
        for (const AtlasStep& a : project.atlases) names += (names.empty() ? "" : ", ") + a.name;
        throw Error(ErrorContext{project.file, {}, {}, {}},
                    "no atlas named '" + options.only_atlas + "' (atlases: " + names + ")");
    }
    auto map_named = [&](const std::string& name) -> const MapStep& {
        return *std::find_if(project.maps.begin(), project.maps.end(),
                             [&](const MapStep& m) { return m.spec.name == name; });
    };
    if (!options.only_map.empty() && maps.empty()) {
        std::string names;
        for (const MapStep& map : project.maps)
            names += (names.empty() ? "" : ", ") + map.spec.name;
        throw Error(ErrorContext{project.file, {}, {}, {}},
                    "no map named '" + options.only_map + "' (maps: " + names + ")");
    }
    // A single map needs the TOR step only when it draws TOR layers.
    bool needs_tor = options.only_map.empty();
    for (const MapStep* map : maps)
        for (const MapLayerStep& layer : map->layers)
            needs_tor = needs_tor || layer.source.rfind("tor:", 0) == 0;
    const bool analyses = options.only_map.empty();

    std::string report =
        "Project: " + project.name + " (" + project.file + ")\nOutput:  " + output.string() + "\n";
    char line[160];
    if (project.demo && needs_tor) {
        const auto start = std::chrono::steady_clock::now();
        const std::string path = run_demo_step(*project.demo, context);
        std::snprintf(line, sizeof line, "\n[demo_brownfields] %zu sites (%s) in %.2f s\n",
                      context.produced.at("demo").size(), kDemoSourceNote, seconds_since(start));
        report += line + std::string("  ") + path + "\n";
    }
    if (project.bands && analyses) {
        const auto start = std::chrono::steady_clock::now();
        const BandsStepReport bands = run_bands_step(*project.bands, context);
        std::snprintf(line, sizeof line, "\n[bands] %.2f s\n", seconds_since(start));
        report += line + describe_bands(bands, bands.metadata.at("POPULATION_FIELD"));
    }
    for (const DensityStep& density : analyses ? project.densities : std::vector<DensityStep>{}) {
        const auto start = std::chrono::steady_clock::now();
        const DensityStepReport result = run_density_step(density, context);
        std::snprintf(line, sizeof line, "\n[density] %.2f s\n", seconds_since(start));
        report += line + describe_density(result);
    }
    if (project.tor && needs_tor) {
        const auto start = std::chrono::steady_clock::now();
        const TorStepReport tor = run_tor_step(*project.tor, context);
        std::snprintf(line, sizeof line, "\n[tor] %.2f s\n", seconds_since(start));
        report += line + describe_tor(*project.tor, tor);
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
    }
    return report;
}

}  // namespace atlante
