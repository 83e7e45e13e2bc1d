#include "pipeline/options/toml_options.hpp"

#include <algorithm>

#include "layers/error.hpp"
#include "pipeline/options/nearest_name.hpp"

namespace atlante {
namespace {

TextPosition position_of(const toml::node& node) {
    return {node.source().begin.line, node.source().begin.column};
}

// The names valid directly below `prefix` ("walk" for "walk.speed_kmh" at the top).
std::vector<std::string> names_below(const OptionSet& set, const std::string& prefix) {
    std::vector<std::string> names;
    for (const BoundOption& o : set.entries()) {
        const std::string& key = o.spec.key;
        if (key.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string rest = key.substr(prefix.size());
        const std::string name = rest.substr(0, rest.find('.'));
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return names;
}

bool has_keys_below(const OptionSet& set, const std::string& prefix) {
    return std::any_of(set.entries().begin(), set.entries().end(), [&](const BoundOption& o) {
        return o.spec.key.compare(0, prefix.size(), prefix) == 0;
    });
}

void read_set(OptionSet& set, const toml::table& table, const std::string& shown_prefix,
              OptionOrigin& origin);

void read_tables(BoundOption& option, const toml::node& node, const std::string& shown,
                 OptionOrigin& origin) {
    const toml::array* array = node.as_array();
    if (!array || !array->is_array_of_tables())
        origin.fail(shown, "expected an array of tables ([[" + origin.path + "." + shown + "]])");
    if (array->size() < option.spec.min_items || array->size() > option.spec.max_items)
        origin.fail(shown, "expected " + std::to_string(option.spec.min_items) + " to " +
                               std::to_string(option.spec.max_items) + " tables, not " +
                               std::to_string(array->size()));
    option.tables.clear();
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string element = shown + "[" + std::to_string(i) + "]";
        origin.positions[element] = position_of((*array)[i]);
        option.tables.append([&](OptionSet& element_set) {
            read_set(element_set, *(*array)[i].as_table(), element + ".", origin);
        });
    }
}

// Reads the keys of `table` whose set keys start with `set_prefix`.
void read_level(OptionSet& set, const toml::table& table, const std::string& set_prefix,
                const std::string& shown_prefix, OptionOrigin& origin) {
    for (const auto& [k, node] : table) {
        const std::string name(k.str());
        const std::string key = set_prefix + name, shown = shown_prefix + name;
        origin.positions[shown] = position_of(node);
        if (BoundOption* option = set.find(key)) {
            origin.given.insert(shown);
            if (option->spec.type == OptionType::Tables) {
                read_tables(*option, node, shown, origin);
                continue;
            }
            try {
                option->store(value_from_toml(option->spec, node));
            } catch (const OptionValueError& e) {
                origin.fail(shown, e.what());
            }
        } else if (has_keys_below(set, key + ".")) {
            if (!node.is_table()) origin.fail(shown, "expected a table");
            read_level(set, *node.as_table(), key + ".", shown + ".", origin);
        } else {
            // Where the key is written, not its value.
            origin.positions[shown] = {k.source().begin.line, k.source().begin.column};
            origin.fail(shown, "unknown key" + did_you_mean(name, names_below(set, set_prefix)));
        }
    }
}

void read_set(OptionSet& set, const toml::table& table, const std::string& shown_prefix,
              OptionOrigin& origin) {
    read_level(set, table, "", shown_prefix, origin);
    for (const BoundOption& o : set.entries()) {
        const std::string shown = shown_prefix + o.spec.key;
        if (o.spec.required && !origin.given.count(shown)) {
            // Point at the table that lacks the key.
            const std::string parent =
                shown_prefix.empty() ? "" : shown_prefix.substr(0, shown_prefix.size() - 1);
            const auto at = origin.positions.find(parent);
            if (at != origin.positions.end()) origin.positions[shown] = at->second;
            origin.fail(shown, "required, missing");
        }
    }
}

}  // namespace

void read_toml_options(OptionSet& set, const toml::table& table, OptionOrigin& origin) {
    origin.table = position_of(table);
    read_set(set, table, "", origin);
}

void read_inline_table(OptionSet& set, const std::string& text, const std::string& flag) {
    toml::table document;
    try {
        document = toml::parse("value = " + text);
    } catch (const toml::parse_error& e) {
        throw UsageError(flag + ": not a TOML inline table ({ key = value, … }): " +
                         std::string(e.description()));
    }
    const toml::table* table = document["value"].as_table();
    if (!table) throw UsageError(flag + ": expected a TOML inline table ({ key = value, … })");
    OptionOrigin origin;  // the command line: errors name the flag
    try {
        read_set(set, *table, "", origin);
    } catch (const UsageError& e) {
        throw UsageError(flag + " " + text + ": " + e.message());
    }
}

}  // namespace atlante
