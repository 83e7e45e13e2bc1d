#include "engine/network/isochrones.hpp"

#include <cmath>
#include <string>

#include "layers/error.hpp"

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
        for (const Polyline& p : pieces)
            for (std::size_t i = 1; i < p.size(); ++i)
                band.street_km +=
                    std::hypot(p[i].first - p[i - 1].first, p[i].second - p[i - 1].second) / 1000;
        // Buffering the whole collection at once lets GEOS union the corridors as it goes.
        band.area = Geometry::multi_line(pieces).buffer(options.buffer_m, options.quadrant_segments);
        out.push_back(std::move(band));
    }
    return out;
}

}  // namespace atlante
