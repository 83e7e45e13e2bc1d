// Every option of every step, walked from the registry: a value other than the default, given in
// the project file and given as the derived flag, reads into the same option, and run.json (the
// options as used) reports exactly that value. So the two ways in cannot disagree.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "cli/step_command.hpp"
#include "pipeline/options/toml_options.hpp"
#include "pipeline/step_registry.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

// A valid value other than `fallback` for a spec: from its range, its choices or its example.
OptionValue sample(const OptionSpec& spec, const nlohmann::ordered_json& fallback) {
    auto number_in_range = [&](double share) {
        const NumberRange& r = spec.range;
        const double lo = std::isfinite(r.min) ? r.min : -10,
                     hi = std::isfinite(r.max) ? r.max : 10;
        double v = lo + (hi - lo) * share;
        if (spec.type == OptionType::Integer) v = std::round(v);
        return v;
    };
    switch (spec.type) {
        case OptionType::Number: {
            double v = number_in_range(0.37);
            if (fallback.is_number() && fallback.get<double>() == v) v = number_in_range(0.61);
            return v;
        }
        case OptionType::Integer: {
            double v = number_in_range(0.37);
            if (fallback.is_number() && fallback.get<double>() == v) v = number_in_range(0.61);
            return static_cast<long long>(v);
        }
        case OptionType::Boolean:
            return !fallback.get<bool>();
        case OptionType::Choice:
            for (const std::string& c : spec.choices)
                if (c != fallback.get<std::string>()) return c;
            break;
        case OptionType::Text:
            return spec.example.empty() ? std::string("sample_text") : spec.example;
        case OptionType::NumberList: {
            const std::size_t n = spec.max_items <= 4 ? spec.max_items : 2;
            std::vector<double> v;
            for (std::size_t i = 0; i < n; ++i) v.push_back(number_in_range(0.1 + 0.2 * i));
            return v;
        }
        case OptionType::TextList:
            if (!spec.choices.empty()) return std::vector<std::string>{spec.choices[1]};
            return std::vector<std::string>{"alpha", "beta, gamma"};
        case OptionType::ColorList:
            return std::vector<std::string>{"#112233", "#445566"};
        case OptionType::NumberTable:
            return std::map<std::string, double>{{"alpha", number_in_range(0.3)},
                                                 {"beta gamma", number_in_range(0.6)}};
        case OptionType::Source: {
            SourceRef ref = SourceRef::parse("sample/layer.csv");
            for (const SourceReadKey& k : source_read_keys()) ref.reading(k.key) = "v_" + k.key;
            ref.where = "kind = 'x'";
            ref.assume_crs = "EPSG:3003";
            ref.separator = ";";
            ref.decimal = ",";
            return ref;
        }
        case OptionType::Color:
            return std::string("#a1b2c3");
        case OptionType::Tables:
            break;
    }
    throw std::logic_error("no sample for " + spec.key);
}

// The same value as TOML (inside a table) and as command-line arguments.
void add_toml(toml::table& table, const std::string& key, const OptionValue& value) {
    toml::table* at = &table;
    std::string rest = key;
    for (std::size_t dot = rest.find('.'); dot != std::string::npos; dot = rest.find('.')) {
        const std::string part = rest.substr(0, dot);
        if (!at->contains(part)) at->insert(part, toml::table{});
        at = at->get_as<toml::table>(part);
        rest = rest.substr(dot + 1);
    }
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, long long>) {
                at->insert(rest, static_cast<int64_t>(v));
            } else if constexpr (std::is_same_v<T, std::vector<double>> ||
                                 std::is_same_v<T, std::vector<std::string>>) {
                toml::array array;
                for (const auto& item : v) array.push_back(item);
                at->insert(rest, array);
            } else if constexpr (std::is_same_v<T, std::map<std::string, double>>) {
                toml::table t;
                for (const auto& [k, d] : v) t.insert(k, d);
                at->insert(rest, t);
            } else if constexpr (std::is_same_v<T, SourceRef>) {
                toml::table source{{"path", v.text()}};
                for (const SourceReadKey& k : source_read_keys())
                    source.insert(k.key, v.reading(k.key));
                at->insert(rest, source);
            } else {
                at->insert(rest, v);
            }
        },
        value);
}

void add_flags(std::vector<std::string>& args, const std::string& key, const OptionValue& value) {
    const std::string flag = cli_flag(key);
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>) {
                args.push_back(flag + "=" + (v ? "true" : "false"));
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                for (const std::string& item : v) args.insert(args.end(), {flag, item});
            } else if constexpr (std::is_same_v<T, SourceRef>) {
                args.insert(args.end(), {flag, v.text()});
                for (const SourceReadKey& k : source_read_keys())
                    args.insert(args.end(), {cli_flag(key + "." + k.key), v.reading(k.key)});
            } else {
                args.insert(args.end(), {flag, value_text(value)});
            }
        },
        value);
}

struct Samples {
    toml::table table;
    std::vector<std::string> args;
    std::map<std::string, OptionValue> values;  // by key
};

// Sample values for every option the command line can set (an array of tables: one element).
Samples samples_of(OptionSet& options) {
    Samples s;
    for (BoundOption& o : options.entries()) {
        if (!o.spec.in_cli) continue;
        if (o.spec.type == OptionType::Tables) {
            o.tables.schema([&](OptionSet& element) {
                Samples inner = samples_of(element);
                toml::array array;
                array.push_back(inner.table);
                s.table.insert(o.spec.key, array);
                std::ostringstream inline_table;
                toml::table copy = inner.table;
                copy.is_inline(true);
                inline_table << copy;
                s.args.insert(s.args.end(), {cli_flag(o.spec.key), inline_table.str()});
            });
            continue;
        }
        const OptionValue value = sample(o.spec, o.fallback);
        add_toml(s.table, o.spec.key, value);
        add_flags(s.args, o.spec.key, value);
        s.values[o.spec.key] = value;
    }
    return s;
}

// The value at a dotted key of the options' JSON.
nlohmann::ordered_json at_key(const nlohmann::ordered_json& json, const std::string& key) {
    const nlohmann::ordered_json* at = &json;
    std::size_t start = 0;
    for (std::size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', start)) {
        at = &at->at(key.substr(start, dot - start));
        start = dot + 1;
    }
    return at->at(key.substr(start));
}

TEST(OptionRoundTrip, EveryKeyOfEveryStepFromTheFileEqualsTheFlagAndTheManifest) {
    std::size_t keys = 0;
    for (const StepKind* kind : step_kinds()) {
        SCOPED_TRACE(kind->name);
        std::unique_ptr<Step> schema = kind->make();
        OptionSet options;
        schema->declare(options);
        const Samples s = samples_of(options);

        // From the project file.
        std::unique_ptr<Step> from_file = kind->make();
        from_file->origin = {"test.toml", kind->name, {}, {}, {}};
        OptionSet file_options;
        from_file->declare(file_options);
        read_toml_options(file_options, s.table, from_file->origin);
        from_file->finish_options();

        // From the command line.
        CLI::App app;
        StepCommand command(app, *kind, false);
        std::vector<std::string> args{"atlante", command.command().get_name()};
        args.insert(args.end(), s.args.begin(), s.args.end());
        std::vector<const char*> argv;
        for (const std::string& a : args) argv.push_back(a.c_str());
        app.parse(static_cast<int>(argv.size()), argv.data());
        std::unique_ptr<Step> from_flags = kind->make();
        command.apply(*from_flags);

        const nlohmann::ordered_json file_json = from_file->options_json();
        EXPECT_EQ(file_json, from_flags->options_json());
        for (const auto& [key, value] : s.values) {
            EXPECT_EQ(at_key(file_json, key), value_json(value)) << key;
            ++keys;
        }
    }
    EXPECT_GT(keys, 90u);  // every key of every step (99 when written)
}

TEST(OptionRoundTrip, FlagNamesDeriveFromTheKeys) {
    EXPECT_EQ(cli_flag("radius_m"), "--radius-m");
    EXPECT_EQ(cli_flag("walk.speed_kmh"), "--walk-speed-kmh");
    EXPECT_EQ(cli_flag("travel_time.line_speeds_kmh"), "--travel-time-line-speeds-kmh");
}

}  // namespace
}  // namespace atlante
