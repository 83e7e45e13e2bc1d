// atlante: the command-line tool. Every step's subcommand is made from the step's own option
// schema (cli/step_command), so the command line and the project file cannot disagree.
// Exit codes: 0 success, 1 bad input, 2 usage error, 3 internal error.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include <cpl_error.h>

#include <filesystem>

#include "cli/help_command.hpp"
#include "cli/info_command.hpp"
#include "cli/interrupt.hpp"
#include "cli/sql_command.hpp"
#include "cli/step_command.hpp"
#include "cli/terminal_progress.hpp"
#include "layers/error.hpp"
#include "pipeline/run_plan.hpp"
#include "pipeline/runner.hpp"
#include "pipeline/step_registry.hpp"

namespace {

using namespace atlante;

struct GlobalOptions {
    std::string data_dir, catalog_file;
};

// `--out ""` names no folder: refused, not read as "here".
const CLI::Validator kNotEmpty(
    [](std::string& value) { return value.empty() ? std::string("an empty folder name") : ""; },
    "FOLDER");

// `info`: a vector source, or the catalogue.
struct InfoCommand {
    explicit InfoCommand(CLI::App& app) {
        command = app.add_subcommand(
            "info", "describe a vector source, or the data catalogue with --catalog");
        command->add_option("source", options.source, "file path or PG: connection string");
        command->add_flag("--catalog", catalog, "summarise the data catalogue");
        command->add_option("--layer", options.layer, "layer inside the source (default: all)");
        command->add_option("--where", options.read.where, "OGR SQL attribute filter");
        command->add_option("--crs", options.working_crs, "working CRS (default EPSG:32632)");
        command->add_option("--assume-crs", assume_crs,
                            "CRS of a source that declares none (e.g. a CSV)");
        command->add_flag("--allow-ballpark", options.allow_ballpark,
                          "accept transformations of unknown accuracy");
        command->add_option("--encoding", options.read.encoding,
                            "text encoding of a source that does not say (CP1252)");
        command->add_option("--wkt", options.read.wkt_field, "CSV: the WKT column");
        command->add_option("--x", options.read.x_field, "CSV: the x or longitude column");
        command->add_option("--y", options.read.y_field, "CSV: the y or latitude column");
        command->add_option("--separator", options.read.separator, "CSV: , ; tab |");
        command->add_option("--decimal", options.read.decimal, "CSV: the decimal mark, . or ,");
    }
    std::string run(const GlobalOptions& global, ProgressSink& progress) {
        if (catalog == !options.source.empty())
            throw UsageError("atlante info: give either a SOURCE or --catalog");
        if (!assume_crs.empty()) options.read.assume_crs = assume_crs;
        if (!catalog) return describe_source(options);
        const Catalog cat = Catalog::open_default(global.catalog_file, global.data_dir);
        return describe_catalog(cat, progress);
    }
    CLI::App* command = nullptr;
    SourceInfoOptions options;
    bool catalog = false;
    std::string assume_crs;
};

// run, validate, and the map and atlas subcommands read a project file.
struct ProjectArguments {
    std::string file, out, only, output_crs, csv_dialect;
    unsigned jobs = 0;
};

RunOptions run_options(const GlobalOptions& global, const ProjectArguments& args) {
    RunOptions options;
    options.output_dir = args.out;
    options.data_dir = global.data_dir;
    options.catalog_file = global.catalog_file;
    options.jobs = args.jobs;
    options.output_crs = args.output_crs;
    options.csv_dialect = args.csv_dialect;
    return options;
}

void set_out(Step& step, const std::string& value) {
    OptionSet options;
    step.declare(options);
    options.find("out")->store(value);
}

// A step of the command line alone, in a project of its own (files relative to the working
// folder), writing into --out.
std::string run_standalone(const StepCommand& command, const std::string& out,
                           const GlobalOptions& global, ProgressSink& progress) {
    Project project;
    project.base_dir = std::filesystem::current_path();
    project.options.name = "atlante " + command.kind().name;
    std::unique_ptr<Step> step = command.kind().make();
    command.apply(*step);
    RunOptions options;
    options.data_dir = global.data_dir;
    options.catalog_file = global.catalog_file;
    options.html_report = false;
    if (command.kind().name == "demo_brownfields") {  // --out names the file it writes
        const std::filesystem::path file = std::filesystem::absolute(out);
        options.output_dir = file.parent_path().string();
        options.manifest = false;
        set_out(*step, file.filename().string());
    } else {
        options.output_dir = out;
        set_out(*step, ".");
    }
    project.steps.push_back(std::move(step));
    check_project(project);
    return step_text(run_project(project, options, progress).results.front());
}

// `atlante map PROJECT --map NAME [flags]`: one map of a project (and the steps it reads),
// its options overridden by the flags; without a project, the map the flags describe.
std::string run_one(const StepCommand& command, const ProjectArguments& args,
                    const GlobalOptions& global, ProgressSink& progress) {
    const std::string& kind = command.kind().name;
    Project project;
    if (!args.file.empty()) {
        project = read_project(args.file);
    } else {
        if (kind != "map") throw UsageError("atlante " + kind + " needs a project file");
        project.base_dir = std::filesystem::current_path();
        project.options.name = "atlante map";
        project.steps.push_back(command.kind().make());
    }
    Step* step = nullptr;
    const bool repeated = command.kind().repeated;
    for (auto& s : project.steps)
        if (s->kind().name == kind && (args.file.empty() || !repeated || s->name() == args.only))
            step = s.get();
    if (!step && !repeated) throw UsageError(args.file + " has no [" + kind + "] table");
    if (!step && args.only.empty())
        throw UsageError("atlante " + kind + " PROJECT needs --" + kind + " NAME");
    if (!step) plan_run(project, kind, args.only);  // throws: no such name, with the names

    command.apply(*step);
    check_project(project);
    RunOptions options = run_options(global, args);
    options.only_kind = kind;
    options.only_name = step->name();
    options.html_report = false;
    return run_project(project, options, progress).text;
}

}  // namespace

int main(int argc, char** argv) {
    // Ctrl-C or kill during a run removes what it was writing (before any thread starts).
    const InterruptGuard interrupts;
    // GDAL's messages are read where they matter (gdal::ErrorCapture), never printed raw.
    CPLSetErrorHandler(CPLQuietErrorHandler);
    CLI::App app{
        "atlante: metropolitan spatial analysis and thematic cartography for the Città "
        "metropolitana di Torino"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("atlante ") + ATLANTE_VERSION);
    GlobalOptions global;
    app.add_option("--data", global.data_dir,
                   "data folder (default: $ATLANTE_DATA, else ../shared/data)");
    app.add_option("--catalog-file", global.catalog_file,
                   "the catalogue: a shipped one by name (cmto, italia) or a file (default: "
                   "$ATLANTE_CATALOG, else cmto)");

    InfoCommand info(app);

    std::string help_step;
    bool markdown = false;
    CLI::App* help_cmd = app.add_subcommand("help", "a step's options (atlante help tor)");
    help_cmd->add_option("step", help_step, "a step, or 'project'");
    help_cmd->add_flag("--markdown", markdown, "every step's options as the README's tables");

    ProjectArguments project_args;
    CLI::App* run_cmd = app.add_subcommand("run", "run every step of a project file");
    run_cmd->add_option("project", project_args.file, "project file (TOML)")->required();
    run_cmd->add_option("--out", project_args.out, "output folder (default: the project's)")
        ->check(kNotEmpty);
    run_cmd->add_option("--jobs", project_args.jobs, "steps side by side (default: one per core)")
        ->check(CLI::Range(1u, 64u));
    run_cmd->add_option("--output-crs", project_args.output_crs,
                        "GeoPackages in this CRS (default: the project's output_crs)");
    run_cmd->add_option("--csv-dialect", project_args.csv_dialect, "rfc4180 or excel-it")
        ->check(CLI::IsMember({"rfc4180", "excel-it"}));
    CLI::App* validate_cmd =
        app.add_subcommand("validate", "check a project file without running it");
    validate_cmd->add_option("project", project_args.file, "project file (TOML)")->required();
    const SqlCommand sql(app);

    std::vector<std::unique_ptr<StepCommand>> steps;
    std::string step_out;
    for (const StepKind* kind : step_kinds()) {
        steps.push_back(std::make_unique<StepCommand>(app, *kind, !kind->needs_project));
        CLI::App& cmd = steps.back()->command();
        if (kind->needs_project) {
            cmd.add_option("project", project_args.file, "project file (TOML)");
            if (kind->repeated)  // [[map]], [[atlas]]: one of them, by name
                cmd.add_option("--" + kind->name, project_args.only,
                               "the " + kind->name + " of the project to draw, by name");
            cmd.add_option("--out", project_args.out, "output folder (default: the project's)")
                ->check(kNotEmpty);
        } else {
            cmd.add_option("--out", step_out,
                           kind->name == "demo_brownfields"
                               ? "output file (.gpkg, .geojson, .fgb, .shp, .csv)"
                               : "output folder")
                ->required()
                ->check(kNotEmpty);
        }
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version exit 0; every other parse error is a usage error.
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }

    try {
        global.catalog_file = resolve_catalog_file(global.catalog_file, ".");
        TerminalProgress progress;
        if (info.command->parsed()) {
            std::cout << info.run(global, progress);
        } else if (help_cmd->parsed()) {
            std::cout << (markdown            ? options_markdown()
                          : help_step.empty() ? steps_overview()
                                              : step_help(help_step));
        } else if (sql.parsed()) {
            std::cout << sql.run(global.catalog_file, global.data_dir);
        } else if (validate_cmd->parsed()) {
            std::cout << validate_project(read_project(project_args.file),
                                          run_options(global, project_args));
        } else if (run_cmd->parsed()) {
            const Project project = read_project(project_args.file);
            std::cout << run_project(project, run_options(global, project_args), progress).text;
        } else {
            for (const auto& step : steps) {
                if (!step->parsed()) continue;
                std::cout << (step->kind().needs_project
                                  ? run_one(*step, project_args, global, progress)
                                  : run_standalone(*step, step_out, global, progress));
            }
        }
    } catch (const UsageError& e) {
        std::fprintf(stderr, "atlante: usage error: %s\n", e.what());
        return 2;
    } catch (const Error& e) {
        std::fprintf(stderr, "atlante: error: %s\n", e.what());
        return 1;
    } catch (const std::filesystem::filesystem_error& e) {
        // A path the system refuses (a symlink loop, a name too long, no permission) is bad
        // input, not a fault of atlante's.
        std::fprintf(stderr, "atlante: error: '%s': %s\n", e.path1().c_str(),
                     e.code().message().c_str());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "atlante: internal error: %s\n", e.what());
        return 3;
    }
    return 0;
}
