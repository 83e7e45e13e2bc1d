// Styles and colours: any text as a colour, a palette name, and a map layer's style as the
// command line gives it (`--layers '{ source = "catalog:comuni", fill = "#eee" }'`).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_guard.hpp"
#include "pipeline/options/option_set.hpp"
#include "pipeline/options/toml_options.hpp"
#include "pipeline/steps/map_layer.hpp"
#include "render/style/color.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    atlante::fuzz::refuse_only_with_errors([&] {
        const atlante::Color color = atlante::parse_color(text);
        // What atlante writes of a colour it read, it reads back as the same colour (to 1/255).
        const atlante::Color again = atlante::parse_color(atlante::format_color(color));
        if (color.a > 0 &&
            (std::abs(again.r - color.r) > 0.5 / 255 || std::abs(again.a - color.a) > 0.5 / 255))
            std::abort();
    });
    (void)atlante::brewer_palette(text);
    atlante::fuzz::refuse_only_with_errors([&] {
        atlante::MapLayerStep layer;
        atlante::OptionSet options;
        layer.declare(options);
        atlante::read_inline_table(options, text, "--layers");
        (void)layer.drawn_style();
    });
    return 0;
}
