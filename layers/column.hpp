// Column: one attribute field's values for every feature of a layer, stored by type, with a null
// mask. Columnar storage keeps analyses (sums, classifications) over a field cheap. Text is kept
// in large blocks with a pointer and a length per row (12 bytes a row, not a 32-byte std::string
// and a heap block each): a census of 100.000 sites with a dozen text fields is tens of MB
// smaller.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
    // Room for `rows` rows without reallocating.
    void reserve(std::size_t rows);

    bool is_null(std::size_t row) const { return nulls_[row] != 0; }
    std::size_t null_count() const;

    std::int64_t integer(std::size_t row) const;
    double real(std::size_t row) const;
    // Valid until the column next changes.
    std::string_view string(std::size_t row) const;
    const Date& date(std::size_t row) const;

    Value value(std::size_t row) const;
    std::string text(std::size_t row) const { return to_text(value(row)); }
    // Integer or real as double; nullopt for null or non-numeric columns.
    std::optional<double> number(std::size_t row) const;

    // Keeps the given rows, in the given order.
    Column take(const std::vector<std::size_t>& rows) const;

  private:
    // Every row's text in blocks that never move (no reallocation copies, no growth slack
    // beyond the last block); a row set again points at its new text (the old bytes stay until
    // the column is copied or take() copies it).
    class Texts {
      public:
        Texts() = default;
        Texts(const Texts& other);
        Texts& operator=(const Texts& other);
        Texts(Texts&&) noexcept = default;
        Texts& operator=(Texts&&) noexcept = default;

        std::size_t size() const { return data_.size(); }
        void emplace_back() {
            data_.push_back(nullptr);
            length_.push_back(0);
        }
        void resize(std::size_t rows) {
            data_.resize(rows, nullptr);
            length_.resize(rows, 0);
        }
        void reserve(std::size_t rows) {
            data_.reserve(rows);
            length_.reserve(rows);
        }
        std::string_view operator[](std::size_t row) const { return {data_[row], length_[row]}; }
        void set(std::size_t row, std::string_view text);
        void push_back(std::string_view text) {
            emplace_back();
            set(size() - 1, text);
        }

      private:
        static constexpr std::size_t kBlock = 64 * 1024;
        std::vector<std::unique_ptr<char[]>> blocks_;
        std::size_t used_ = 0, capacity_ = 0;  // of the last block
        std::vector<const char*> data_;
        std::vector<std::uint32_t> length_;
    };
    FieldType type_;
    std::variant<std::vector<std::int64_t>, std::vector<double>, Texts, std::vector<Date>> values_;
    static bool is_null_value(const Value& value);
    std::vector<std::uint8_t> nulls_;
};

}  // namespace atlante
