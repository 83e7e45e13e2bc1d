#include "pipeline/project.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "geodata/catalog_spec.hpp"
#include "geodata/strict_table.hpp"
#include "layers/error.hpp"
#include "pipeline/captions.hpp"
#include "pipeline/options/nearest_name.hpp"
#include "pipeline/options/toml_options.hpp"
#include "pipeline/run_options.hpp"
#include "pipeline/step_context.hpp"
#include "pipeline/step_registry.hpp"

namespace atlante {

void ProjectOptions::declare(OptionSet& o) {
    o.text("name", name, "the project's name, the report's title")
        .must()
        .caption()
        .not_on_command_line();
    o.text("output", output, "output folder, relative to the project file")
        .not_on_command_line()
        .alias("atlante run --out");
    o.text("catalog", catalog,
           "the data catalogue: \"cmto\" (the default), \"italia\", or a file relative to the "
           "project file")
        .not_on_command_line()
        .alias("atlante --catalog-file");
    o.text("output_crs", output_crs,
           "the CRS of every GeoPackage the run writes (empty: EPSG:32632); GeoJSON stays "
           "EPSG:4326")
        .for_example("EPSG:6707")
        .not_on_command_line()
        .alias("atlante run --output-crs");
    o.choice("csv_dialect", csv_dialect, {"rfc4180", "excel-it"},
             "rfc4180: comma and decimal point; excel-it: semicolon, decimal comma and a byte "
             "order mark, as Italian Excel and LibreOffice open them")
        .not_on_command_line()
        .alias("atlante run --csv-dialect");
}

void check_output_crs(const std::string& crs, const OptionOrigin& origin, const std::string& key) {
    if (crs.empty()) return;
    try {
        Crs::from_user_input(crs);
    } catch (const Error& e) {
        origin.fail(key, e.message());
    }
}

const Step* Project::single(const std::string& kind) const {
    for (const auto& step : steps)
        if (step->kind().name == kind && !step->kind().repeated) return step.get();
    return nullptr;
}

const Step* Project::find(const std::string& kind, const std::string& name) const {
    for (const auto& step : steps)
        if (step->kind().name == kind && step->name() == name) return step.get();
    return nullptr;
}

std::vector<const Step*> Project::of_kind(const std::string& kind) const {
    std::vector<const Step*> out;
    for (const auto& step : steps)
        if (step->kind().name == kind) out.push_back(step.get());
    return out;
}

std::vector<const Step*> Project::producers(const SourceRef& source) const {
    std::vector<const Step*> out;
    if (source.kind == SourceRef::Kind::Demo) {
        if (const Step* demo = single("demo_brownfields")) out.push_back(demo);
    } else if (source.kind == SourceRef::Kind::StepOutput) {
        for (const Step* step : of_kind(source.step))
            for (const StepOutputDecl& output : step->outputs())
                if (output.name == source.name) out.push_back(step);
    }
    return out;
}

namespace {

TextPosition position_of(const toml::node& node) {
    return {node.source().begin.line, node.source().begin.column};
}

std::unique_ptr<Step> read_step(const StepKind& kind, const toml::node& node,
                                const std::string& path, const std::string& file) {
    std::unique_ptr<Step> step = kind.make();
    step->origin.file = file;
    step->origin.path = path;
    OptionOrigin here{file, "", position_of(node), {}, {}};
    if (!node.is_table()) here.fail(path, "expected a table ([" + kind.name + "])");
    OptionSet options;
    step->declare(options);
    read_toml_options(options, *node.as_table(), step->origin);
    step->finish_options();
    return step;
}

void read_steps(Project& project, const toml::table& root) {
    for (const StepKind* kind : step_kinds()) {
        const toml::node* node = root.get(kind->name);
        if (!node) continue;
        if (!kind->repeated) {
            project.steps.push_back(read_step(*kind, *node, kind->name, project.file));
            continue;
        }
        const toml::array* array = node->as_array();
        if (!array || !array->is_array_of_tables())
            OptionOrigin{project.file, "", position_of(*node), {}, {}}.fail(
                kind->name, "expected an array of tables ([[" + kind->name + "]])");
        for (std::size_t i = 0; i < array->size(); ++i)
            project.steps.push_back(read_step(
                *kind, (*array)[i], kind->name + "[" + std::to_string(i) + "]", project.file));
    }
}

void reject_unknown_tables(const Project& project, const toml::table& root) {
    std::vector<std::string> names{"project"};
    for (const StepKind* kind : step_kinds()) names.push_back(kind->name);
    for (const auto& [key, node] : root) {
        const std::string name(key.str());
        if (std::find(names.begin(), names.end(), name) == names.end())
            OptionOrigin{
                project.file, "", {key.source().begin.line, key.source().begin.column}, {}, {}}
                .fail(name, "unknown table" + did_you_mean(name, names));
    }
}

// Instances of a repeated step must be told apart by name.
void check_names_unique(const Project& project) {
    std::map<std::string, const Step*> seen;
    for (const auto& step : project.steps) {
        if (!step->kind().repeated) continue;
        const auto [it, fresh] = seen.emplace(step->kind().name + "\n" + step->name(), step.get());
        if (fresh) continue;
        const std::string key = step->kind().name == "density" ? "by" : "name";
        step->origin.fail(key, "a second " + step->kind().name + " named '" + step->name() +
                                   "' (the first is " + it->second->origin.path + ")");
    }
}

// The names catalog:NAME may take in this project: the fixed ones, and the catalogue's
// [[levels]], read from its file only when a reference needs them, and then once.
class CatalogNames {
  public:
    explicit CatalogNames(const Project& project) : project_(project) {}
    const std::vector<std::string>& for_name(const std::string& name) {
        const auto& fixed = fixed_catalog_layers();
        if (std::find(fixed.begin(), fixed.end(), name) != fixed.end()) return fixed;
        if (!all_) all_ = catalog_layer_names(read_catalog_spec(project_catalog_file(project_)));
        return *all_;
    }

  private:
    const Project& project_;
    std::optional<std::vector<std::string>> all_;
};

void check_reference(const Project& project, const Step& step, const SourceUse& use,
                     CatalogNames& catalog_names) {
    const SourceRef& ref = use.source;
    // A map or an atlas by its name: "map 'presidi_ospedalieri': …".
    const std::string who =
        step.kind().repeated ? step.kind().name + " '" + step.name() + "': " : std::string();
    if (ref.kind == SourceRef::Kind::Catalog) {
        const std::vector<std::string>& names = catalog_names.for_name(ref.name);
        if (std::find(names.begin(), names.end(), ref.name) == names.end())
            step.origin.fail(use.key, who + "unknown catalogue layer '" + ref.text() + "'" +
                                          did_you_mean(ref.name, names));
    }
    if (!ref.where.empty() && ref.kind != SourceRef::Kind::Catalog && !ref.reads_data())
        step.origin.fail(
            use.key, "'where' filters files, PG: sources and catalogue layers, not " + ref.text());
    if (ref.kind != SourceRef::Kind::StepOutput) return;
    const std::vector<const Step*> makers = project.of_kind(ref.step);
    if (makers.empty()) {
        std::vector<std::string> names;
        for (const StepKind* kind : step_kinds()) names.push_back(kind->name);
        step.origin.fail(use.key, who + "'" + ref.text() + "': the project has no " + ref.step +
                                      " step" +
                                      (step_kind(ref.step) ? "" : did_you_mean(ref.step, names)));
    }
    if (!project.producers(ref).empty()) return;
    std::vector<std::string> outputs;
    std::string list;
    for (const Step* maker : makers)
        for (const StepOutputDecl& o : maker->outputs()) {
            outputs.push_back(o.name);
            list += (list.empty() ? "" : ", ") + o.name;
        }
    step.origin.fail(use.key, who + "'" + ref.text() + "': the " + ref.step + " step makes " +
                                  (list.empty() ? "nothing other steps read" : list) +
                                  did_you_mean(ref.name, outputs));
}

void check_captions_of(OptionSet& options, const std::string& prefix, const Project& project,
                       const Step& step) {
    for (BoundOption& o : options.entries()) {
        const std::string key = prefix + o.spec.key;
        if (o.spec.type == OptionType::Tables) {
            for (std::size_t i = 0; i < o.tables.size(); ++i)
                o.tables.element(i, [&](OptionSet& element) {
                    check_captions_of(element, key + "[" + std::to_string(i) + "].", project, step);
                });
            continue;
        }
        if (!o.spec.is_caption) continue;
        const OptionValue value = o.load();
        std::vector<std::string> texts;
        if (const auto* text = std::get_if<std::string>(&value)) texts.push_back(*text);
        if (const auto* list = std::get_if<std::vector<std::string>>(&value)) texts = *list;
        for (const std::string& text : texts)
            if (const std::string problem = caption_problem(text, project); !problem.empty())
                step.origin.fail(key, problem);
    }
}

}  // namespace

void check_project(const Project& project) {
    check_names_unique(project);
    CatalogNames catalog_names(project);
    for (const auto& step : project.steps) {
        for (const SourceUse& use : step->sources(project)) {
            if (use.borrowed) continue;
            check_reference(project, *step, use, catalog_names);
        }
        OptionSet options = options_of(*step);
        check_captions_of(options, "", project, *step);
        step->check_in(project);
    }
}

namespace {

Project project_of(const toml::table& document, const std::string& file,
                   std::filesystem::path base_dir) {
    Project project;
    project.file = file;
    project.base_dir = std::move(base_dir);
    project.origin = {file, "project", {}, {}, {}};
    const toml::node* table = document.get("project");
    if (!table || !table->is_table())
        OptionOrigin{file, "", {1, 1}, {}, {}}.fail("project", "required table [project], missing");
    OptionSet options;
    project.options.declare(options);
    read_toml_options(options, *table->as_table(), project.origin);
    check_output_crs(project.options.output_crs, project.origin, "output_crs");
    reject_unknown_tables(project, document);
    read_steps(project, document);
    check_project(project);
    return project;
}

}  // namespace

Project read_project(const std::string& file) {
    return project_of(parse_toml_file(file), file, std::filesystem::absolute(file).parent_path());
}

Project parse_project(std::string_view text, const std::string& file,
                      const std::filesystem::path& base_dir) {
    return project_of(parse_toml_text(text, file), file, base_dir);
}

nlohmann::ordered_json project_options_json(const Project& project) {
    OptionSet options;
    const_cast<ProjectOptions&>(project.options).declare(options);
    return options.json();
}

namespace {

void check_files_exist(const Project& project) {
    for (const auto& step : project.steps)
        for (const SourceUse& use : step->sources(project)) {
            if (!use.source.is_file() || use.borrowed) continue;
            const std::filesystem::path path = std::filesystem::path(use.source.path).is_absolute()
                                                   ? std::filesystem::path(use.source.path)
                                                   : project.base_dir / use.source.path;
            std::error_code ec;
            if (!std::filesystem::exists(path, ec))
                step->origin.fail(use.key, "no such file: " + path.lexically_normal().string());
        }
}

}  // namespace

std::string project_catalog_file(const Project& project, const std::string& override_file) {
    return default_catalog_file(
        override_file.empty() ? resolve_catalog_file(project.options.catalog, project.base_dir)
                              : override_file);
}

std::string validate_project(const Project& project, const RunOptions& options) {
    const CatalogSpec spec = read_catalog_spec(project_catalog_file(project, options.catalog_file));
    const std::filesystem::path data = data_directory(options.data_dir);
    if (!std::filesystem::is_directory(data))
        throw Error(ErrorContext{data.string(), {}, {}, {}},
                    "data folder not found (set ATLANTE_DATA)");
    check_files_exist(project);
    std::map<std::string, std::size_t> counts;
    for (const auto& step : project.steps) ++counts[step->kind().name];
    std::string steps;
    for (const StepKind* kind : step_kinds()) {
        const std::size_t n = counts[kind->name];
        if (n == 0) continue;
        steps += (steps.empty() ? "" : ", ") +
                 (kind->repeated ? std::to_string(n) + " " + kind->name : kind->name);
    }
    return "valid: " + project.file + " (catalogue " + spec.file + "; steps: " + steps + ")\n";
}

}  // namespace atlante
