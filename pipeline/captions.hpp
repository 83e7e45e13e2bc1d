// Captions that quote the options of the run: in a title, a legend entry or a source line,
// "{tor.radius_m}" is the TOR radius in use, written as the plan writes it ("1,5 km",
// "800 m"); any option of a single step may be quoted ({reach.walk.speed_kmh} -> "4,8").
// So a caption cannot say 1,5 km while the analysis used 800 m.
#pragma once

#include <string>

namespace atlante {

struct Project;

// Replaces every {STEP.KEY}; throws atlante::Error for one that names no single step of the
// project or no option of it.
std::string expand_captions(const std::string& text, const Project& project);

// The message for the first placeholder that expand_captions would refuse ("" when none).
std::string caption_problem(const std::string& text, const Project& project);

}  // namespace atlante
