#include "engine/analyses/dem_bands.hpp"

namespace atlante {

std::string band_from_statistics(const ZonalStatistics& stats, const DemBandRule& rule) {
    if (stats.cells == 0) return {};
    if (stats.share_above >= rule.mountain_share) return rule.mountain;
    if (stats.mean <= rule.plain_mean_m && stats.max - stats.min <= rule.plain_relief_m)
        return rule.plain;
    return rule.hill;
}

std::vector<std::int64_t> assign_dem_bands(Layer& comuni, const Raster& dem,
                                           const DemBandRule& rule, const std::string& band_field,
                                           const TransformOptions& transform) {
    const std::vector<ZonalStatistics> stats =
        zonal_statistics(dem, comuni, rule.mountain_elevation_m, transform);
    const char* names[] = {"dem_mean_m", "dem_median_m",    "dem_min_m",
                           "dem_max_m",  "dem_share_above", "dem_cells"};
    for (const char* name : names)  // a second run replaces the first run's columns
        if (comuni.field_index(name)) comuni.remove_field(name);
    if (!comuni.field_index(band_field)) comuni.add_field({band_field, FieldType::String, true});
    std::vector<std::size_t> columns;
    for (std::size_t k = 0; k < 5; ++k)
        columns.push_back(comuni.add_field({names[k], FieldType::Real, true}));
    const std::size_t cells = comuni.add_field({names[5], FieldType::Integer, false});
    const std::size_t band = comuni.require_field(band_field);
    std::vector<std::int64_t> without;
    for (std::size_t row = 0; row < comuni.size(); ++row) {
        const ZonalStatistics& s = stats[row];
        comuni.column(cells).set(row, static_cast<std::int64_t>(s.cells));
        const std::string b = band_from_statistics(s, rule);
        if (b.empty()) {
            comuni.column(band).set(row, Value{});
            without.push_back(comuni.id(row));
            continue;
        }
        comuni.column(band).set(row, b);
        const double values[] = {s.mean, s.median, s.min, s.max, s.share_above};
        for (std::size_t k = 0; k < columns.size(); ++k)
            comuni.column(columns[k]).set(row, values[k]);
    }
    comuni.add_lineage("bands from DEM " + dem.path());
    return without;
}

}  // namespace atlante
