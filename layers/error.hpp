// Errors that name where bad input sits: file, layer, feature and field.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace atlante {

// Where a problem was found. Every part is optional; what() prints the parts that are set.
struct ErrorContext {
    std::string file;
    std::string layer;
    std::optional<std::int64_t> feature;  // feature id (FID) or 1-based row for tables
    std::string field;
    std::string record = {};  // the record's own id value ("AD-027"), when the layer has one
};

class Error : public std::runtime_error {
  public:
    Error(ErrorContext context, const std::string& message);
    explicit Error(const std::string& message) : Error(ErrorContext{}, message) {}

    const ErrorContext& context() const { return context_; }
    const std::string& message() const { return message_; }

  private:
    ErrorContext context_;
    std::string message_;
};

// A command-line mistake: an unknown flag, a missing one, a value that does not parse or is out
// of range. The command exits 2 for these, 1 for bad input in files.
class UsageError : public Error {
  public:
    explicit UsageError(const std::string& message) : Error(message) {}
};

// "file 'a.gpkg', layer 'comuni', record 'AD-027' (feature 34), field 'pop'" (only the parts
// that are set).
std::string describe(const ErrorContext& context);

}  // namespace atlante
