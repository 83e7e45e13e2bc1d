#include "layers/read_log.hpp"

#include <filesystem>
#include <mutex>

namespace atlante {

namespace {
std::mutex& log_mutex() {
    static std::mutex m;
    return m;
}
std::vector<std::string>& log() {
    static std::vector<std::string> entries;
    return entries;
}
}  // namespace

void note_source_read(const std::string& source) {
    // Files by their absolute path, so the manifest says which file whatever the working folder.
    std::error_code ec;
    std::string entry = source;
    if (std::filesystem::is_regular_file(source, ec))
        entry = std::filesystem::absolute(source, ec).lexically_normal().string();
    const std::lock_guard<std::mutex> lock(log_mutex());
    log().push_back(std::move(entry));
}

std::size_t sources_read_count() {
    const std::lock_guard<std::mutex> lock(log_mutex());
    return log().size();
}

std::vector<std::string> sources_read_since(std::size_t from) {
    const std::lock_guard<std::mutex> lock(log_mutex());
    if (from >= log().size()) return {};
    return {log().begin() + static_cast<std::ptrdiff_t>(from), log().end()};
}

}  // namespace atlante
