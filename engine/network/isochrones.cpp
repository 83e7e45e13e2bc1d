#include "engine/network/isochrones.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "layers/error.hpp"
#include "layers/polygonize.hpp"

namespace atlante {

void check_isochrone_options(const IsochroneOptions& options, const std::string& what) {
    if (options.minutes.empty()) throw Error(what + ": no time bands given");
    for (std::size_t i = 0; i < options.minutes.size(); ++i) {
        const double m = options.minutes[i];
        if (!std::isfinite(m) || m <= 0)
            throw Error(what + ": band " + std::to_string(i + 1) +
                        " must be a positive number of minutes, not " + std::to_string(m));
        if (i > 0 && m <= options.minutes[i - 1])
            throw Error(what + ": bands must increase, but " + std::to_string(m) + " follows " +
                        std::to_string(options.minutes[i - 1]));
    }
    if (!std::isfinite(options.buffer_m) || options.buffer_m <= 0)
        throw Error(what + ": the corridor width must be a positive number of metres");
    if (!std::isfinite(options.cell_m) || options.cell_m <= 0)
        throw Error(what + ": the cell size must be a positive number of metres");
}

Geometry corridor_area(const std::vector<Polyline>& lines, double buffer_m, double cell_m) {
    Envelope extent;
    for (const Polyline& l : lines)
        for (const auto& [x, y] : l) extent.expand(x, y);
    if (extent.empty) return Geometry::from_wkt("POLYGON EMPTY");
    const double margin = buffer_m + cell_m;
    CellGrid grid;
    grid.cell = cell_m;
    grid.min_x = extent.min_x - margin;
    grid.max_y = extent.max_y + margin;
    const double columns = std::ceil((extent.max_x + margin - grid.min_x) / cell_m);
    const double rows = std::ceil((grid.max_y - (extent.min_y - margin)) / cell_m);
    if (columns * rows > 4e8)
        throw Error("isochrones: a grid of " + std::to_string(columns * rows / 1e6) +
                    " million cells is too large; use larger cells");
    grid.width = static_cast<int>(columns);
    grid.height = static_cast<int>(rows);
    std::vector<std::uint8_t> mask(
        static_cast<std::size_t>(grid.width) * static_cast<std::size_t>(grid.height), 0);
    const double w2 = buffer_m * buffer_m;
    for (const Polyline& l : lines)
        for (std::size_t i = 1; i < l.size(); ++i) {
            const auto& a = l[i - 1];
            const auto& b = l[i];
            const double dx = b.first - a.first, dy = b.second - a.second;
            const double length2 = dx * dx + dy * dy;
            // Cells whose centre may lie within the width: the segment's box, widened.
            const int c0 =
                std::max(0, int((std::min(a.first, b.first) - buffer_m - grid.min_x) / cell_m));
            const int c1 = std::min(
                grid.width - 1, int((std::max(a.first, b.first) + buffer_m - grid.min_x) / cell_m));
            const int r0 =
                std::max(0, int((grid.max_y - std::max(a.second, b.second) - buffer_m) / cell_m));
            const int r1 =
                std::min(grid.height - 1,
                         int((grid.max_y - std::min(a.second, b.second) + buffer_m) / cell_m));
            for (int r = r0; r <= r1; ++r) {
                const double y = grid.max_y - (r + 0.5) * cell_m;
                std::uint8_t* row = mask.data() + static_cast<std::size_t>(r) * grid.width;
                for (int c = c0; c <= c1; ++c) {
                    if (row[c]) continue;
                    const double x = grid.min_x + (c + 0.5) * cell_m;
                    const double t =
                        length2 > 0
                            ? std::clamp(((x - a.first) * dx + (y - a.second) * dy) / length2, 0.0,
                                         1.0)
                            : 0.0;
                    const double ex = x - (a.first + t * dx), ey = y - (a.second + t * dy);
                    if (ex * ex + ey * ey <= w2) row[c] = 1;
                }
            }
        }
    return polygonize_mask(mask, grid);
}

std::vector<Isochrone> isochrones(const RoadGraph& graph, const NetworkReach& reach,
                                  const std::vector<RoadSnap>& sources, const TravelMode& mode,
                                  const IsochroneOptions& options) {
    check_isochrone_options(options, mode.name + " isochrones");
    std::vector<Isochrone> out;
    for (double minutes : options.minutes) {
        const std::vector<Polyline> pieces =
            reached_within(graph, reach, sources, mode, minutes * 60);
        Isochrone band;
        band.minutes = minutes;
        for (const Polyline& p : pieces) band.street_km += polyline_length(p) / 1000;
        band.area = corridor_area(pieces, options.buffer_m, options.cell_m);
        out.push_back(std::move(band));
    }
    return out;
}

}  // namespace atlante
