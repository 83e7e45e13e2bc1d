#include "tests/support/svg_shapes.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <regex>
#include <sstream>

#include "tests/support/test_support.hpp"

namespace atlante::testing {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

std::string style_value(const std::string& style, const std::string& key) {
    const std::regex re("(^|;)" + key + ":([^;]*)");
    std::smatch m;
    if (!std::regex_search(style, m, re) || m[2] == "none") return "";
    return m[2];
}

// The box of the path as drawn: its lines' ends and points along its curves (a curve's
// control points can lie outside what it draws).
SvgShape box_of(const std::string& d, const std::string& transform) {
    double a = 1, b = 0, c = 0, e = 1, f = 0, g = 0;  // x' = a x + c y + f, y' = b x + e y + g
    std::smatch m;
    if (std::regex_search(
            transform, m,
            std::regex("matrix\\(([^,]+),([^,]+),([^,]+),([^,]+),([^,]+),([^)]+)\\)")))
        a = std::stod(m[1]), b = std::stod(m[2]), c = std::stod(m[3]), e = std::stod(m[4]),
        f = std::stod(m[5]), g = std::stod(m[6]);
    SvgShape s;
    s.x0 = s.y0 = std::numeric_limits<double>::max();
    s.x1 = s.y1 = std::numeric_limits<double>::lowest();
    auto add = [&](double x, double y) {
        const double px = (a * x + c * y + f) / kPointsPerMm,
                     py = (b * x + e * y + g) / kPointsPerMm;
        s.x0 = std::min(s.x0, px), s.x1 = std::max(s.x1, px);
        s.y0 = std::min(s.y0, py), s.y1 = std::max(s.y1, py);
    };
    std::istringstream in(d);
    std::string token;
    char command = 'M';
    std::vector<double> args;
    double cx = 0, cy = 0;
    while (in >> token) {
        if (std::isalpha(static_cast<unsigned char>(token[0]))) {
            command = token[0];
            args.clear();
            continue;
        }
        args.push_back(std::stod(token));
        if ((command == 'M' || command == 'L') && args.size() == 2) {
            cx = args[0], cy = args[1];
            add(cx, cy);
            args.clear();
        } else if (command == 'C' && args.size() == 6) {
            for (int k = 1; k <= 32; ++k) {
                const double t = k / 32.0, u = 1 - t;
                add(u * u * u * cx + 3 * u * u * t * args[0] + 3 * u * t * t * args[2] +
                        t * t * t * args[4],
                    u * u * u * cy + 3 * u * u * t * args[1] + 3 * u * t * t * args[3] +
                        t * t * t * args[5]);
            }
            cx = args[4], cy = args[5];
            args.clear();
        }
    }
    return s;
}

}  // namespace

std::vector<SvgShape> svg_shapes(const std::string& svg_file) {
    const std::string text = read_file(svg_file);
    // Only the page's shapes: glyph outlines live in <defs>.
    const std::size_t page = text.find("<g id=\"surface");
    const std::string body = page == std::string::npos ? text : text.substr(page);
    const std::regex path("<path style=\"([^\"]*)\" d=\"([^\"]*)\"( transform=\"([^\"]*)\")?");
    std::vector<SvgShape> out;
    for (auto it = std::sregex_iterator(body.begin(), body.end(), path);
         it != std::sregex_iterator(); ++it) {
        SvgShape s = box_of((*it)[2], (*it)[4]);
        s.fill = style_value((*it)[1], "fill");
        s.stroke = style_value((*it)[1], "stroke");
        out.push_back(s);
    }
    return out;
}

std::string svg_rgb(const std::string& hex) {
    // Cairo writes each channel as a percentage with up to six decimals, trailing zeros dropped.
    std::string out = "rgb(";
    for (int i = 0; i < 3; ++i) {
        char number[32];
        std::snprintf(number, sizeof number, "%f",
                      std::stoi(hex.substr(1 + 2 * i, 2), nullptr, 16) / 2.55);
        std::string n = number;
        while (n.back() == '0') n.pop_back();
        if (n.back() == '.') n.pop_back();
        out += n + (i < 2 ? "%," : "%)");
    }
    return out;
}

}  // namespace atlante::testing
