// Field values: strict parsing and text forms.
#include <gtest/gtest.h>

#include "layers/column.hpp"
#include "layers/field.hpp"

namespace atlante {
namespace {

TEST(Field, ParsesWholeValuesOnly) {
    EXPECT_EQ(parse_integer("1001"), 1001);
    EXPECT_EQ(parse_integer(" -7 "), -7);
    EXPECT_FALSE(parse_integer("12a"));
    EXPECT_FALSE(parse_integer(""));
    EXPECT_FALSE(parse_integer("1.5"));
    EXPECT_DOUBLE_EQ(*parse_real("13.1463"), 13.1463);
    EXPECT_FALSE(parse_real("nan"));
    EXPECT_FALSE(parse_real("13,1"));
    EXPECT_EQ(parse_date("2001-01-20"), (Date{2001, 1, 20}));
    EXPECT_FALSE(parse_date("16/04/2020"));
    EXPECT_FALSE(parse_date("2020-13-01"));
}

TEST(Field, NoneIsAStringNotANull) {
    const auto v = parse_value("None", FieldType::String);
    ASSERT_TRUE(v);
    EXPECT_FALSE(is_null(*v));
    EXPECT_EQ(to_text(*v), "None");
}

TEST(Column, KeepsNullsApartFromValues) {
    Column c(FieldType::Integer);
    c.push(std::int64_t{5});
    c.push_null();
    c.push(std::int64_t{0});
    EXPECT_EQ(c.size(), 3u);
    EXPECT_EQ(c.null_count(), 1u);
    EXPECT_TRUE(c.is_null(1));
    EXPECT_FALSE(c.is_null(2));
    EXPECT_EQ(c.number(2), 0.0);
    EXPECT_FALSE(c.number(1));
    EXPECT_THROW(c.push(std::string("x")), std::invalid_argument);
    const Column picked = c.take({2, 0});
    EXPECT_EQ(picked.integer(0), 0);
    EXPECT_EQ(picked.integer(1), 5);
}

}  // namespace
}  // namespace atlante
