// The CMTo data catalogue: loads the real layers named by a CatalogSpec from the data folder,
// brings them into the working CRS, and derives the province outline, the zone omogenee and the
// altimetric bands by dissolving the comuni.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/dissolve.hpp"
#include "geodata/catalog_spec.hpp"
#include "geodata/rail_graph.hpp"
#include "layers/join.hpp"
#include "layers/load.hpp"

namespace atlante {

// Field names the catalogue adds to the comuni, whatever the source files call them.
namespace catalog_fields {
inline constexpr const char* zone_number = "zone_num";
inline constexpr const char* zone_name = "zone_name";
inline constexpr const char* zone_confidence = "zone_confidence";
inline constexpr const char* band = "band";
inline constexpr const char* is_metro = "is_metro";
}  // namespace catalog_fields

// The plan's word for a comune (or site) that belongs to no zone or band: grouped, never dropped.
inline constexpr const char* kUnassigned = "non assegnato";

// Sets the `band` field of comuni from their band code (bands.field) through bands.classes.
// An unknown code is an error naming the feature; returns the rows with no code (left null).
std::vector<std::size_t> assign_bands_from_codes(Layer& comuni, const CatalogSpec::Bands& bands);

// Groups keyed by a level's code (`level.key`, as dissolve makes them) get its name as label.
void label_by_level_name(Layer& groups, const Layer& comuni, const CatalogSpec::Level& level);

class Catalog {
  public:
    Catalog(CatalogSpec spec, std::filesystem::path data_dir, TransformOptions transform = {});
    // The default catalogue file and data folder (see catalog_spec.hpp).
    static Catalog open_default(const std::string& catalog_file = {},
                                const std::string& data_dir = {});

    const CatalogSpec& spec() const { return spec_; }
    const Crs& working_crs() const { return working_crs_; }
    const std::filesystem::path& data_dir() const { return data_dir_; }
    std::string path_of(const std::string& relative) const;

    struct Comuni {
        Layer layer;  // boundaries + attributes + zone_num, zone_name, zone_confidence, band
        OperationInfo reprojection;
        ValidityReport validity;
        std::optional<JoinReport> attributes;
        std::optional<JoinReport> zones;
        std::vector<std::string> without_zone;  // comune names grouped as "non assegnato"
        std::vector<std::string> without_band;
    };
    Comuni load_comuni() const;

    // Stations of the configured kinds (railway station/halt); metro stations only if asked
    // (include_metro overrides the catalogue's setting). Adds `is_metro`. `where`: an OGR SQL
    // filter on the file, besides the catalogue's own.
    LoadedLayer load_stations(std::optional<bool> include_metro = {},
                              const std::string& where = {}) const;

    struct Rail {
        LoadedLayer edges;
        RailDeduplication deduplication;
    };
    Rail load_rail() const;

    LoadedLayer load_hospitals(const std::string& where = {}) const;

    struct Roads {
        LoadedLayer edges;
        LoadedLayer nodes;
    };
    Roads load_roads() const;
    // The edges alone (what a street graph needs); `where`: an OGR SQL filter on them (e.g. to
    // leave motorways out of a walk).
    LoadedLayer load_road_edges(const std::string& where = {}) const;

    // Derived layers, from the comuni returned by load_comuni().
    DissolveResult outline(const Layer& comuni) const;
    // One feature per zone: zone_num, zone_name, n_features, n_derived (members whose zone is
    // derived, not read from an official list), membership ("official" or "partly derived"),
    // area_km2 and the population sum.
    DissolveResult zones(const Layer& comuni) const;
    // One feature per band (the `band` field, from ISTAT codes or a DEM), in the catalogue's
    // order, with area_km2 and the sum of `sum_fields` (default: the catalogue's population).
    DissolveResult bands(const Layer& comuni, std::vector<std::string> sum_fields = {}) const;
    // One feature per value of a [[levels]] key (provinces, regions): the key, label (the
    // key), n_features, area_km2, the level's name and fields (a member that disagrees with
    // the others on one of them is an error naming it), and the population sum.
    // `sum_fields`: summed per group (default: the catalogue's population).
    DissolveResult level(const Layer& comuni, const CatalogSpec::Level& level,
                         std::vector<std::string> sum_fields = {}) const;

  private:
    LoadedLayer load(const std::string& relative, ReadOptions read = {}) const;

    CatalogSpec spec_;
    std::filesystem::path data_dir_;
    Crs working_crs_;
    TransformOptions transform_;
};

}  // namespace atlante
