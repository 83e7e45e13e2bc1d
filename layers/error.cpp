#include "layers/error.hpp"

namespace atlante {

std::string describe(const ErrorContext& context) {
    std::string out;
    auto add = [&out](const std::string& part) {
        if (!out.empty()) out += ", ";
        out += part;
    };
    if (!context.file.empty()) add("file '" + context.file + "'");
    if (!context.layer.empty()) add("layer '" + context.layer + "'");
    if (!context.record.empty())
        add("record '" + context.record + "'" +
            (context.feature ? " (feature " + std::to_string(*context.feature) + ")" : ""));
    else if (context.feature)
        add("feature " + std::to_string(*context.feature));
    if (!context.field.empty()) add("field '" + context.field + "'");
    return out;
}

static std::string compose(const ErrorContext& context, const std::string& message) {
    const std::string where = describe(context);
    return where.empty() ? message : where + ": " + message;
}

Error::Error(ErrorContext context, const std::string& message)
    : std::runtime_error(compose(context, message)),
      context_(std::move(context)),
      message_(message) {}

}  // namespace atlante
