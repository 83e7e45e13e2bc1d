#include "layers/ascii_case.hpp"

#include <cctype>

namespace atlante {

std::string ascii_lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

}  // namespace atlante
