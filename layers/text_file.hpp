// A text output written in large blocks: the writers append to a buffer that goes to the
// temporary file of an AtomicOutput whenever it fills, so a 100 MB table is never held whole in
// memory, and lands under its name only when finish() succeeds.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "layers/atomic_output.hpp"

namespace atlante {

class TextFile {
  public:
    explicit TextFile(const std::filesystem::path& target);
    ~TextFile();  // without finish(): the temporary is removed, the target untouched
    TextFile(const TextFile&) = delete;
    TextFile& operator=(const TextFile&) = delete;

    void append(std::string_view text) {
        buffer_.append(text);
        if (buffer_.size() >= kBlock) flush();
    }
    // Writes what is left and moves the file into place; throws naming the file on failure.
    void finish();

  private:
    static constexpr std::size_t kBlock = 1 << 20;
    void flush();
    struct FileCloser {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    AtomicOutput output_;
    std::unique_ptr<std::FILE, FileCloser> file_;
    std::string buffer_;
};

}  // namespace atlante
