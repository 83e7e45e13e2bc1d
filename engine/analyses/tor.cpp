#include "engine/analyses/tor.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "engine/overlay/polygon_locator.hpp"
#include "engine/proximity/disc_coverage.hpp"
#include "engine/proximity/within_distance.hpp"
#include "engine/row_chunks.hpp"
#include "layers/ascii_case.hpp"

namespace atlante {
namespace {

void check_layer(const Layer* layer, const char* role) {
    if (!layer) throw Error(std::string("TOR needs a ") + role + " layer");
    if (layer->empty()) throw Error(layer->where(), std::string("the ") + role + " layer is empty");
    if (!layer->has_geometry() || !layer->crs())
        throw Error(layer->where(),
                    std::string("the ") + role + " layer has no geometry or no CRS");
    if (layer->crs()->is_geographic())
        throw Error(layer->where(), std::string("the ") + role + " layer is in a geographic CRS (" +
                                        layer->crs()->label() +
                                        "): distances need a metric CRS; reproject it first");
}

void check_geometries(const Layer& layer, const char* role,
                      std::initializer_list<GeometryFamily> allowed) {
    for (std::size_t row = 0; row < layer.size(); ++row) {
        const Geometry& g = layer.geometry(row);
        if (!g || g.is_empty())
            throw Error(layer.where(row), std::string("a ") + role + " without geometry");
        const GeometryFamily family = family_of(g.kind());
        if (std::find(allowed.begin(), allowed.end(), family) == allowed.end())
            throw Error(layer.where(row),
                        std::string("a ") + role + " must be a " +
                            (allowed.size() == 1 ? "point" : "polygon or a point") + ", not a " +
                            g.type_name());
    }
}

std::string text_or(const Layer& layer, const std::string& field, std::size_t row,
                    const std::string& fallback) {
    const auto index = layer.field_index(field);
    if (!index || layer.column(*index).is_null(row)) return fallback;
    return layer.column(*index).text(row);
}

// A class as written and as compared: "  ALTA " is "alta".
std::string class_key(const std::string& text) { return comparable(text); }

// class_scores by their compared form; two names for one class are an error.
std::map<std::string, double> scores_by_key(const std::map<std::string, double>& scores) {
    std::map<std::string, double> out;
    std::map<std::string, std::string> written;
    for (const auto& [name, score] : scores) {
        const std::string key = class_key(name);
        if (!written.emplace(key, name).second)
            throw Error("class_scores names one class twice: '" + written[key] + "' and '" + name +
                        "'");
        out[key] = score;
    }
    return out;
}

// Number of distinct neighbours of each station in the rail graph, by station id.
std::unordered_map<std::string, std::int64_t> rail_degrees(const Layer& edges,
                                                           const TorOptions& options) {
    const Column& from = edges.column(options.rail_from);
    const Column& to = edges.column(options.rail_to);
    std::unordered_map<std::string, std::set<std::string>> neighbours;
    for (std::size_t row = 0; row < edges.size(); ++row) {
        if (from.is_null(row) || to.is_null(row)) continue;
        const std::string a = from.text(row), b = to.text(row);
        if (a == b) continue;
        neighbours[a].insert(b);
        neighbours[b].insert(a);
    }
    std::unordered_map<std::string, std::int64_t> degree;
    for (const auto& [id, set] : neighbours) degree[id] = static_cast<std::int64_t>(set.size());
    return degree;
}

struct Site {
    std::size_t row = 0;
    std::string id, klass;
    std::optional<std::size_t> comune;  // row in the comuni (names read when written out)
    std::optional<SourceAtDistance> nearest;
    std::vector<SourceAtDistance> within;
    bool polygon = false, in_area = false;
    double area = 0, area_within = 0;
    std::optional<double> c_proximity, c_service, c_area, c_class, score;
    bool inside() const { return !within.empty(); }
};

Value optional_value(const std::optional<double>& v) { return v ? Value{*v} : Value{}; }

struct Totals {
    std::string zone;
    std::int64_t count = 0, inside = 0;
    double area = 0, area_within = 0;
};

Layer summary_table(const std::string& name, const std::map<std::string, Totals>& totals,
                    bool with_zone_column, const std::string& key_name) {
    Layer table(name, std::nullopt, false);
    table.add_field({key_name, FieldType::String, false});
    if (with_zone_column) table.add_field({"zone", FieldType::String, true});
    for (const char* f : {"n_brownfields", "n_in_tor"})
        table.add_field({f, FieldType::Integer, false});
    for (const char* f : {"area_m2", "area_within_m2", "share_area_within"})
        table.add_field({f, FieldType::Real, true});
    std::int64_t id = 1;
    for (const auto& [key, t] : totals) {
        std::vector<Value> values{key};
        if (with_zone_column) values.emplace_back(t.zone);
        values.emplace_back(t.count);
        values.emplace_back(t.inside);
        values.emplace_back(t.area);
        values.emplace_back(t.area_within);
        if (t.area > 0)
            values.emplace_back(t.area_within / t.area);
        else
            values.emplace_back(std::monostate{});
        table.append(id++, Geometry(), values);
    }
    return table;
}

// One TOR run, by phase: check the inputs, the stations' ids and rail degree, measure every
// site (stations within, nearest, area inside the discs, comune), score, rank, and the
// stations, discs and summaries.
class TorRun {
  public:
    TorRun(const TorInputs& inputs, const TorOptions& options)
        : in_(inputs),
          options_(options),
          stations_(*inputs.stations),
          brownfields_(*inputs.brownfields),
          join_(stations_),
          discs_(stations_, options.radius_m, options.disc_quadrant_segments) {}

    TorResult run() {
        read_stations();
        measure_sites();
        check_classes();
        score_sites();
        rank_sites();
        station_layers();
        summaries();
        return std::move(result_);
    }

  private:
    const std::string& label(std::size_t station) const { return station_labels_[station]; }
    // The site's comune and zone names ("" outside the comuni, or without them).
    std::string comune_of(const Site& site) const {
        return site.comune ? text_or(*in_.comuni, options_.comune_name, *site.comune, "") : "";
    }
    std::string zone_of(const Site& site) const {
        return site.comune ? text_or(*in_.comuni, options_.zone_name, *site.comune,
                                     options_.unassigned_label)
                           : "";
    }
    void read_stations();
    void measure_sites();
    // One site, on a worker's own disc unions and comune locator.
    void measure_site(std::size_t row, const DiscCoverage& discs, const PolygonLocator* locator);
    void check_classes();
    void score_sites();
    std::vector<Field> source_fields() const;
    void rank_sites();
    void station_layers();
    void summaries();

    const TorInputs& in_;
    const TorOptions& options_;
    const Layer& stations_;
    const Layer& brownfields_;
    const WithinDistance join_;
    const DiscCoverage discs_;
    std::vector<std::string> station_ids_, station_labels_;
    std::unordered_map<std::string, std::int64_t> degree_;
    std::int64_t max_degree_ = 0;
    std::vector<Site> sites_;
    double max_area_within_ = 0;
    bool has_class_ = false;
    std::map<std::string, double> scores_;  // class_scores by compared class
    TorResult result_;
};

void check_inputs(const TorInputs& inputs, const TorOptions& options) {
    if (inputs.brownfields_to_consume && inputs.brownfields_to_consume != inputs.brownfields)
        throw std::invalid_argument("brownfields_to_consume must be the brownfield layer");
    check_tor_radius(options.radius_m);
    check_layer(inputs.stations, "stations");
    check_layer(inputs.brownfields, "brownfields");
    const Layer& stations = *inputs.stations;
    const Layer& brownfields = *inputs.brownfields;
    if (!stations.crs()->equivalent_to(*brownfields.crs()))
        throw Error(brownfields.where(), "brownfields (" + brownfields.crs()->label() +
                                             ") and stations (" + stations.crs()->label() +
                                             ") are in different CRSs");
    check_geometries(stations, "station", {GeometryFamily::Point});
    check_geometries(brownfields, "brownfield", {GeometryFamily::Polygon, GeometryFamily::Point});
    const Column& ids = brownfields.column(options.brownfield_id);
    std::unordered_map<std::string, std::size_t> seen;
    for (std::size_t row = 0; row < brownfields.size(); ++row) {
        if (ids.is_null(row))
            throw Error(brownfields.where(row, options.brownfield_id),
                        "a brownfield without an id");
        const auto [it, fresh] = seen.emplace(ids.text(row), row);
        if (!fresh)
            throw Error(brownfields.where(row, options.brownfield_id),
                        "duplicate brownfield id '" + ids.text(row) + "' (also feature " +
                            std::to_string(brownfields.id(it->second)) + ")");
    }
    stations.require_field(options.station_id);
    if (inputs.comuni) inputs.comuni->require_field(options.comune_name);
}

void TorRun::read_stations() {
    // Station ids and labels (the name, else the id), once: every site refers to them.
    for (std::size_t st = 0; st < stations_.size(); ++st) {
        station_ids_.push_back(stations_.column(options_.station_id).text(st));
        station_labels_.push_back(
            text_or(stations_, options_.station_name, st, station_ids_.back()));
    }
    has_class_ = brownfields_.field_index(options_.brownfield_class).has_value();
    if (!has_class_)
        result_.notes.push_back("brownfields have no '" + options_.brownfield_class +
                                "' field: class component left empty");
    if (!in_.rail_edges) {
        result_.notes.push_back("no rail graph given: service component left empty");
        return;
    }
    degree_ = rail_degrees(*in_.rail_edges, options_);
    for (std::size_t s = 0; s < stations_.size(); ++s) {
        const auto it = degree_.find(station_ids_[s]);
        if (it != degree_.end()) max_degree_ = std::max(max_degree_, it->second);
    }
}

void TorRun::measure_sites() {
    if (!in_.comuni)
        result_.notes.push_back("no comuni given: comune and zone left empty, no summaries");
    sites_.resize(brownfields_.size());
    // GEOS caches a geometry's envelope on first use: filled here, the workers only read the
    // shared geometries.
    brownfields_.extent();
    stations_.extent();
    if (in_.comuni) in_.comuni->extent();
    for_row_chunks(brownfields_.size(), 4096, [this](std::size_t begin, std::size_t end) {
        const DiscCoverage discs(stations_, options_.radius_m, options_.disc_quadrant_segments);
        std::optional<PolygonLocator> locator;
        if (in_.comuni) locator.emplace(*in_.comuni);
        for (std::size_t row = begin; row < end; ++row)
            measure_site(row, discs, locator ? &*locator : nullptr);
    });
    for (const Site& site : sites_) {
        if (site.inside()) max_area_within_ = std::max(max_area_within_, site.area_within);
        if (in_.comuni && !site.in_area) result_.outside_area.push_back(site.id);
        for (const auto& s : site.within) result_.pairs.push_back({site.row, s.source, s.distance});
    }
}

void TorRun::measure_site(std::size_t row, const DiscCoverage& discs,
                          const PolygonLocator* locator) {
    Site& site = sites_[row];
    const Geometry& g = brownfields_.geometry(row);
    site.row = row;
    site.id = brownfields_.column(options_.brownfield_id).text(row);
    site.klass = text_or(brownfields_, options_.brownfield_class, row, "");
    site.within = join_.within(g, options_.radius_m);
    // The nearest station inside the radius is the nearest of all: search further only outside.
    site.nearest = site.within.empty() ? join_.nearest(g) : std::optional(site.within.front());
    site.polygon = family_of(g.kind()) == GeometryFamily::Polygon;
    if (site.polygon) {
        site.area = g.area();
        std::vector<std::size_t> near;
        for (const auto& s : site.within) near.push_back(s.source);
        site.area_within = discs.area_within(g, near);
    }
    if (!locator) return;
    const auto comune = locator->locate(site.polygon ? g.point_on_surface() : g.clone());
    if (!comune) return;
    site.in_area = true;
    site.comune = *comune;
}

// Which sites' classes class_scores does not name, and the stated rule for them.
void TorRun::check_classes() {
    scores_ = scores_by_key(options_.class_scores);
    if (!has_class_) return;
    std::vector<std::string> unscored;
    for (const Site& site : sites_) {
        if (scores_.count(class_key(site.klass))) continue;
        ++result_.unscored_classes[site.klass];
        unscored.push_back(site.id +
                           (site.klass.empty() ? " (no class)" : " ('" + site.klass + "')"));
    }
    if (unscored.empty() || options_.class_missing != ClassMissing::Error) return;
    std::string list;
    for (std::size_t i = 0; i < unscored.size(); ++i) list += (i ? ", " : "") + unscored[i];
    throw Error(brownfields_.where(std::nullopt, options_.brownfield_class),
                std::to_string(unscored.size()) +
                    " sites have no class class_scores names (class_missing = \"error\"): " + list);
}

void TorRun::score_sites() {
    double lowest = 0;
    if (!scores_.empty())
        lowest = std::min_element(scores_.begin(), scores_.end(), [](const auto& a, const auto& b) {
                     return a.second < b.second;
                 })->second;
    for (Site& site : sites_) {
        if (!site.inside()) continue;
        const SourceAtDistance& best = site.within.front();
        site.c_proximity = 1.0 - best.distance / options_.radius_m;
        if (in_.rail_edges) {
            const auto it = degree_.find(station_ids_[best.source]);
            site.c_service = max_degree_ > 0 && it != degree_.end()
                                 ? static_cast<double>(it->second) / max_degree_
                                 : 0.0;
        }
        if (site.polygon)
            site.c_area = max_area_within_ > 0 ? site.area_within / max_area_within_ : 0.0;
        if (has_class_) {
            const auto it = scores_.find(class_key(site.klass));
            if (it != scores_.end())
                site.c_class = it->second;
            else if (options_.class_missing == ClassMissing::Lowest && !scores_.empty())
                site.c_class = lowest;
        }
        double sum = 0, weight = 0;
        const std::pair<const std::optional<double>*, double> parts[] = {
            {&site.c_proximity, options_.weights.proximity},
            {&site.c_service, options_.weights.service},
            {&site.c_area, options_.weights.area},
            {&site.c_class, options_.weights.competitiveness}};
        for (const auto& [component, w] : parts) {
            if (!*component) continue;
            sum += w * **component;
            weight += w;
        }
        site.score = weight > 0 ? sum / weight : 0.0;
    }
}

const std::vector<Field>& ranked_fields() {
    static const std::vector<Field> fields{{"rank", FieldType::Integer, true},
                                           {"rank_in_zone", FieldType::Integer, true},
                                           {"rank_in_comune", FieldType::Integer, true},
                                           {"id", FieldType::String, false},
                                           {"name", FieldType::String, true},
                                           {"comune", FieldType::String, true},
                                           {"zone", FieldType::String, true},
                                           {"in_area", FieldType::Integer, true},
                                           {"class", FieldType::String, true},
                                           {"in_tor", FieldType::Integer, false},
                                           {"nearest_station", FieldType::String, true},
                                           {"nearest_station_id", FieldType::String, true},
                                           {"distance_m", FieldType::Real, true},
                                           {"stations_within", FieldType::String, true},
                                           {"n_stations_within", FieldType::Integer, false},
                                           {"area_m2", FieldType::Real, true},
                                           {"area_within_m2", FieldType::Real, true},
                                           {"share_within", FieldType::Real, true},
                                           {"score", FieldType::Real, true},
                                           {"c_proximity", FieldType::Real, true},
                                           {"c_service", FieldType::Real, true},
                                           {"c_area", FieldType::Real, true},
                                           {"c_class", FieldType::Real, true}};
    return fields;
}

// The brownfield layer's own fields, after atlante's: src_NAME where a name is one of atlante's.
std::vector<Field> TorRun::source_fields() const {
    std::vector<Field> out;
    if (!options_.keep_source_fields) return out;
    for (const Field& f : brownfields_.fields()) {
        Field copy = f;
        copy.nullable = true;
        for (const Field& own : ranked_fields())
            if (ascii_lower(own.name) == ascii_lower(f.name)) copy.name = "src_" + f.name;
        out.push_back(copy);
    }
    return out;
}

void TorRun::rank_sites() {
    // Inside first by score (then nearer, then id); outside by distance, then id.
    std::vector<const Site*> order;
    for (const Site& s : sites_) order.push_back(&s);
    std::sort(order.begin(), order.end(), [](const Site* a, const Site* b) {
        if (a->inside() != b->inside()) return a->inside();
        if (a->inside() && *a->score != *b->score) return *a->score > *b->score;
        const double da = a->nearest->distance, db = b->nearest->distance;
        if (da != db) return da < db;
        return a->id < b->id;
    });
    Layer ranked("brownfields_ranked", brownfields_.crs(), true);
    ranked.set_origin(brownfields_.origin());
    ranked.add_fields(ranked_fields());
    const std::vector<Field> source = source_fields();
    ranked.add_fields(source);
    ranked.reserve(order.size());
    auto optional_text = [](const std::string& s) { return s.empty() ? Value{} : Value{s}; };
    std::int64_t rank = 0;
    std::map<std::string, std::int64_t> in_zone, in_comune;
    for (const Site* site : order) {
        std::string within_names;
        for (const auto& s : site->within)
            within_names += (within_names.empty() ? "" : "; ") + label(s.source);
        const auto& near = site->nearest;
        const bool inside = site->inside(), placed = in_.comuni && site->in_area;
        const std::string comune = comune_of(*site), zone = zone_of(*site);
        std::vector<Value> values{
            inside ? Value{++rank} : Value{},
            inside && placed ? Value{++in_zone[zone]} : Value{},
            inside && placed ? Value{++in_comune[comune]} : Value{},
            site->id,
            optional_text(text_or(brownfields_, options_.brownfield_name, site->row, "")),
            optional_text(comune),
            optional_text(zone),
            in_.comuni ? Value{std::int64_t{site->in_area ? 1 : 0}} : Value{},
            optional_text(site->klass),
            std::int64_t{inside ? 1 : 0},
            near ? Value{label(near->source)} : Value{},
            near ? Value{station_ids_[near->source]} : Value{},
            near ? Value{near->distance} : Value{},
            optional_text(within_names),
            static_cast<std::int64_t>(site->within.size()),
            site->polygon ? Value{site->area} : Value{},
            site->polygon ? Value{site->area_within} : Value{},
            site->polygon && site->area > 0 ? Value{site->area_within / site->area} : Value{},
            optional_value(site->score),
            optional_value(site->c_proximity),
            optional_value(site->c_service),
            optional_value(site->c_area),
            optional_value(site->c_class)};
        if (options_.keep_source_fields)
            for (std::size_t f = 0; f < brownfields_.fields().size(); ++f)
                values.push_back(brownfields_.column(f).value(site->row));
        Layer* consumed = in_.brownfields_to_consume;
        ranked.append(brownfields_.id(site->row),
                      consumed ? consumed->take_geometry(site->row)
                               : brownfields_.geometry(site->row).clone(),
                      values);
    }
    result_.inside = static_cast<std::size_t>(rank);
    ranked.add_lineage("TOR: radius " + std::to_string(options_.radius_m) + " m");
    result_.ranked = std::move(ranked);
}

void TorRun::station_layers() {
    // Stations with their degree and what lies within their radius.
    Layer stations("stations", stations_.crs(), true);
    stations.add_fields({{"station_id", FieldType::String, false},
                         {"name", FieldType::String, true},
                         {"degree", FieldType::Integer, true},
                         {"n_brownfields_within", FieldType::Integer, false},
                         {"area_within_m2", FieldType::Real, false}});
    Layer discs("tor_discs", stations_.crs(), true);
    discs.add_fields({{"station_id", FieldType::String, false},
                      {"name", FieldType::String, true},
                      {"radius_m", FieldType::Real, false}});
    std::vector<std::int64_t> count_within(stations_.size(), 0);
    std::vector<double> area_near(stations_.size(), 0);
    for (const TorPair& p : result_.pairs) {
        ++count_within[p.station];
        if (sites_[p.brownfield].polygon) area_near[p.station] += sites_[p.brownfield].area;
    }
    for (std::size_t s = 0; s < stations_.size(); ++s) {
        const std::string& id = station_ids_[s];
        Value degree;
        if (in_.rail_edges) {
            const auto it = degree_.find(id);
            degree = std::int64_t{it == degree_.end() ? 0 : it->second};
        }
        stations.append(stations_.id(s), stations_.geometry(s).clone(),
                        {id, label(s), degree, count_within[s], area_near[s]});
        discs.append(stations_.id(s), discs_.disc(s).clone(), {id, label(s), options_.radius_m});
    }
    result_.stations = std::move(stations);
    result_.discs = std::move(discs);
}

void TorRun::summaries() {
    std::map<std::string, Totals> by_comune, by_zone;
    if (in_.comuni) {
        const std::string& unassigned = options_.unassigned_label;
        for (const Site& site : sites_) {
            const std::string in_comune = comune_of(site), in_zone = zone_of(site);
            const std::string comune = in_comune.empty() ? unassigned : in_comune;
            const std::string zone = in_zone.empty() ? unassigned : in_zone;
            for (Totals* t : {&by_comune[comune], &by_zone[zone]}) {
                t->zone = zone;
                ++t->count;
                t->inside += site.inside() ? 1 : 0;
                t->area += site.area;
                t->area_within += site.area_within;
            }
        }
    }
    result_.by_comune = summary_table("summary_comuni", by_comune, true, "comune");
    result_.by_zone = summary_table("summary_zones", by_zone, false, "zone");
}

}  // namespace

void check_tor_radius(double radius_m) {
    if (!std::isfinite(radius_m) || radius_m <= 0)
        throw Error("the TOR radius must be a positive number of metres, not " +
                    std::to_string(radius_m));
}

TorResult run_tor(const TorInputs& inputs, const TorOptions& options) {
    check_inputs(inputs, options);
    return TorRun(inputs, options).run();
}

}  // namespace atlante
