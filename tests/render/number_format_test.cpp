#include <gtest/gtest.h>

#include "render/format/number_format.hpp"

namespace atlante {
namespace {

TEST(NumberFormat, ItalianSeparators) {
    EXPECT_EQ(format_italian(2247780), "2.247.780");
    EXPECT_EQ(format_italian(6826.94, 1), "6.826,9");
    EXPECT_EQ(format_italian(17.5, 1), "17,5");
    EXPECT_EQ(format_italian(-65), "-65");
    EXPECT_EQ(format_italian(-0.01, 1), "0,0");
    EXPECT_EQ(format_italian(999), "999");
    EXPECT_EQ(format_italian(1000), "1.000");
}

}  // namespace
}  // namespace atlante
