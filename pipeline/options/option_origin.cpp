#include "pipeline/options/option_origin.hpp"

#include "layers/error.hpp"
#include "pipeline/options/option_spec.hpp"

namespace atlante {

std::string OptionOrigin::where(const std::string& key) const {
    if (from_command_line()) {
        // "layers[1].source" has no flag of its own: name the array's flag.
        const std::string flag_key = key.substr(0, key.find('['));
        return cli_flag(flag_key.empty() ? key : flag_key);
    }
    const auto it = positions.find(key);
    const TextPosition at = it != positions.end() ? it->second : table;
    return "line " + std::to_string(at.line) + ", column " + std::to_string(at.column) + ": key '" +
           (path.empty() ? key : path + "." + key) + "'";
}

void OptionOrigin::fail(const std::string& key, const std::string& message) const {
    if (from_command_line()) throw UsageError(where(key) + ": " + message);
    throw Error(ErrorContext{file, {}, {}, {}}, where(key) + ": " + message);
}

}  // namespace atlante
