// Text as it arrives from offices: a DBF or CSV saved by Windows software is often CP1252, and
// says nothing about it. Every text atlante keeps is UTF-8; a source whose encoding is declared
// is recoded on reading (GDAL's CPLRecode, iconv underneath), one that is not must already be
// UTF-8, or its first bad value is reported with the record and field.
#pragma once

#include <string>
#include <string_view>

namespace atlante {

bool is_valid_utf8(std::string_view text);

// `text` from `encoding` ("CP1252", "ISO-8859-1", "UTF-8", …) to UTF-8; throws atlante::Error for
// an encoding iconv does not know.
std::string to_utf8(std::string_view text, const std::string& encoding);

// The text with every byte outside printable ASCII written as \xHH, for messages.
std::string escaped_bytes(std::string_view text);

}  // namespace atlante
