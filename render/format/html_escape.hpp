// Text set into HTML (the report, the map page): &, <, > and " as entities.
#pragma once

#include <string>

namespace atlante {

std::string html_escape(const std::string& text);

}  // namespace atlante
