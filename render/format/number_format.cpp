#include "render/format/number_format.hpp"

#include <cmath>
#include <cstdio>

namespace atlante {

std::string format_italian(double value, int decimals) {
    if (!std::isfinite(value)) return "n.d.";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::abs(value));
    std::string digits(buffer);
    std::string fraction;
    if (const auto dot = digits.find('.'); dot != std::string::npos) {
        fraction = "," + digits.substr(dot + 1);
        digits.resize(dot);
    }
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '.';
        grouped += digits[i];
    }
    // "-0" is not a number anyone prints.
    const bool negative =
        value < 0 && (grouped + fraction).find_first_not_of("0.,") != std::string::npos;
    return (negative ? "-" : "") + grouped + fraction;
}

std::string format_distance(double metres) {
    if (std::abs(metres) < 1000)
        return format_italian(metres, metres == std::round(metres) ? 0 : 1) + " m";
    const double km = metres / 1000;
    int decimals = 0;
    while (decimals < 2 &&
           std::abs(km * std::pow(10, decimals) - std::round(km * std::pow(10, decimals))) > 1e-9)
        ++decimals;
    return format_italian(km, decimals) + " km";
}

std::string format_plain(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

}  // namespace atlante
