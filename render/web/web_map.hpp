// The run's interactive map (out/mappa.html): the layers of the run's maps over no tiles, drawn by
// Leaflet (embedded in atlante, copied into the run's folder: no CDN, no network request), each
// map's layers as a group of the layer switcher with the map's own legend (the same colours and
// labels as its PDF), the ranked brownfields with a popup that says why each ranks where it does,
// the ranking table linked with the map, and a list of zones and comuni to zoom to.
//
// Data go into the folder as scripts (mappa/dati/*.js) holding GeoJSON in EPSG:4326 with
// coordinates on a 1e-6° grid (about 0,1 m): a page opened from file:// may not fetch files,
// but it may load scripts.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "layers/layer.hpp"
#include "render/style/layer_style.hpp"

namespace atlante {

// One layer a map draws, as the switcher shows it.
struct WebLayer {
    std::string group;  // the map's title
    std::string title;  // the legend's heading or entry
    const Layer* layer = nullptr;
    LayerStyle style;
    bool visible = false;
    bool ranking = false;  // the ranked sites: popups, the table's filters
};

// What the popup of a ranked site shows: the score's components, each with its weight.
struct WebRanking {
    std::vector<std::pair<std::string, double>> weights;  // "proximity" -> 0.4
    std::string radius;                                   // "1,5 km"
};

// A place the list zooms to ("zona omogenea", "Chivassese").
struct WebPlace {
    std::string kind, name;
    Envelope extent;  // the working CRS
};

struct WebMapSpec {
    std::string title;
    std::vector<WebLayer> layers;  // drawn first to last
    WebRanking ranking;
    std::vector<WebPlace> places;
    std::vector<std::string> sources;
    double simplify_m = 10;  // display simplification of lines and polygons (0: none)
    std::string font_family = "DejaVu Sans";
};

// Writes `folder`/mappa.html and `folder`/mappa/ (the library, the page's script, the data);
// returns the files written.
std::vector<std::string> write_web_map(const WebMapSpec& spec, const std::filesystem::path& folder);

}  // namespace atlante
