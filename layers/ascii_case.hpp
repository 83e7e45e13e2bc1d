// ASCII lower case, for comparing names and flags without regard to case (file extensions,
// font families, OSM values, station names). Bytes outside ASCII are left as they are.
#pragma once

#include <string>

namespace atlante {

std::string ascii_lower(std::string text);

}  // namespace atlante
