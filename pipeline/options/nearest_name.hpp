// "did you mean 'radius_m'?": the valid name nearest to a mistyped one, by edit distance
// (Levenshtein, with a swap of two neighbours counted as one edit: "raidus" -> "radius").
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace atlante {

// The nearest name within a few edits (about a third of its length, at least 2), compared
// without case; nullopt when none is that near.
std::optional<std::string> nearest_name(const std::string& wrong,
                                        const std::vector<std::string>& names);

// "; did you mean 'radius_m'?", or "" when no name is near.
std::string did_you_mean(const std::string& wrong, const std::vector<std::string>& names);

}  // namespace atlante
