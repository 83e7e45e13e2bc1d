#include "layers/csv_table.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "layers/atomic_output.hpp"
#include "layers/text_file.hpp"

namespace atlante {
namespace {

// A real as a spreadsheet reads it: the shortest text that reads back as the same number, in
// plain digits (not 1e+05), with the dialect's decimal mark.
void append_real(std::string& out, double v, char decimal) {
    char buffer[64];
    const bool plain = v == 0 || (std::abs(v) >= 1e-6 && std::abs(v) < 1e15);
    const auto result =
        plain ? std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed)
              : std::to_chars(buffer, buffer + sizeof buffer, v);
    if (decimal != '.')
        for (char* c = buffer; c != result.ptr; ++c)
            if (*c == '.') *c = decimal;
    out.append(buffer, result.ptr);
}

// A text cell, quoted when it holds the separator, a quote or a line break.
void append_text(std::string& out, std::string_view text, const CsvDialect& d) {
    const char specials[] = {d.separator, '"', '\n', '\r'};
    if (text.find_first_of(std::string_view(specials, 4)) == std::string_view::npos) {
        out.append(text);
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_field(std::string& out, const Column& column, std::size_t row, const CsvDialect& d) {
    if (column.is_null(row)) return;
    switch (column.type()) {
        case FieldType::Real:
            append_real(out, column.real(row), d.decimal);
            return;
        case FieldType::Integer: {
            char buffer[24];
            out.append(buffer,
                       std::to_chars(buffer, buffer + sizeof buffer, column.integer(row)).ptr);
            return;
        }
        case FieldType::String:
            append_text(out, column.string(row), d);
            return;
        case FieldType::Date:
            out += column.date(row).iso();
            return;
    }
}

std::string header_text(const std::string& name, const CsvDialect& d) {
    std::string out;
    append_text(out, name, d);
    return out;
}

nlohmann::ordered_json datatype(FieldType type, const CsvDialect& d) {
    switch (type) {
        case FieldType::Integer:
            return "integer";
        case FieldType::Real:
            if (d.decimal == '.') return "double";
            return {{"base", "double"}, {"format", {{"decimalChar", std::string(1, d.decimal)}}}};
        case FieldType::Date:
            return "date";
        case FieldType::String:
            return "string";
    }
    return "string";
}

}  // namespace

CsvDialect csv_dialect(const std::string& name) {
    if (name == "rfc4180") return {};
    if (name == "excel-it") return {"excel-it", ';', ',', true};
    throw Error("unknown CSV dialect '" + name + "' (rfc4180 or excel-it)");
}

void write_csv_table(const Layer& layer, const std::string& path, const CsvDialect& d) {
    std::string text = d.byte_order_mark ? "\xEF\xBB\xBF" : "";
    const auto& fields = layer.fields();
    for (std::size_t f = 0; f < fields.size(); ++f)
        text += (f ? std::string(1, d.separator) : "") + header_text(fields[f].name, d);
    text += "\r\n";
    TextFile file(path);
    for (std::size_t row = 0; row < layer.size(); ++row) {
        for (std::size_t f = 0; f < fields.size(); ++f) {
            if (f) text += d.separator;
            append_field(text, layer.column(f), row, d);
        }
        text += "\r\n";
        file.append(text);
        text.clear();
    }
    file.append(text);
    file.finish();
}

void write_csv_metadata(const Layer& layer, const std::string& csv_path, const CsvDialect& d,
                        const CsvDescription& description) {
    nlohmann::ordered_json doc;
    doc["@context"] =
        nlohmann::ordered_json::array({"http://www.w3.org/ns/csvw", {{"@language", "it"}}});
    doc["url"] = std::filesystem::path(csv_path).filename().string();
    if (!description.title.empty()) doc["dc:title"] = description.title;
    doc["dc:creator"] = std::string("atlante ") + ATLANTE_VERSION;
    if (const auto it = description.metadata.find("SOURCES"); it != description.metadata.end())
        doc["dc:source"] = it->second;
    doc["dialect"] = {{"delimiter", std::string(1, d.separator)},
                      {"encoding", "utf-8"},
                      {"header", true},
                      {"doubleQuote", true},
                      {"lineTerminators", {"\r\n"}}};
    // The step's method and parameters, as atlante wrote them into the table's header lines
    // before (one note per key).
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const auto& [key, value] : description.metadata)
        notes.push_back(
            {{"@type", "atlante:Parameter"}, {"atlante:key", key}, {"rdf:value", value}});
    doc["notes"] = notes;
    nlohmann::ordered_json columns = nlohmann::ordered_json::array();
    for (const Field& f : layer.fields()) {
        const auto title = description.column_titles.find(f.name);
        columns.push_back(
            {{"name", f.name},
             {"titles", title == description.column_titles.end() ? f.name : title->second},
             {"datatype", datatype(f.type, d)},
             {"null", ""}});
    }
    doc["tableSchema"] = {{"columns", columns}};
    write_text_atomically(csv_path + "-metadata.json", doc.dump(2) + "\n");
}

}  // namespace atlante
