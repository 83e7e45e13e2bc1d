// The CMTo catalogue on the real data in ../shared/data (or $ATLANTE_DATA).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "cli/info_command.hpp"
#include "geodata/catalog.hpp"
#include "pipeline/progress_sink.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

class RealCatalog : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        catalog_ = new Catalog(read_catalog_spec(testing::source_catalog_file()),
                               testing::real_data_dir());
        comuni_ = new Catalog::Comuni(catalog_->load_comuni());
    }
    static void TearDownTestSuite() {
        delete comuni_;
        delete catalog_;
    }
    static Catalog* catalog_;
    static Catalog::Comuni* comuni_;
};
Catalog* RealCatalog::catalog_ = nullptr;
Catalog::Comuni* RealCatalog::comuni_ = nullptr;

double total_area(const Layer& layer) {
    double area = 0;
    for (std::size_t i = 0; i < layer.size(); ++i) area += layer.geometry(i).area();
    return area;
}

TEST_F(RealCatalog, Has312ComuniInUtm32WithAttributes) {
    const Layer& c = comuni_->layer;
    EXPECT_EQ(c.size(), 312u);
    EXPECT_EQ(c.crs()->epsg(), 32632);
    EXPECT_EQ(comuni_->attributes->matched, 312u);
    EXPECT_EQ(comuni_->reprojection.name, "UTM zone 32N");
    std::set<std::string> codes;
    for (std::size_t i = 0; i < c.size(); ++i)
        codes.insert(std::string(c.column("com_istat_code").string(i)));
    EXPECT_EQ(codes.size(), 312u);
    EXPECT_TRUE(codes.count("001001"));  // leading zeros kept
    // Area from geometry agrees with SITUAS's 6,826.9 km² to within 0.1 %.
    EXPECT_NEAR(total_area(c) / 1e6, 6826.9, 6.8);
}

TEST_F(RealCatalog, TheComuneCalledNoneIsAName) {
    const Layer& c = comuni_->layer;
    bool found = false;
    for (std::size_t i = 0; i < c.size(); ++i)
        if (!c.column("name").is_null(i) && c.column("name").string(i) == "None") {
            found = true;
            EXPECT_FALSE(c.column("pop_res_2021").is_null(i));
        }
    EXPECT_TRUE(found);
}

TEST_F(RealCatalog, ZonesHaveTheOfficialCountsAndFlagDerivedMembership) {
    const DissolveResult zones = catalog_->zones(comuni_->layer);
    const Layer& z = zones.layer;
    ASSERT_EQ(z.size(), 11u);
    EXPECT_TRUE(zones.unassigned.empty());
    // Official member counts (shared/data/README.md).
    const std::map<std::int64_t, std::int64_t> expected{{1, 1},  {2, 11},  {3, 18}, {4, 8},
                                                        {5, 45}, {6, 43},  {7, 40}, {8, 46},
                                                        {9, 54}, {10, 24}, {11, 22}};
    std::int64_t derived = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        const std::int64_t number = z.column(catalog_fields::zone_number).integer(i);
        EXPECT_EQ(z.column("n_features").integer(i), expected.at(number)) << "zone " << number;
        derived += z.column("n_derived").integer(i);
        EXPECT_EQ(z.column("membership").string(i),
                  z.column("n_derived").integer(i) ? "partly derived" : "official");
    }
    EXPECT_EQ(derived, 312 - 187);  // 187 rows have confidence "high"
    EXPECT_NEAR(total_area(z), total_area(comuni_->layer), 1e-6 * total_area(comuni_->layer));
}

TEST_F(RealCatalog, ThreeBandsCoverTheComuni) {
    const DissolveResult bands = catalog_->bands(comuni_->layer);
    const Layer& b = bands.layer;
    ASSERT_EQ(b.size(), 3u);
    EXPECT_EQ(b.column("label").string(0), "montagna");
    EXPECT_EQ(b.column("label").string(1), "collina");
    EXPECT_EQ(b.column("label").string(2), "pianura");
    EXPECT_EQ(b.column("n_features").integer(0), 105);
    EXPECT_EQ(b.column("n_features").integer(1), 124);
    EXPECT_EQ(b.column("n_features").integer(2), 83);
    const double comuni_area = total_area(comuni_->layer);
    EXPECT_LT(std::abs(total_area(b) - comuni_area) / comuni_area, 1e-6);
    std::int64_t population = 0;
    for (std::size_t i = 0; i < b.size(); ++i) population += b.column("pop_res_2021").integer(i);
    std::int64_t expected = 0;
    for (std::size_t i = 0; i < comuni_->layer.size(); ++i)
        expected += comuni_->layer.column("pop_res_2021").integer(i);
    EXPECT_EQ(population, expected);
    for (const DissolveGroup& g : bands.groups) EXPECT_TRUE(g.coverage) << g.label;
}

TEST_F(RealCatalog, OutlineMatchesTheProvinceFile) {
    const DissolveResult outline = catalog_->outline(comuni_->layer);
    ASSERT_EQ(outline.layer.size(), 1u);
    const LoadedLayer province =
        load_layer(testing::real_data("provincia_torino_outline.geojson"), catalog_->working_crs());
    EXPECT_NEAR(outline.layer.geometry(0).area(), province.layer.geometry(0).area(),
                1e-4 * province.layer.geometry(0).area());
}

TEST_F(RealCatalog, StationsLeaveOutConstructionAndMetroUnlessAsked) {
    const LoadedLayer rail_only = catalog_->load_stations();
    const LoadedLayer with_metro = catalog_->load_stations(true);
    EXPECT_GT(rail_only.layer.size(), 50u);
    EXPECT_GT(with_metro.layer.size(), rail_only.layer.size());
    for (std::size_t i = 0; i < rail_only.layer.size(); ++i) {
        EXPECT_NE(rail_only.layer.column("railway").string(i), "construction");
        EXPECT_EQ(rail_only.layer.column(catalog_fields::is_metro).integer(i), 0);
    }
    // Rows with a null `station` tag are kept (a NULL-unsafe filter would drop them).
    std::size_t null_station = 0;
    for (std::size_t i = 0; i < rail_only.layer.size(); ++i)
        null_station += rail_only.layer.column("station").is_null(i);
    EXPECT_GT(null_station, 0u);
}

TEST_F(RealCatalog, RailGraphHasEachStationPairOnce) {
    const Catalog::Rail rail = catalog_->load_rail();
    const Layer& e = rail.edges.layer;
    EXPECT_EQ(e.size() + rail.deduplication.dropped.size(), 232u);
    std::set<std::pair<std::string, std::string>> pairs;
    for (std::size_t i = 0; i < e.size(); ++i) {
        std::string a = e.column("station_a_id").text(i), b = e.column("station_b_id").text(i);
        if (b < a) std::swap(a, b);
        EXPECT_TRUE(pairs.insert({a, b}).second) << a << "-" << b;
    }
}

TEST_F(RealCatalog, InfoSummaryReportsComuniZonesAndBands) {
    ProgressSink quiet;
    const std::string text = describe_catalog(*catalog_, quiet);
    EXPECT_THAT(text, ::testing::HasSubstr("Comuni: 312"));
    EXPECT_THAT(text, ::testing::HasSubstr("Zone omogenee: 11"));
    EXPECT_THAT(text, ::testing::HasSubstr("montagna     105"));
    EXPECT_THAT(text, ::testing::HasSubstr("Hospitals: 53 (51 inside the province)"));
}

TEST(CatalogOwnData, ComuniWithoutZoneAreGroupedNotDropped) {
    // A planner's zone list that misses three comuni.
    testing::TempDir dir;
    const std::string zones_csv = testing::read_file(testing::real_data("zone_omogenee.csv"));
    std::string kept;
    std::size_t line_no = 0, dropped = 0;
    for (std::size_t start = 0; start < zones_csv.size();) {
        std::size_t end = zones_csv.find('\n', start);
        if (end == std::string::npos) end = zones_csv.size();
        const std::string line = zones_csv.substr(start, end - start + 1);
        // Drop the rows of three comuni (quoted fields can hold newlines: only drop lines that
        // start with their code).
        if (line.rfind("001002,", 0) == 0 || line.rfind("001003,", 0) == 0 ||
            line.rfind("001004,", 0) == 0)
            ++dropped;
        else
            kept += line;
        start = end + 1;
        ++line_no;
    }
    ASSERT_EQ(dropped, 3u);
    testing::write_file(dir.file("zones.csv"), kept);
    CatalogSpec spec = read_catalog_spec(testing::source_catalog_file());
    spec.zones->source = dir.file("zones.csv");
    const Catalog catalog(spec, testing::real_data_dir());
    const Catalog::Comuni comuni = catalog.load_comuni();
    EXPECT_EQ(comuni.layer.size(), 312u);
    EXPECT_EQ(comuni.without_zone.size(), 3u);
    const DissolveResult zones = catalog.zones(comuni.layer);
    ASSERT_EQ(zones.layer.size(), 12u);
    EXPECT_EQ(zones.layer.column("label").string(11), "non assegnato");
    EXPECT_EQ(zones.layer.column("n_features").integer(11), 3);
}

TEST(CatalogSpecFile, UnknownKeyIsAnError) {
    testing::TempDir dir;
    std::string text = testing::read_file(testing::source_catalog_file());
    text += "\n[stations_extra]\nsource = \"x\"\n";
    testing::write_file(dir.file("c.toml"), text);
    try {
        read_catalog_spec(dir.file("c.toml"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("key 'stations_extra': unknown key"));
    }
}

}  // namespace
}  // namespace atlante
