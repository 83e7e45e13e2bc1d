// Colours: "#rrggbb", "#rrggbbaa" or a few names ("white", "black", "none"), and the ColorBrewer
// palettes atlante ships (Cynthia Brewer, colorbrewer2.org; Apache-2.0 licensed colour schemes).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace atlante {

struct Color {
    double r = 0, g = 0, b = 0, a = 1;
    bool operator==(const Color&) const = default;
};

// Throws atlante::Error naming the text when it is not a colour.
Color parse_color(const std::string& text);
// "#rrggbb", or "#rrggbbaa" when not opaque; "none" when fully transparent.
std::string format_color(const Color& color);
std::optional<std::vector<Color>> brewer_palette(
    const std::string& name);  // e.g. "RdBu6", "Set3", "Paired"
// The palettes brewer_palette knows, by name.
std::vector<std::string> brewer_palette_names();

}  // namespace atlante
