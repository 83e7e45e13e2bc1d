#include "engine/quality/record_screen.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>
#include <unordered_map>

#include "engine/overlay/polygon_locator.hpp"
#include "engine/proximity/within_distance.hpp"
#include "engine/row_chunks.hpp"

namespace atlante {
namespace {

// A record's place: its point (on the surface, for a polygon) and its area.
struct PlaceKey {
    double x = 0, y = 0, area = 0;
};

struct Finding {
    std::size_t row = 0;
    std::string problem;
    bool repairable = false;  // an invalid polygon, made valid
};

std::string family_name(GeometryFamily family) {
    switch (family) {
        case GeometryFamily::Polygon:
            return "a polygon";
        case GeometryFamily::Line:
            return "a line";
        case GeometryFamily::Point:
            return "a point";
        default:
            return "a geometry";
    }
}

std::string kinds_text(const std::vector<GeometryFamily>& families) {
    std::string out;
    for (std::size_t i = 0; i < families.size(); ++i)
        out += (i == 0 ? "" : i + 1 == families.size() ? " or " : ", ") + family_name(families[i]);
    return out;
}

std::string km_text(double metres) {
    char text[32];
    std::snprintf(text, sizeof text, "%.0f", metres / 1000);
    return text;
}

// What one record's geometry is: its problem if any, its repair, where it lies. Worked out for
// every record on all cores (nothing shared is written), then recorded in row order.
struct GeometryCheck {
    enum class Outcome { Fine, Empty, WrongKind, Invalid, InvalidNotRepairable };
    Outcome outcome = Outcome::Fine;
    std::string problem;
    std::optional<Geometry> repaired;
    bool placed = false, in_area = false;
    std::optional<double> outside_m;  // distance to the study area, when beyond the outlier limit
    std::optional<PlaceKey> place;
};

// Records with a problem, found in one pass; the repaired geometry of each invalid polygon.
class Screening {
  public:
    Screening(const Layer& layer, const RecordScreenOptions& options)
        : layer_(layer),
          options_(options),
          ids_(options.id_field.empty() ? nullptr : &layer.column(options.id_field)),
          repaired_(layer.size()),
          in_area_(layer.size(), false),
          places_(layer.size()) {}

    void run() {
        std::vector<GeometryCheck> checks(layer_.size());
        layer_.extent();  // GEOS's lazy envelopes, filled before the workers share the geometries
        const Layer* area =
            options_.study_area && !options_.study_area->empty() ? options_.study_area : nullptr;
        if (area) area->extent();
        for_row_chunks(layer_.size(), 4096, [&](std::size_t begin, std::size_t end) {
            std::optional<PolygonLocator> locator;
            std::optional<WithinDistance> nearest;
            if (area) {
                locator.emplace(*area);
                nearest.emplace(*area);
            }
            for (std::size_t row = begin; row < end; ++row)
                checks[row] = check_geometry(row, locator ? &*locator : nullptr,
                                             nearest ? &*nearest : nullptr);
        });
        for (std::size_t row = 0; row < layer_.size(); ++row) {
            check_id(row);
            record(row, checks[row]);
        }
        // A whole layer of the wrong kind (lines given as sites) is one mistake, not many.
        if (wrong_kind_ > 0 && wrong_kind_ + empty_ == layer_.size())
            throw Error(layer_.where(), "the layer holds " + first_wrong_kind_ +
                                            "s: " + options_.what + " must be " +
                                            kinds_text(options_.families));
        if (area && placed_ > 0 && 2 * outliers_ > placed_)
            throw Error(layer_.where(),
                        std::to_string(outliers_) + " of " + std::to_string(placed_) +
                            " records lie more than " + km_text(options_.outlier_m) +
                            " km outside the study area: the declared CRS (" +
                            (!layer_.origin().crs.empty() ? layer_.origin().crs
                             : layer_.crs()               ? layer_.crs()->label()
                                                          : std::string("none")) +
                            ") or the axis order (easting and northing, or longitude and "
                            "latitude, swapped) is likely wrong");
    }

    std::string label(std::size_t row) const {
        RecordNote note{layer_.id(row), id_of(row), {}, {}};
        return note.label();
    }
    std::string id_of(std::size_t row) const {
        return ids_ && !ids_->is_null(row) ? ids_->text(row) : std::string();
    }

    const Layer& layer_;
    const RecordScreenOptions& options_;
    const Column* ids_;
    std::vector<Finding> findings;
    std::vector<std::optional<Geometry>> repaired_;
    std::vector<bool> in_area_;
    std::vector<std::optional<PlaceKey>> places_;

  private:
    void check_id(std::size_t row) {
        if (!ids_) return;
        if (ids_->is_null(row) || ids_->text(row).empty()) {
            findings.push_back({row, "no id (field '" + options_.id_field + "')", false});
            return;
        }
        // A real-valued id must be a whole, finite number (2.0 is 2; NaN and 2.5 name nothing).
        if (ids_->type() == FieldType::Real) {
            const double v = ids_->real(row);
            if (!std::isfinite(v) || v != std::floor(v) || std::abs(v) > 9.007199254740992e15) {
                findings.push_back({row,
                                    "an id that is not a whole number or a text (" +
                                        ids_->text(row) + ", field '" + options_.id_field + "')",
                                    false});
                return;
            }
        }
        const auto [it, fresh] = first_.emplace(ids_->text(row), row);
        if (!fresh)
            findings.push_back(
                {row, "id repeated, first at feature " + std::to_string(layer_.id(it->second)),
                 false});
    }

    GeometryCheck check_geometry(std::size_t row, const PolygonLocator* locator,
                                 const WithinDistance* nearest) const {
        using Outcome = GeometryCheck::Outcome;
        GeometryCheck c;
        const Geometry& g = layer_.geometry(row);
        if (!g || g.is_empty()) {
            c.outcome = Outcome::Empty;
            return c;
        }
        const GeometryFamily family = family_of(g.kind());
        const auto& allowed = options_.families;
        if (std::find(allowed.begin(), allowed.end(), family) == allowed.end()) {
            c.outcome = Outcome::WrongKind;
            c.problem = g.type_name();
            return c;
        }
        const Geometry* shape = &g;
        if (const ValidityDetail v = g.validity(); !v.valid) {
            std::string where;
            if (v.location) {
                char text[64];
                std::snprintf(text, sizeof text, " at (%.1f, %.1f)", v.location->first,
                              v.location->second);
                where = text;
            }
            c.problem = "invalid geometry: " + v.reason + where;
            if (family != GeometryFamily::Polygon) {
                c.outcome = Outcome::InvalidNotRepairable;
                return c;
            }
            c.outcome = Outcome::Invalid;
            c.repaired = g.make_valid().polygonal_part();
            shape = &*c.repaired;
        }
        place(c, *shape, family, locator, nearest);
        return c;
    }

    // Inside the study area, outside it, or an outlier far beyond it; and the place's key.
    void place(GeometryCheck& c, const Geometry& g, GeometryFamily family,
               const PolygonLocator* locator, const WithinDistance* nearest) const {
        const bool point = family == GeometryFamily::Point;
        const Geometry on_surface = point || g.is_empty() ? Geometry() : g.point_on_surface();
        if (!g.is_empty()) {
            const auto [x, y] = point ? g.xy() : on_surface.xy();
            c.place = PlaceKey{x, y, point ? 0.0 : g.area()};
        }
        if (!locator) return;
        c.placed = true;
        if (locator->locate(point ? g.clone() : on_surface.clone())) {
            c.in_area = true;
            return;
        }
        const auto found = nearest->nearest(g);
        if (found && found->distance > options_.outlier_m) c.outside_m = found->distance;
    }

    void record(std::size_t row, GeometryCheck& c) {
        using Outcome = GeometryCheck::Outcome;
        switch (c.outcome) {
            case Outcome::Empty:
                ++empty_;
                findings.push_back({row, "no geometry", false});
                return;
            case Outcome::WrongKind:
                ++wrong_kind_;
                first_wrong_kind_ = first_wrong_kind_.empty() ? c.problem : first_wrong_kind_;
                findings.push_back({row,
                                    "a " + c.problem + ": " + options_.what + " must be " +
                                        kinds_text(options_.families),
                                    false});
                return;
            case Outcome::InvalidNotRepairable:
                findings.push_back({row, c.problem, false});
                return;
            case Outcome::Invalid:
                findings.push_back({row, c.problem, true});
                repaired_[row] = std::move(c.repaired);
                break;
            case Outcome::Fine:
                break;
        }
        places_[row] = c.place;
        if (!c.placed) return;
        ++placed_;
        in_area_[row] = c.in_area;
        if (!c.outside_m) return;
        ++outliers_;
        findings.push_back({row,
                            km_text(*c.outside_m) +
                                " km outside the study area (an outlier: more "
                                "than " +
                                km_text(options_.outlier_m) + " km)",
                            false});
    }

    std::unordered_map<std::string, std::size_t> first_;
    std::size_t placed_ = 0, outliers_ = 0, wrong_kind_ = 0, empty_ = 0;
    std::string first_wrong_kind_;
};

[[noreturn]] void refuse(const Screening& s, const std::vector<const Finding*>& findings,
                         RecordPolicy policy) {
    // Every problem, up to a page of them; past that, how many more of each kind.
    constexpr std::size_t kListed = 40;
    std::string list;
    std::map<std::string, std::size_t> more;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const Finding& f = *findings[i];
        if (i < kListed)
            list += "\n  " + s.label(f.row) + ": " + f.problem;
        else
            ++more[f.problem.substr(0, f.problem.find_first_of(",(:"))];
    }
    for (const auto& [problem, n] : more)
        list += "\n  … and " + std::to_string(n) + " more: " + problem;
    const std::string n = std::to_string(findings.size());
    throw Error(s.layer_.where(),
                n + (findings.size() == 1 ? " record" : " records") + " cannot be used as " +
                    (findings.size() == 1 ? "it is" : "they are") + ":" + list +
                    (policy == RecordPolicy::Stop
                         ? "\n(on_invalid = \"stop\"; \"repair\" makes invalid polygons valid, "
                           "\"skip\" also leaves out the rest, listing them)"
                         : "\nFix them in the source, or set on_invalid = \"skip\" to leave them "
                           "out (each is listed)"));
}

// Records at one place: the same point, or the same polygon (by its point on the surface and
// its area, to the centimetre and the square metre). `places` and `rows` are the kept records';
// only the records that share a place get their label written.
std::vector<std::vector<std::string>> same_place(const Screening& s,
                                                 const std::vector<std::size_t>& rows) {
    using Key = std::tuple<long long, long long, long long>;
    std::map<Key, std::vector<std::size_t>> groups;
    for (const std::size_t row : rows) {
        const std::optional<PlaceKey>& p = s.places_[row];
        if (!p) continue;
        groups[{std::llround(p->x * 100), std::llround(p->y * 100), std::llround(p->area)}]
            .push_back(row);
    }
    std::vector<std::vector<std::string>> out;
    for (const auto& [key, group] : groups) {
        if (group.size() < 2) continue;
        std::vector<std::string> labels;
        for (const std::size_t row : group) labels.push_back(s.label(row));
        out.push_back(std::move(labels));
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

std::optional<RecordPolicy> record_policy(const std::string& name) {
    if (name == "repair") return RecordPolicy::Repair;
    if (name == "skip") return RecordPolicy::Skip;
    if (name == "stop") return RecordPolicy::Stop;
    return std::nullopt;
}

std::string RecordNote::label() const {
    const std::string number = "feature " + std::to_string(feature);
    return id.empty() ? number : id + " (" + number + ")";
}

RecordScreen screen_records(Layer layer, const RecordScreenOptions& options) {
    Screening s(layer, options);
    s.run();
    std::vector<const Finding*> refused;
    std::vector<bool> skip(layer.size(), false);
    for (const Finding& f : s.findings) {
        const bool accepted = options.policy != RecordPolicy::Stop && f.repairable;
        if (!accepted) refused.push_back(&f);
        if (!f.repairable) skip[f.row] = true;
    }
    if (!refused.empty() && options.policy != RecordPolicy::Skip)
        refuse(s, refused, options.policy);

    RecordScreen out;
    for (const Finding& f : s.findings) {
        RecordNote note{layer.id(f.row), s.id_of(f.row), f.problem, {}};
        // A record both repaired and skipped (an invalid polygon with a repeated id) is skipped.
        note.action = skip[f.row] ? "skipped" : "repaired";
        (skip[f.row] ? out.skipped : out.repaired).push_back(std::move(note));
    }
    // The layer itself becomes the screened one: repaired geometries put in place, skipped
    // records dropped, nothing copied.
    std::vector<std::size_t> kept;
    for (std::size_t row = 0; row < layer.size(); ++row) {
        if (skip[row]) continue;
        kept.push_back(row);
        out.in_area.push_back(s.in_area_[row]);
    }
    out.same_place = same_place(s, kept);
    for (std::size_t row = 0; row < layer.size(); ++row)
        if (!skip[row] && s.repaired_[row]) layer.set_geometry(row, std::move(*s.repaired_[row]));
    if (kept.size() != layer.size()) layer.keep_rows(kept);
    out.layer = std::move(layer);
    if (!out.repaired.empty())
        out.layer.add_lineage(
            "made valid (GEOS make-valid): " + std::to_string(out.repaired.size()) + " records");
    return out;
}

Layer notes_table(const std::string& name, const std::vector<RecordNote>& notes) {
    Layer table(name, std::nullopt, false);
    table.add_fields({{"feature", FieldType::Integer, false},
                      {"id", FieldType::String, true},
                      {"problem", FieldType::String, false},
                      {"action", FieldType::String, false}});
    std::int64_t row = 0;
    for (const RecordNote& n : notes)
        table.append(++row, Geometry(),
                     {n.feature, n.id.empty() ? Value{} : Value{n.id}, n.problem, n.action});
    return table;
}

}  // namespace atlante
