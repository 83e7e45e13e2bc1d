// Numbers as the plan prints them: dot for thousands, comma for decimals ("2.247.780",
// "6.826,9", "17,5%").
#pragma once

#include <string>

namespace atlante {

std::string format_italian(double value, int decimals = 0);

// A distance as the plan writes it: "800 m" below a kilometre, "1,5 km" / "2 km" / "1,25 km"
// from there (at most two decimals).
std::string format_distance(double metres);

// Shortest plain form ("%g": "1500", "4.8"), for parameters in metadata lines.
std::string format_plain(double value);

}  // namespace atlante
