// Typed attribute values: the field types a layer's schema can hold, and their parsing.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace atlante {

enum class FieldType { Integer, Real, String, Date };

struct Date {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const Date&) const = default;
    std::string iso() const;  // YYYY-MM-DD
};

// A single attribute value; monostate is null.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Date>;

struct Field {
    std::string name;
    FieldType type = FieldType::String;
    bool nullable = true;
};

std::string to_string(FieldType type);
std::optional<FieldType> field_type_from_string(std::string_view name);  // "integer", "real", ...

bool is_null(const Value& value);
// Text form: integers plain, reals shortest round-trip, dates ISO, null as empty.
std::string to_text(const Value& value);

// Strict parsers: the whole text must be the value (no trailing junk), or nullopt.
std::optional<std::int64_t> parse_integer(std::string_view text);
std::optional<double> parse_real(std::string_view text);
std::optional<Date> parse_date(std::string_view text);  // YYYY-MM-DD or YYYY/MM/DD

// A value of the given type from text, or nullopt when the text is not of that type.
std::optional<Value> parse_value(std::string_view text, FieldType type);

}  // namespace atlante
