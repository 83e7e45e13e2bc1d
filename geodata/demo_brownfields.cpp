#include "geodata/demo_brownfields.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <unordered_map>

#include "engine/overlay/polygon_locator.hpp"

namespace atlante {
namespace {

// SplitMix64: a tiny generator whose output is the same on every platform and standard library
// (std::uniform_real_distribution is not), so the demonstration layer is reproducible anywhere.
class Random {
  public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    std::size_t index(std::size_t n) {
        return static_cast<std::size_t>(uniform() * static_cast<double>(n));
    }

  private:
    std::uint64_t state_;
};

// To the centimetre, exactly as "%.2f" prints it and a reader parses it back.
double centimetres(double value) {
    char buffer[64];
    const auto printed =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 2);
    double parsed = 0;
    std::from_chars(buffer, printed.ptr, parsed);
    return parsed;
}

Geometry rotated_rectangle(double cx, double cy, double area_m2, double aspect, double angle) {
    const double w = std::sqrt(area_m2 * aspect), h = area_m2 / w;
    const double c = std::cos(angle), s = std::sin(angle);
    const double corners[4][2] = {
        {-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
    std::vector<std::pair<double, double>> ring;
    ring.reserve(5);
    for (const auto& corner : corners)
        ring.emplace_back(centimetres(cx + corner[0] * c - corner[1] * s),
                          centimetres(cy + corner[0] * s + corner[1] * c));
    ring.push_back(ring.front());
    return Geometry::polygon(ring);
}

}  // namespace

bool is_demonstration(const Layer& layer) {
    const auto source = layer.field_index("source");
    if (!source) return false;
    for (std::size_t i = 0; i < layer.size(); ++i)
        if (layer.column(*source).text(i) == kDemoSourceNote) return true;
    return false;
}

void mark_demonstration(Layer& layer) {
    const auto existing = layer.field_index("source");
    const std::size_t field =
        existing ? *existing : layer.add_field({"source", FieldType::String, true});
    for (std::size_t i = 0; i < layer.size(); ++i)
        layer.column(field).set(i, std::string(kDemoSourceNote));
}

Layer make_demo_brownfields(const Layer& comuni, const std::string& name_field,
                            const std::string& population_field, const Layer& stations,
                            const DemoBrownfieldOptions& options) {
    const Column& names = comuni.column(name_field);
    const Column* population =
        population_field.empty() ? nullptr : &comuni.column(population_field);
    // Urbanised comuni, and cumulative population weights for picking one; without a
    // population every comune, weighted by its area.
    std::vector<std::size_t> urban;
    std::vector<double> cumulative;
    std::vector<bool> is_urban(comuni.size(), false);
    double total = 0;
    for (std::size_t row = 0; row < comuni.size(); ++row) {
        const double km2 = comuni.geometry(row).area() / 1e6;
        const double weight = population ? population->number(row).value_or(0) : km2;
        if (km2 <= 0 || (population && weight / km2 < options.min_density)) continue;
        urban.push_back(row);
        is_urban[row] = true;
        total += weight;
        cumulative.push_back(total);
    }
    if (urban.empty())
        throw Error(comuni.where(), "no urbanised comune to place demonstration brownfields in");

    const PolygonLocator locator(comuni);
    Layer sites("brownfields_demo", comuni.crs(), true);
    for (const char* f : {"id", "name", "class", "comune", "source"})
        sites.add_field({f, FieldType::String, true});
    Random random(options.seed);
    // Taken boxes in a 1 km grid, so the overlap test looks at neighbours only.
    constexpr double kCell = 1000;
    std::unordered_map<std::int64_t, std::vector<Envelope>> taken;
    auto cells = [&](const Envelope& b, auto&& visit) {
        for (auto i = static_cast<std::int64_t>(std::floor(b.min_x / kCell));
             i <= static_cast<std::int64_t>(std::floor(b.max_x / kCell)); ++i)
            for (auto j = static_cast<std::int64_t>(std::floor(b.min_y / kCell));
                 j <= static_cast<std::int64_t>(std::floor(b.max_y / kCell)); ++j)
                if (visit(i * 100000 + j)) return true;
        return false;
    };
    const std::size_t max_tries = options.count * 200 + 1000;
    std::size_t tries = 0;
    while (sites.size() < options.count) {
        if (++tries > max_tries)
            throw Error(comuni.where(), "cannot place the requested number of demonstration sites");
        double cx = 0, cy = 0;
        if (!stations.empty() && random.uniform() < options.near_share) {
            const auto [sx, sy] = stations.geometry(random.index(stations.size())).xy();
            const double r = options.near_radius_m * std::sqrt(random.uniform()),
                         a = random.uniform(0, 2 * std::numbers::pi);
            cx = sx + r * std::cos(a);
            cy = sy + r * std::sin(a);
        } else {
            const double pick = random.uniform(0, total);
            const std::size_t k = static_cast<std::size_t>(
                std::lower_bound(cumulative.begin(), cumulative.end(), pick) - cumulative.begin());
            const Envelope e = comuni.geometry(urban[std::min(k, urban.size() - 1)]).envelope();
            cx = random.uniform(e.min_x, e.max_x);
            cy = random.uniform(e.min_y, e.max_y);
        }
        const auto comune = locator.locate(Geometry::point(cx, cy));
        if (!comune || !is_urban[*comune]) continue;
        // Areas spread evenly on a log scale: many small sites, a few large ones.
        const double area_ha =
            std::exp(random.uniform(std::log(options.min_area_ha), std::log(options.max_area_ha)));
        Geometry site = rotated_rectangle(cx, cy, area_ha * 1e4, random.uniform(1, 3),
                                          random.uniform(0, std::numbers::pi));
        const Envelope box = site.envelope();
        const bool overlaps =
            options.avoid_overlaps && cells(box, [&](std::int64_t key) {
                const auto it = taken.find(key);
                if (it == taken.end()) return false;
                return std::any_of(it->second.begin(), it->second.end(), [&](const Envelope& t) {
                    return box.min_x <= t.max_x && t.min_x <= box.max_x && box.min_y <= t.max_y &&
                           t.min_y <= box.max_y;
                });
            });
        if (overlaps) continue;
        const double c = random.uniform();
        // The census's split: 72 of 133 "alta"; the rest between "media" and "bassa".
        const char* klass = c < 72.0 / 133 ? "alta" : c < 0.8 ? "media" : "bassa";
        const std::size_t n = sites.size() + 1;
        char id[32];
        std::snprintf(id, sizeof id, "DEMO-%04zu", n);
        const std::string comune_name = names.text(*comune);
        sites.append(static_cast<std::int64_t>(n), std::move(site),
                     {std::string(id),
                      "Area dismessa dimostrativa " + std::to_string(n) + " (" + comune_name + ")",
                      std::string(klass), comune_name, std::string(kDemoSourceNote)});
        if (options.avoid_overlaps)
            cells(box, [&](std::int64_t key) {
                taken[key].push_back(box);
                return false;
            });
    }
    sites.add_lineage("demonstration layer, seed " + std::to_string(options.seed) + ": " +
                      kDemoSourceNote);
    return sites;
}

}  // namespace atlante
