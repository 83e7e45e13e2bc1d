#include "pipeline/captions.hpp"

#include <regex>

#include "layers/error.hpp"
#include "pipeline/project.hpp"
#include "render/format/number_format.hpp"

namespace atlante {
namespace {

const std::regex& placeholder() {
    static const std::regex re(R"(\{([a-z_]+)\.([a-z_.]+)\})");
    return re;
}

// The value of one placeholder, or the reason there is none.
bool quoted_value(const std::string& step_name, const std::string& key, const Project& project,
                  std::string& out) {
    const Step* step = project.single(step_name);
    if (!step) {
        out = "{" + step_name + "." + key + "} names no [" + step_name + "] step of the project";
        return false;
    }
    OptionSet options = options_of(*step);
    const BoundOption* option = options.find(key);
    if (!option || option->spec.type == OptionType::Tables) {
        out = "{" + step_name + "." + key + "}: the " + step_name + " step has no option '" + key +
              "'";
        return false;
    }
    const OptionValue value = option->load();
    if (const double* number = std::get_if<double>(&value))
        out = option->spec.unit == "m"
                  ? format_distance(*number)
                  : format_italian(*number, *number == static_cast<long long>(*number) ? 0 : 2);
    else if (const long long* whole = std::get_if<long long>(&value))
        out = format_italian(static_cast<double>(*whole));
    else
        out = value_text(value);
    return true;
}

}  // namespace

std::string expand_captions(const std::string& text, const Project& project) {
    std::string out;
    auto from = text.cbegin();
    for (std::sregex_iterator it(text.begin(), text.end(), placeholder()), end; it != end; ++it) {
        std::string value;
        if (!quoted_value((*it)[1], (*it)[2], project, value)) throw Error(value);
        out.append(from, (*it)[0].first);
        out += value;
        from = (*it)[0].second;
    }
    out.append(from, text.cend());
    return out;
}

std::string caption_problem(const std::string& text, const Project& project) {
    for (std::sregex_iterator it(text.begin(), text.end(), placeholder()), end; it != end; ++it) {
        std::string value;
        if (!quoted_value((*it)[1], (*it)[2], project, value)) return value;
    }
    return "";
}

}  // namespace atlante
