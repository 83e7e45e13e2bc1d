// The options of one step, declared once and bound to the step's own variables, the way PDAL's
// stages declare theirs (addArgs). A declaration names the key, binds the variable (whose value
// at that moment is the default) and returns the spec for its unit, range and other details:
//
//   options.number("radius_m", analysis.radius_m, "TOR radius")
//       .unit_of("m").within(NumberRange::between(1, 100000));
//
// The project-file reader (toml_options), the command line (cli/step_command), `atlante help`
// and run.json all walk the same entries.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "pipeline/options/option_value.hpp"
#include "render/style/color.hpp"

namespace atlante {

class OptionSet;
using OptionSetVisitor = std::function<void(OptionSet&)>;

// An array of tables (a map's layers): each element is an object with an options schema of its
// own (a `declare(OptionSet&)` member).
struct TablesBinding {
    std::function<std::size_t()> size;
    // Declares element i into a fresh set and calls f with it.
    std::function<void(std::size_t, const OptionSetVisitor&)> element;
    // Makes a default element, declares it, lets f fill it, then appends it.
    std::function<void(const OptionSetVisitor&)> append;
    std::function<void()> clear;
    // Declares a default element (for help) and calls f with it.
    std::function<void(const OptionSetVisitor&)> schema;
};

struct BoundOption {
    OptionSpec spec;
    std::function<void(const OptionValue&)> store;
    std::function<OptionValue()> load;
    TablesBinding tables;             // type Tables only
    nlohmann::ordered_json fallback;  // the default: the variable's value when declared
};

class OptionSet {
  public:
    OptionSpec& number(const std::string& key, double& target, std::string help);
    template <class Int>
    OptionSpec& integer(const std::string& key, Int& target, std::string help);
    OptionSpec& text(const std::string& key, std::string& target, std::string help);
    OptionSpec& boolean(const std::string& key, bool& target, std::string help);
    OptionSpec& choice(const std::string& key, std::string& target,
                       std::vector<std::string> choices, std::string help);
    OptionSpec& numbers(const std::string& key, std::vector<double>& target, std::string help);
    OptionSpec& texts(const std::string& key, std::vector<std::string>& target, std::string help);
    OptionSpec& number_table(const std::string& key, std::map<std::string, double>& target,
                             std::string help);
    OptionSpec& source(const std::string& key, SourceRef& target, std::string help);
    // One of named values of an enumeration: {{"circle", MarkerShape::Circle}, …}.
    template <class E>
    OptionSpec& choice_of(const std::string& key, E& target,
                          std::vector<std::pair<std::string, E>> names, std::string help);
    // "none" is no colour (nullopt).
    OptionSpec& color(const std::string& key, std::optional<Color>& target, std::string help);
    OptionSpec& colors(const std::string& key, std::vector<Color>& target, std::string help);
    // `T` declares its own options with `void declare(OptionSet&)`.
    template <class T>
    OptionSpec& tables(const std::string& key, std::vector<T>& target, std::string help);

    std::deque<BoundOption>& entries() { return entries_; }
    const std::deque<BoundOption>& entries() const { return entries_; }
    BoundOption* find(const std::string& key);
    std::vector<std::string> keys() const;

    // Every option as used (defaults included), nested by the dots of the keys.
    nlohmann::ordered_json json();

  private:
    OptionSpec& add(BoundOption option);
    std::deque<BoundOption> entries_;
};

// Implementation of the templates.

template <class Int>
OptionSpec& OptionSet::integer(const std::string& key, Int& target, std::string help) {
    BoundOption o;
    o.spec.key = key;
    o.spec.type = OptionType::Integer;
    o.spec.help = std::move(help);
    if constexpr (std::is_unsigned_v<Int>) o.spec.range = NumberRange::at_least(0);
    o.store = [&target](const OptionValue& v) {
        target = static_cast<Int>(std::get<long long>(v));
    };
    o.load = [&target]() -> OptionValue { return static_cast<long long>(target); };
    return add(std::move(o));
}

template <class E>
OptionSpec& OptionSet::choice_of(const std::string& key, E& target,
                                 std::vector<std::pair<std::string, E>> names, std::string help) {
    BoundOption o;
    o.spec.key = key;
    o.spec.type = OptionType::Choice;
    o.spec.help = std::move(help);
    for (const auto& [name, value] : names) o.spec.choices.push_back(name);
    o.store = [&target, names](const OptionValue& v) {
        for (const auto& [name, value] : names)
            if (name == std::get<std::string>(v)) target = value;
    };
    o.load = [&target, names]() -> OptionValue {
        for (const auto& [name, value] : names)
            if (value == target) return name;
        return std::string();
    };
    return add(std::move(o));
}

template <class T>
OptionSpec& OptionSet::tables(const std::string& key, std::vector<T>& target, std::string help) {
    BoundOption o;
    o.spec.key = key;
    o.spec.type = OptionType::Tables;
    o.spec.help = std::move(help);
    o.tables.size = [&target] { return target.size(); };
    o.tables.element = [&target](std::size_t i, const OptionSetVisitor& f) {
        OptionSet set;
        target[i].declare(set);
        f(set);
    };
    o.tables.append = [&target](const OptionSetVisitor& f) {
        T element;
        OptionSet set;
        element.declare(set);
        f(set);
        target.push_back(std::move(element));
    };
    o.tables.clear = [&target] { target.clear(); };
    o.tables.schema = [](const OptionSetVisitor& f) {
        T element;
        OptionSet set;
        element.declare(set);
        f(set);
    };
    o.fallback = nlohmann::ordered_json::array();
    return add(std::move(o));
}

}  // namespace atlante
