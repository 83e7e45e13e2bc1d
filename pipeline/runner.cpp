#include "pipeline/runner.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include "geodata/catalog_spec.hpp"
#include "layers/atomic_output.hpp"
#include "layers/gpkg_styles.hpp"
#include "layers/read_log.hpp"
#include "layers/writer.hpp"
#include "pipeline/layer_styles.hpp"
#include "pipeline/output_folder.hpp"
#include "pipeline/report/run_manifest.hpp"
#include "pipeline/run_plan.hpp"
#include "pipeline/step_context.hpp"

namespace atlante {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

StepResult run_step(const Step& step, StepContext& context) {
    const auto start = Clock::now();
    std::vector<std::string> inputs;
    StepResult result;
    {
        const ReadRecorder recorder(inputs);
        result = step.run(context);
    }
    result.inputs = std::move(inputs);
    result.options = step.options_json();
    result.seconds = seconds_since(start);
    return result;
}

// Runs the plan on `threads` workers: a step starts when the steps it reads from are done.
// After a failure no step starts; the first failure in the plan's order is rethrown.
std::vector<StepResult> execute(const RunPlan& plan, StepContext& context, unsigned threads) {
    const std::size_t n = plan.steps.size();
    enum class State { Waiting, Running, Done, Failed };
    std::vector<State> state(n, State::Waiting);
    std::vector<StepResult> results(n);
    std::vector<std::exception_ptr> errors(n);
    std::mutex mutex;
    std::condition_variable changed;
    bool failed = false;
    auto ready = [&](std::size_t i) {
        return std::all_of(plan.needs[i].begin(), plan.needs[i].end(),
                           [&](std::size_t d) { return state[d] == State::Done; });
    };
    auto worker = [&] {
        std::unique_lock lock(mutex);
        for (;;) {
            std::size_t next = n;
            bool waiting = false;
            for (std::size_t i = 0; i < n && !failed; ++i)
                if (state[i] == State::Waiting) {
                    waiting = true;
                    if (ready(i)) {
                        next = i;
                        break;
                    }
                }
            if (next == n) {
                if (failed || !waiting) return;
                changed.wait(lock);
                continue;
            }
            state[next] = State::Running;
            lock.unlock();
            try {
                results[next] = run_step(*plan.steps[next], context);
                lock.lock();
                state[next] = State::Done;
            } catch (...) {
                lock.lock();
                errors[next] = std::current_exception();
                state[next] = State::Failed;
                failed = true;
            }
            changed.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (std::thread& t : pool) t.join();
    context.progress().clear();
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
    return results;
}

std::filesystem::path output_folder(const Project& project, const RunOptions& options) {
    if (!options.output_dir.empty()) return std::filesystem::path(options.output_dir);
    return (project.base_dir / project.options.output).lexically_normal();
}

RunManifest manifest_of(const Project& project, const RunOptions& options, const RunPlan& plan,
                        const std::vector<StepResult>& results, const std::string& staging) {
    RunManifest manifest;
    manifest.project_name = project.options.name;
    manifest.project_file = project.file;
    manifest.data_dir = data_directory(options.data_dir).string();
    manifest.output_dir = staging;
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const Step& step = *plan.steps[i];
        const StepResult& r = results[i];
        manifest.steps.push_back({step.kind().name, step.name(), r.seconds, r.options, r.facts,
                                  r.inputs, r.files, r.warnings});
        for (const ReportTable& t : r.tables) manifest.tables.push_back(t);
        for (const std::string& s : r.sources) manifest.sources.push_back(s);
    }
    std::sort(manifest.sources.begin(), manifest.sources.end());
    manifest.sources.erase(std::unique(manifest.sources.begin(), manifest.sources.end()),
                           manifest.sources.end());
    return manifest;
}

// The same style asked twice (an atlas asks for its template map's, and the map may have run
// too): the first request stands, so a later copy cannot unset the default it gave.
void drop_repeated_styles(std::vector<StepResult>& results) {
    std::set<std::tuple<std::string, std::string, std::string, const Layer*>> seen;
    for (StepResult& result : results) {
        auto& styles = result.output_styles;
        styles.erase(
            std::remove_if(
                styles.begin(), styles.end(),
                [&](const OutputStyle& s) {
                    return !seen.insert({s.producer, s.style.table, s.style.name, s.layer}).second;
                }),
            styles.end());
    }
}

// The GeoPackages the steps named `producer` wrote (any step's when empty) that hold `table`.
std::vector<std::string> producer_geopackages(const RunPlan& plan,
                                              const std::vector<StepResult>& results,
                                              const std::string& producer,
                                              const std::string& table) {
    std::vector<std::string> found;
    for (std::size_t p = 0; p < plan.steps.size(); ++p) {
        if (!producer.empty() && plan.steps[p]->kind().name != producer) continue;
        for (const std::string& file : results[p].files)
            if (std::filesystem::path(file).extension() == ".gpkg" && gpkg_has_layer(file, table))
                found.push_back(file);
    }
    return found;
}

// A layer a map draws from a step that published it without writing it (the reach step's road
// network): the run copies it into layers.gpkg, as a catalogue layer.
void route_unwritten_layers(const RunPlan& plan, std::vector<StepResult>& results) {
    for (StepResult& result : results)
        for (OutputStyle& request : result.output_styles)
            if (request.producer != "catalog" && request.layer &&
                producer_geopackages(plan, results, request.producer, request.style.table).empty())
                request.producer = "catalog";
}

// Each map's style of the layers it draws goes into the GeoPackage of the step that wrote them,
// in the plan's order: the first map drawing a layer gives it its default style, later maps add
// theirs as alternatives (QGIS: Layer Properties > Style).
void write_output_styles(const RunPlan& plan, const std::vector<StepResult>& results) {
    std::set<std::pair<std::string, std::string>> styled;  // (file, layer) given a map's default
    for (const StepResult& result : results)
        for (const OutputStyle& request : result.output_styles) {
            if (request.producer == "catalog") continue;  // layers.gpkg carries those
            for (const std::string& file :
                 producer_geopackages(plan, results, request.producer, request.style.table)) {
                GpkgLayerStyle style = request.style;
                style.use_as_default = styled.insert({file, style.table}).second;
                write_layer_styles(file, {style});
            }
        }
}

// The layers the run copies into FOLDER/layers.gpkg, and the name each got there.
struct CopiedLayers {
    std::string file;  // "" when none
    std::map<const Layer*, std::string> tables;
};

// The catalogue layers (and the user's files) the maps draw, once each under its catalogue name
// ("comuni") or its own, into FOLDER/layers.gpkg with atlante's default style and each map's: a
// QGIS user gets every layer of a map from the run's folder, never from the data folder.
CopiedLayers write_catalog_layers(const std::vector<StepResult>& results,
                                  const std::filesystem::path& folder) {
    std::vector<Layer> layers;
    std::vector<GpkgLayerStyle> styles;
    CopiedLayers copied;
    std::set<std::string> named;
    for (const StepResult& result : results)
        for (const OutputStyle& request : result.output_styles) {
            if (request.producer != "catalog" || !request.layer) continue;
            GpkgLayerStyle style = request.style;
            const auto known = copied.tables.find(request.layer);
            if (known != copied.tables.end()) {
                style.table = known->second;
                style.use_as_default = false;  // a later map's: an alternative
                styles.push_back(style);
                continue;
            }
            // Two different layers of the same name (a file called like a catalogue layer).
            for (int n = 2; !named.insert(style.table).second; ++n)
                style.table = request.style.table + "_" + std::to_string(n);
            copied.tables[request.layer] = style.table;
            layers.push_back(request.layer->clone());
            layers.back().set_name(style.table);
            const auto defaults = default_styles({&layers.back()});
            styles.insert(styles.end(), defaults.begin(), defaults.end());
            styles.push_back(style);  // the first map's: the default
        }
    if (layers.empty()) return copied;
    std::vector<const Layer*> pointers;
    for (const Layer& l : layers) pointers.push_back(&l);
    WriteOptions options;
    options.metadata["SOURCES"] = "atlante: i livelli del catalogo disegnati dalle mappe";
    options.styles = std::move(styles);
    copied.file = (folder / "layers.gpkg").string();
    write_layers(pointers, copied.file, options);
    return copied;
}

// "../tor/tor.gpkg|layername=tor_discs": where a QGIS project in `project_dir` finds a layer.
std::string relative_source(const std::string& file, const std::string& table,
                            const std::filesystem::path& project_dir) {
    std::string path = std::filesystem::relative(file, project_dir).generic_string();
    if (path.rfind("../", 0) != 0) path = "./" + path;
    return path + "|layername=" + table;
}

// The GeoPackage of the run that holds `layer`: the copy in layers.gpkg, or the GeoPackage of
// the step that made it.
std::string run_file_of(const RunPlan& plan, const std::vector<StepResult>& results,
                        const CopiedLayers& copied, const std::string& producer, const Layer& layer,
                        std::string& table) {
    if (const auto c = copied.tables.find(&layer); c != copied.tables.end()) {
        table = c->second;
        return copied.file;
    }
    table = layer.name();
    const auto files = producer_geopackages(plan, results, producer, table);
    if (!files.empty()) return files.front();
    throw Error("QGIS project: the layer '" + layer.name() + "' (" + producer +
                ") is in no GeoPackage of the run");
}

// Each map's and atlas's QGIS project (maps/NAME.qgz, atlases/NAME.qgz), pointing at the run's
// GeoPackages; added to the files of the step that asked for it.
void write_qgis_projects(const RunPlan& plan, std::vector<StepResult>& results,
                         const CopiedLayers& copied, const Crs& working) {
    for (StepResult& result : results)
        for (const QgisProjectRequest& request : result.qgis_projects) {
            const std::filesystem::path dir = request.file.parent_path();
            QgisMapData data;
            data.sources_top_mm = request.sources_top_mm;
            data.info_top_mm = request.info_top_mm;
            for (std::size_t i = 0; i < request.map.layers.size(); ++i) {
                std::string table;
                const std::string file = run_file_of(plan, results, copied, request.producers[i],
                                                     *request.map.layers[i].layer, table);
                data.layers.push_back(relative_source(file, table, dir));
            }
            if (!request.atlas && request.map.overview && request.map.overview->layer) {
                std::string table;
                const std::string file =
                    run_file_of(plan, results, copied, "", *request.map.overview->layer, table);
                data.overview = relative_source(file, table, dir);
            }
            QgisProject project = qgis_map_project(request.map, data, qgis_crs(working),
                                                   request.atlas ? &*request.atlas : nullptr);
            // GeoPackages are in the run's output CRS: a layer says so when it is not the map's.
            for (QgisLayer& layer : project.layers) {
                const auto bar = layer.source.find("|layername=");
                const std::optional<Crs> crs = gpkg_layer_crs(
                    (dir / layer.source.substr(0, bar)).string(), layer.source.substr(bar + 11));
                if (crs && !crs->equivalent_to(working)) layer.crs = qgis_crs(*crs);
            }
            write_qgz(project, request.file);
            result.files.push_back(request.file.string());
        }
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

}  // namespace

RunReport run_project(const Project& project, const RunOptions& options, ProgressSink& progress) {
    const auto start = Clock::now();
    const RunPlan plan = plan_run(project, options.only_kind, options.only_name);
    RunReport report;
    report.output = output_folder(project, options);
    const std::string catalog_file = project_catalog_file(project, options.catalog_file);

    // A run writes into a folder of its own (new, empty, or an earlier run's); a run that only
    // writes one named file (no run.json) into a folder of the user's, not the root or home.
    if (options.manifest)
        check_output_folder(report.output);
    else
        check_not_a_system_folder(report.output);
    StagedOutputs run_outputs(report.output);
    const std::string staging = run_outputs.staging().string();
    RunSettings settings{
        project.base_dir,
        staging,
        catalog_file,
        options.data_dir,
        options.output_crs.empty() ? project.options.output_crs : options.output_crs,
        options.csv_dialect.empty() ? project.options.csv_dialect : options.csv_dialect};
    StepContext context(settings, progress, &project);
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(
        options.jobs ? options.jobs : cores, std::max<std::size_t>(1, plan.steps.size())));
    report.results = execute(plan, context, threads);
    drop_repeated_styles(report.results);
    route_unwritten_layers(plan, report.results);
    write_output_styles(plan, report.results);
    const CopiedLayers copied = write_catalog_layers(report.results, staging);
    write_qgis_projects(plan, report.results, copied, context.working_crs());
    const std::string& catalog_layers = copied.file;
    for (const Step* step : plan.steps)
        report.steps.push_back({step->kind().name, step->name(), step->label()});

    report.text = "Project: " + project.options.name +
                  (project.file.empty() ? "" : " (" + project.file + ")") +
                  "\nOutput:  " + report.output.string() + "\n";
    for (const std::filesystem::path& stale : run_outputs.stale_removed())
        report.text += "Removed " + stale.filename().string() +
                       ", the staging folder of an earlier run that was stopped (its process is "
                       "gone)\n";
    char line[160];
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        std::snprintf(line, sizeof line, "\n[%s] %.2f s\n", plan.steps[i]->label().c_str(),
                      report.results[i].seconds);
        report.text += line + step_text(report.results[i]);
    }
    if (!catalog_layers.empty())
        report.text +=
            "\n[layers]\n  " + catalog_layers + " (the catalogue layers the maps draw)\n";
    report.seconds = seconds_since(start);
    if (options.manifest) {
        RunManifest manifest = manifest_of(project, options, plan, report.results, staging);
        manifest.seconds = report.seconds;
        manifest.project_options = project_options_json(project);
        report.text += "\n[report]\n";
        for (const std::string& f : write_run_manifest(manifest, options.html_report))
            report.text += "  " + f + "\n";
    }
    run_outputs.commit();
    // Paths name where the files are now, not where they were written.
    const std::string landed = report.output.string();
    replace_all(report.text, staging, landed);
    for (StepResult& r : report.results)
        for (std::string& f : r.files) replace_all(f, staging, landed);
    for (StepResult& r : report.results) replace_all(r.summary, staging, landed);
    return report;
}

}  // namespace atlante
