#include "layers/atomic_output.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>

#include "layers/error.hpp"

namespace atlante {

namespace fs = std::filesystem;

namespace {

fs::path sidecar(const fs::path& base, const std::string& extension) {
    fs::path p = base;
    p.replace_extension(extension);
    return p;
}

// The outputs being written now, so that a signal can remove them before the process exits.
// A staging folder is created and enrolled, and removed and left, under the one lock: the
// watcher never sees a folder on disk that it does not know of.
struct InProgress {
    std::mutex mutex;
    std::set<AtomicOutput*> files;
    std::set<StagedOutputs*> folders;
    bool stopping = false;  // once set, no new output starts
};
InProgress& in_progress() {
    static InProgress registry;  // never destroyed before the outputs that use it
    return registry;
}

void refuse_if_stopping(const fs::path& where) {
    if (in_progress().stopping)
        throw Error(ErrorContext{where.string(), {}, {}, {}}, "the run is being stopped");
}

// Renamed first, so that a writer still running elsewhere cannot add files while it empties.
void remove_staging_folder(const fs::path& staging) noexcept {
    std::error_code ec;
    fs::path doomed = staging;
    doomed += ".removing";
    fs::rename(staging, doomed, ec);
    fs::remove_all(ec ? staging : doomed, ec);
}

// Whether process `pid` is gone (not merely someone else's).
bool process_gone(long pid) { return ::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH; }

// ".staging-PID-N" folders of processes that no longer run.
std::vector<fs::path> remove_stale_staging(const fs::path& folder) {
    static const std::regex name(R"(\.staging-(\d+)-\d+(\.removing)?)");
    std::vector<fs::path> removed;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        std::smatch m;
        const std::string file = entry.path().filename().string();
        if (!entry.is_directory(ec) || !std::regex_match(file, m, name)) continue;
        if (!process_gone(std::stol(m[1].str()))) continue;
        if (fs::remove_all(entry.path(), ec) != static_cast<std::uintmax_t>(-1) && !ec)
            removed.push_back(entry.path());
    }
    return removed;
}

}  // namespace

AtomicOutput::AtomicOutput(fs::path target) : target_(std::move(target)) {
    const fs::path folder = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
    const ErrorContext here{target_.string(), {}, {}, {}};
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(here, "cannot write output: folder '" + folder.string() + "' does not exist");
    if (fs::is_directory(target_, ec))
        throw Error(here, "cannot write output: a folder has that name");
    if (::access(folder.c_str(), W_OK) != 0)
        throw Error(here, "cannot write output: folder '" + folder.string() + "' is not writable");
    static std::atomic<unsigned> counter{0};
    const std::string stem = "." + target_.stem().string() + ".tmp-" + std::to_string(::getpid()) +
                             "-" + std::to_string(counter++);
    temporary_ = folder / (stem + target_.extension().string());
    const std::lock_guard lock(in_progress().mutex);
    refuse_if_stopping(target_);
    in_progress().files.insert(this);
}

AtomicOutput::~AtomicOutput() {
    const std::lock_guard lock(in_progress().mutex);
    discard();
    in_progress().files.erase(this);
}

void AtomicOutput::discard() noexcept {
    if (committed_) return;
    std::error_code ec;
    // The temporary and anything a driver wrote beside it (sidecars, journals).
    const std::string prefix = temporary_.stem().string();
    for (const auto& entry : fs::directory_iterator(temporary_.parent_path(), ec))
        if (entry.path().filename().string().rfind(prefix, 0) == 0)
            fs::remove_all(entry.path(), ec);
}

void AtomicOutput::commit(const std::vector<std::string>& sidecar_extensions) {
    std::error_code ec;
    for (const std::string& extension : sidecar_extensions) {
        const fs::path from = sidecar(temporary_, extension);
        if (fs::exists(from)) fs::rename(from, sidecar(target_, extension), ec);
        if (ec)
            throw Error(ErrorContext{target_.string(), {}, {}, {}},
                        "cannot move output into place: " + ec.message());
    }
    fs::rename(temporary_, target_, ec);
    if (ec)
        throw Error(ErrorContext{target_.string(), {}, {}, {}},
                    "cannot move output into place: " + ec.message());
    committed_ = true;
}

StagedOutputs::StagedOutputs(fs::path folder) : folder_(folder.lexically_normal()) {
    std::error_code ec;
    for (fs::path p = fs::absolute(folder_, ec); !p.empty() && !fs::exists(p, ec);
         p = p.parent_path())
        created_.push_back(p);
    fs::create_directories(folder_, ec);
    if (!ec) stale_ = remove_stale_staging(folder_);
    if (ec || !fs::is_directory(folder_, ec))
        throw Error(ErrorContext{folder_.string(), {}, {}, {}},
                    "cannot create the output folder: " + ec.message());
    static std::atomic<unsigned> counter{0};
    staging_ =
        folder_ / (".staging-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    const std::lock_guard lock(in_progress().mutex);
    refuse_if_stopping(folder_);
    fs::create_directory(staging_, ec);
    if (ec)
        throw Error(ErrorContext{folder_.string(), {}, {}, {}},
                    "cannot write in the output folder: " + ec.message());
    in_progress().folders.insert(this);
}

StagedOutputs::~StagedOutputs() {
    const std::lock_guard lock(in_progress().mutex);
    discard();
    in_progress().folders.erase(this);
}

void StagedOutputs::discard() noexcept {
    std::error_code ec;
    remove_staging_folder(staging_);
    if (committed_) return;
    for (const fs::path& made : created_) fs::remove(made, ec);  // only while empty
}

std::string StagedOutputs::path(const std::string& file_name) const {
    return (staging_ / file_name).string();
}

std::vector<std::string> StagedOutputs::commit() {
    std::vector<std::string> moved;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(staging_)) {
        if (entry.is_directory()) continue;
        const fs::path target = folder_ / entry.path().lexically_relative(staging_);
        fs::create_directories(target.parent_path(), ec);
        if (!ec) fs::rename(entry.path(), target, ec);
        if (ec)
            throw Error(ErrorContext{target.string(), {}, {}, {}},
                        "cannot move output into place: " + ec.message());
        moved.push_back(target.string());
    }
    committed_ = true;
    std::sort(moved.begin(), moved.end());
    return moved;
}

std::size_t discard_outputs_in_progress() noexcept {
    const std::lock_guard lock(in_progress().mutex);
    in_progress().stopping = true;
    for (AtomicOutput* file : in_progress().files) file->discard();
    for (StagedOutputs* folder : in_progress().folders) folder->discard();
    return in_progress().files.size() + in_progress().folders.size();
}

void write_text_atomically(const fs::path& target, const std::string& text) {
    AtomicOutput output(target);
    {
        std::ofstream out(output.temporary(), std::ios::binary);
        out << text;
        out.flush();
        if (!out) throw Error(ErrorContext{target.string(), {}, {}, {}}, "cannot write output");
    }
    output.commit();
}

}  // namespace atlante
