// Strict TOML reading: unknown keys and wrong types cite the key, line and column.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "geodata/strict_table.hpp"
#include "layers/error.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

TEST(StrictTable, ReadsValuesAndRejectsUnknownKeys) {
    testing::TempDir dir;
    testing::write_file(dir.file("p.toml"),
                        "[tor]\nradius = 1500\nkinds = [\"station\"]\nradious = 3\n");
    const toml::table doc = parse_toml_file(dir.file("p.toml"));
    const StrictTable root(doc, "", dir.file("p.toml"));
    const StrictTable tor = root.table("tor");
    EXPECT_EQ(tor.number_or("radius", 0), 1500);
    EXPECT_THAT(tor.strings_or("kinds"), ::testing::ElementsAre("station"));
    try {
        tor.reject_unknown_keys();
        FAIL();
    } catch (const Error& e) {
        EXPECT_THAT(e.what(),
                    ::testing::HasSubstr("line 4, column 11: key 'tor.radious': unknown key"));
    }
}

TEST(StrictTable, WrongTypeAndMissingKey) {
    testing::TempDir dir;
    testing::write_file(dir.file("p.toml"), "[tor]\nradius = \"far\"\n");
    const toml::table doc = parse_toml_file(dir.file("p.toml"));
    const StrictTable tor = StrictTable(doc, "", "p.toml").table("tor");
    EXPECT_THROW(tor.number_or("radius", 0), Error);
    try {
        tor.string("stations");
        FAIL();
    } catch (const Error& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("key 'tor.stations': required, missing"));
    }
}

TEST(StrictTable, SyntaxErrorCitesThePosition) {
    testing::TempDir dir;
    testing::write_file(dir.file("p.toml"), "[tor\nradius = 1\n");
    try {
        parse_toml_file(dir.file("p.toml"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("line 1"));
    }
    EXPECT_THROW(parse_toml_file(dir.file("missing.toml")), Error);
}

}  // namespace
}  // namespace atlante
