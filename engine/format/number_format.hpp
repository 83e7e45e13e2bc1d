// Numbers as the plan prints them: dot for thousands, comma for decimals ("2.247.780",
// "6.826,9", "17,5%").
#pragma once

#include <string>

namespace atlante {

std::string format_italian(double value, int decimals = 0);

}  // namespace atlante
