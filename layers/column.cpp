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
            values_ = Texts{};
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

Column::Texts::Texts(const Texts& other) {
    reserve(other.size());
    for (std::size_t row = 0; row < other.size(); ++row) push_back(other[row]);
}

Column::Texts& Column::Texts::operator=(const Texts& other) {
    if (this != &other) *this = Texts(other);
    return *this;
}

void Column::Texts::set(std::size_t row, std::string_view text) {
    if (text.size() > UINT32_MAX) throw std::length_error("a text value of more than 4 GB");
    length_[row] = static_cast<std::uint32_t>(text.size());
    if (text.empty()) {
        data_[row] = nullptr;
        return;
    }
    if (capacity_ - used_ < text.size()) {
        capacity_ = std::max(kBlock, text.size());
        blocks_.push_back(std::make_unique_for_overwrite<char[]>(capacity_));
        used_ = 0;
    }
    char* at = blocks_.back().get() + used_;
    std::copy(text.begin(), text.end(), at);
    used_ += text.size();
    data_[row] = at;
}

void Column::set(std::size_t row, const Value& value) {
    if (is_null_value(value)) {
        nulls_[row] = 1;
        return;
    }
    const bool ok = std::visit(
        [&](auto& values) {
            if constexpr (std::is_same_v<std::decay_t<decltype(values)>, Texts>) {
                const auto* text = std::get_if<std::string>(&value);
                if (text) values.set(row, *text);
                return text != nullptr;
            } else {
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
            }
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

void Column::reserve(std::size_t rows) {
    std::visit([rows](auto& v) { v.reserve(rows); }, values_);
    nulls_.reserve(rows);
}

std::size_t Column::null_count() const {
    return static_cast<std::size_t>(std::count(nulls_.begin(), nulls_.end(), 1));
}

std::int64_t Column::integer(std::size_t row) const {
    return std::get<std::vector<std::int64_t>>(values_)[row];
}
double Column::real(std::size_t row) const { return std::get<std::vector<double>>(values_)[row]; }
std::string_view Column::string(std::size_t row) const { return std::get<Texts>(values_)[row]; }
const Date& Column::date(std::size_t row) const {
    return std::get<std::vector<Date>>(values_)[row];
}

Value Column::value(std::size_t row) const {
    if (is_null(row)) return std::monostate{};
    return std::visit(
        [row](const auto& values) -> Value {
            if constexpr (std::is_same_v<std::decay_t<decltype(values)>, Texts>)
                return std::string(values[row]);
            else
                return values[row];
        },
        values_);
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
            for (std::size_t r : rows) target.push_back(values[r]);  // texts: compacted
        },
        values_);
    for (std::size_t r : rows) out.nulls_.push_back(nulls_[r]);
    return out;
}

}  // namespace atlante
