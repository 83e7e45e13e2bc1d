// What one option of a step is: its project-file key, its type, unit, allowed range or values and
// help text. Declared once per step (see option_set.hpp); the project-file reader, the
// command-line flag, `atlante validate`, `atlante help` and the README's option tables all come
// from this one description, so they cannot disagree.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atlante {

enum class OptionType {
    Number,       // a finite decimal number, with a unit and a range
    Integer,      // a whole number, with a range
    Text,         // free text (a name, a field, an OGR SQL filter)
    Boolean,      // true or false
    Choice,       // one of a closed list of words
    NumberList,   // numbers, e.g. minutes = [5, 10, 15]
    TextList,     // texts, e.g. sources = ["…", "…"]
    NumberTable,  // names to numbers, e.g. class_scores = { alta = 1, media = 0.5 }
    Source,       // a layer: file, PG: connection, catalog:NAME, STEP:OUTPUT or demo
    Color,        // "#rrggbb", "#rrggbbaa", "white", "black", "none"
    ColorList,    // colours, e.g. colors = ["#b5916a", "#e8d59e"]
    Tables,       // an array of tables with a schema of their own (a map's layers)
};

// "number", "integer", … as `atlante help` prints it.
std::string type_name(OptionType type);

// A closed or open interval of allowed numbers; every number must also be finite.
struct NumberRange {
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    bool min_open = false;  // the bound itself is not allowed: "> 0"
    bool max_open = false;

    static NumberRange between(double min, double max) { return {min, max, false, false}; }
    // (0, max]: lengths, speeds and sizes.
    static NumberRange positive(double max) { return {0, max, true, false}; }
    static NumberRange at_least(double min) {
        return {min, std::numeric_limits<double>::infinity(), false, false};
    }
    bool bounded() const;
    bool contains(double value) const;
    // "1 to 100000", "> 0 to 20", "at least 1"; empty when unbounded.
    std::string text() const;
};

struct OptionSpec {
    std::string key;  // project-file key; dotted for a sub-table: "walk.speed_kmh"
    OptionType type = OptionType::Text;
    std::string help;
    std::string unit;                  // "m", "km/h", "mm", "s", "min", "dpi"; empty: none
    NumberRange range;                 // numbers, integers, and every item of lists and tables
    std::vector<std::string> choices;  // Choice
    bool required = false;
    bool increasing = false;  // NumberList: each item larger than the one before
    std::size_t min_items = 0, max_items = std::numeric_limits<std::size_t>::max();
    std::string catalog_layer;         // Source: what the word "catalog" alone names
    std::vector<std::string> aliases;  // more command-line names ("-r"), listed in help
    bool in_cli = true;       // false for the few keys that the command line sets itself (`out`)
    bool is_caption = false;  // text a reader sees: may quote options as {STEP.KEY}
    std::string example;      // a valid value other than the default, for help and tests

    // Fluent setters for declarations.
    OptionSpec& unit_of(std::string u) {
        unit = std::move(u);
        return *this;
    }
    OptionSpec& within(NumberRange r) {
        range = r;
        return *this;
    }
    OptionSpec& must() {
        required = true;
        return *this;
    }
    OptionSpec& rising() {
        increasing = true;
        return *this;
    }
    OptionSpec& items(std::size_t least, std::size_t most) {
        min_items = least, max_items = most;
        return *this;
    }
    OptionSpec& among(std::vector<std::string> names) {
        choices = std::move(names);
        return *this;
    }
    OptionSpec& alias(std::string name) {
        aliases.push_back(std::move(name));
        return *this;
    }
    OptionSpec& catalog(std::string layer) {
        catalog_layer = std::move(layer);
        return *this;
    }
    OptionSpec& not_on_command_line() {
        in_cli = false;
        return *this;
    }
    OptionSpec& caption() {
        is_caption = true;
        return *this;
    }
    OptionSpec& for_example(std::string value) {
        example = std::move(value);
        return *this;
    }
};

// The command-line flag of a key: "radius_m" -> "--radius-m", "walk.speed_kmh" ->
// "--walk-speed-kmh".
std::string cli_flag(const std::string& key);

// Numbers as a planner types them, decimal only: "1500", "-0.5", "1e3"; not "0x10", "1.5km",
// "inf" or "nan" (nullopt for those).
std::optional<double> parse_decimal(std::string_view text);
// Whole decimal numbers that fit 64 bits: "133", "-2"; not "1.0", "0x10" or "1e3".
std::optional<long long> parse_whole(std::string_view text);

// The shortest text that reads back as the same double ("1500", "4.8", "0.1").
std::string shortest_text(double value);

}  // namespace atlante
