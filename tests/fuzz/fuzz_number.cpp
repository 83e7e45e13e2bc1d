// The number parser and every option of every step read from command-line text: the first byte
// picks the option, the rest (lines: a repeated flag) is its value.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_guard.hpp"
#include "pipeline/options/option_set.hpp"
#include "pipeline/options/option_spec.hpp"
#include "pipeline/options/option_value.hpp"
#include "pipeline/step_registry.hpp"

namespace {

// Every non-table option spec of every step, declared once.
const std::vector<atlante::OptionSpec>& all_specs() {
    static const std::vector<atlante::OptionSpec> specs = [] {
        std::vector<atlante::OptionSpec> out;
        for (const atlante::StepKind* kind : atlante::step_kinds()) {
            const auto step = kind->make();
            atlante::OptionSet options;
            step->declare(options);
            for (const auto& entry : options.entries())
                if (entry.spec.type != atlante::OptionType::Tables) out.push_back(entry.spec);
        }
        return out;
    }();
    return specs;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out(1);
    for (char c : text) {
        if (c == '\n')
            out.emplace_back();
        else
            out.back().push_back(c);
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    // A number atlante reads, written back the shortest way, reads as the same number.
    if (const auto value = atlante::parse_decimal(text)) {
        if (!std::isfinite(*value)) std::abort();
        if (atlante::parse_decimal(atlante::shortest_text(*value)) != value) std::abort();
    }
    (void)atlante::parse_whole(text);
    const auto& specs = all_specs();
    const atlante::OptionSpec& spec = specs[data[0] % specs.size()];
    atlante::fuzz::refuse_only_with_errors([&] {
        try {
            const atlante::OptionValue value = atlante::value_from_text(spec, lines(text));
            atlante::check_value(spec, value);
            (void)atlante::value_text(value);
        } catch (const atlante::OptionValueError&) {
            // The value parser's refusal: its callers add the flag or key and exit 2.
        }
    });
    return 0;
}
