// The project-file reader and `validate`: any text, read as a project file in a folder that
// has none of the files it names.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_guard.hpp"
#include "pipeline/project.hpp"
#include "pipeline/run_options.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    atlante::fuzz::refuse_only_with_errors([&] {
        const atlante::Project project = atlante::parse_project(text, "fuzz.toml", "/nonexistent");
        atlante::RunOptions options;
        options.data_dir = "/nonexistent/data";
        (void)atlante::validate_project(project, options);
    });
    return 0;
}
