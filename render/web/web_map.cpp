#include "render/web/web_map.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "layers/error.hpp"
#include "layers/reproject.hpp"
#include "render/format/html_escape.hpp"
#include "render/web/web_assets.hpp"

namespace atlante {
namespace {

constexpr double kPixelsPerMm = 96 / 25.4;  // a screen's CSS pixels
constexpr int kDecimals = 6;                // of a degree: about 0,1 m

// The fields a ranked site's popup and the ranking table show.
const std::vector<std::string> kRankingFields{"rank",       "rank_in_zone",    "id",
                                              "name",       "comune",          "zone",
                                              "class",      "in_tor",          "nearest_station",
                                              "distance_m", "stations_within", "n_stations_within",
                                              "area_m2",    "area_within_m2",  "share_within",
                                              "score",      "c_proximity",     "c_service",
                                              "c_area",     "c_class"};

std::string css_color(const std::optional<Color>& c) {
    if (!c || c->a <= 0) return "none";
    char out[64];
    std::snprintf(out, sizeof out, "rgba(%d,%d,%d,%.3g)", static_cast<int>(std::lround(c->r * 255)),
                  static_cast<int>(std::lround(c->g * 255)),
                  static_cast<int>(std::lround(c->b * 255)), c->a);
    return out;
}

double px(double mm) { return std::round(mm * kPixelsPerMm * 100) / 100; }

nlohmann::ordered_json symbol_json(const Symbol& s) {
    nlohmann::ordered_json dash = nlohmann::ordered_json::array();
    for (double d : s.dash_mm) dash.push_back(px(d));
    return {{"fill", css_color(s.fill)},
            {"stroke", css_color(s.stroke)},
            {"width", std::max(0.5, px(s.stroke_mm))},
            {"dash", dash},
            {"opacity", s.opacity},
            {"radius", px(s.size_mm / 2)}};
}

void write_text(const std::filesystem::path& path, std::string_view text,
                std::vector<std::string>& written) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) throw Error(ErrorContext{path.string(), {}, {}, {}}, "cannot write the file");
    written.push_back(path.string());
}

// The layer in EPSG:4326, lines and polygons simplified for the screen.
Layer display_copy(const Layer& layer, double simplify_m) {
    Layer copy = layer.clone();
    for (std::size_t i = 0; i < copy.size(); ++i) {
        const Geometry& g = copy.geometry(i);
        if (!g || g.is_empty() || family_of(g.kind()) == GeometryFamily::Point || simplify_m <= 0)
            continue;
        Geometry simple = g.simplify(simplify_m);
        if (!simple.is_empty()) copy.set_geometry(i, std::move(simple));
    }
    reproject(copy, Crs::from_user_input("EPSG:4326"));
    return copy;
}

nlohmann::ordered_json value_json(const Column& column, std::size_t row) {
    if (column.is_null(row)) return nullptr;
    if (const auto n = column.number(row)) return *n;
    return column.text(row);
}

// One data file: the features with the fields some layer needs, as a script that hands the
// GeoJSON to the page (atlante.dataset).
std::string dataset_script(const std::string& id, const Layer& layer, double simplify_m,
                           const std::vector<std::string>& fields) {
    const Layer shown = display_copy(layer, simplify_m);
    std::string out =
        "atlante.dataset(\"" + id + "\",{\"type\":\"FeatureCollection\",\"features\":[";
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const Geometry& g = shown.geometry(i);
        nlohmann::ordered_json properties = nlohmann::ordered_json::object();
        for (const std::string& f : fields)
            if (const auto k = shown.field_index(f))
                properties[f] = value_json(shown.column(*k), i);
        out += (i ? ",\n" : "\n");
        out += "{\"type\":\"Feature\",\"id\":" + std::to_string(i) + ",\"geometry\":" +
               (g && !g.is_empty() ? g.to_geojson(kDecimals) : std::string("null")) +
               ",\"properties\":" + properties.dump() + "}";
    }
    return out + "]});\n";
}

// A layer's style as the page draws it: its legend entries and, per feature, which entry it is
// drawn as (-1: not drawn) and, for proportional symbols, its radius.
nlohmann::ordered_json layer_json(const WebLayer& l, const std::string& id,
                                  const std::string& data) {
    const ResolvedStyle style(l.style, *l.layer, "web map, layer '" + l.title + "'");
    nlohmann::ordered_json legend = nlohmann::ordered_json::array();
    for (const LegendEntry& e : style.legend())
        legend.push_back({{"label", e.label}, {"symbol", symbol_json(e.symbol)}});
    nlohmann::ordered_json entry = nlohmann::ordered_json::array(),
                           radius = nlohmann::ordered_json::array();
    const bool proportional = l.style.kind == StyleKind::Proportional;
    for (std::size_t row = 0; row < l.layer->size(); ++row) {
        const auto k = style.legend_index(row);
        const auto symbol = style.symbol_of(row);
        entry.push_back(proportional ? (symbol ? 0 : -1) : (k ? static_cast<int>(*k) : -1));
        if (proportional) radius.push_back(symbol ? px(symbol->size_mm / 2) : 0);
    }
    nlohmann::ordered_json out{
        {"id", id},
        {"data", data},
        {"group", l.group},
        {"title", l.title},
        {"family", layer_family(*l.layer) == GeometryFamily::Point  ? "point"
                   : layer_family(*l.layer) == GeometryFamily::Line ? "line"
                                                                    : "polygon"},
        {"visible", l.visible},
        {"ranking", l.ranking},
        {"label", l.style.label_field},
        {"base", symbol_json(l.style.symbol)},
        {"legend", legend},
        {"entry", entry}};
    if (proportional) out["radius"] = radius;
    return out;
}

// The places to zoom to, with their extents in degrees ([west, south, east, north]).
nlohmann::ordered_json places_json(const std::vector<WebPlace>& places, const Crs& crs) {
    Layer boxes("luoghi", crs, true);
    for (std::size_t i = 0; i < places.size(); ++i) {
        const Envelope& e = places[i].extent;
        char wkt[256];
        std::snprintf(wkt, sizeof wkt,
                      "POLYGON ((%.3f %.3f, %.3f %.3f, %.3f %.3f, %.3f %.3f, %.3f %.3f))", e.min_x,
                      e.min_y, e.max_x, e.min_y, e.max_x, e.max_y, e.min_x, e.max_y, e.min_x,
                      e.min_y);
        boxes.append(static_cast<std::int64_t>(i + 1), Geometry::from_wkt(wkt), {});
    }
    reproject(boxes, Crs::from_user_input("EPSG:4326"));
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < places.size(); ++i) {
        const Envelope e = boxes.geometry(i).envelope();
        out.push_back({{"kind", places[i].kind},
                       {"name", places[i].name},
                       {"bbox", {e.min_x, e.min_y, e.max_x, e.max_y}}});
    }
    return out;
}

std::string page_html(const WebMapSpec& spec, const std::vector<std::string>& scripts) {
    std::string out =
        R"(<!DOCTYPE html>
<html lang="it"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>)" +
        html_escape(spec.title) +
        R"(: mappa interattiva</title>
<link rel="stylesheet" href="mappa/lib/leaflet.css">
<link rel="stylesheet" href="mappa/lib/atlante-mappa.css">
</head><body>
<header><h1>)" +
        html_escape(spec.title) +
        R"(</h1><p><a href="index.html">Rapporto della corsa</a> · mappa interattiva (dati della corsa, nessuna connessione)</p></header>
<main>
<div id="mappa" role="application" aria-label="mappa"></div>
<aside id="pannello">
<label for="luoghi">Vai a</label> <select id="luoghi"><option value="">tutta l'area</option></select>
<h2>Livelli</h2><div id="livelli"></div>
</aside>
</main>
<section id="classifica"></section>
<footer><h2>Fonti</h2><ul>
)";
    for (const std::string& s : spec.sources) out += "<li>" + html_escape(s) + "</li>\n";
    out +=
        "</ul></footer>\n<script src=\"mappa/lib/leaflet.js\"></script>\n"
        "<script src=\"mappa/lib/atlante-mappa.js\"></script>\n";
    for (const std::string& s : scripts) out += "<script src=\"" + s + "\"></script>\n";
    out += "<script>atlante.start();</script>\n</body></html>\n";
    return out;
}

// Leaflet names its source map in a last comment: a browser asks for it only with its
// developer tools open, but the run's folder has no source map to give.
std::string without_source_map(std::string_view script) {
    std::string text(script);
    const auto at = text.rfind("//# sourceMappingURL=");
    if (at != std::string::npos) text.erase(at);
    return text;
}

}  // namespace

std::vector<std::string> write_web_map(const WebMapSpec& spec,
                                       const std::filesystem::path& folder) {
    std::vector<std::string> written;
    const std::filesystem::path lib = folder / "mappa" / "lib", data = folder / "mappa" / "dati";
    std::filesystem::create_directories(lib);
    std::filesystem::create_directories(data);
    write_text(lib / "leaflet.js", without_source_map(web_asset("leaflet.js")), written);
    write_text(lib / "leaflet.css", web_asset("leaflet.css"), written);
    write_text(lib / "atlante-mappa.js", web_asset("atlante-mappa.js"), written);
    write_text(lib / "atlante-mappa.css", web_asset("atlante-mappa.css"), written);

    // One data file per layer drawn (a layer several maps draw is written once), with the fields
    // its labels and, for the ranking, its popups need.
    std::map<const Layer*, std::string> ids;
    std::map<const Layer*, std::vector<std::string>> fields;
    for (const WebLayer& l : spec.layers) {
        if (!ids.count(l.layer)) ids[l.layer] = "d" + std::to_string(ids.size());
        auto& f = fields[l.layer];
        if (!l.style.label_field.empty()) f.push_back(l.style.label_field);
        if (l.ranking) f.insert(f.end(), kRankingFields.begin(), kRankingFields.end());
    }
    std::vector<std::string> scripts;
    for (const auto& [layer, id] : ids) {
        write_text(data / (id + ".js"), dataset_script(id, *layer, spec.simplify_m, fields[layer]),
                   written);
        scripts.push_back("mappa/dati/" + id + ".js");
    }
    nlohmann::ordered_json layers = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < spec.layers.size(); ++k)
        layers.push_back(
            layer_json(spec.layers[k], "l" + std::to_string(k), ids[spec.layers[k].layer]));
    nlohmann::ordered_json weights = nlohmann::ordered_json::object();
    for (const auto& [name, w] : spec.ranking.weights) weights[name] = w;
    const Crs crs = spec.layers.empty() ? Crs::from_user_input("EPSG:32632")
                                        : *spec.layers.front().layer->crs();
    const std::string settings =
        "atlante.settings(" +
        nlohmann::ordered_json{{"title", spec.title},
                               {"layers", layers},
                               {"ranking", {{"weights", weights}, {"radius", spec.ranking.radius}}},
                               {"places", places_json(spec.places, crs)}}
            .dump() +
        ");\n";
    write_text(data / "livelli.js", settings, written);
    scripts.push_back("mappa/dati/livelli.js");
    write_text(folder / "mappa.html", page_html(spec, scripts), written);
    return written;
}

}  // namespace atlante
