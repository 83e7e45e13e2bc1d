#include "geodata/strict_table.hpp"

#include <filesystem>

#include "layers/error.hpp"

namespace atlante {

static std::string position(const toml::source_region& source) {
    return "line " + std::to_string(source.begin.line) + ", column " +
           std::to_string(source.begin.column);
}

StrictTable::StrictTable(const toml::table& table, std::string path, std::string file)
    : table_(&table), path_(std::move(path)), file_(std::move(file)) {}

const toml::node* StrictTable::find(const std::string& key) const {
    read_.insert(key);
    return table_->get(key);
}

bool StrictTable::has(const std::string& key) const { return table_->contains(key); }

void StrictTable::fail(const toml::node* node, const std::string& key,
                       const std::string& message) const {
    const toml::source_region& where = node ? node->source() : table_->source();
    const std::string name = path_.empty() ? key : path_ + "." + key;
    throw Error(ErrorContext{file_, {}, {}, {}},
                position(where) + ": key '" + name + "': " + message);
}

std::string StrictTable::string(const std::string& key) const {
    const toml::node* node = find(key);
    if (!node) fail(nullptr, key, "required, missing");
    if (!node->is_string()) fail(node, key, "expected a string");
    return std::string(*node->value<std::string>());
}

std::optional<std::string> StrictTable::optional_string(const std::string& key) const {
    if (!table_->contains(key)) {
        read_.insert(key);
        return std::nullopt;
    }
    return string(key);
}

std::string StrictTable::string_or(const std::string& key, const std::string& fallback) const {
    return optional_string(key).value_or(fallback);
}

bool StrictTable::boolean_or(const std::string& key, bool fallback) const {
    const toml::node* node = find(key);
    if (!node) return fallback;
    if (!node->is_boolean()) fail(node, key, "expected true or false");
    return *node->value<bool>();
}

double StrictTable::number_or(const std::string& key, double fallback) const {
    const toml::node* node = find(key);
    if (!node) return fallback;
    if (!node->is_number()) fail(node, key, "expected a number");
    return *node->value<double>();
}

std::vector<std::string> StrictTable::strings_or(const std::string& key,
                                                 std::vector<std::string> fallback) const {
    const toml::node* node = find(key);
    if (!node) return fallback;
    const toml::array* array = node->as_array();
    if (!array) fail(node, key, "expected an array of strings");
    std::vector<std::string> out;
    for (const toml::node& item : *array) {
        if (!item.is_string()) fail(&item, key, "expected an array of strings");
        out.emplace_back(*item.value<std::string>());
    }
    return out;
}

std::vector<double> StrictTable::numbers_or(const std::string& key,
                                            std::vector<double> fallback) const {
    const toml::node* node = find(key);
    if (!node) return fallback;
    const toml::array* array = node->as_array();
    if (!array) fail(node, key, "expected an array of numbers");
    std::vector<double> out;
    for (const toml::node& item : *array) {
        if (!item.is_number()) fail(&item, key, "expected an array of numbers");
        out.push_back(*item.value<double>());
    }
    return out;
}

std::map<std::string, std::string> StrictTable::string_map(const std::string& key) const {
    const toml::node* node = find(key);
    if (!node) fail(nullptr, key, "required, missing");
    const toml::table* table = node->as_table();
    if (!table) fail(node, key, "expected a table");
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : *table) {
        if (!v.is_string()) fail(&v, key + "." + std::string(k.str()), "expected a string");
        out.emplace(std::string(k.str()), *v.value<std::string>());
    }
    return out;
}

std::map<std::string, double> StrictTable::number_map(const std::string& key) const {
    const toml::node* node = find(key);
    if (!node) fail(nullptr, key, "required, missing");
    const toml::table* table = node->as_table();
    if (!table) fail(node, key, "expected a table");
    std::map<std::string, double> out;
    for (const auto& [k, v] : *table) {
        if (!v.is_number()) fail(&v, key + "." + std::string(k.str()), "expected a number");
        out.emplace(std::string(k.str()), *v.value<double>());
    }
    return out;
}

StrictTable StrictTable::table(const std::string& key) const {
    if (auto t = optional_table(key)) return *t;
    fail(nullptr, key, "required table, missing");
}

std::optional<StrictTable> StrictTable::optional_table(const std::string& key) const {
    const toml::node* node = find(key);
    if (!node) return std::nullopt;
    const toml::table* table = node->as_table();
    if (!table) fail(node, key, "expected a table");
    return StrictTable(*table, path_.empty() ? key : path_ + "." + key, file_);
}

std::vector<StrictTable> StrictTable::table_array(const std::string& key) const {
    const toml::node* node = find(key);
    std::vector<StrictTable> out;
    if (!node) return out;
    const toml::array* array = node->as_array();
    if (!array) fail(node, key, "expected an array of tables ([[" + key + "]])");
    for (std::size_t i = 0; i < array->size(); ++i) {
        const toml::table* table = (*array)[i].as_table();
        if (!table) fail(&(*array)[i], key, "expected an array of tables ([[" + key + "]])");
        out.emplace_back(*table,
                         (path_.empty() ? key : path_ + "." + key) + "[" + std::to_string(i) + "]",
                         file_);
    }
    return out;
}

void StrictTable::reject_unknown_keys() const {
    for (const auto& [k, v] : *table_) {
        const std::string key(k.str());
        if (!read_.count(key)) fail(&v, key, "unknown key");
    }
}

toml::table parse_toml_file(const std::string& file) {
    // A folder or a device reads as an empty document: say what it is instead.
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec && ec != std::errc::no_such_file_or_directory)
        throw Error(ErrorContext{file, {}, {}, {}}, "cannot be read: " + ec.message());
    if (std::filesystem::is_directory(status))
        throw Error(ErrorContext{file, {}, {}, {}}, "is a folder, not a TOML file");
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        throw Error(ErrorContext{file, {}, {}, {}}, "is not a regular file");
    try {
        return toml::parse_file(file);
    } catch (const toml::parse_error& e) {
        std::string message(e.description());
        if (e.source().begin.line == 0 &&
            message.find("File could not be opened") != std::string::npos)
            throw Error(ErrorContext{file, {}, {}, {}}, "cannot read the file");
        throw Error(ErrorContext{file, {}, {}, {}}, position(e.source()) + ": " + message);
    }
}

toml::table parse_toml_text(std::string_view text, const std::string& file) {
    try {
        return toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        throw Error(ErrorContext{file, {}, {}, {}},
                    position(e.source()) + ": " + std::string(e.description()));
    }
}

}  // namespace atlante
