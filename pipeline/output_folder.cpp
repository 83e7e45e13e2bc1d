#include "pipeline/output_folder.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "layers/error.hpp"

namespace atlante {
namespace fs = std::filesystem;
namespace {

// Whether the folder's run.json was written by atlante.
bool holds_an_atlante_run(const fs::path& folder) {
    std::ifstream in(folder / "run.json");
    if (!in) return false;
    const nlohmann::json run = nlohmann::json::parse(in, nullptr, false);
    return run.is_object() && run.contains("software") && run["software"].is_object() &&
           run["software"].contains("atlante");
}

// A few names of what the folder holds, for the message.
std::string some_entries(const fs::path& folder) {
    std::string out;
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        if (++n <= 3) out += (out.empty() ? "" : ", ") + entry.path().filename().string();
    }
    return out + (n > 3 ? ", … (" + std::to_string(n) + " entries)" : "");
}

bool is_empty_but_staging(const fs::path& folder) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec))
        if (entry.path().filename().string().rfind(".staging-", 0) != 0) return false;
    return true;
}

// The system's own folders (and all below them), and the shared folders that hold others'
// (themselves only: /usr/local/src or /var/tmp/out may be a planner's).
bool is_system_folder(const fs::path& resolved) {
    static const char* const owned[] = {"/bin",     "/boot",        "/dev",      "/etc",
                                        "/lib",     "/lib32",       "/lib64",    "/proc",
                                        "/sbin",    "/sys",         "/usr/bin",  "/usr/include",
                                        "/usr/lib", "/usr/libexec", "/usr/sbin", "/usr/share"};
    static const char* const shared[] = {"/home", "/media", "/mnt",       "/opt", "/run",
                                         "/srv",  "/usr",   "/usr/local", "/var"};
    for (const char* top : owned) {
        const fs::path root(top);
        const auto end = std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
        if (end.first == root.end()) return true;
    }
    return std::any_of(std::begin(shared), std::end(shared),
                       [&](const char* top) { return resolved == fs::path(top); });
}

}  // namespace

fs::path check_not_a_system_folder(const fs::path& folder) {
    const std::string here = "output folder '" + folder.string() + "': ";
    if (folder.empty()) throw Error("no output folder given (an empty --out or output)");
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(fs::absolute(folder, ec), ec);
    if (ec) throw Error(here + "cannot use as the output folder: " + ec.message());
    if (resolved == resolved.root_path())
        throw Error(here + "the root folder cannot be an output folder: choose a new folder");
    if (is_system_folder(resolved))
        throw Error(here + "a system folder cannot be an output folder: choose a new folder");
    if (const char* home = std::getenv("HOME"); home && *home) {
        std::error_code home_ec;
        if (fs::equivalent(resolved, home, home_ec))
            throw Error(here + "the home folder cannot be an output folder: choose a new folder");
    }
    return resolved;
}

void check_output_folder(const fs::path& folder) {
    const std::string here = "output folder '" + folder.string() + "': ";
    const fs::path resolved = check_not_a_system_folder(folder);
    std::error_code ec;
    const bool exists = fs::exists(resolved, ec);
    if (ec) throw Error(here + "cannot use as the output folder: " + ec.message());
    if (!exists) return;
    if (!fs::is_directory(resolved, ec)) throw Error(here + "is a file, not a folder");
    if (is_empty_but_staging(resolved) || holds_an_atlante_run(resolved)) return;
    throw Error(here + "holds files that are not an earlier atlante run (" +
                some_entries(resolved) + "): write into a new or empty folder");
}

}  // namespace atlante
