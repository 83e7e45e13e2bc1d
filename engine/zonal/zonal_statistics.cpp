#include "engine/zonal/zonal_statistics.hpp"

#include <algorithm>
#include <cmath>

#include "layers/reproject.hpp"

namespace atlante {
namespace {

// x-coordinates where the horizontal line at y crosses the rings (half-open on y so a vertex
// is counted once), sorted: consecutive pairs bound the inside spans.
std::vector<double> crossings(const std::vector<std::vector<std::pair<double, double>>>& rings,
                              double y) {
    std::vector<double> xs;
    for (const auto& ring : rings)
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
            const auto [x1, y1] = ring[i];
            const auto [x2, y2] = ring[i + 1];
            if ((y1 <= y && y < y2) || (y2 <= y && y < y1))
                xs.push_back(x1 + (y - y1) * (x2 - x1) / (y2 - y1));
        }
    std::sort(xs.begin(), xs.end());
    return xs;
}

ZonalStatistics summarise(std::vector<double>& values, std::size_t nodata, double threshold) {
    ZonalStatistics s;
    s.cells = values.size();
    s.nodata_cells = nodata;
    if (values.empty()) {
        s.mean = s.median = s.min = s.max = s.share_above = std::nan("");
        return s;
    }
    double sum = 0;
    std::size_t above = 0;
    s.min = values.front();
    s.max = values.front();
    for (double v : values) {
        sum += v;
        s.min = std::min(s.min, v);
        s.max = std::max(s.max, v);
        above += v > threshold ? 1 : 0;
    }
    s.mean = sum / static_cast<double>(values.size());
    s.share_above = static_cast<double>(above) / static_cast<double>(values.size());
    const std::size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid),
                     values.end());
    s.median = values[mid];
    if (values.size() % 2 == 0) {
        const double lower =
            *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
        s.median = (s.median + lower) / 2;
    }
    return s;
}

}  // namespace

std::vector<ZonalStatistics> zonal_statistics(const Raster& raster, const Layer& polygons,
                                              double threshold, const TransformOptions& transform) {
    Layer in_raster_crs = polygons.clone();
    reproject(in_raster_crs, raster.crs(), transform);
    const Envelope extent = raster.extent();
    std::vector<ZonalStatistics> out;
    bool any_overlap = false;
    for (std::size_t row = 0; row < in_raster_crs.size(); ++row) {
        const Geometry& g = in_raster_crs.geometry(row);
        std::vector<double> values;
        std::size_t nodata = 0;
        const Envelope box = g ? g.envelope() : Envelope{};
        if (!box.empty && box.min_x <= extent.max_x && extent.min_x <= box.max_x &&
            box.min_y <= extent.max_y && extent.min_y <= box.max_y)
            any_overlap = true;
        if (const auto window = box.empty ? std::nullopt : raster.read(box)) {
            const auto rings = g.rings();
            for (int r = 0; r < window->height; ++r) {
                const double y = raster.centre_y(window->x0, window->y0 + r);
                const std::vector<double> xs = crossings(rings, y);
                for (std::size_t k = 0; k + 1 < xs.size(); k += 2)
                    for (int c = 0; c < window->width; ++c) {
                        const double x = raster.centre_x(window->x0 + c, window->y0 + r);
                        if (x < xs[k] || x >= xs[k + 1]) continue;
                        const double v = window->at(c, r);
                        if (std::isnan(v))
                            ++nodata;
                        else
                            values.push_back(v);
                    }
            }
        }
        out.push_back(summarise(values, nodata, threshold));
    }
    if (!any_overlap)
        throw Error(ErrorContext{raster.path(), {}, {}, {}},
                    "the raster does not overlap the polygons of '" + polygons.name() + "'");
    return out;
}

}  // namespace atlante
