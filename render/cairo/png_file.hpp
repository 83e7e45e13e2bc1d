// A page's pixels written as a PNG with libpng: RGB (a page is opaque paper), its resolution in
// the pHYs chunk (a print shop reads 300 dpi from the file), fast deflate without row filters.
// Maps are large flat areas of a few colours: deflate level 1 with no filter makes files as
// small as Cairo's default writer (level 6, adaptive filters) about five times faster (an A3
// map at 300 dpi: 0,17 s against 0,86 s, 1,38 MB both).
#pragma once

#include <string>

namespace atlante {

// `data`: Cairo ARGB32 / RGB24 rows (native-endian 32-bit pixels) of `width` × `height`.
void write_png(const std::string& path, const unsigned char* data, int width, int height,
               int stride, double dpi);

}  // namespace atlante
