// Numbers as the plan prints them: dot for thousands, comma for decimals ("2.247.780",
// "6.826,9", "17,5%").
#pragma once

#include <string>

namespace atlante {

std::string format_italian(double value, int decimals = 0);

// Shortest plain form ("%g": "1500", "4.8"), for parameters in metadata lines.
std::string format_plain(double value);

}  // namespace atlante
