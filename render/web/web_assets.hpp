// The files of the web map page that travel inside atlante (cmake/embed_files.cmake): Leaflet
// (web/node_modules/leaflet, pinned in web/package-lock.json) and atlante's own page script and
// style (web/atlante-mappa.js|css).
#pragma once

#include <string_view>

namespace atlante {

// "leaflet.js", "leaflet.css", "atlante-mappa.js", "atlante-mappa.css"; throws for another name.
std::string_view web_asset(std::string_view name);

}  // namespace atlante
