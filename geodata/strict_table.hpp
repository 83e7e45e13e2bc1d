// Reading TOML configuration strictly: a missing required key, a value of the wrong type and a
// key nobody reads are all errors that cite the file, the key and its line and column. Used by
// the data catalogue and the project file, so a typo never passes silently.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace atlante {

class StrictTable {
  public:
    StrictTable(const toml::table& table, std::string path, std::string file);

    std::string string(const std::string& key) const;
    std::optional<std::string> optional_string(const std::string& key) const;
    std::string string_or(const std::string& key, const std::string& fallback) const;
    bool boolean_or(const std::string& key, bool fallback) const;
    double number_or(const std::string& key, double fallback) const;
    std::vector<std::string> strings_or(const std::string& key,
                                        std::vector<std::string> fallback = {}) const;
    std::vector<double> numbers_or(const std::string& key, std::vector<double> fallback = {}) const;
    // A table of string values, e.g. {1 = "montagna"}.
    std::map<std::string, std::string> string_map(const std::string& key) const;
    // A table of numbers, e.g. {alta = 1.0, media = 0.5}.
    std::map<std::string, double> number_map(const std::string& key) const;
    StrictTable table(const std::string& key) const;
    std::optional<StrictTable> optional_table(const std::string& key) const;
    // An array of tables ([[density]]); empty when absent.
    std::vector<StrictTable> table_array(const std::string& key) const;
    bool has(const std::string& key) const;

    // Throws for the first key of this table that nothing read.
    void reject_unknown_keys() const;

    const std::string& path() const { return path_; }
    const std::string& file() const { return file_; }

  private:
    const toml::node* find(const std::string& key) const;
    [[noreturn]] void fail(const toml::node* node, const std::string& key,
                           const std::string& message) const;

    const toml::table* table_;
    std::string path_;
    std::string file_;
    mutable std::set<std::string> read_;
};

// Parses a TOML file; a syntax error names the file, line and column.
toml::table parse_toml_file(const std::string& file);
// The same for text in memory, named `file` in messages.
toml::table parse_toml_text(std::string_view text, const std::string& file);

}  // namespace atlante
