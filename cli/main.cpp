// atlante: the command-line tool. Subcommands are thin shells over the same steps the project
// file runs, so the two can never disagree.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "cli/info_command.hpp"
#include "cli/project.hpp"
#include "engine/progress.hpp"
#include "layers/error.hpp"

namespace {

struct GlobalOptions {
    std::string data_dir, catalog_file;
};

void add_tor_options(CLI::App& cmd, atlante::TorStep& step, std::string& out) {
    cmd.add_option("--stations", step.stations, "station source, or 'catalog' (default)");
    cmd.add_option("--stations-layer", step.stations_layer, "layer inside the station source");
    cmd.add_option("--stations-where", step.stations_where,
                   "OGR SQL filter on stations (not for 'catalog')");
    cmd.add_flag("--include-metro", step.include_metro,
                 "catalogue stations: include Torino metro stations");
    cmd.add_option("--brownfields", step.brownfields,
                   "brownfield source (polygons or points with 'id'), or 'demo'")
        ->required();
    cmd.add_option("--brownfields-layer", step.brownfields_layer,
                   "layer inside the brownfield source");
    cmd.add_option("--brownfields-where", step.brownfields_where, "OGR SQL filter on brownfields");
    cmd.add_option("--radius", step.analysis.radius_m, "TOR radius in metres (default 1500)");
    cmd.add_option("--rail", step.rail,
                   "rail graph source, or 'catalog'; without it the service component is empty");
    cmd.add_option("--comuni", step.comuni,
                   "comuni with zones, or 'catalog'; without them comune and zone are empty");
    cmd.add_option("--id-field", step.analysis.brownfield_id, "brownfield id field (default id)");
    cmd.add_option("--name-field", step.analysis.brownfield_name,
                   "brownfield name field (default name)");
    cmd.add_option("--class-field", step.analysis.brownfield_class,
                   "competitiveness class field (default class)");
    cmd.add_option("--station-id-field", step.analysis.station_id,
                   "station id field for a station source");
    cmd.add_option("--station-name-field", step.analysis.station_name,
                   "station name field for a station source");
    cmd.add_option("--postgis", step.postgis, "also write the ranking to this PG: connection");
    cmd.add_option("--postgis-table", step.postgis_table,
                   "PostGIS table for the ranking (default tor_brownfields_ranked)");
    cmd.add_flag("--allow-ballpark", step.allow_ballpark,
                 "accept transformations of unknown accuracy");
    cmd.add_option("--out", out, "output folder")->required();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "atlante: metropolitan spatial analysis and thematic cartography for the Città "
        "metropolitana di Torino"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "atlante 0.1.0");
    GlobalOptions global;
    app.add_option("--data", global.data_dir,
                   "data folder (default: $ATLANTE_DATA, else ../shared/data)");
    app.add_option("--catalog-file", global.catalog_file,
                   "catalogue description (default: $ATLANTE_CATALOG, else geodata/cmto.toml)");

    atlante::SourceInfoOptions info;
    bool catalog_summary = false;
    std::string assume_crs;
    CLI::App* info_cmd = app.add_subcommand(
        "info", "describe a vector source, or the data catalogue with --catalog");
    info_cmd->add_option("source", info.source, "file path or PG: connection string");
    info_cmd->add_flag("--catalog", catalog_summary, "summarise the CMTo data catalogue");
    info_cmd->add_option("--layer", info.layer, "layer inside the source (default: all)");
    info_cmd->add_option("--where", info.where, "OGR SQL attribute filter");
    info_cmd->add_option("--crs", info.working_crs, "working CRS (default EPSG:32632)");
    info_cmd->add_option("--assume-crs", assume_crs,
                         "CRS of a source that declares none (e.g. a CSV)");
    info_cmd->add_flag("--allow-ballpark", info.allow_ballpark,
                       "accept transformations of unknown accuracy");

    atlante::TorStep tor;
    std::string tor_out;
    CLI::App* tor_cmd =
        app.add_subcommand("tor", "TOR: rank brownfields within a radius of rail access points");
    add_tor_options(*tor_cmd, tor, tor_out);

    atlante::ReachStep reach;
    std::string reach_out;
    bool reach_no_time = false, cycle_ignores_one_way = false;
    double reach_buffer = reach.reach.modes[0].bands.buffer_m;
    CLI::App* reach_cmd = app.add_subcommand(
        "reach", "walking/cycling isochrones from stations, network TOR, travel time by rail");
    reach_cmd->add_option("--stations", reach.stations, "station source, or 'catalog' (default)");
    reach_cmd->add_flag("--include-metro", reach.include_metro,
                        "catalogue stations: include Torino metro stations");
    reach_cmd->add_option("--roads", reach.roads, "road line source, or 'catalog' (default)");
    reach_cmd->add_option("--roads-where", reach.roads_where, "OGR SQL filter on road edges");
    reach_cmd->add_option("--roads-from", reach.road_fields.from_field,
                          "node-id field of an edge's start ('' = endpoints make the nodes)");
    reach_cmd->add_option("--roads-to", reach.road_fields.to_field, "node-id field of its end");
    reach_cmd->add_option("--roads-oneway", reach.road_fields.oneway_field,
                          "one-way flag field ('' = all two-way)");
    reach_cmd->add_option("--snap-limit", reach.reach.snap_limit_m,
                          "farthest a station may lie from a street, m (250)");
    reach_cmd->add_option("--walk-speed", reach.reach.modes[0].mode.speed_kmh, "km/h (4.8)");
    reach_cmd->add_option("--walk-minutes", reach.reach.modes[0].bands.minutes,
                          "walking bands, increasing (5 10 15 30)");
    reach_cmd->add_option("--cycle-speed", reach.reach.modes[1].mode.speed_kmh, "km/h (15)");
    reach_cmd->add_option("--cycle-minutes", reach.reach.modes[1].bands.minutes,
                          "cycling bands, increasing (15 30 45)");
    reach_cmd->add_flag("--cycle-ignores-one-way", cycle_ignores_one_way,
                        "let bicycles ride against one-way streets");
    reach_cmd->add_option("--buffer", reach_buffer,
                          "isochrone corridor each side of a reached street, m (50)");
    reach_cmd->add_option("--brownfields", reach.brownfields,
                          "network TOR on these brownfields (a source, or 'demo')");
    reach_cmd->add_option("--radius", reach.tor.radius_m, "network TOR radius, m (1500)");
    reach_cmd->add_option("--origin", reach.time.origin,
                          "travel-time origin station (Torino Porta Susa)");
    reach_cmd->add_option("--access-speed", reach.time.access_speed_kmh,
                          "comune to station, km/h (30)");
    reach_cmd->add_option("--line-speed", reach.time.rail.default_speed_kmh,
                          "rail commercial speed, km/h (60)");
    reach_cmd->add_option("--dwell", reach.time.rail.dwell_s, "dwell per stop, s (60)");
    reach_cmd->add_option("--transfer", reach.time.rail.transfer_s, "line change, s (300)");
    reach_cmd->add_flag("--no-travel-time", reach_no_time, "skip the travel time by rail");
    reach_cmd->add_option("--out", reach_out, "output folder")->required();

    atlante::DemoStep demo;
    std::string demo_out;
    std::size_t demo_count = demo.options.count;
    std::uint64_t demo_seed = demo.options.seed;
    bool demo_overlaps = false;
    CLI::App* demo_cmd = app.add_subcommand(
        "demo-brownfields",
        "write the demonstration brownfield layer (dati dimostrativi, non reali)");
    demo_cmd->add_option("--out", demo_out, "output file (.gpkg, .geojson, .fgb, .shp, .csv)")
        ->required();
    demo_cmd->add_option("--count", demo_count, "number of sites (default 133)")
        ->check(CLI::PositiveNumber);
    demo_cmd->add_option("--seed", demo_seed, "random seed (default 20211)");
    demo_cmd->add_flag("--allow-overlaps", demo_overlaps,
                       "let sites overlap (needed for very large counts)");

    atlante::BandsStep bands;
    std::string bands_out;
    CLI::App* bands_cmd = app.add_subcommand(
        "bands", "altimetric bands: the band of every comune and the band polygons");
    bands_cmd->add_option("--method", bands.method, "istat (default) or dem")
        ->check(CLI::IsMember({"istat", "dem"}));
    bands_cmd->add_option("--comuni", bands.comuni,
                          "polygons instead of the catalogue's comuni (with its fields)");
    bands_cmd->add_option("--dem", bands.dem,
                          "DEM raster for --method dem (any GDAL raster with a CRS)");
    bands_cmd->add_option("--mountain-elevation", bands.rule.mountain_elevation_m,
                          "dem: elevation (m) above which a cell is mountain (600)");
    bands_cmd->add_option("--mountain-share", bands.rule.mountain_share,
                          "dem: share of cells above it that makes montagna (0.5)");
    bands_cmd->add_option("--plain-mean", bands.rule.plain_mean_m,
                          "dem: highest mean elevation (m) of pianura (300)");
    bands_cmd->add_option("--plain-relief", bands.rule.plain_relief_m,
                          "dem: highest relief max-min (m) of pianura (300)");
    bands_cmd->add_option("--out", bands_out, "output folder")->required();

    atlante::DensityStep density;
    std::string density_out;
    CLI::App* density_cmd = app.add_subcommand(
        "density", "population, area and services per band, zone, comune or field");
    density_cmd->add_option("--services", density.services,
                            "'hospitals' (the catalogue's, default), a source, or '' for none");
    density_cmd->add_option("--services-layer", density.services_layer,
                            "layer inside the services source");
    density_cmd->add_option("--services-where", density.services_where,
                            "OGR SQL filter on services");
    density_cmd->add_option("--by", density.by,
                            "band (default), zone, comune, or a field of the comuni");
    density_cmd->add_option("--type-field", density.type_field,
                            "service type field (counted per group)");
    density_cmd->add_option("--beds-field", density.beds_field,
                            "service attribute summed per group (beds)");
    density_cmd->add_option("--population-year", density.population_year,
                            "population year (default: the catalogue's, 2020)");
    density_cmd->add_option("--change-from", density.change_from_year,
                            "also the population change since this year");
    density_cmd->add_option("--band-method", density.bands.method, "istat (default) or dem")
        ->check(CLI::IsMember({"istat", "dem"}));
    density_cmd->add_option("--comuni", density.bands.comuni,
                            "polygons instead of the catalogue's comuni (with its fields)");
    density_cmd->add_option("--dem", density.bands.dem, "DEM raster for --band-method dem");
    density_cmd->add_option("--out", density_out, "output folder")->required();

    // run, map, atlas and validate all read a project file: one set of options serves them
    // (only one subcommand is ever parsed).
    std::string project_file;
    atlante::RunOptions project_run;
    auto project_command = [&](const char* name, const char* description) {
        CLI::App* cmd = app.add_subcommand(name, description);
        cmd->add_option("project", project_file, "project file (TOML)")->required();
        return cmd;
    };
    CLI::App* run_cmd = project_command("run", "run every step of a project file");
    CLI::App* map_cmd = project_command("map", "render one map of a project file (PDF, SVG, PNG)");
    map_cmd->add_option("--map", project_run.only_map, "the map's name")->required();
    CLI::App* atlas_cmd =
        project_command("atlas", "render one atlas of a project file (multi-page PDF)");
    atlas_cmd->add_option("--atlas", project_run.only_atlas, "the atlas's name")->required();
    for (CLI::App* cmd : {run_cmd, map_cmd, atlas_cmd})
        cmd->add_option("--out", project_run.output_dir, "output folder (default: the project's)");
    CLI::App* validate_cmd = project_command("validate", "check a project file without running it");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    try {
        atlante::Progress progress;
        if (info_cmd->parsed()) {
            if (catalog_summary == !info.source.empty()) {
                std::fprintf(stderr, "atlante info: give either a SOURCE or --catalog\n");
                return 2;
            }
            if (!assume_crs.empty()) info.assume_crs = assume_crs;
            if (catalog_summary) {
                const atlante::Catalog catalog =
                    atlante::Catalog::open_default(global.catalog_file, global.data_dir);
                std::cout << atlante::describe_catalog(catalog, progress);
            } else {
                std::cout << atlante::describe_source(info);
            }
        } else if (tor_cmd->parsed()) {
            // Relative sources start at the working folder; outputs go straight into --out.
            atlante::StepContext context(std::filesystem::current_path(), tor_out,
                                         global.catalog_file, global.data_dir, progress);
            tor.out = ".";
            const atlante::TorStepReport report = atlante::run_tor_step(tor, context);
            std::cout << atlante::describe_tor(tor, report);
        } else if (reach_cmd->parsed()) {
            atlante::StepContext context(std::filesystem::current_path(), reach_out,
                                         global.catalog_file, global.data_dir, progress);
            reach.out = ".";
            reach.travel_time = !reach_no_time;
            reach.reach.modes[1].mode.honour_one_way = !cycle_ignores_one_way;
            for (auto& m : reach.reach.modes) m.bands.buffer_m = reach_buffer;
            reach.tor.snap_limit_m = reach.reach.snap_limit_m;
            std::cout << atlante::describe_reach(atlante::run_reach_step(reach, context));
        } else if (bands_cmd->parsed() || density_cmd->parsed()) {
            const std::string out = bands_cmd->parsed() ? bands_out : density_out;
            atlante::StepContext context(std::filesystem::current_path(), out, global.catalog_file,
                                         global.data_dir, progress);
            if (bands_cmd->parsed()) {
                bands.out = ".";
                const auto report = atlante::run_bands_step(bands, context);
                std::cout << atlante::describe_bands(report,
                                                     report.metadata.at("POPULATION_FIELD"));
            } else {
                density.out = ".";
                std::cout << atlante::describe_density(atlante::run_density_step(density, context));
            }
        } else if (demo_cmd->parsed()) {
            const std::filesystem::path out = std::filesystem::absolute(demo_out);
            atlante::StepContext context(std::filesystem::current_path(), out.parent_path(),
                                         global.catalog_file, global.data_dir, progress);
            demo.options.count = demo_count;
            demo.options.seed = demo_seed;
            demo.options.avoid_overlaps = !demo_overlaps;
            demo.out = out.filename().string();
            const std::string path = atlante::run_demo_step(demo, context);
            progress.clear();
            std::cout << "wrote " << demo_count << " demonstration brownfields ("
                      << atlante::kDemoSourceNote << ") to " << path << "\n";
        } else {  // run, map, atlas or validate
            project_run.data_dir = global.data_dir;
            project_run.catalog_file = global.catalog_file;
            const atlante::Project project = atlante::read_project(project_file);
            std::cout << (validate_cmd->parsed()
                              ? atlante::validate_project(project, project_run)
                              : atlante::run_project(project, project_run, progress));
        }
    } catch (const atlante::Error& e) {
        std::fprintf(stderr, "atlante: error: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "atlante: internal error: %s\n", e.what());
        return 3;
    }
    return 0;
}
