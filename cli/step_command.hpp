// A step's subcommand, made from its option schema: one flag per option under the derived name
// (radius_m -> --radius-m, walk.speed_kmh -> --walk-speed-kmh; a source's reading options as
// --brownfields-where, --brownfields-assume-crs; a map's layers as TOML inline tables), parsed
// by the same value parser as the project file. Nothing here knows any one step.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "pipeline/step.hpp"

namespace atlante {

class StepCommand {
  public:
    // Adds the subcommand to `app`. `standalone`: the step runs on its own, so its required
    // options are required flags; otherwise the flags override a project's instance.
    StepCommand(CLI::App& app, const StepKind& kind, bool standalone);

    const StepKind& kind() const { return kind_; }
    CLI::App& command() { return *command_; }
    bool parsed() const { return command_->parsed(); }

    // Stores every flag given into `step`'s options, then runs its checks; throws UsageError
    // naming the flag.
    void apply(Step& step) const;

  private:
    void add_flags(OptionSet& options, bool standalone);
    const StepKind& kind_;
    CLI::App* command_;
    // Values given, by option key (a source's reading options as "key.layer", …).
    std::map<std::string, std::vector<std::string>> given_;
};

}  // namespace atlante
