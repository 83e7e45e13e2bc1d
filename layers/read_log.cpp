#include "layers/read_log.hpp"

#include <algorithm>
#include <filesystem>

namespace atlante {
namespace {

thread_local ReadRecorder* innermost = nullptr;

}  // namespace

ReadRecorder::ReadRecorder(std::vector<std::string>& into) : into_(into), outer_(innermost) {
    innermost = this;
}

ReadRecorder::~ReadRecorder() { innermost = outer_; }

void note_sources_used(const std::vector<std::string>& sources) {
    for (ReadRecorder* r = innermost; r; r = r->outer_)
        for (const std::string& s : sources)
            if (std::find(r->into_.begin(), r->into_.end(), s) == r->into_.end())
                r->into_.push_back(s);
}

void note_source_read(const std::string& source) {
    // Files by their absolute path, so the manifest says which file whatever the working folder.
    std::error_code ec;
    std::string entry = source;
    if (std::filesystem::is_regular_file(source, ec))
        entry = std::filesystem::absolute(source, ec).lexically_normal().string();
    note_sources_used({entry});
}

}  // namespace atlante
