#include "layers/column.hpp"

#include <algorithm>
#include <stdexcept>

namespace atlante {

Column::Column(FieldType type) : type_(type) {
    switch (type) {
        case FieldType::Integer:
            values_ = std::vector<std::int64_t>{};
            break;
        case FieldType::Real:
            values_ = std::vector<double>{};
            break;
        case FieldType::String:
            values_ = std::vector<std::string>{};
            break;
        case FieldType::Date:
            values_ = std::vector<Date>{};
            break;
    }
}

void Column::push_null() {
    std::visit([](auto& v) { v.emplace_back(); }, values_);
    nulls_.push_back(1);
}

void Column::push(const Value& value) {
    push_null();
    set(size() - 1, value);
}

void Column::set(std::size_t row, const Value& value) {
    if (is_null_value(value)) {
        nulls_[row] = 1;
        return;
    }
    const bool ok = std::visit(
        [&](auto& values) {
            using Stored = typename std::decay_t<decltype(values)>::value_type;
            if (const auto* v = std::get_if<Stored>(&value)) {
                values[row] = *v;
                return true;
            }
            if constexpr (std::is_same_v<Stored, double>) {
                if (const auto* i = std::get_if<std::int64_t>(&value)) {
                    values[row] = static_cast<double>(*i);
                    return true;
                }
            }
            return false;
        },
        values_);
    if (!ok)
        throw std::invalid_argument("value of the wrong type for a " + to_string(type_) +
                                    " column");
    nulls_[row] = 0;
}

bool Column::is_null_value(const Value& value) { return atlante::is_null(value); }

void Column::resize(std::size_t rows) {
    std::visit([rows](auto& v) { v.resize(rows); }, values_);
    nulls_.resize(rows, 1);
}

std::size_t Column::null_count() const {
    return static_cast<std::size_t>(std::count(nulls_.begin(), nulls_.end(), 1));
}

std::int64_t Column::integer(std::size_t row) const {
    return std::get<std::vector<std::int64_t>>(values_)[row];
}
double Column::real(std::size_t row) const { return std::get<std::vector<double>>(values_)[row]; }
const std::string& Column::string(std::size_t row) const {
    return std::get<std::vector<std::string>>(values_)[row];
}
const Date& Column::date(std::size_t row) const {
    return std::get<std::vector<Date>>(values_)[row];
}

Value Column::value(std::size_t row) const {
    if (is_null(row)) return std::monostate{};
    return std::visit([row](const auto& values) -> Value { return values[row]; }, values_);
}

std::optional<double> Column::number(std::size_t row) const {
    if (is_null(row)) return std::nullopt;
    if (type_ == FieldType::Integer) return static_cast<double>(integer(row));
    if (type_ == FieldType::Real) return real(row);
    return std::nullopt;
}

Column Column::take(const std::vector<std::size_t>& rows) const {
    Column out(type_);
    out.nulls_.reserve(rows.size());
    std::visit(
        [&](const auto& values) {
            auto& target = std::get<std::decay_t<decltype(values)>>(out.values_);
            target.reserve(rows.size());
            for (std::size_t r : rows) target.push_back(values[r]);
        },
        values_);
    for (std::size_t r : rows) out.nulls_.push_back(nulls_[r]);
    return out;
}

}  // namespace atlante
