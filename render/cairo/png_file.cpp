#include "render/cairo/png_file.hpp"

#include <png.h>

#include <cmath>
#include <cstdio>
#include <memory>

#include "layers/error.hpp"

namespace atlante {
namespace {

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

// libpng's write and info structs, destroyed together.
class PngWriter {
  public:
    PngWriter() : png_(png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr)) {
        if (png_) info_ = png_create_info_struct(png_);
    }
    ~PngWriter() { png_destroy_write_struct(&png_, info_ ? &info_ : nullptr); }
    PngWriter(const PngWriter&) = delete;
    PngWriter& operator=(const PngWriter&) = delete;
    png_structp png() const { return png_; }
    png_infop info() const { return info_; }

  private:
    png_structp png_ = nullptr;
    png_infop info_ = nullptr;
};

}  // namespace

void write_png(const std::string& path, const unsigned char* data, int width, int height,
               int stride, double dpi) {
    const ErrorContext here{path, {}, {}, {}};
    const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wb"));
    if (!file) throw Error(here, "cannot write the page");
    PngWriter writer;
    if (!writer.png() || !writer.info()) throw Error(here, "cannot start the PNG writer");
    png_structp png = writer.png();
    // libpng reports errors by longjmp: back here, where only the RAII objects above live.
    if (setjmp(png_jmpbuf(png))) throw Error(here, "cannot write the page (libpng)");
    png_init_io(png, file.get());
    png_set_IHDR(png, writer.info(), static_cast<png_uint_32>(width),
                 static_cast<png_uint_32>(height), 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    const auto per_metre = static_cast<png_uint_32>(std::lround(dpi / 0.0254));
    png_set_pHYs(png, writer.info(), per_metre, per_metre, PNG_RESOLUTION_METER);
    png_set_compression_level(png, 1);
    png_set_filter(png, 0, PNG_FILTER_NONE);
    png_write_info(png, writer.info());
    // Cairo's pixels are 32-bit native-endian xRGB: B, G, R, x in memory on little-endian.
    png_set_bgr(png);
    png_set_filler(png, 0, PNG_FILLER_AFTER);
    for (int y = 0; y < height; ++y)
        png_write_row(png,
                      const_cast<unsigned char*>(data + static_cast<std::ptrdiff_t>(y) * stride));
    png_write_end(png, writer.info());
    if (std::fflush(file.get()) != 0) throw Error(here, "cannot write the page");
}

}  // namespace atlante
