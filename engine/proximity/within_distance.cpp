#include "engine/proximity/within_distance.hpp"

#include <algorithm>

namespace atlante {

WithinDistance::WithinDistance(const Layer& sources) : sources_(sources), index_(sources) {}

static void sort_by_distance(std::vector<SourceAtDistance>& found) {
    std::sort(found.begin(), found.end(), [](const SourceAtDistance& a, const SourceAtDistance& b) {
        return a.distance != b.distance ? a.distance < b.distance : a.source < b.source;
    });
}

std::vector<SourceAtDistance> WithinDistance::within(const Geometry& target, double radius) const {
    std::vector<SourceAtDistance> found;
    if (!target || target.is_empty()) return found;
    for (std::size_t row : index_.query(target.envelope(), radius)) {
        const double d = target.distance(sources_.geometry(row));
        if (d <= radius) found.push_back({row, d});
    }
    sort_by_distance(found);
    return found;
}

std::optional<SourceAtDistance> WithinDistance::nearest(const Geometry& target) const {
    if (!target || target.is_empty()) return std::nullopt;
    const Envelope box = target.envelope();
    const auto first = index_.nearest(box);
    if (!first) return std::nullopt;
    // The envelope distance never exceeds the true distance, so every source nearer than the
    // first guess has its envelope within that guess of the target's envelope.
    const double bound = target.distance(sources_.geometry(*first));
    std::vector<SourceAtDistance> candidates;
    for (std::size_t row : index_.query(box, bound))
        candidates.push_back({row, target.distance(sources_.geometry(row))});
    sort_by_distance(candidates);
    return candidates.front();
}

}  // namespace atlante
