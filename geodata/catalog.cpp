#include "geodata/catalog.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace atlante {

std::vector<std::size_t> assign_bands_from_codes(Layer& comuni, const CatalogSpec::Bands& bands) {
    const Column& code = comuni.column(bands.field);
    Column band(FieldType::String);
    std::vector<std::size_t> without;
    for (std::size_t row = 0; row < comuni.size(); ++row) {
        if (code.is_null(row)) {  // no code: "non assegnato", reported
            band.push_null();
            without.push_back(row);
            continue;
        }
        const auto it = bands.classes.find(code.text(row));
        if (it == bands.classes.end())
            throw Error(comuni.where(row, bands.field),
                        "unknown band code '" + code.text(row) +
                            "' (the catalogue's [bands.classes] list the known codes)");
        band.push(it->second);
    }
    if (comuni.field_index(catalog_fields::band)) comuni.remove_field(catalog_fields::band);
    comuni.column(comuni.add_field({catalog_fields::band, FieldType::String, true})) =
        std::move(band);
    return without;
}

Catalog::Catalog(CatalogSpec spec, std::filesystem::path data_dir, TransformOptions transform)
    : spec_(std::move(spec)),
      data_dir_(std::move(data_dir)),
      working_crs_(Crs::from_user_input(spec_.working_crs)),
      transform_(std::move(transform)) {
    if (!std::filesystem::is_directory(data_dir_))
        throw Error(
            ErrorContext{data_dir_.string(), {}, {}, {}},
            "data folder not found (set ATLANTE_DATA to the folder holding the catalogue's files)");
}

Catalog Catalog::open_default(const std::string& catalog_file, const std::string& data_dir) {
    return Catalog(read_catalog_spec(default_catalog_file(catalog_file)), data_directory(data_dir));
}

std::string Catalog::path_of(const std::string& relative) const {
    const std::filesystem::path p(relative);
    return (p.is_absolute() || relative.rfind("PG:", 0) == 0) ? relative : (data_dir_ / p).string();
}

LoadedLayer Catalog::load(const std::string& relative, ReadOptions read) const {
    LoadOptions options;
    options.read = std::move(read);
    options.transform = transform_;
    return load_layer(path_of(relative), working_crs_, options);
}

Catalog::Comuni Catalog::load_comuni() const {
    ReadOptions read;
    read.field_types[spec_.comuni.key] = FieldType::String;
    LoadedLayer loaded = load(spec_.comuni.source, read);
    Comuni comuni{std::move(loaded.layer), loaded.reprojection, loaded.validity, {}, {}, {}, {}};
    Layer& layer = comuni.layer;
    for (std::size_t row = 0; row < layer.size(); ++row)
        if (family_of(layer.geometry(row).kind()) != GeometryFamily::Polygon)
            throw Error(layer.where(row),
                        "a comune must be a polygon, not " + layer.geometry(row).type_name());

    if (const auto& a = spec_.comuni.attributes) {
        ReadOptions table_read;
        table_read.attributes_only = true;
        table_read.field_types[a->key] = FieldType::String;
        const Layer table = read_layer(path_of(a->source), table_read);
        JoinOptions join;
        for (const Field& f : table.fields())
            if (f.name != a->key &&
                std::find(a->exclude.begin(), a->exclude.end(), f.name) == a->exclude.end())
                join.fields.push_back(f.name);
        comuni.attributes = join_attributes(layer, spec_.comuni.key, table, a->key, join);
    }

    const Column& names = layer.column(spec_.comuni.name);
    if (const auto& z = spec_.zones) {
        ReadOptions table_read;
        table_read.attributes_only = true;
        table_read.field_types[z->key] = FieldType::String;
        table_read.field_types[z->number] = FieldType::Integer;
        const Layer table = read_layer(path_of(z->source), table_read);
        JoinOptions join;
        join.fields = {z->number, z->name};
        if (!z->confidence.empty()) join.fields.push_back(z->confidence);
        join.prefix = "__zone_";
        // A planner's own list may miss comuni: they go to "non assegnato", reported, not dropped.
        join.require_match = false;
        comuni.zones = join_attributes(layer, spec_.comuni.key, table, z->key, join);
        layer.rename_field("__zone_" + z->number, catalog_fields::zone_number);
        layer.rename_field("__zone_" + z->name, catalog_fields::zone_name);
        if (!z->confidence.empty())
            layer.rename_field("__zone_" + z->confidence, catalog_fields::zone_confidence);
        const Column& zone = layer.column(catalog_fields::zone_number);
        for (std::size_t row = 0; row < layer.size(); ++row)
            if (zone.is_null(row)) comuni.without_zone.push_back(names.text(row));
    }

    if (spec_.bands) {
        for (std::size_t row : assign_bands_from_codes(layer, *spec_.bands))
            comuni.without_band.push_back(names.text(row));
    }
    return comuni;
}

LoadedLayer Catalog::load_stations(std::optional<bool> include_metro,
                                   const std::string& where) const {
    if (!spec_.stations)
        throw Error(ErrorContext{spec_.file, {}, {}, {}}, "the catalogue has no [stations]");
    const auto& s = *spec_.stations;
    ReadOptions read;
    read.where = where;
    LoadedLayer loaded = load(s.source, read);
    Layer& layer = loaded.layer;
    const bool metro_wanted = include_metro.value_or(s.include_metro);
    const std::set<std::string> kinds(s.kinds.begin(), s.kinds.end());
    const Column* kind = s.kind_field.empty() ? nullptr : &layer.column(s.kind_field);
    const Column* metro = s.metro_field.empty() ? nullptr : &layer.column(s.metro_field);
    std::vector<std::size_t> keep;
    Column is_metro(FieldType::Integer);
    // NULL-safe by construction: a null kind is not a wanted kind, a null metro flag is not metro.
    for (std::size_t row = 0; row < layer.size(); ++row) {
        if (kind && (kind->is_null(row) || !kinds.count(kind->text(row)))) continue;
        const bool row_is_metro =
            metro && !metro->is_null(row) && metro->text(row) == s.metro_value;
        if (row_is_metro && !metro_wanted) continue;
        keep.push_back(row);
        is_metro.push(std::int64_t{row_is_metro ? 1 : 0});
    }
    layer.keep_rows(keep);
    layer.column(layer.add_field({catalog_fields::is_metro, FieldType::Integer, false})) =
        std::move(is_metro);
    return loaded;
}

Catalog::Rail Catalog::load_rail() const {
    if (!spec_.rail)
        throw Error(ErrorContext{spec_.file, {}, {}, {}}, "the catalogue has no [rail]");
    Rail rail{load(spec_.rail->source), {}};
    rail.deduplication = deduplicate_rail_edges(rail.edges.layer, spec_.rail->from, spec_.rail->to);
    return rail;
}

LoadedLayer Catalog::load_hospitals(const std::string& where) const {
    if (!spec_.hospitals)
        throw Error(ErrorContext{spec_.file, {}, {}, {}}, "the catalogue has no [hospitals]");
    ReadOptions read;
    read.where = where;
    return load(spec_.hospitals->source, read);
}

LoadedLayer Catalog::load_road_edges(const std::string& where) const {
    if (!spec_.roads)
        throw Error(ErrorContext{spec_.file, {}, {}, {}}, "the catalogue has no [roads]");
    ReadOptions read;
    read.field_types[spec_.roads->from] = FieldType::String;
    read.field_types[spec_.roads->to] = FieldType::String;
    read.where = where;
    return load(spec_.roads->edges, read);
}

Catalog::Roads Catalog::load_roads() const {
    LoadedLayer edges = load_road_edges();
    ReadOptions nodes_read;
    nodes_read.field_types[spec_.roads->node_id] = FieldType::String;
    return Roads{std::move(edges), load(spec_.roads->nodes, nodes_read)};
}

static std::vector<std::string> population_sum(const CatalogSpec& spec) {
    if (spec.bands && !spec.bands->population.empty()) return {spec.bands->population};
    return {};
}

DissolveResult Catalog::outline(const Layer& comuni) const {
    DissolveOptions options;
    options.unassigned_label = kUnassigned;
    options.sum_fields = population_sum(spec_);
    DissolveResult result = dissolve(comuni, options);
    result.layer.set_name("outline");
    return result;
}

DissolveResult Catalog::zones(const Layer& comuni) const {
    if (!spec_.zones)
        throw Error(ErrorContext{spec_.file, {}, {}, {}}, "the catalogue has no [zones]");
    DissolveOptions options;
    options.by = catalog_fields::zone_number;
    options.unassigned_label = kUnassigned;
    options.sum_fields = population_sum(spec_);
    DissolveResult result = dissolve(comuni, options);
    Layer& zones = result.layer;
    zones.set_name("zone_omogenee");

    // Name and membership quality per zone, from its comuni.
    struct Membership {
        std::string name;
        std::int64_t derived = 0;
    };
    std::map<std::int64_t, Membership> by_zone;
    const Column& number = comuni.column(catalog_fields::zone_number);
    const Column& name = comuni.column(catalog_fields::zone_name);
    const auto confidence_index = comuni.field_index(catalog_fields::zone_confidence);
    for (std::size_t row = 0; row < comuni.size(); ++row) {
        if (number.is_null(row)) continue;
        Membership& m = by_zone[number.integer(row)];
        if (m.name.empty()) m.name = name.text(row);
        if (confidence_index &&
            comuni.column(*confidence_index).text(row) != spec_.zones->confident_value)
            ++m.derived;
    }
    const std::size_t name_field =
        zones.add_field({catalog_fields::zone_name, FieldType::String, true});
    const std::size_t derived_field = zones.add_field({"n_derived", FieldType::Integer, false});
    const std::size_t membership_field = zones.add_field({"membership", FieldType::String, false});
    const Column& zone_number = zones.column(catalog_fields::zone_number);
    for (std::size_t row = 0; row < zones.size(); ++row) {
        if (zone_number.is_null(row)) {
            zones.column(name_field).set(row, options.unassigned_label);
            zones.column(derived_field).set(row, std::int64_t{0});
            zones.column(membership_field).set(row, std::string("unassigned"));
            continue;
        }
        const Membership& m = by_zone[zone_number.integer(row)];
        zones.column(name_field).set(row, m.name);
        zones.column(derived_field).set(row, m.derived);
        zones.column(membership_field)
            .set(row, std::string(m.derived == 0 ? "official" : "partly derived"));
    }
    return result;
}

namespace {

// The level's name and fields on each group, from its first member; every member must agree.
void copy_shared_fields(const Layer& comuni, const CatalogSpec::Level& level, Layer& groups) {
    const Column& key = comuni.column(level.key);
    std::map<std::string, std::size_t> first;  // key value -> first member
    std::vector<std::string> fields{level.name};
    fields.insert(fields.end(), level.fields.begin(), level.fields.end());
    for (std::size_t row = 0; row < comuni.size(); ++row) {
        if (key.is_null(row)) continue;
        const auto [it, added] = first.emplace(key.text(row), row);
        if (added) continue;
        for (const std::string& field : fields)
            if (comuni.column(field).value(row) != comuni.column(field).value(it->second))
                throw Error(comuni.where(row, field), "'" + comuni.column(field).text(row) +
                                                          "' where the other comuni of " +
                                                          level.key + " " + it->first + " have '" +
                                                          comuni.column(field).text(it->second) +
                                                          "' (levels." + level.layer + ")");
    }
    const Column& group_key = groups.column(level.key);
    for (const std::string& field : fields) {
        const std::size_t to =
            groups.add_field({field, comuni.fields()[comuni.require_field(field)].type, true});
        for (std::size_t row = 0; row < groups.size(); ++row) {
            if (group_key.is_null(row)) continue;
            groups.column(to).set(row, comuni.column(field).value(first.at(group_key.text(row))));
        }
    }
}

}  // namespace

void label_by_level_name(Layer& groups, const Layer& comuni, const CatalogSpec::Level& level) {
    std::map<std::string, std::string> names;
    const Column& key = comuni.column(level.key);
    const Column& name = comuni.column(level.name);
    for (std::size_t row = 0; row < comuni.size(); ++row)
        if (!key.is_null(row)) names.emplace(key.text(row), name.text(row));
    const Column& group_key = groups.column(level.key);
    Column& label = groups.column("label");
    for (std::size_t g = 0; g < groups.size(); ++g)
        if (!group_key.is_null(g)) label.set(g, names.at(group_key.text(g)));
}

DissolveResult Catalog::level(const Layer& comuni, const CatalogSpec::Level& level,
                              std::vector<std::string> sum_fields) const {
    DissolveOptions options;
    options.by = level.key;
    options.unassigned_label = kUnassigned;
    options.sum_fields = sum_fields.empty() ? population_sum(spec_) : std::move(sum_fields);
    for (const std::string& field : std::vector<std::string>{level.key, level.name})
        comuni.require_field(field);
    for (const std::string& field : level.fields) comuni.require_field(field);
    DissolveResult result = dissolve(comuni, options);
    result.layer.set_name(level.layer);
    copy_shared_fields(comuni, level, result.layer);
    label_by_level_name(result.layer, comuni, level);
    for (std::size_t g = 0; g < result.layer.size(); ++g)
        result.groups[g].label = result.layer.column("label").text(g);
    return result;
}

DissolveResult Catalog::bands(const Layer& comuni, std::vector<std::string> sum_fields) const {
    DissolveOptions options;
    options.by = catalog_fields::band;
    options.sum_fields = sum_fields.empty() ? population_sum(spec_) : std::move(sum_fields);
    options.unassigned_label = kUnassigned;
    // Without [bands] (a DEM-only catalogue) the bands come in ISTAT's order.
    options.order = spec_.bands ? spec_.bands->order
                                : std::vector<std::string>{"montagna", "collina", "pianura"};
    DissolveResult result = dissolve(comuni, options);
    result.layer.set_name("fasce_altimetriche");
    return result;
}

}  // namespace atlante
