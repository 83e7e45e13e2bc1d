// Option values parsed and checked the same way from the command line and the project file:
// decimal numbers only, finite, in range; closed choices; colours; lists and tables.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "pipeline/options/nearest_name.hpp"
#include "pipeline/options/option_value.hpp"

namespace atlante {
namespace {

OptionSpec radius() {
    OptionSpec spec;
    spec.key = "radius_m";
    spec.type = OptionType::Number;
    spec.unit = "m";
    spec.range = NumberRange::between(1, 100000);
    return spec;
}

std::string refusal(const OptionSpec& spec, const std::vector<std::string>& texts) {
    try {
        value_from_text(spec, texts);
    } catch (const OptionValueError& e) {
        return e.what();
    }
    ADD_FAILURE() << "accepted " << texts.front();
    return "";
}

std::string toml_refusal(const OptionSpec& spec, const std::string& value) {
    const toml::table doc = toml::parse("v = " + value);
    try {
        value_from_toml(spec, *doc.get("v"));
    } catch (const OptionValueError& e) {
        return e.what();
    }
    ADD_FAILURE() << "accepted " << value;
    return "";
}

TEST(DecimalNumbers, OnlyPlainDecimalsParse) {
    for (const char* ok : {"1500", "-0.5", "1e3", "+2", "0.25", ".5", "7."})
        EXPECT_TRUE(parse_decimal(ok).has_value()) << ok;
    for (const char* bad : {"0x10", "1.5km", "inf", "nan", "", " 1", "1,5", "1e", "0x1p3", "--1"})
        EXPECT_FALSE(parse_decimal(bad).has_value()) << bad;
    EXPECT_DOUBLE_EQ(*parse_decimal("1e3"), 1000);
    EXPECT_EQ(*parse_whole("133"), 133);
    EXPECT_FALSE(parse_whole("1.0"));
    EXPECT_FALSE(parse_whole("99999999999999999999"));
}

TEST(OptionValues, NumbersAreCheckedAgainstTheirRange) {
    EXPECT_DOUBLE_EQ(std::get<double>(value_from_text(radius(), {"800"})), 800);
    EXPECT_THAT(refusal(radius(), {"1.5km"}),
                ::testing::HasSubstr("'1.5km' is not a decimal number"));
    EXPECT_THAT(refusal(radius(), {"0x10"}), ::testing::HasSubstr("not a decimal number"));
    EXPECT_THAT(refusal(radius(), {"1e308"}),
                ::testing::HasSubstr("out of range (a number (m), 1 to 100000)"));
    EXPECT_THAT(refusal(radius(), {"0"}), ::testing::HasSubstr("out of range"));
    EXPECT_THAT(refusal(radius(), {"1", "2"}), ::testing::HasSubstr("takes one value"));
    OptionSpec open = radius();
    open.range = NumberRange::positive(20);
    EXPECT_THAT(refusal(open, {"0"}), ::testing::HasSubstr("> 0 to 20"));
}

TEST(OptionValues, TomlNumbersMustBeDecimalAndFinite) {
    EXPECT_THAT(toml_refusal(radius(), "0x10"), ::testing::HasSubstr("decimal"));
    EXPECT_THAT(toml_refusal(radius(), "nan"), ::testing::HasSubstr("not a finite number"));
    EXPECT_THAT(toml_refusal(radius(), "inf"), ::testing::HasSubstr("not a finite number"));
    EXPECT_THAT(toml_refusal(radius(), "\"1500\""), ::testing::HasSubstr("expected a number"));
    const toml::table doc = toml::parse("v = 1500");
    EXPECT_DOUBLE_EQ(std::get<double>(value_from_toml(radius(), *doc.get("v"))), 1500);
}

TEST(OptionValues, ListsTablesChoicesAndColours) {
    OptionSpec minutes;
    minutes.key = "walk.minutes";
    minutes.type = OptionType::NumberList;
    minutes.range = NumberRange::positive(600);
    minutes.increasing = true;
    EXPECT_EQ(std::get<std::vector<double>>(value_from_text(minutes, {"5,10", "15"})),
              (std::vector<double>{5, 10, 15}));
    EXPECT_THAT(refusal(minutes, {"30,15"}), ::testing::HasSubstr("values must increase"));

    OptionSpec scores;
    scores.key = "class_scores";
    scores.type = OptionType::NumberTable;
    scores.range = NumberRange::between(0, 1);
    const auto table =
        std::get<std::map<std::string, double>>(value_from_text(scores, {"alta=1,media=0.5"}));
    EXPECT_EQ(table.at("media"), 0.5);
    EXPECT_THAT(refusal(scores, {"alta"}), ::testing::HasSubstr("is not name=number"));
    EXPECT_THAT(refusal(scores, {"alta=2"}), ::testing::HasSubstr("out of range"));

    OptionSpec method;
    method.key = "method";
    method.type = OptionType::Choice;
    method.choices = {"istat", "dem"};
    EXPECT_THAT(refusal(method, {"dme"}),
                ::testing::HasSubstr("'dme' is not one of istat, dem; did you mean 'dem'?"));

    OptionSpec fill;
    fill.key = "fill";
    fill.type = OptionType::Color;
    EXPECT_THAT(refusal(fill, {"reddish"}), ::testing::HasSubstr("'reddish' is not a colour"));
}

TEST(NearestName, SuggestsTheKeyMeant) {
    const std::vector<std::string> keys{"radius_m", "rail", "comuni", "weights"};
    EXPECT_EQ(nearest_name("raidus_m", keys), "radius_m");
    EXPECT_EQ(nearest_name("radius", keys), "radius_m");
    EXPECT_EQ(nearest_name("Comuni", keys), "comuni");
    // Italian words for the keys are understood too.
    EXPECT_EQ(nearest_name("raggio_m", keys), "radius_m");
    EXPECT_EQ(nearest_name("aree_dismesse", {"stations", "brownfields"}), "brownfields");
    EXPECT_FALSE(nearest_name("colour_ramp", {"stations", "comuni"}).has_value());
    EXPECT_EQ(did_you_mean("wieghts", keys), "; did you mean 'weights'?");
    EXPECT_EQ(nearest_name("radious", keys), "radius_m");  // the unit left out, and a typo
}

}  // namespace
}  // namespace atlante
