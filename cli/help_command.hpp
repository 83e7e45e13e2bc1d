// `atlante help`: the steps and, for one step, every option with its flag, project key, type,
// unit, default and allowed values — from the same declarations the project file and the flags
// use. `--markdown` gives the README's option tables (scripts/readme_options.py puts them there).
#pragma once

#include <string>

namespace atlante {

std::string steps_overview();
// Throws UsageError for an unknown step.
std::string step_help(const std::string& step);
std::string options_markdown();

}  // namespace atlante
