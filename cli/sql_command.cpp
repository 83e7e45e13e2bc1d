#include "cli/sql_command.hpp"

#include "layers/error.hpp"
#include "pipeline/project.hpp"
#include "pipeline/run_plan.hpp"
#include "pipeline/step_context.hpp"

namespace atlante {

SqlCommand::SqlCommand(CLI::App& app)
    : command_(app.add_subcommand(
          "sql", "the SQL a step runs when pushed down to PostGIS, printed, not run")) {
    command_->add_option("project", project_, "project file (TOML)")->required();
    command_->add_option("step", step_, "the step: its kind, or KIND:NAME (dissolve:by_province)")
        ->required();
}

std::string SqlCommand::run(const std::string& catalog_file, const std::string& data_dir) const {
    const Project project = read_project(project_);
    const std::size_t colon = step_.find(':');
    const std::string kind = step_.substr(0, colon);
    const std::string name = colon == std::string::npos ? "" : step_.substr(colon + 1);
    const std::vector<const Step*> steps = project.of_kind(kind);
    const Step* step = name.empty() && steps.size() == 1 ? steps.front() : project.find(kind, name);
    if (!step) {
        if (name.empty() && steps.size() > 1)
            throw UsageError(project_ + " has " + std::to_string(steps.size()) + " " + kind +
                             " steps: name one as " + kind + ":NAME");
        try {
            plan_run(project, kind, name);  // throws, naming the project's steps of that kind
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
        throw UsageError(project_ + ": no step '" + step_ + "'");
    }
    RunSettings settings{project.base_dir, {}, project_catalog_file(project, catalog_file),
                         data_dir,         {}, "rfc4180"};
    ProgressSink quiet;
    StepContext context(settings, quiet, &project);
    const std::optional<std::string> sql = step->pushdown_sql(context);
    if (!sql) throw UsageError("the " + kind + " step has no PostGIS push-down");
    return *sql;
}

}  // namespace atlante
