// Where a step's options came from, so that a later check (a combination of keys, a reference to
// another step) can still point at the line and column of the value it refuses, or at the flag.
#pragma once

#include <map>
#include <set>
#include <string>

namespace atlante {

struct TextPosition {
    std::size_t line = 0, column = 0;
};

struct OptionOrigin {
    std::string file;    // the project file; empty: the command line
    std::string path;    // the step's table in it: "tor", "map[2]", "project"
    TextPosition table;  // where that table starts
    // Position of every value given, by its key below the table: "radius_m", "walk.minutes",
    // "layers[1].source".
    std::map<std::string, TextPosition> positions;
    std::set<std::string> given;

    bool from_command_line() const { return file.empty(); }
    // "line 5, column 11: key 'tor.radius_m'" for the file, "--radius-m" for the command line.
    std::string where(const std::string& key) const;
    // Throws atlante::Error (file) or atlante::UsageError (command line) about `key`.
    [[noreturn]] void fail(const std::string& key, const std::string& message) const;
};

}  // namespace atlante
