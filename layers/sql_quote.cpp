#include "layers/sql_quote.hpp"

namespace atlante::sql {
namespace {

std::string quoted(const std::string& text, char quote) {
    std::string out(1, quote);
    for (const char c : text) out += c == quote ? std::string(2, quote) : std::string(1, c);
    return out + quote;
}

}  // namespace

std::string identifier(const std::string& name) { return quoted(name, '"'); }

std::string qualified_identifier(const std::string& name) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = name.find('.', start);
        out += identifier(name.substr(start, dot - start));
        if (dot == std::string::npos) return out;
        out += ".";
        start = dot + 1;
    }
}

std::string literal(const std::string& text) { return quoted(text, '\''); }

}  // namespace atlante::sql
