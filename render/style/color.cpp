#include "render/style/color.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "layers/error.hpp"

namespace atlante {

static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Color parse_color(const std::string& text) {
    if (text == "white") return {1, 1, 1, 1};
    if (text == "black") return {0, 0, 0, 1};
    if (text == "none" || text == "transparent") return {0, 0, 0, 0};
    if ((text.size() == 7 || text.size() == 9) && text[0] == '#') {
        double channel[4] = {0, 0, 0, 1};
        bool ok = true;
        for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
            const int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
            ok = ok && hi >= 0 && lo >= 0;
            channel[i / 2] = (hi * 16 + lo) / 255.0;
        }
        if (ok) return {channel[0], channel[1], channel[2], channel[3]};
    }
    throw Error("'" + text + "' is not a colour (use #rrggbb, #rrggbbaa, white, black or none)");
}

std::string format_color(const Color& color) {
    if (color.a <= 0) return "none";
    auto byte = [](double v) {
        return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
    };
    char text[16];
    if (byte(color.a) == 255)
        std::snprintf(text, sizeof text, "#%02x%02x%02x", byte(color.r), byte(color.g),
                      byte(color.b));
    else
        std::snprintf(text, sizeof text, "#%02x%02x%02x%02x", byte(color.r), byte(color.g),
                      byte(color.b), byte(color.a));
    return text;
}

namespace {

const std::map<std::string, std::vector<const char*>>& palettes() {
    // Hex values as published by ColorBrewer for these class counts.
    static const std::map<std::string, std::vector<const char*>> palettes{
        {"RdBu6", {"#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"}},
        {"BuRd6",
         {"#2166ac", "#67a9cf", "#d1e5f0", "#fddbc7", "#ef8a62", "#b2182b"}},  // RdBu6 reversed
        {"YlOrRd3", {"#ffeda0", "#feb24c", "#f03b20"}},
        {"YlOrRd5", {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"}},
        {"Greens3", {"#e5f5e0", "#a1d99b", "#31a354"}},
        {"Blues3", {"#deebf7", "#9ecae1", "#3182bd"}},
        {"Set3",
         {"#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
          "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f"}},
        {"Paired",
         {"#a6cee3", "#1f78b4", "#b2df8a", "#33a02c", "#fb9a99", "#e31a1c", "#fdbf6f", "#ff7f00",
          "#cab2d6", "#6a3d9a", "#ffff99", "#b15928"}},
    };
    return palettes;
}

}  // namespace

std::vector<std::string> brewer_palette_names() {
    std::vector<std::string> names;
    for (const auto& [name, colors] : palettes()) names.push_back(name);
    return names;
}

std::optional<std::vector<Color>> brewer_palette(const std::string& name) {
    const auto it = palettes().find(name);
    if (it == palettes().end()) return std::nullopt;
    std::vector<Color> out;
    for (const char* c : it->second) out.push_back(parse_color(c));
    return out;
}

}  // namespace atlante
