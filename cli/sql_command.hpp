// `atlante sql PROJECT STEP`: the SQL a step of a project runs when pushed down to PostGIS
// (engine = "postgis"), printed without running it, to read, to run by hand or to tune.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace atlante {

class SqlCommand {
  public:
    explicit SqlCommand(CLI::App& app);
    bool parsed() const { return command_->parsed(); }
    // The statement; throws UsageError for a step the project lacks or that has no push-down.
    std::string run(const std::string& catalog_file, const std::string& data_dir) const;

  private:
    CLI::App* command_;
    std::string project_, step_;
};

}  // namespace atlante
