#include "pipeline/options/option_spec.hpp"

#include <charconv>
#include <cmath>
#include <regex>

namespace atlante {

std::string type_name(OptionType type) {
    switch (type) {
        case OptionType::Number:
            return "number";
        case OptionType::Integer:
            return "integer";
        case OptionType::Text:
            return "text";
        case OptionType::Boolean:
            return "boolean";
        case OptionType::Choice:
            return "choice";
        case OptionType::NumberList:
            return "list of numbers";
        case OptionType::TextList:
            return "list of texts";
        case OptionType::NumberTable:
            return "table of numbers";
        case OptionType::Source:
            return "source";
        case OptionType::Color:
            return "colour";
        case OptionType::ColorList:
            return "list of colours";
        case OptionType::Tables:
            return "array of tables";
    }
    return "?";
}

bool NumberRange::bounded() const { return std::isfinite(min) || std::isfinite(max); }

bool NumberRange::contains(double value) const {
    if (!std::isfinite(value)) return false;
    if (min_open ? !(value > min) : !(value >= min)) return false;
    if (max_open ? !(value < max) : !(value <= max)) return false;
    return true;
}

std::string NumberRange::text() const {
    const bool low = std::isfinite(min), high = std::isfinite(max);
    if (low && high)
        return (min_open ? "> " : "") + shortest_text(min) + " to " + (max_open ? "< " : "") +
               shortest_text(max);
    if (low) return (min_open ? "more than " : "at least ") + shortest_text(min);
    if (high) return (max_open ? "less than " : "at most ") + shortest_text(max);
    return "";
}

std::string cli_flag(const std::string& key) {
    std::string flag = "--";
    for (char c : key) flag += (c == '_' || c == '.') ? '-' : c;
    return flag;
}

std::optional<double> parse_decimal(std::string_view text) {
    // The grammar first: std::from_chars would also take "inf", "nan" and hexadecimal floats.
    static const std::regex decimal(R"([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)");
    if (!std::regex_match(text.begin(), text.end(), decimal)) return std::nullopt;
    const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
    double value = 0;
    const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<long long> parse_whole(std::string_view text) {
    static const std::regex whole(R"([+-]?\d+)");
    if (!std::regex_match(text.begin(), text.end(), whole)) return std::nullopt;
    const char* begin = text.data() + (text.front() == '+' ? 1 : 0);
    long long value = 0;
    const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::string shortest_text(double value) {
    // Whole numbers as planners write them ("100000", not "1e+05").
    if (std::abs(value) < 1e15 && value == std::trunc(value))
        return std::to_string(static_cast<long long>(value));
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::string("?");
}

}  // namespace atlante
