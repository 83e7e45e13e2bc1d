// Column: one attribute field's values for every feature of a layer, stored by type, with a null
// mask. Columnar storage keeps analyses (sums, classifications) over a field cheap.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "layers/field.hpp"

namespace atlante {

class Column {
  public:
    explicit Column(FieldType type = FieldType::String);

    FieldType type() const { return type_; }
    std::size_t size() const { return nulls_.size(); }

    // Appends a value; it must be null or of the column's type (integers widen into reals).
    void push(const Value& value);
    void push_null();
    void set(std::size_t row, const Value& value);
    void resize(std::size_t rows);  // new rows are null

    bool is_null(std::size_t row) const { return nulls_[row] != 0; }
    std::size_t null_count() const;

    std::int64_t integer(std::size_t row) const;
    double real(std::size_t row) const;
    const std::string& string(std::size_t row) const;
    const Date& date(std::size_t row) const;

    Value value(std::size_t row) const;
    std::string text(std::size_t row) const { return to_text(value(row)); }
    // Integer or real as double; nullopt for null or non-numeric columns.
    std::optional<double> number(std::size_t row) const;

    // Keeps the given rows, in the given order.
    Column take(const std::vector<std::size_t>& rows) const;

  private:
    FieldType type_;
    std::variant<std::vector<std::int64_t>, std::vector<double>, std::vector<std::string>,
                 std::vector<Date>>
        values_;
    static bool is_null_value(const Value& value);
    std::vector<std::uint8_t> nulls_;
};

}  // namespace atlante
