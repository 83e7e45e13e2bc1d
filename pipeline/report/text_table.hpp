// Aligned plain-text tables for the terminal.
#pragma once

#include <string>
#include <vector>

namespace atlante {

class TextTable {
  public:
    // `right_aligned[i]`: column i holds numbers.
    TextTable(std::vector<std::string> header, std::vector<bool> right_aligned);
    void add(std::vector<std::string> row);
    std::string render(const std::string& indent = "  ") const;

  private:
    std::vector<std::string> header_;
    std::vector<bool> right_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace atlante
