#include "tests/support/project_runs.hpp"

#include "tests/support/test_support.hpp"

namespace atlante::testing {

std::string torino_example() {
    return std::string(ATLANTE_SOURCE_DIR) + "/examples/torino/torino.toml";
}

RunReport run_quietly(const Project& project, const std::string& out, const std::string& only_kind,
                      const std::string& only_name) {
    ProgressSink quiet;
    RunOptions options;
    options.output_dir = out;
    options.data_dir = real_data_dir().string();
    options.only_kind = only_kind;
    options.only_name = only_name;
    return run_project(project, options, quiet);
}

}  // namespace atlante::testing
