#include "layers/field.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace atlante {

std::string Date::iso() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

std::string to_string(FieldType type) {
    switch (type) {
        case FieldType::Integer:
            return "integer";
        case FieldType::Real:
            return "real";
        case FieldType::String:
            return "string";
        case FieldType::Date:
            return "date";
    }
    return "?";
}

std::optional<FieldType> field_type_from_string(std::string_view name) {
    if (name == "integer" || name == "int") return FieldType::Integer;
    if (name == "real" || name == "double" || name == "float") return FieldType::Real;
    if (name == "string" || name == "text") return FieldType::String;
    if (name == "date") return FieldType::Date;
    return std::nullopt;
}

bool is_null(const Value& value) { return std::holds_alternative<std::monostate>(value); }

std::string to_text(const Value& value) {
    struct Visitor {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(std::int64_t v) const { return std::to_string(v); }
        std::string operator()(double v) const {
            char buffer[32];
            const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
            return std::string(buffer, result.ptr);
        }
        std::string operator()(const std::string& v) const { return v; }
        std::string operator()(const Date& v) const { return v.iso(); }
    };
    return std::visit(Visitor{}, value);
}

static std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    std::int64_t value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::optional<double> parse_real(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    double value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size())
        return std::nullopt;
    if (!std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<Date> parse_date(std::string_view text) {
    text = trim(text);
    if (text.size() < 10 || (text[4] != '-' && text[4] != '/') || text[7] != text[4])
        return std::nullopt;
    const auto year = parse_integer(text.substr(0, 4));
    const auto month = parse_integer(text.substr(5, 2));
    const auto day = parse_integer(text.substr(8, 2));
    // A trailing time part ("T12:00:00") is allowed and dropped: the model keeps dates only.
    if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1 || *day > 31)
        return std::nullopt;
    if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
    return Date{static_cast<int>(*year), static_cast<int>(*month), static_cast<int>(*day)};
}

std::optional<Value> parse_value(std::string_view text, FieldType type) {
    switch (type) {
        case FieldType::Integer:
            if (auto v = parse_integer(text)) return Value{*v};
            return std::nullopt;
        case FieldType::Real:
            if (auto v = parse_real(text)) return Value{*v};
            return std::nullopt;
        case FieldType::Date:
            if (auto v = parse_date(text)) return Value{*v};
            return std::nullopt;
        case FieldType::String:
            return Value{std::string(text)};
    }
    return std::nullopt;
}

}  // namespace atlante
