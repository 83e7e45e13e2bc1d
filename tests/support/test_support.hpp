// Helpers shared by the tests: temporary folders, the real data folder, small files.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "layers/error.hpp"
#include "layers/geometry.hpp"

namespace atlante::testing {

// A fresh folder removed with everything in it at the end of the test.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

// The real CMTo data: $ATLANTE_DATA, else ../shared/data beside the checkout.
std::filesystem::path real_data_dir();
std::string real_data(const std::string& name);
// The catalogue description shipped with the sources.
std::string source_catalog_file();

void write_file(const std::string& path, const std::string& text);
// What a shell command prints on standard output (pdftotext, pdfinfo, psql …).
std::string command_output(const std::string& command);

// Runs f, which must throw atlante::Error, and returns that error (a test failure if it does not).
template <class F>
Error error_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no error was thrown";
    return Error("no error");
}
std::string read_file(const std::string& path);

// An axis-aligned square polygon with its lower-left corner at (x, y).
Geometry square(double x, double y, double side);

}  // namespace atlante::testing
