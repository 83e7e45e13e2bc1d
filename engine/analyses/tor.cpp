#include "engine/analyses/tor.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "engine/overlay/polygon_locator.hpp"
#include "engine/proximity/disc_coverage.hpp"
#include "engine/proximity/within_distance.hpp"

namespace atlante {
namespace {

const char* const kUnassigned = "non assegnato";

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
    std::string id, name, klass, comune, zone;
    std::optional<SourceAtDistance> nearest;
    std::vector<SourceAtDistance> within;
    bool polygon = false;
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

}  // namespace

TorResult run_tor(const TorInputs& inputs, const TorOptions& options) {
    if (!std::isfinite(options.radius_m) || options.radius_m <= 0)
        throw Error("the TOR radius must be a positive number of metres, not " +
                    std::to_string(options.radius_m));
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
    // Station ids and labels (the name, else the id), once: every site refers to them.
    std::vector<std::string> station_ids, station_labels;
    for (std::size_t st = 0; st < stations.size(); ++st) {
        station_ids.push_back(stations.column(options.station_id).text(st));
        station_labels.push_back(text_or(stations, options.station_name, st, station_ids.back()));
    }

    TorResult result;
    const bool has_class = brownfields.field_index(options.brownfield_class).has_value();
    if (!has_class)
        result.notes.push_back("brownfields have no '" + options.brownfield_class +
                               "' field: class component left empty");
    std::unordered_map<std::string, std::int64_t> degree;
    std::int64_t max_degree = 0;
    if (inputs.rail_edges) {
        degree = rail_degrees(*inputs.rail_edges, options);
        for (std::size_t s = 0; s < stations.size(); ++s) {
            const auto it = degree.find(station_ids[s]);
            if (it != degree.end()) max_degree = std::max(max_degree, it->second);
        }
    } else {
        result.notes.push_back("no rail graph given: service component left empty");
    }
    std::optional<PolygonLocator> locator;
    if (inputs.comuni) {
        inputs.comuni->require_field(options.comune_name);
        locator.emplace(*inputs.comuni);
    } else {
        result.notes.push_back("no comuni given: comune and zone left empty, no summaries");
    }

    const WithinDistance join(stations);
    const DiscCoverage discs(stations, options.radius_m, options.disc_quadrant_segments);
    std::vector<Site> sites(brownfields.size());
    double max_area_within = 0;
    for (std::size_t row = 0; row < brownfields.size(); ++row) {
        Site& site = sites[row];
        const Geometry& g = brownfields.geometry(row);
        site.row = row;
        site.id = ids.text(row);
        site.name = text_or(brownfields, options.brownfield_name, row, "");
        site.klass = text_or(brownfields, options.brownfield_class, row, "");
        site.within = join.within(g, options.radius_m);
        // The nearest station inside the radius is the nearest of all: search further only outside.
        site.nearest = site.within.empty() ? join.nearest(g) : std::optional(site.within.front());
        site.polygon = family_of(g.kind()) == GeometryFamily::Polygon;
        if (site.polygon) {
            site.area = g.area();
            std::vector<std::size_t> near;
            for (const auto& s : site.within) near.push_back(s.source);
            site.area_within = discs.area_within(g, near);
            if (site.inside()) max_area_within = std::max(max_area_within, site.area_within);
        }
        if (locator) {
            if (const auto comune =
                    locator->locate(site.polygon ? g.point_on_surface() : g.clone())) {
                site.comune = text_or(*inputs.comuni, options.comune_name, *comune, "");
                site.zone = text_or(*inputs.comuni, options.zone_name, *comune, kUnassigned);
            }
        }
        for (const auto& s : site.within) result.pairs.push_back({row, s.source, s.distance});
    }

    for (Site& site : sites) {
        if (!site.inside()) continue;
        const SourceAtDistance& best = site.within.front();
        site.c_proximity = 1.0 - best.distance / options.radius_m;
        if (inputs.rail_edges) {
            const auto it = degree.find(station_ids[best.source]);
            site.c_service = max_degree > 0 && it != degree.end()
                                 ? static_cast<double>(it->second) / max_degree
                                 : 0.0;
        }
        if (site.polygon)
            site.c_area = max_area_within > 0 ? site.area_within / max_area_within : 0.0;
        if (has_class) {
            const auto it = options.class_scores.find(site.klass);
            if (it != options.class_scores.end()) site.c_class = it->second;
        }
        double sum = 0, weight = 0;
        const std::pair<const std::optional<double>*, double> parts[] = {
            {&site.c_proximity, options.weights.proximity},
            {&site.c_service, options.weights.service},
            {&site.c_area, options.weights.area},
            {&site.c_class, options.weights.competitiveness}};
        for (const auto& [component, w] : parts) {
            if (!*component) continue;
            sum += w * **component;
            weight += w;
        }
        site.score = weight > 0 ? sum / weight : 0.0;
    }

    // Inside first by score (then nearer, then id); outside by distance, then id.
    std::vector<Site*> order;
    for (Site& s : sites) order.push_back(&s);
    std::sort(order.begin(), order.end(), [](const Site* a, const Site* b) {
        if (a->inside() != b->inside()) return a->inside();
        if (a->inside() && *a->score != *b->score) return *a->score > *b->score;
        const double da = a->nearest->distance, db = b->nearest->distance;
        if (da != db) return da < db;
        return a->id < b->id;
    });

    Layer ranked("brownfields_ranked", brownfields.crs(), true);
    ranked.set_origin(brownfields.origin());
    const std::vector<Field> fields{{"rank", FieldType::Integer, true},
                                    {"id", FieldType::String, false},
                                    {"name", FieldType::String, true},
                                    {"comune", FieldType::String, true},
                                    {"zone", FieldType::String, true},
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
    for (const Field& f : fields) ranked.add_field(f);
    auto station_label = [&](std::size_t st) -> const std::string& { return station_labels[st]; };
    std::int64_t rank = 0;
    for (const Site* site : order) {
        std::string within_names;
        for (const auto& s : site->within)
            within_names += (within_names.empty() ? "" : "; ") + station_label(s.source);
        auto optional_text = [](const std::string& s) { return s.empty() ? Value{} : Value{s}; };
        std::vector<Value> values{
            site->inside() ? Value{++rank} : Value{},
            site->id,
            optional_text(site->name),
            optional_text(site->comune),
            optional_text(site->zone),
            optional_text(site->klass),
            std::int64_t{site->inside() ? 1 : 0},
            site->nearest ? Value{station_label(site->nearest->source)} : Value{},
            site->nearest ? Value{station_ids[site->nearest->source]} : Value{},
            site->nearest ? Value{site->nearest->distance} : Value{},
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
        ranked.append(brownfields.id(site->row), brownfields.geometry(site->row).clone(), values);
    }
    result.inside = static_cast<std::size_t>(rank);
    ranked.add_lineage("TOR: radius " + std::to_string(options.radius_m) + " m");
    result.ranked = std::move(ranked);

    // Stations with their degree and what lies within their radius.
    Layer station_out("stations", stations.crs(), true);
    station_out.add_fields({{"station_id", FieldType::String, false},
                            {"name", FieldType::String, true},
                            {"degree", FieldType::Integer, true},
                            {"n_brownfields_within", FieldType::Integer, false},
                            {"area_within_m2", FieldType::Real, false}});
    Layer disc_out("tor_discs", stations.crs(), true);
    disc_out.add_fields({{"station_id", FieldType::String, false},
                         {"name", FieldType::String, true},
                         {"radius_m", FieldType::Real, false}});
    std::vector<std::int64_t> count_within(stations.size(), 0);
    std::vector<double> area_near(stations.size(), 0);
    for (const TorPair& p : result.pairs) {
        ++count_within[p.station];
        if (sites[p.brownfield].polygon) area_near[p.station] += sites[p.brownfield].area;
    }
    for (std::size_t s = 0; s < stations.size(); ++s) {
        const std::string& id = station_ids[s];
        Value degree_value;
        if (inputs.rail_edges) {
            const auto it = degree.find(id);
            degree_value = std::int64_t{it == degree.end() ? 0 : it->second};
        }
        station_out.append(stations.id(s), stations.geometry(s).clone(),
                           {id, station_label(s), degree_value, count_within[s], area_near[s]});
        disc_out.append(stations.id(s), discs.disc(s).clone(),
                        {id, station_label(s), options.radius_m});
    }
    result.stations = std::move(station_out);
    result.discs = std::move(disc_out);

    // Per comune and per zone.
    std::map<std::string, Totals> by_comune, by_zone;
    if (inputs.comuni) {
        for (const Site& site : sites) {
            const std::string comune = site.comune.empty() ? kUnassigned : site.comune;
            const std::string zone = site.zone.empty() ? kUnassigned : site.zone;
            for (Totals* t : {&by_comune[comune], &by_zone[zone]}) {
                t->zone = zone;
                ++t->count;
                t->inside += site.inside() ? 1 : 0;
                t->area += site.area;
                t->area_within += site.area_within;
            }
        }
    }
    result.by_comune = summary_table("summary_comuni", by_comune, true, "comune");
    result.by_zone = summary_table("summary_zones", by_zone, false, "zone");
    return result;
}

}  // namespace atlante
