#include "engine/quality/record_screen.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "engine/overlay/polygon_locator.hpp"
#include "engine/proximity/within_distance.hpp"

namespace atlante {
namespace {

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

// Records with a problem, found in one pass; the repaired geometry of each invalid polygon.
class Screening {
  public:
    Screening(const Layer& layer, const RecordScreenOptions& options)
        : layer_(layer),
          options_(options),
          ids_(options.id_field.empty() ? nullptr : &layer.column(options.id_field)),
          repaired_(layer.size()),
          in_area_(layer.size(), false) {
        if (options.study_area && !options.study_area->empty()) {
            locator_.emplace(*options.study_area);
            nearest_.emplace(*options.study_area);
        }
    }

    void run() {
        for (std::size_t row = 0; row < layer_.size(); ++row) {
            check_id(row);
            check_geometry(row);
        }
        // A whole layer of the wrong kind (lines given as sites) is one mistake, not many.
        if (wrong_kind_ > 0 && wrong_kind_ + empty_ == layer_.size())
            throw Error(layer_.where(), "the layer holds " + first_wrong_kind_ +
                                            "s: " + options_.what + " must be " +
                                            kinds_text(options_.families));
        if (locator_ && placed_ > 0 && 2 * outliers_ > placed_)
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

    void check_geometry(std::size_t row) {
        const Geometry& g = layer_.geometry(row);
        if (!g || g.is_empty()) {
            ++empty_;
            findings.push_back({row, "no geometry", false});
            return;
        }
        const GeometryFamily family = family_of(g.kind());
        const auto& allowed = options_.families;
        if (std::find(allowed.begin(), allowed.end(), family) == allowed.end()) {
            ++wrong_kind_;
            first_wrong_kind_ = first_wrong_kind_.empty() ? g.type_name() : first_wrong_kind_;
            findings.push_back(
                {row,
                 "a " + g.type_name() + ": " + options_.what + " must be " + kinds_text(allowed),
                 false});
            return;
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
            const bool polygon = family == GeometryFamily::Polygon;
            findings.push_back({row, "invalid geometry: " + v.reason + where, polygon});
            if (!polygon) return;
            repaired_[row] = g.make_valid().polygonal_part();
            shape = &*repaired_[row];
        }
        place(row, *shape, family);
    }

    // Inside the study area, outside it, or an outlier far beyond it.
    void place(std::size_t row, const Geometry& g, GeometryFamily family) {
        if (!locator_) return;
        ++placed_;
        const Geometry point = family == GeometryFamily::Point ? g.clone() : g.point_on_surface();
        if (locator_->locate(point)) {
            in_area_[row] = true;
            return;
        }
        const auto nearest = nearest_->nearest(g);
        if (!nearest || nearest->distance <= options_.outlier_m) return;
        ++outliers_;
        findings.push_back({row,
                            km_text(nearest->distance) +
                                " km outside the study area (an outlier: more than " +
                                km_text(options_.outlier_m) + " km)",
                            false});
    }

    std::optional<PolygonLocator> locator_;
    std::optional<WithinDistance> nearest_;
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
// its area, to the centimetre and the square metre).
std::vector<std::vector<std::string>> same_place(const Layer& kept,
                                                 const std::vector<std::string>& labels) {
    std::map<std::string, std::vector<std::string>> groups;
    for (std::size_t row = 0; row < kept.size(); ++row) {
        const Geometry& g = kept.geometry(row);
        if (!g || g.is_empty()) continue;
        const bool point = family_of(g.kind()) == GeometryFamily::Point;
        const auto [x, y] = point ? g.xy() : g.point_on_surface().xy();
        char key[96];
        std::snprintf(key, sizeof key, "%.2f %.2f %.0f", x, y, point ? 0.0 : g.area());
        groups[key].push_back(labels[row]);
    }
    std::vector<std::vector<std::string>> out;
    for (auto& [key, group] : groups)
        if (group.size() > 1) out.push_back(std::move(group));
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

RecordScreen screen_records(const Layer& layer, const RecordScreenOptions& options) {
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
    out.layer = Layer(layer.name(), layer.crs(), layer.has_geometry());
    out.layer.set_origin(layer.origin());
    out.layer.add_fields(layer.fields());
    std::vector<std::string> labels;
    for (std::size_t row = 0; row < layer.size(); ++row) {
        if (skip[row]) continue;
        std::vector<Value> values;
        for (std::size_t f = 0; f < layer.fields().size(); ++f)
            values.push_back(layer.column(f).value(row));
        out.layer.append(layer.id(row),
                         s.repaired_[row] ? s.repaired_[row]->clone() : layer.geometry(row).clone(),
                         values);
        out.in_area.push_back(s.in_area_[row]);
        labels.push_back(s.label(row));
    }
    for (const std::string& step : layer.lineage()) out.layer.add_lineage(step);
    for (const Finding& f : s.findings) {
        RecordNote note{layer.id(f.row), s.id_of(f.row), f.problem, {}};
        // A record both repaired and skipped (an invalid polygon with a repeated id) is skipped.
        note.action = skip[f.row] ? "skipped" : "repaired";
        (skip[f.row] ? out.skipped : out.repaired).push_back(std::move(note));
    }
    if (!out.repaired.empty())
        out.layer.add_lineage(
            "made valid (GEOS make-valid): " + std::to_string(out.repaired.size()) + " records");
    out.same_place = same_place(out.layer, labels);
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
