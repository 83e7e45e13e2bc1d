// Outputs are written beside their final path under a temporary name and renamed into place only
// when complete, so a failed run never leaves a half-written file or destroys an earlier output.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace atlante {

class AtomicOutput {
  public:
    // Prepares a temporary path in the target's folder; throws if the folder is missing or not
    // writable.
    explicit AtomicOutput(std::filesystem::path target);
    ~AtomicOutput();  // removes the temporaries unless commit() ran
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    const std::filesystem::path& target() const { return target_; }
    // Where to write: same folder, same extension, hidden temporary stem.
    const std::filesystem::path& temporary() const { return temporary_; }
    // Renames the temporary (and its sidecars, e.g. a shapefile's .dbf/.shx/.prj) into place.
    void commit(const std::vector<std::string>& sidecar_extensions = {});
    // Removes the temporaries (unless committed); also run by the destructor.
    void discard() noexcept;

  private:
    std::filesystem::path target_;
    std::filesystem::path temporary_;
    bool committed_ = false;
};

// Several outputs that land together: each is written into a hidden staging folder inside
// `folder`, and commit() moves them all into place at the end. If anything fails before that,
// the destructor removes the staging folder and `folder` keeps its earlier outputs untouched.
class StagedOutputs {
  public:
    // Creates `folder` if needed; folders it created are removed again unless commit() ran, so
    // a failed run leaves no empty output folder behind.
    explicit StagedOutputs(std::filesystem::path folder);
    ~StagedOutputs();
    StagedOutputs(const StagedOutputs&) = delete;
    StagedOutputs& operator=(const StagedOutputs&) = delete;

    const std::filesystem::path& folder() const { return folder_; }
    // The hidden folder itself, for writers that lay out subfolders of their own.
    const std::filesystem::path& staging() const { return staging_; }
    // Where to write the output named `file_name` for now.
    std::string path(const std::string& file_name) const;
    // Moves every staged file into the folder, subfolders included (created as needed; files
    // already there and not staged are left alone); returns their final paths, sorted.
    std::vector<std::string> commit();
    // Removes the staging folder (and the folders made here, unless committed); also run by the
    // destructor.
    void discard() noexcept;
    // Staging folders of runs that died (their process is gone: killed, or the machine went
    // down) found in the folder and removed on the way in.
    const std::vector<std::filesystem::path>& stale_removed() const { return stale_; }

  private:
    std::filesystem::path folder_;
    std::filesystem::path staging_;
    std::vector<std::filesystem::path> created_;  // folders made here, innermost first
    std::vector<std::filesystem::path> stale_;
    bool committed_ = false;
};

// Removes the temporaries and staging folders of every output still being written in this
// process, for a run stopped by a signal; returns how many there were. Safe from any thread.
std::size_t discard_outputs_in_progress() noexcept;

// Writes text to a file atomically.
void write_text_atomically(const std::filesystem::path& target, const std::string& text);

}  // namespace atlante
