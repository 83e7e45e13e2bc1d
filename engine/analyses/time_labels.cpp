#include "engine/analyses/time_labels.hpp"

#include <cstdio>

namespace atlante {
namespace {

std::string filled(const std::string& pattern, double minutes) {
    char number[32];
    std::snprintf(number, sizeof number, "%g", minutes);
    std::string out = pattern;
    if (const auto at = out.find("{}"); at != std::string::npos) out.replace(at, 2, number);
    return out;
}

}  // namespace

std::string TimeLabels::band(double minutes) const { return filled(within, minutes); }
std::string TimeLabels::above(double minutes) const { return filled(over, minutes); }

}  // namespace atlante
