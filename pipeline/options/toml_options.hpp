// Reading a step's options from its table of the project file, by its schema: every key must be
// declared (an unknown one is an error that suggests the nearest valid key), every value is
// parsed and checked by its spec, and a required key must be there. Errors cite the file, the
// line and column, and the key's full path ("tor.radius_m", "map[0].layers[2].stroke_mm").
#pragma once

#include <toml++/toml.h>

#include "pipeline/options/option_origin.hpp"
#include "pipeline/options/option_set.hpp"

namespace atlante {

// `origin.file` and `origin.path` say where the table is; positions and given keys are added.
void read_toml_options(OptionSet& set, const toml::table& table, OptionOrigin& origin);

// The CLI form of an array-of-tables value: a TOML inline table, "{ source = "…", fill = "#eee" }".
// Parsed with toml++ and read by the element's schema; errors name `flag`.
void read_inline_table(OptionSet& set, const std::string& text, const std::string& flag);

}  // namespace atlante
