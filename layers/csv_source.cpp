#include "layers/csv_source.hpp"

#include <cpl_vsi.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <regex>

#include "layers/ascii_case.hpp"
#include "layers/text_encoding.hpp"

namespace atlante {
namespace {

// The names GDAL looks for when the reading options name no column.
const std::vector<std::string> kWktNames{"wkt", "geometry", "geom"};
const std::vector<std::string> kXNames{"lon", "longitude", "lng", "longitudine", "x"};
const std::vector<std::string> kYNames{"lat", "latitude", "latitudine", "y"};

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ",") + n;
    return out;
}

// The first column of the header (as written) whose name is one of `names`, ignoring case.
std::string first_named(const std::vector<std::string>& header,
                        const std::vector<std::string>& names) {
    for (const std::string& column : header)
        for (const std::string& name : names)
            if (ascii_lower(column) == ascii_lower(name)) return column;
    return {};
}

std::vector<std::string> candidates(const std::string& given,
                                    const std::vector<std::string>& usual) {
    return given.empty() ? usual : std::vector<std::string>{given};
}

// "1,5" -> "1.5" and "1.234,5" -> "1234.5": numbers as Italian spreadsheets write them.
std::string decimal_point(const std::string& field) {
    static const std::regex comma(R"([+-]?\d+,\d+)");
    static const std::regex grouped(R"([+-]?\d{1,3}(\.\d{3})+(,\d+)?)");
    if (std::regex_match(field, comma)) {
        std::string out = field;
        out[out.find(',')] = '.';
        return out;
    }
    if (!std::regex_match(field, grouped)) return field;
    std::string out;
    for (char c : field)
        if (c != '.') out += c == ',' ? '.' : c;
    return out;
}

char separator_of(const std::string& name, const std::string& header) {
    if (name == ";" || name == "semicolon") return ';';
    if (name == "tab" || name == "\t") return '\t';
    if (name == "|" || name == "pipe") return '|';
    if (name == "," || name == "comma") return ',';
    // As the header shows: the most frequent candidate.
    std::size_t best = 0;
    char chosen = ',';
    for (char c : {',', ';', '\t', '|'}) {
        const auto n = static_cast<std::size_t>(std::count(header.begin(), header.end(), c));
        if (n > best) best = n, chosen = c;
    }
    return chosen;
}

// The CSV with its fields separated by `to` instead of `from`, and with numbers in
// decimal-comma form written with a point when `decimal_comma`; quoting kept, and added where a
// field now holds the new separator.
std::string rewritten(const std::string& text, char from, char to, bool decimal_comma) {
    std::string out, field;
    bool quoted = false, was_quoted = false;
    auto flush = [&] {
        const std::string value = decimal_comma ? decimal_point(field) : field;
        const bool quote = was_quoted || (from != to && value.find(to) != std::string::npos);
        out += quote ? "\"" + value + "\"" : value;
        field.clear();
        was_quoted = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += "\"\"";
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = was_quoted = true;
        } else if (c == from || c == '\n' || c == '\r') {
            flush();
            out += c == from ? to : c;
        } else {
            field += c;
        }
    }
    flush();
    return out;
}

// The header's column names, as written.
std::vector<std::string> header_names(const std::string& header, char separator) {
    std::vector<std::string> names;
    std::string name;
    for (char c : header + separator) {
        if (c == separator) {
            while (!name.empty() && (name.back() == '\r' || name.back() == ' ')) name.pop_back();
            if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
                name = name.substr(1, name.size() - 2);
            names.push_back(name);
            name.clear();
        } else {
            name += c;
        }
    }
    return names;
}

// The whole file, through GDAL's virtual file layer (so /vsimem/ and /vsizip/ paths work too).
std::string file_text(const std::string& source) {
    const gdal::VsiFilePtr file(VSIFOpenL(source.c_str(), "rb"));
    if (!file) throw Error(ErrorContext{source, {}, {}, {}}, "cannot read the file");
    std::string text;
    char buffer[65536];
    for (std::size_t n; (n = VSIFReadL(buffer, 1, sizeof buffer, file.get())) > 0;)
        text.append(buffer, n);
    return text;
}

}  // namespace

bool is_csv(const std::string& source) {
    const std::string ext = ascii_lower(std::filesystem::path(source).extension().string());
    return ext == ".csv" || ext == ".tsv";
}

PreparedCsv prepare_csv(const std::string& source, const ReadOptions& options) {
    std::string text = file_text(source);
    bool changed = false;
    // A UTF-8 byte order mark (Excel's "CSV UTF-8") is not part of the first column's name.
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3), changed = true;
    // atlante's older outputs start with "# key: value" lines; GDAL knows no comments.
    while (!text.empty() && text[0] == '#') {
        const auto end = text.find('\n');
        text.erase(0, end == std::string::npos ? text.size() : end + 1);
        changed = true;
    }
    if (!options.encoding.empty()) {
        try {
            text = to_utf8(text, options.encoding);
        } catch (const Error& e) {
            throw Error(ErrorContext{source, {}, {}, {}}, e.message());
        }
        changed = true;
    }
    PreparedCsv out;
    const std::string header = text.substr(0, text.find('\n'));
    out.separator = separator_of(options.separator, header);
    out.header = header_names(header, out.separator);
    // GDAL detects ',', ';' and tab from the header, not '|'.
    const char separator = out.separator == '|' ? ';' : out.separator;
    if (options.decimal == "," || separator != out.separator) {
        text = rewritten(text, out.separator, separator, options.decimal == ",");
        changed = true;
    }
    if (!changed) return out;
    static std::atomic<unsigned> counter{0};
    out.memory_path = "/vsimem/atlante_csv_" + std::to_string(counter++) + "/" +
                      std::filesystem::path(source).filename().string();
    const gdal::VsiFilePtr memory(VSIFOpenL(out.memory_path.c_str(), "wb"));
    if (!memory) return {};
    VSIFWriteL(text.data(), 1, text.size(), memory.get());
    return out;
}

std::vector<std::string> csv_open_options(const ReadOptions& options) {
    // Empty cells are nulls; a comune called "None" stays a name.
    std::vector<std::string> out{"EMPTY_STRING_AS_NULL=YES"};
    if (options.attributes_only) return out;
    out.push_back("GEOM_POSSIBLE_NAMES=" + joined(candidates(options.wkt_field, kWktNames)));
    out.push_back("X_POSSIBLE_NAMES=" + joined(candidates(options.x_field, kXNames)));
    out.push_back("Y_POSSIBLE_NAMES=" + joined(candidates(options.y_field, kYNames)));
    // Kept as fields, so that a WKT or a coordinate that makes no geometry can be named.
    out.push_back("KEEP_GEOM_COLUMNS=YES");
    return out;
}

bool csv_in_degrees(const std::vector<std::string>& header, const ReadOptions& options) {
    if (!first_named(header, candidates(options.wkt_field, kWktNames)).empty()) return false;
    const std::string x = ascii_lower(first_named(header, candidates(options.x_field, kXNames)));
    return x.find("lon") != std::string::npos || x == "lng";
}

namespace {

// GDAL warns once per coordinate column: "Invalid value type found in record 2 for field LAT".
void check_coordinate_warnings(const Layer& layer,
                               const std::vector<gdal::ErrorCapture::Message>& messages) {
    static const std::regex invalid(
        R"(Invalid value type found in record (\d+) for field (.+?)\.)");
    for (const auto& m : messages) {
        std::smatch match;
        if (!std::regex_search(m.text, match, invalid)) continue;
        const std::int64_t record = std::stoll(match[1].str());
        ErrorContext where{layer.origin().source, layer.origin().layer, record, match[2].str()};
        for (std::size_t row = 0; row < layer.size(); ++row)
            if (layer.id(row) == record) where = layer.where(row, match[2].str());
        throw Error(where,
                    "a coordinate that is not a number (is the decimal mark right? "
                    "decimal = \",\" reads 45,07)");
    }
}

// A record whose WKT is written but made no geometry: the WKT does not parse.
void check_wkt(const Layer& layer, const std::string& column) {
    const Column& wkt = layer.column(column);
    for (std::size_t row = 0; row < layer.size(); ++row) {
        if (layer.geometry(row) || wkt.is_null(row) || wkt.text(row).empty()) continue;
        std::string text = wkt.text(row);
        if (text.size() > 60) text = text.substr(0, 57) + "...";
        throw Error(layer.where(row, column), "WKT that does not parse: '" + text + "'");
    }
}

}  // namespace

void check_csv_geometry(Layer& layer, const ReadOptions& options,
                        const std::vector<gdal::ErrorCapture::Message>& messages) {
    std::vector<std::string> header;
    for (const Field& f : layer.fields()) header.push_back(f.name);
    const std::string wkt = first_named(header, candidates(options.wkt_field, kWktNames));
    if (!wkt.empty()) {
        check_wkt(layer, wkt);
        layer.remove_field(wkt);
        return;
    }
    check_coordinate_warnings(layer, messages);
    for (const std::string& column : {first_named(header, candidates(options.x_field, kXNames)),
                                      first_named(header, candidates(options.y_field, kYNames))})
        if (!column.empty()) layer.remove_field(column);
}

}  // namespace atlante
