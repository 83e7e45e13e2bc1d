// The catalogue's [[levels]] (provinces, regions dissolved from the comuni), read from a TOML
// file written here, on comuni built in code; and the shipped catalogues chosen by name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "geodata/catalog.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

namespace fs = std::filesystem;

std::string write_catalog(const std::string& name, const std::string& levels) {
    const fs::path file = fs::path(::testing::TempDir()) / (name + ".toml");
    std::ofstream(file) << "[catalog]\nname = \"prova\"\n[comuni]\nsource = \"c.geojson\"\n"
                           "key = \"code\"\nname = \"name\"\n"
                        << levels;
    return file.string();
}

const char* kLevels =
    "[[levels]]\nlayer = \"provinces\"\nkey = \"prov\"\nname = \"prov_name\"\n"
    "fields = [\"reg\"]\nby = \"province\"\ntitle = \"provincia\"\n"
    "[[levels]]\nlayer = \"regions\"\nkey = \"reg\"\nname = \"reg\"\n";

// Four 10 km squares in a row: two in province "002" (Vercelli), two in "001" (Torino), one
// region.
Layer comuni() {
    Layer layer("comuni", Crs::from_user_input("EPSG:32632"), true);
    for (const char* f : {"code", "name", "prov", "prov_name", "reg"})
        layer.add_field({f, FieldType::String, true});
    const char* provinces[] = {"002", "002", "001", "001"};
    const char* names[] = {"Vercelli", "Vercelli", "Torino", "Torino"};
    for (int i = 0; i < 4; ++i)
        layer.append(i + 1, testing::square(i * 10000.0, 0, 10000),
                     {"00100" + std::to_string(i), "comune " + std::to_string(i),
                      std::string(provinces[i]), std::string(names[i]), std::string("Piemonte")});
    return layer;
}

TEST(CatalogLevels, ReadFromTheCatalogueFile) {
    const CatalogSpec spec = read_catalog_spec(write_catalog("levels", kLevels));
    ASSERT_EQ(spec.levels.size(), 2u);
    ASSERT_NE(spec.level_by("province"), nullptr);
    EXPECT_EQ(spec.level_by("province")->layer, "provinces");
    EXPECT_EQ(spec.level("regions")->by, "regions");  // by defaults to the layer's name
    EXPECT_EQ(spec.level("regions")->title, "regions");
    EXPECT_THAT(catalog_layer_names(spec), ::testing::Contains("provinces"));
    EXPECT_EQ(spec.level_by("comune"), nullptr);
}

TEST(CatalogLevels, ANameTakenTwiceIsAnError) {
    const std::string twice =
        std::string(kLevels) + "[[levels]]\nlayer = \"provinces\"\nkey = \"x\"\nname = \"x\"\n";
    EXPECT_THAT([&] { read_catalog_spec(write_catalog("twice", twice)); },
                ::testing::ThrowsMessage<Error>(
                    ::testing::HasSubstr("levels: a second layer named 'provinces'")));
    EXPECT_THAT(
        [&] {
            read_catalog_spec(write_catalog(
                "fixed", "[[levels]]\nlayer = \"stations\"\nkey = \"x\"\nname = \"x\"\n"));
        },
        ::testing::ThrowsMessage<Error>(::testing::HasSubstr("'stations'")));
}

TEST(CatalogLevels, DissolvedWithNamesFieldsAndAreas) {
    const Catalog catalog(read_catalog_spec(write_catalog("levels", kLevels)),
                          ::testing::TempDir());
    const Layer c = comuni();
    const DissolveResult r = catalog.level(c, *catalog.spec().level("provinces"));
    const Layer& p = r.layer;
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p.name(), "provinces");
    EXPECT_EQ(p.column("prov").text(0), "001");  // by code, as numbers
    EXPECT_EQ(p.column("label").text(0), "Torino");
    EXPECT_EQ(p.column("prov_name").text(1), "Vercelli");
    EXPECT_EQ(p.column("reg").text(1), "Piemonte");
    EXPECT_EQ(p.column("n_features").integer(0), 2);
    EXPECT_NEAR(p.column("area_km2").real(0), 200, 1e-9);
    EXPECT_EQ(r.groups[0].label, "Torino");
    EXPECT_TRUE(r.groups[0].coverage);
    EXPECT_NEAR(r.groups[1].union_area, r.groups[1].parts_area, 1e-9 * r.groups[1].parts_area);
}

TEST(CatalogLevels, AComuneThatDisagreesOnALevelFieldIsNamed) {
    const Catalog catalog(read_catalog_spec(write_catalog("levels", kLevels)),
                          ::testing::TempDir());
    Layer c = comuni();
    c.column("reg").set(3, std::string("Lombardia"));
    EXPECT_THAT([&] { catalog.level(c, *catalog.spec().level("provinces")); },
                ::testing::ThrowsMessage<Error>(::testing::AllOf(
                    ::testing::HasSubstr("feature 4"), ::testing::HasSubstr("reg"),
                    ::testing::HasSubstr("'Lombardia' where the other comuni of prov 001 have "
                                         "'Piemonte'"))));
}

TEST(CatalogLevels, ShippedCataloguesByName) {
    const std::string italia = resolve_catalog_file("italia", "/anywhere");
    EXPECT_EQ(fs::path(italia).filename(), "italia.toml");
    EXPECT_TRUE(fs::exists(italia));
    const CatalogSpec spec = read_catalog_spec(italia);
    EXPECT_EQ(spec.level_by("province")->key, "prov_istat_code");
    EXPECT_EQ(spec.level_by("region")->key, "reg_istat_code");
    EXPECT_FALSE(spec.population);
    EXPECT_EQ(resolve_catalog_file("mio.toml", "/progetto"), "/progetto/mio.toml");
    EXPECT_EQ(resolve_catalog_file("", "/progetto"), "");
}

}  // namespace
}  // namespace atlante
