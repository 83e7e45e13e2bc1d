// The catalogue description: which files hold the CMTo layers and which of their fields atlante
// uses. Read from a TOML file (geodata/cmto.toml by default), so a planner can point atlante at
// their own files without touching code.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace atlante {

struct CatalogSpec {
    std::string file;  // the TOML file this came from
    std::string name;
    std::string working_crs = "EPSG:32632";

    struct Comuni {
        std::string source, key, name;
        std::string area_km2;  // optional area attribute, compared with the geometry's area
        struct Attributes {
            std::string source, key;
            std::vector<std::string> exclude;
        };
        std::optional<Attributes> attributes;
    } comuni;

    struct Zones {
        std::string source, key, number, name, confidence, confident_value;
    };
    std::optional<Zones> zones;

    // Layers dissolved from the comuni by a field of theirs (provinces, regions: [[levels]]):
    // one polygon per value, by coverage union, with the fields every member shares.
    struct Level {
        std::string layer;  // its name as a source: catalog:LAYER ("provinces")
        std::string key, name;
        std::vector<std::string> fields;  // more fields of the members, one value per group
        std::string by;     // its name as a grouping: density's by = "province" (default: layer)
        std::string title;  // in headings: "per provincia" (default: by)
    };
    std::vector<Level> levels;
    const Level* level(const std::string& layer) const;
    const Level* level_by(const std::string& by) const;

    struct Bands {
        std::string field, population;
        std::map<std::string, std::string> classes;  // attribute value -> band
        std::vector<std::string> order;
    };
    std::optional<Bands> bands;

    // Population columns by year: field_pattern with "{year}" replaced ("pop_res_{year}").
    struct Population {
        std::string field_pattern;
        int default_year = 2020;
        std::string field(int year) const;
    };
    std::optional<Population> population;

    struct Stations {
        std::string source, id, name, kind_field, metro_field, metro_value;
        std::vector<std::string> kinds;
        bool include_metro = false;
    };
    std::optional<Stations> stations;

    struct Rail {
        std::string source, from, to, length_km, line;
        std::string origin;  // the station travel times are measured from (its name)
    };
    std::optional<Rail> rail;

    struct Hospitals {
        std::string source, name, type, beds;
    };
    std::optional<Hospitals> hospitals;

    struct Roads {
        std::string edges, nodes, from, to, node_id;
        std::string oneway;  // one-way flag field (empty: all two-way)
    };
    std::optional<Roads> roads;
};

CatalogSpec read_catalog_spec(const std::string& file);

// The names a catalog:NAME source may take: the fixed ones (comuni, zones, bands, outline,
// stations, rail, hospitals, roads) and the catalogue's [[levels]].
const std::vector<std::string>& fixed_catalog_layers();
std::vector<std::string> catalog_layer_names(const CatalogSpec& spec);

// The catalogue file to use: `explicit_file` if given, else $ATLANTE_CATALOG, else the one
// shipped with the sources.
std::string default_catalog_file(const std::string& explicit_file = {});
// The catalogues shipped with atlante, by name ("cmto", "italia").
const std::vector<std::string>& shipped_catalogs();
// What a project's `catalog = "…"` names: a shipped catalogue by its name, else a file relative
// to the project's folder `base_dir`; empty stays empty (the default).
std::string resolve_catalog_file(const std::string& catalog, const std::filesystem::path& base_dir);
// The data folder: `explicit_dir` if given, else $ATLANTE_DATA, else ../shared/data.
std::filesystem::path data_directory(const std::string& explicit_dir = {});

}  // namespace atlante
