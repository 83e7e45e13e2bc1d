#include "layers/text_encoding.hpp"

#include <cpl_string.h>

#include <cstdio>
#include <memory>

#include "layers/ascii_case.hpp"
#include "layers/error.hpp"
#include "layers/gdal_handles.hpp"

namespace atlante {

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        unsigned least = 0;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if ((c & 0xE0) == 0xC0) {
            extra = 1, least = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2, least = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3, least = 0x10000;
        } else {
            return false;
        }
        if (i + extra >= text.size()) return false;  // cut short
        unsigned code = c & (0x3F >> extra);
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code = (code << 6) | (next & 0x3F);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
        if (code < least || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return false;
        i += extra + 1;
    }
    return true;
}

std::string to_utf8(std::string_view text, const std::string& encoding) {
    const std::string name = ascii_lower(encoding);
    if (name == "utf-8" || name == "utf8") return std::string(text);
    const std::string input(text);
    struct Free {
        void operator()(char* p) const { CPLFree(p); }
    };
    // GDAL reports an unknown encoding (or bytes it cannot map) as a warning, then returns the
    // text unchanged: either is a failure here.
    const gdal::ErrorCapture capture;
    std::unique_ptr<char, Free> out(CPLRecode(input.c_str(), encoding.c_str(), CPL_ENC_UTF8));
    if (!out || CPLGetLastErrorType() != CE_None)
        throw Error("cannot read text as '" + encoding + "' (" + capture.last_error() +
                    "): name an encoding such as CP1252, ISO-8859-1 or UTF-8");
    return out.get();
}

std::string escaped_bytes(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", c);
            out += hex;
        }
    }
    return out;
}

}  // namespace atlante
