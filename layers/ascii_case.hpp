// ASCII lower case, for comparing names and flags without regard to case (file extensions,
// font families, OSM values, station names). Bytes outside ASCII are left as they are.
#pragma once

#include <string>

namespace atlante {

std::string ascii_lower(std::string text);
// A value as compared by its meaning: ASCII lower case without surrounding blanks ("  ALTA " is
// "alta"), for classes and categories planners type by hand.
std::string comparable(const std::string& text);

}  // namespace atlante
