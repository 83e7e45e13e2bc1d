#include "layers/join.hpp"

#include <unordered_map>

namespace atlante {

std::string key_text(const Column& column, std::size_t row, int pad) {
    std::string text = column.text(row);
    if (column.type() == FieldType::Integer && pad > 0 && static_cast<int>(text.size()) < pad &&
        column.integer(row) >= 0)
        text.insert(0, static_cast<std::size_t>(pad) - text.size(), '0');
    return text;
}

JoinReport join_attributes(Layer& layer, const std::string& layer_key, const Layer& table,
                           const std::string& table_key, const JoinOptions& options) {
    const Column& left_keys = layer.column(layer.require_field(layer_key));
    const std::size_t table_key_index = table.require_field(table_key);
    const Column& right_keys = table.column(table_key_index);

    // Table index by key; a key twice is ambiguous, so it is an error naming both rows.
    std::unordered_map<std::string, std::size_t> rows_by_key;
    for (std::size_t row = 0; row < table.size(); ++row) {
        if (right_keys.is_null(row)) throw Error(table.where(row, table_key), "empty join key");
        const std::string key = key_text(right_keys, row, options.pad_integer_keys);
        const auto [it, inserted] = rows_by_key.emplace(key, row);
        if (!inserted)
            throw Error(table.where(row, table_key),
                        "duplicate join key '" + key + "' (also feature " +
                            std::to_string(table.id(it->second)) + ")");
    }

    std::vector<std::size_t> copied;
    if (options.fields.empty()) {
        for (std::size_t i = 0; i < table.fields().size(); ++i)
            if (i != table_key_index) copied.push_back(i);
    } else {
        for (const std::string& name : options.fields) copied.push_back(table.require_field(name));
    }
    std::vector<std::size_t> targets;
    for (std::size_t index : copied) {
        Field field = table.fields()[index];
        field.name = options.prefix + field.name;
        if (layer.field_index(field.name))
            throw Error(layer.where(std::nullopt, field.name),
                        "the joined table '" + table.name() +
                            "' has a field of the same name; use a prefix");
        targets.push_back(layer.add_field(field));
    }

    JoinReport report;
    std::vector<bool> used(table.size(), false);
    for (std::size_t row = 0; row < layer.size(); ++row) {
        const std::string key = left_keys.is_null(row)
                                    ? std::string()
                                    : key_text(left_keys, row, options.pad_integer_keys);
        const auto it = left_keys.is_null(row) ? rows_by_key.end() : rows_by_key.find(key);
        if (it == rows_by_key.end()) {
            if (options.require_match)
                throw Error(layer.where(row, layer_key),
                            "join key '" + key + "' has no row in '" + table.origin().source + "'");
            report.unmatched_keys.push_back(key);
            continue;
        }
        used[it->second] = true;
        ++report.matched;
        for (std::size_t k = 0; k < copied.size(); ++k)
            layer.column(targets[k]).set(row, table.column(copied[k]).value(it->second));
    }
    for (std::size_t row = 0; row < table.size(); ++row)
        if (!used[row])
            report.unused_keys.push_back(key_text(right_keys, row, options.pad_integer_keys));
    return report;
}

}  // namespace atlante
