// Attribute joins by ISTAT code: leading zeros, "None", duplicate and missing keys.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "layers/join.hpp"
#include "layers/reader.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

Layer comuni() {
    Layer layer("comuni", Crs::from_user_input("EPSG:32632"), true);
    layer.add_field({"code", FieldType::String, false});
    for (const char* code : {"001001", "001170", "001272"})
        layer.append(static_cast<std::int64_t>(layer.size() + 1), Geometry::point(0, 0),
                     {std::string(code)});
    return layer;
}

Layer table_from(const testing::TempDir& dir, const std::string& csv) {
    testing::write_file(dir.file("attributes.csv"), csv);
    ReadOptions read;
    read.attributes_only = true;
    return read_layer(dir.file("attributes.csv"), read);
}

TEST(Join, KeepsLeadingZerosAndTheComuneCalledNone) {
    testing::TempDir dir;
    Layer layer = comuni();
    const Layer table = table_from(
        dir, "pro_com_t,comune,pop\n001272,Torino,848196\n001170,None,\n001001,Agliè,2548\n");
    EXPECT_EQ(table.fields()[table.require_field("pro_com_t")].type, FieldType::String);
    EXPECT_EQ(table.fields()[table.require_field("pop")].type, FieldType::Integer);
    const JoinReport report = join_attributes(layer, "code", table, "pro_com_t");
    EXPECT_EQ(report.matched, 3u);
    EXPECT_EQ(layer.column("comune").string(1), "None");
    EXPECT_FALSE(layer.column("comune").is_null(1));
    EXPECT_TRUE(layer.column("pop").is_null(1));  // an empty cell is a null
    EXPECT_EQ(layer.column("pop").integer(2), 848196);
}

TEST(Join, IntegerKeysArePaddedToIstatCodes) {
    testing::TempDir dir;
    Layer layer = comuni();
    const Layer table = table_from(dir, "codice,pop_lt12\n1001,246\n1170,30\n1272,70000\n");
    EXPECT_EQ(table.fields()[table.require_field("codice")].type, FieldType::Integer);
    JoinOptions options;
    options.pad_integer_keys = 6;
    join_attributes(layer, "code", table, "codice", options);
    EXPECT_EQ(layer.column("pop_lt12").integer(0), 246);
}

TEST(Join, DuplicateKeyNamesBothRowsAndTheField) {
    testing::TempDir dir;
    Layer layer = comuni();
    const Layer table = table_from(dir, "pro_com_t,pop\n001001,1\n001170,2\n001001,3\n");
    try {
        join_attributes(layer, "code", table, "pro_com_t");
        FAIL();
    } catch (const Error& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("attributes.csv"));
        EXPECT_THAT(e.what(), ::testing::HasSubstr("feature 3"));
        EXPECT_THAT(e.what(), ::testing::HasSubstr("field 'pro_com_t'"));
        EXPECT_THAT(e.what(), ::testing::HasSubstr("duplicate join key '001001' (also feature 1)"));
    }
}

TEST(Join, MissingKeyFieldIsNamed) {
    testing::TempDir dir;
    Layer layer = comuni();
    const Layer table = table_from(dir, "istat,pop\n001001,1\n");
    try {
        join_attributes(layer, "code", table, "pro_com_t");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.context().field, "pro_com_t");
        EXPECT_THAT(e.what(), ::testing::HasSubstr("no such field (fields: istat, pop)"));
    }
}

TEST(Join, UnmatchedFeatureIsAnErrorOrANullByChoice) {
    testing::TempDir dir;
    const Layer table = table_from(dir, "pro_com_t,pop\n001001,1\n001272,3\n");
    Layer strict = comuni();
    try {
        join_attributes(strict, "code", table, "pro_com_t");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.context().feature, 2);
        EXPECT_THAT(e.what(), ::testing::HasSubstr("join key '001170' has no row"));
    }
    Layer lenient = comuni();
    JoinOptions options;
    options.require_match = false;
    const JoinReport report = join_attributes(lenient, "code", table, "pro_com_t", options);
    EXPECT_EQ(report.matched, 2u);
    EXPECT_THAT(report.unmatched_keys, ::testing::ElementsAre("001170"));
    EXPECT_TRUE(lenient.column("pop").is_null(1));
}

}  // namespace
}  // namespace atlante
