#include "layers/ascii_case.hpp"

#include <cctype>

namespace atlante {

std::string ascii_lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string comparable(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return ascii_lower(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

}  // namespace atlante
