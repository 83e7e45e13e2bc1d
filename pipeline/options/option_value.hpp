// One option's value, parsed and checked the same way whether it comes from the project file
// (a TOML node) or from the command line (the flag's text): type, decimal-only numbers, range,
// closed choices, colours, list lengths. A bad value throws OptionValueError with a message
// that says what is allowed; the caller adds where it was (file, line and column, or the flag).
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include <toml++/toml.h>
#include <nlohmann/json.hpp>

#include "pipeline/options/option_spec.hpp"
#include "pipeline/source_ref.hpp"

namespace atlante {

using OptionValue =
    std::variant<double, long long, bool, std::string, std::vector<double>,
                 std::vector<std::string>, std::map<std::string, double>, SourceRef>;

struct OptionValueError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// From the flag's values (one for most types; lists and tables may repeat the flag, and numbers
// and tables also split on commas: "--walk-minutes 5,10,15", "--class-scores alta=1,media=0.5").
OptionValue value_from_text(const OptionSpec& spec, const std::vector<std::string>& texts);

// From the project file. A source may be a string or a table (path + source_read_keys()).
OptionValue value_from_toml(const OptionSpec& spec, const toml::node& node);

// Throws when a source's reading options take values they cannot (decimal "x", separator "#").
void check_reading(const SourceRef& source);

// Throws when the value breaks the spec (range, choices, items, colour).
void check_value(const OptionSpec& spec, const OptionValue& value);

// As run.json records it (and the round-trip test compares): numbers, strings, arrays, objects.
nlohmann::ordered_json value_json(const OptionValue& value);
// The same, short, for `atlante help` and the README ("1500", "5, 10, 15, 30", "alta=1, …").
std::string value_text(const OptionValue& value);

// "a number in m, 1 to 100000": what the spec accepts, for messages and help.
std::string accepted(const OptionSpec& spec);

}  // namespace atlante
