#include "pipeline/report/text_table.hpp"

#include <algorithm>

namespace atlante {

// Display width in characters (UTF-8 continuation bytes take no column).
static std::size_t width(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

TextTable::TextTable(std::vector<std::string> header, std::vector<bool> right_aligned)
    : header_(std::move(header)), right_(std::move(right_aligned)) {
    right_.resize(header_.size(), false);
}

void TextTable::add(std::vector<std::string> row) {
    row.resize(header_.size());
    rows_.push_back(std::move(row));
}

std::string TextTable::render(const std::string& indent) const {
    std::vector<std::size_t> widths(header_.size());
    for (std::size_t i = 0; i < header_.size(); ++i) {
        widths[i] = width(header_[i]);
        for (const auto& row : rows_) widths[i] = std::max(widths[i], width(row[i]));
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out = indent;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::string pad(widths[i] - width(cells[i]), ' ');
            out += right_[i] ? pad + cells[i] : cells[i] + pad;
            if (i + 1 < cells.size()) out += "  ";
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(header_);
    for (const auto& row : rows_) out += line(row);
    return out;
}

}  // namespace atlante
