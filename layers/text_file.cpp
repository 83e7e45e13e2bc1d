#include "layers/text_file.hpp"

#include "layers/error.hpp"

namespace atlante {

TextFile::TextFile(const std::filesystem::path& target)
    : output_(target), file_(std::fopen(output_.temporary().c_str(), "wb")) {
    if (!file_) throw Error(ErrorContext{target.string(), {}, {}, {}}, "cannot create output");
    buffer_.reserve(kBlock + 4096);
}

TextFile::~TextFile() = default;

void TextFile::flush() {
    if (!buffer_.empty() &&
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) != buffer_.size())
        throw Error(ErrorContext{output_.target().string(), {}, {}, {}},
                    "cannot write output (disk full?)");
    buffer_.clear();
}

void TextFile::finish() {
    flush();
    const bool closed = std::fclose(file_.release()) == 0;
    if (!closed)
        throw Error(ErrorContext{output_.target().string(), {}, {}, {}}, "cannot write output");
    output_.commit();
}

}  // namespace atlante
