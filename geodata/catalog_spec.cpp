#include "geodata/catalog_spec.hpp"

#include <algorithm>
#include <cstdlib>

#include "geodata/strict_table.hpp"
#include "layers/error.hpp"

#ifndef ATLANTE_DEFAULT_CATALOG
#define ATLANTE_DEFAULT_CATALOG "geodata/cmto.toml"
#endif

namespace atlante {

CatalogSpec read_catalog_spec(const std::string& file) {
    const toml::table document = parse_toml_file(file);
    const StrictTable root(document, "", file);
    CatalogSpec spec;
    spec.file = file;

    const StrictTable catalog = root.table("catalog");
    spec.name = catalog.string("name");
    spec.working_crs = catalog.string_or("working_crs", spec.working_crs);
    catalog.reject_unknown_keys();

    const StrictTable comuni = root.table("comuni");
    spec.comuni.source = comuni.string("source");
    spec.comuni.key = comuni.string("key");
    spec.comuni.name = comuni.string("name");
    spec.comuni.area_km2 = comuni.string_or("area_km2", "");
    if (auto attributes = comuni.optional_table("attributes")) {
        spec.comuni.attributes =
            CatalogSpec::Comuni::Attributes{attributes->string("source"), attributes->string("key"),
                                            attributes->strings_or("exclude")};
        attributes->reject_unknown_keys();
    }
    comuni.reject_unknown_keys();

    if (auto t = root.optional_table("zones")) {
        spec.zones = CatalogSpec::Zones{t->string("source"),
                                        t->string("key"),
                                        t->string("number"),
                                        t->string("name"),
                                        t->string_or("confidence", ""),
                                        t->string_or("confident_value", "high")};
        t->reject_unknown_keys();
    }
    for (const StrictTable& t : root.table_array("levels")) {
        CatalogSpec::Level level{
            t.string("layer"), t.string("key"), t.string("name"), t.strings_or("fields"), "", ""};
        level.by = t.string_or("by", level.layer);
        level.title = t.string_or("title", level.by);
        t.reject_unknown_keys();
        const auto& fixed = fixed_catalog_layers();
        if (std::find(fixed.begin(), fixed.end(), level.layer) != fixed.end() ||
            spec.level(level.layer))
            throw Error(ErrorContext{file, {}, {}, {}},
                        "levels: a second layer named '" + level.layer + "'");
        spec.levels.push_back(std::move(level));
    }
    if (auto t = root.optional_table("bands")) {
        spec.bands = CatalogSpec::Bands{t->string("field"), t->string("population"),
                                        t->string_map("classes"), t->strings_or("order")};
        t->reject_unknown_keys();
    }
    if (auto t = root.optional_table("population")) {
        spec.population = CatalogSpec::Population{
            t->string("field_pattern"), static_cast<int>(t->number_or("default_year", 2020))};
        if (spec.population->field_pattern.find("{year}") == std::string::npos)
            throw Error(ErrorContext{file, {}, {}, {}},
                        "population.field_pattern must contain {year}");
        t->reject_unknown_keys();
    }
    if (auto t = root.optional_table("stations")) {
        spec.stations = CatalogSpec::Stations{t->string("source"),
                                              t->string("id"),
                                              t->string("name"),
                                              t->string_or("kind_field", ""),
                                              t->string_or("metro_field", ""),
                                              t->string_or("metro_value", ""),
                                              t->strings_or("kinds"),
                                              t->boolean_or("include_metro", false)};
        t->reject_unknown_keys();
    }
    if (auto t = root.optional_table("rail")) {
        spec.rail = CatalogSpec::Rail{t->string("source"),      t->string("from"),
                                      t->string("to"),          t->string_or("length_km", ""),
                                      t->string_or("line", ""), t->string_or("origin", "")};
        t->reject_unknown_keys();
    }
    if (auto t = root.optional_table("hospitals")) {
        spec.hospitals = CatalogSpec::Hospitals{t->string("source"), t->string("name"),
                                                t->string_or("type", ""), t->string_or("beds", "")};
        t->reject_unknown_keys();
    }
    if (auto t = root.optional_table("roads")) {
        spec.roads = CatalogSpec::Roads{t->string("edges"),   t->string("nodes"),
                                        t->string("from"),    t->string("to"),
                                        t->string("node_id"), t->string_or("oneway", "")};
        t->reject_unknown_keys();
    }
    root.reject_unknown_keys();
    return spec;
}

const CatalogSpec::Level* CatalogSpec::level(const std::string& layer) const {
    for (const Level& level : levels)
        if (level.layer == layer) return &level;
    return nullptr;
}

const CatalogSpec::Level* CatalogSpec::level_by(const std::string& by) const {
    for (const Level& level : levels)
        if (level.by == by) return &level;
    return nullptr;
}

std::string CatalogSpec::Population::field(int year) const {
    std::string out = field_pattern;
    out.replace(out.find("{year}"), 6, std::to_string(year));
    return out;
}

std::string default_catalog_file(const std::string& explicit_file) {
    if (!explicit_file.empty()) return explicit_file;
    if (const char* env = std::getenv("ATLANTE_CATALOG"); env && *env) return env;
    return ATLANTE_DEFAULT_CATALOG;
}

const std::vector<std::string>& fixed_catalog_layers() {
    static const std::vector<std::string> names{"comuni",   "zones", "bands",     "outline",
                                                "stations", "rail",  "hospitals", "roads"};
    return names;
}

std::vector<std::string> catalog_layer_names(const CatalogSpec& spec) {
    std::vector<std::string> names = fixed_catalog_layers();
    for (const CatalogSpec::Level& level : spec.levels) names.push_back(level.layer);
    return names;
}

const std::vector<std::string>& shipped_catalogs() {
    static const std::vector<std::string> names{"cmto", "italia"};
    return names;
}

std::string resolve_catalog_file(const std::string& catalog,
                                 const std::filesystem::path& base_dir) {
    if (catalog.empty()) return {};
    const auto& names = shipped_catalogs();
    if (std::find(names.begin(), names.end(), catalog) != names.end())
        return (std::filesystem::path(ATLANTE_DEFAULT_CATALOG).parent_path() / (catalog + ".toml"))
            .string();
    return (base_dir / catalog).string();
}

std::filesystem::path data_directory(const std::string& explicit_dir) {
    if (!explicit_dir.empty()) return explicit_dir;
    if (const char* env = std::getenv("ATLANTE_DATA"); env && *env) return env;
    return "../shared/data";
}

}  // namespace atlante
