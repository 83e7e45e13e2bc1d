// How time bands and classes are worded in outputs. The engine has no language of its own: the
// caller gives its words (the pipeline gives the plan's: "15 minuti", "oltre 90 minuti",
// "non raggiungibile"); "{}" stands for the number of minutes.
#pragma once

#include <string>

namespace atlante {

struct TimeLabels {
    std::string within = "{} min";     // a band or class up to N minutes
    std::string over = "over {} min";  // above the last bound
    std::string unreachable = "unreachable";

    std::string band(double minutes) const;   // within, e.g. "15 min"
    std::string above(double minutes) const;  // over, e.g. "over 90 min"
};

}  // namespace atlante
