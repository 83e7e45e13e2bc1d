// atlante: the command-line tool. Subcommands are thin shells over the library's steps.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "cli/info_command.hpp"
#include "engine/progress.hpp"
#include "layers/error.hpp"

int main(int argc, char** argv) {
    CLI::App app{
        "atlante: metropolitan spatial analysis and thematic cartography for the Città "
        "metropolitana di Torino"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "atlante 0.1.0");

    std::string data_dir, catalog_file;
    app.add_option("--data", data_dir, "data folder (default: $ATLANTE_DATA, else ../shared/data)");
    app.add_option("--catalog-file", catalog_file,
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

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    try {
        if (info_cmd->parsed()) {
            if (catalog_summary == !info.source.empty()) {
                std::fprintf(stderr, "atlante info: give either a SOURCE or --catalog\n");
                return 2;
            }
            if (!assume_crs.empty()) info.assume_crs = assume_crs;
            if (catalog_summary) {
                atlante::Progress progress;
                const atlante::Catalog catalog =
                    atlante::Catalog::open_default(catalog_file, data_dir);
                std::cout << atlante::describe_catalog(catalog, progress);
            } else {
                std::cout << atlante::describe_source(info);
            }
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
