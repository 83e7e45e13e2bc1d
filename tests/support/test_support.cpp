#include "tests/support/test_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace atlante::testing {

TempDir::TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("atlante-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::filesystem::path real_data_dir() {
    if (const char* env = std::getenv("ATLANTE_DATA"); env && *env) return env;
    return ATLANTE_TEST_DATA;
}

std::string real_data(const std::string& name) {
    const auto path = real_data_dir() / name;
    if (!std::filesystem::exists(path))
        throw std::runtime_error("real data file missing: " + path.string() +
                                 " (set ATLANTE_DATA)");
    return path.string();
}

std::string source_catalog_file() { return std::string(ATLANTE_SOURCE_DIR) + "/geodata/cmto.toml"; }

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::string command_output(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
    ::pclose(pipe);
    return out;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

Geometry square(double x, double y, double side) {
    const auto corner = [](double a, double b) {
        return std::to_string(a) + " " + std::to_string(b);
    };
    return Geometry::from_wkt("POLYGON ((" + corner(x, y) + ", " + corner(x + side, y) + ", " +
                              corner(x + side, y + side) + ", " + corner(x, y + side) + ", " +
                              corner(x, y) + "))");
}

}  // namespace atlante::testing
