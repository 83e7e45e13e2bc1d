#include "pipeline/options/option_value.hpp"

#include <algorithm>
#include <cmath>

#include "layers/error.hpp"
#include "pipeline/options/nearest_name.hpp"
#include "render/style/color.hpp"

namespace atlante {
namespace {

[[noreturn]] void fail(const std::string& message) { throw OptionValueError(message); }

std::string quoted(const std::string& text) { return "'" + text + "'"; }

const std::string& single(const OptionSpec& spec, const std::vector<std::string>& texts) {
    if (texts.size() != 1) fail("takes one value, not " + std::to_string(texts.size()));
    (void)spec;
    return texts.front();
}

double decimal(const std::string& text, const OptionSpec& spec) {
    const auto value = parse_decimal(text);
    if (!value) fail(quoted(text) + " is not a decimal number (" + accepted(spec) + ")");
    return *value;
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t at = text.find(separator); at != std::string::npos;
         at = text.find(separator, start)) {
        parts.push_back(text.substr(start, at - start));
        start = at + 1;
    }
    parts.push_back(text.substr(start));
    return parts;
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// TOML allows 0x10, 0o20 and 0b10000 for integers: a planner's file holds decimal numbers only.
double toml_number(const toml::node& node, const OptionSpec& spec) {
    if (const auto* i = node.as_integer()) {
        if (i->flags() != toml::value_flags::none)
            fail("write the number in decimal, not in hexadecimal, octal or binary");
        return static_cast<double>(i->get());
    }
    if (const auto* f = node.as_floating_point()) return f->get();
    fail("expected " + accepted(spec));
}

std::string toml_string(const toml::node& node, const OptionSpec& spec) {
    if (const auto* s = node.as_string()) return s->get();
    fail("expected " + accepted(spec));
}

SourceRef parsed_source(const std::string& text, const OptionSpec& spec) {
    try {
        return SourceRef::parse(text, spec.catalog_layer);
    } catch (const Error& e) {
        fail(e.message());
    }
}

}  // namespace

void check_reading(const SourceRef& ref) {
    const std::string& d = ref.decimal;
    if (!d.empty() && d != "." && d != ",")
        fail("decimal = '" + d + "': the decimal mark is . or ,");
    const std::string& s = ref.separator;
    if (!s.empty() && s != "," && s != ";" && s != "tab" && s != "|")
        fail("separator = '" + s + "': the separator is , ; tab or |");
}

namespace {

SourceRef toml_source(const toml::node& node, const OptionSpec& spec) {
    if (node.is_string()) return parsed_source(toml_string(node, spec), spec);
    const toml::table* table = node.as_table();
    if (!table) fail("expected a source: a string, or a table with path = \"…\"");
    std::vector<std::string> keys{"path"};
    for (const SourceReadKey& k : source_read_keys()) keys.push_back(k.key);
    for (const auto& [k, v] : *table) {
        const std::string key(k.str());
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            fail("unknown key " + quoted(key) + " in the source's table" + did_you_mean(key, keys));
        if (!v.is_string()) fail("key " + quoted(key) + " of the source: expected a string");
    }
    const auto* path = table->get_as<std::string>("path");
    if (!path) fail("the source's table needs path = \"…\"");
    SourceRef ref = parsed_source(path->get(), spec);
    for (const SourceReadKey& k : source_read_keys())
        if (const auto* v = table->get_as<std::string>(k.key)) ref.reading(k.key) = v->get();
    check_reading(ref);
    return ref;
}

}  // namespace

std::string accepted(const OptionSpec& spec) {
    const std::string unit = spec.unit.empty() ? "" : " (" + spec.unit + ")";
    const std::string range = spec.range.bounded() ? ", " + spec.range.text() : "";
    switch (spec.type) {
        case OptionType::Number:
            return "a number" + unit + range;
        case OptionType::Integer:
            return "a whole number" + unit + range;
        case OptionType::Boolean:
            return "true or false";
        case OptionType::Choice: {
            std::string out = "one of ";
            for (std::size_t i = 0; i < spec.choices.size(); ++i)
                out += (i ? ", " : "") + spec.choices[i];
            return out;
        }
        case OptionType::NumberList:
            return std::string(spec.increasing ? "increasing " : "") + "numbers" + unit + range;
        case OptionType::TextList:
            return "a list of texts";
        case OptionType::NumberTable:
            return "names with numbers" + unit + range;
        case OptionType::Source:
            return "a source (file, PG:, catalog:NAME, STEP:OUTPUT, demo)";
        case OptionType::Color:
            return "a colour (#rrggbb, #rrggbbaa, white, black, none)";
        case OptionType::ColorList:
            return "colours (#rrggbb, #rrggbbaa, white, black, none)";
        case OptionType::Tables:
            return "an array of tables";
        case OptionType::Text:
            return "a text";
    }
    return "a value";
}

OptionValue value_from_text(const OptionSpec& spec, const std::vector<std::string>& texts) {
    OptionValue value;
    switch (spec.type) {
        case OptionType::Number:
            value = decimal(single(spec, texts), spec);
            break;
        case OptionType::Integer: {
            const std::string& text = single(spec, texts);
            const auto whole = parse_whole(text);
            if (!whole)
                fail(quoted(text) + " is not a whole decimal number (" + accepted(spec) + ")");
            value = *whole;
            break;
        }
        case OptionType::Boolean: {
            const std::string& text = single(spec, texts);
            if (text != "true" && text != "false") fail(quoted(text) + " is not true or false");
            value = text == "true";
            break;
        }
        case OptionType::Text:
        case OptionType::Choice:
        case OptionType::Color:
            value = single(spec, texts);
            break;
        case OptionType::NumberList: {
            std::vector<double> numbers;
            for (const std::string& text : texts)
                for (const std::string& part : split(text, ','))
                    numbers.push_back(decimal(trimmed(part), spec));
            value = numbers;
            break;
        }
        case OptionType::TextList:
            value = texts;
            break;
        case OptionType::ColorList: {
            std::vector<std::string> colors;
            for (const std::string& text : texts)
                for (const std::string& part : split(text, ',')) colors.push_back(trimmed(part));
            value = colors;
            break;
        }
        case OptionType::NumberTable: {
            std::map<std::string, double> table;
            for (const std::string& text : texts)
                for (const std::string& part : split(text, ',')) {
                    const auto eq = part.find('=');
                    if (eq == std::string::npos)
                        fail(quoted(part) + " is not name=number (e.g. alta=1,media=0.5)");
                    const std::string name = trimmed(part.substr(0, eq));
                    if (name.empty()) fail(quoted(part) + " has no name before '='");
                    if (!table.emplace(name, decimal(trimmed(part.substr(eq + 1)), spec)).second)
                        fail("name " + quoted(name) + " given twice");
                }
            value = table;
            break;
        }
        case OptionType::Source:
            value = parsed_source(single(spec, texts), spec);
            break;
        case OptionType::Tables:
            fail("an array of tables is read by its own schema");
    }
    check_value(spec, value);
    return value;
}

OptionValue value_from_toml(const OptionSpec& spec, const toml::node& node) {
    OptionValue value;
    switch (spec.type) {
        case OptionType::Number:
            value = toml_number(node, spec);
            break;
        case OptionType::Integer: {
            const auto* i = node.as_integer();
            if (!i) fail("expected " + accepted(spec));
            toml_number(node, spec);  // refuses 0x10 and friends
            value = static_cast<long long>(i->get());
            break;
        }
        case OptionType::Boolean:
            if (!node.is_boolean()) fail("expected true or false");
            value = node.as_boolean()->get();
            break;
        case OptionType::Text:
        case OptionType::Choice:
        case OptionType::Color:
            value = toml_string(node, spec);
            break;
        case OptionType::NumberList: {
            const toml::array* array = node.as_array();
            if (!array) fail("expected an array of numbers, e.g. [5, 10, 15]");
            std::vector<double> numbers;
            for (const toml::node& item : *array) numbers.push_back(toml_number(item, spec));
            value = numbers;
            break;
        }
        case OptionType::TextList:
        case OptionType::ColorList: {
            const toml::array* array = node.as_array();
            if (!array) fail("expected an array of strings");
            std::vector<std::string> texts;
            for (const toml::node& item : *array) {
                if (!item.is_string()) fail("expected an array of strings");
                texts.push_back(item.as_string()->get());
            }
            value = texts;
            break;
        }
        case OptionType::NumberTable: {
            const toml::table* table = node.as_table();
            if (!table) fail("expected a table of numbers, e.g. { alta = 1.0, media = 0.5 }");
            std::map<std::string, double> numbers;
            for (const auto& [k, v] : *table) numbers[std::string(k.str())] = toml_number(v, spec);
            value = numbers;
            break;
        }
        case OptionType::Source:
            value = toml_source(node, spec);
            break;
        case OptionType::Tables:
            fail("an array of tables is read by its own schema");
    }
    check_value(spec, value);
    return value;
}

void check_value(const OptionSpec& spec, const OptionValue& value) {
    auto in_range = [&](double v) {
        if (!std::isfinite(v))
            fail(shortest_text(v) + " is not a finite number (" + accepted(spec) + ")");
        if (!spec.range.contains(v))
            fail(shortest_text(v) + (spec.unit.empty() ? "" : " " + spec.unit) +
                 " is out of range (" + accepted(spec) + ")");
    };
    auto count = [&](std::size_t n) {
        if (n < spec.min_items || n > spec.max_items)
            fail(spec.min_items == spec.max_items
                     ? "expected " + std::to_string(spec.min_items) + " values, not " +
                           std::to_string(n)
                     : "expected " + std::to_string(spec.min_items) + " to " +
                           std::to_string(spec.max_items) + " values, not " + std::to_string(n));
    };
    switch (spec.type) {
        case OptionType::Number:
            in_range(std::get<double>(value));
            break;
        case OptionType::Integer:
            in_range(static_cast<double>(std::get<long long>(value)));
            break;
        case OptionType::Choice: {
            const std::string& text = std::get<std::string>(value);
            if (std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end())
                fail(quoted(text) + " is not " + accepted(spec) + did_you_mean(text, spec.choices));
            break;
        }
        case OptionType::Color:
            try {
                parse_color(std::get<std::string>(value));
            } catch (const Error& e) {
                fail(e.message());
            }
            break;
        case OptionType::ColorList: {
            const auto& colors = std::get<std::vector<std::string>>(value);
            count(colors.size());
            for (const std::string& c : colors) try {
                    parse_color(c);
                } catch (const Error& e) {
                    fail(e.message());
                }
            break;
        }
        case OptionType::NumberList: {
            const auto& numbers = std::get<std::vector<double>>(value);
            count(numbers.size());
            for (std::size_t i = 0; i < numbers.size(); ++i) {
                in_range(numbers[i]);
                if (spec.increasing && i > 0 && !(numbers[i] > numbers[i - 1]))
                    fail("values must increase (" + shortest_text(numbers[i - 1]) + " then " +
                         shortest_text(numbers[i]) + ")");
            }
            break;
        }
        case OptionType::TextList: {
            const auto& texts = std::get<std::vector<std::string>>(value);
            count(texts.size());
            for (const std::string& text : texts)
                if (!spec.choices.empty() &&
                    std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end())
                    fail(quoted(text) + " is not " + accepted(spec) +
                         did_you_mean(text, spec.choices));
            break;
        }
        case OptionType::NumberTable:
            for (const auto& [name, number] : std::get<std::map<std::string, double>>(value)) {
                if (name.empty()) fail("a name is empty");
                in_range(number);
            }
            break;
        default:
            break;
    }
}

nlohmann::ordered_json value_json(const OptionValue& value) {
    return std::visit(
        [](const auto& v) -> nlohmann::ordered_json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, SourceRef>) {
                if (!v.has_reading_options()) return v.text();
                nlohmann::ordered_json source{{"path", v.text()}};
                for (const SourceReadKey& k : source_read_keys())
                    if (!v.reading(k.key).empty()) source[k.key] = v.reading(k.key);
                return source;
            } else {
                return nlohmann::ordered_json(v);
            }
        },
        value);
}

std::string value_text(const OptionValue& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, double>) {
                return shortest_text(v);
            } else if constexpr (std::is_same_v<T, long long>) {
                return std::to_string(v);
            } else if constexpr (std::is_same_v<T, bool>) {
                return v ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::string>) {
                return v;
            } else if constexpr (std::is_same_v<T, std::vector<double>>) {
                std::string out;
                for (double d : v) out += (out.empty() ? "" : ", ") + shortest_text(d);
                return out;
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                std::string out;
                for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
                return out;
            } else if constexpr (std::is_same_v<T, std::map<std::string, double>>) {
                std::string out;
                for (const auto& [k, d] : v)
                    out += (out.empty() ? "" : ", ") + k + "=" + shortest_text(d);
                return out;
            } else {
                return v.text();
            }
        },
        value);
}

}  // namespace atlante
