#include "cli/project.hpp"

#include <chrono>
#include <cstdio>

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

    std::string report =
        "Project: " + project.name + " (" + project.file + ")\nOutput:  " + output.string() + "\n";
    char line[160];
    if (project.demo) {
        const auto start = std::chrono::steady_clock::now();
        const std::string path = run_demo_step(*project.demo, context);
        std::snprintf(line, sizeof line, "\n[demo_brownfields] %zu sites (%s) in %.2f s\n",
                      context.produced.at("demo").size(), kDemoSourceNote, seconds_since(start));
        report += line + std::string("  ") + path + "\n";
    }
    if (project.bands) {
        const auto start = std::chrono::steady_clock::now();
        const BandsStepReport bands = run_bands_step(*project.bands, context);
        std::snprintf(line, sizeof line, "\n[bands] %.2f s\n", seconds_since(start));
        report += line + describe_bands(bands, bands.metadata.at("POPULATION_FIELD"));
    }
    for (const DensityStep& density : project.densities) {
        const auto start = std::chrono::steady_clock::now();
        const DensityStepReport result = run_density_step(density, context);
        std::snprintf(line, sizeof line, "\n[density] %.2f s\n", seconds_since(start));
        report += line + describe_density(result);
    }
    if (project.tor) {
        const auto start = std::chrono::steady_clock::now();
        const TorStepReport tor = run_tor_step(*project.tor, context);
        std::snprintf(line, sizeof line, "\n[tor] %.2f s\n", seconds_since(start));
        report += line + describe_tor(*project.tor, tor);
    }
    return report;
}

}  // namespace atlante
