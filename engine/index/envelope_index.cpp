#include "engine/index/envelope_index.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

namespace atlante {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using BoostPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BoostBox = bg::model::box<BoostPoint>;
using Entry = std::pair<BoostBox, std::size_t>;

struct EnvelopeIndex::Tree {
    bgi::rtree<Entry, bgi::rstar<16>> rtree;
};

static BoostBox to_box(const Envelope& e) {
    return BoostBox(BoostPoint(e.min_x, e.min_y), BoostPoint(e.max_x, e.max_y));
}

EnvelopeIndex::EnvelopeIndex(const Layer& layer) : tree_(std::make_unique<Tree>()) {
    std::vector<Entry> entries;
    entries.reserve(layer.size());
    for (std::size_t row = 0; row < layer.size(); ++row) {
        const Geometry& g = layer.geometry(row);
        if (!g || g.is_empty()) continue;
        entries.emplace_back(to_box(g.envelope()), row);
    }
    // The range constructor bulk-loads (packs) the tree: faster to build and to query.
    tree_->rtree = bgi::rtree<Entry, bgi::rstar<16>>(entries.begin(), entries.end());
}

EnvelopeIndex::~EnvelopeIndex() = default;
EnvelopeIndex::EnvelopeIndex(EnvelopeIndex&&) noexcept = default;
EnvelopeIndex& EnvelopeIndex::operator=(EnvelopeIndex&&) noexcept = default;

std::vector<std::size_t> EnvelopeIndex::query(const Envelope& box) const { return query(box, 0.0); }

std::vector<std::size_t> EnvelopeIndex::query(const Envelope& box, double distance) const {
    std::vector<std::size_t> rows;
    if (box.empty) return rows;
    const Envelope grown{box.min_x - distance, box.min_y - distance, box.max_x + distance,
                         box.max_y + distance, false};
    std::vector<Entry> found;
    tree_->rtree.query(bgi::intersects(to_box(grown)), std::back_inserter(found));
    rows.reserve(found.size());
    for (const Entry& e : found) rows.push_back(e.second);
    std::sort(rows.begin(), rows.end());
    return rows;
}

std::optional<std::size_t> EnvelopeIndex::nearest(const Envelope& box) const {
    if (box.empty || tree_->rtree.empty()) return std::nullopt;
    std::vector<Entry> found;
    tree_->rtree.query(bgi::nearest(to_box(box), 1), std::back_inserter(found));
    if (found.empty()) return std::nullopt;
    return found.front().second;
}

std::size_t EnvelopeIndex::size() const { return tree_->rtree.size(); }

}  // namespace atlante
