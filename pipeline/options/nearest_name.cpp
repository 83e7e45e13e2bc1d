#include "pipeline/options/nearest_name.hpp"

#include <algorithm>
#include <map>

#include "layers/ascii_case.hpp"

namespace atlante {
namespace {

// Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps.
std::size_t edit_distance(const std::string& a, const std::string& b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

// Planners may write a key in Italian, as the plan does: its words, in the keys' language.
const std::map<std::string, std::string>& glossary() {
    static const std::map<std::string, std::string> words{{"raggio", "radius"},
                                                          {"stazioni", "stations"},
                                                          {"stazione", "station"},
                                                          {"ferrovia", "rail"},
                                                          {"strade", "roads"},
                                                          {"fasce", "bands"},
                                                          {"fascia", "band"},
                                                          {"metodo", "method"},
                                                          {"velocita", "speed"},
                                                          {"velocità", "speed"},
                                                          {"minuti", "minutes"},
                                                          {"pesi", "weights"},
                                                          {"peso", "weight"},
                                                          {"classe", "class"},
                                                          {"classi", "classes"},
                                                          {"nome", "name"},
                                                          {"titolo", "title"},
                                                          {"sottotitolo", "subtitle"},
                                                          {"tema", "theme"},
                                                          {"pagina", "page"},
                                                          {"colore", "color"},
                                                          {"colori", "colors"},
                                                          {"riempimento", "fill"},
                                                          {"bordo", "stroke"},
                                                          {"etichetta", "label"},
                                                          {"etichette", "labels"},
                                                          {"legenda", "legend"},
                                                          {"fonti", "sources"},
                                                          {"campo", "field"},
                                                          {"campi", "fields"},
                                                          {"categorie", "categories"},
                                                          {"uscita", "out"},
                                                          {"origine", "origin"},
                                                          {"servizi", "services"},
                                                          {"anno", "year"},
                                                          {"larghezza", "width"},
                                                          {"altezza", "height"},
                                                          {"margine", "margin"},
                                                          {"scala", "scale"},
                                                          {"formati", "formats"},
                                                          {"filtro", "filter"},
                                                          {"ordine", "sort"},
                                                          {"sorgente", "source"},
                                                          {"livelli", "layers"},
                                                          {"mappa", "map"},
                                                          {"aree", "brownfields"},
                                                          {"dismesse", ""},
                                                          {"id", "id"}};
    return words;
}

// A key without its unit suffix: "radius_m" -> "radius", "speed_kmh" -> "speed".
std::string without_unit(const std::string& key) {
    for (const char* unit : {"_m", "_km", "_mm", "_s", "_min", "_kmh", "_pt", "_km2"}) {
        const std::string u = unit;
        if (key.size() > u.size() && key.compare(key.size() - u.size(), u.size(), u) == 0)
            return key.substr(0, key.size() - u.size());
    }
    return key;
}

// The key with each '_'-separated word put through the glossary.
std::string translated(const std::string& key) {
    std::string out, word;
    auto flush = [&] {
        const auto it = glossary().find(word);
        const std::string w = it == glossary().end() ? word : it->second;
        if (!w.empty()) out += (out.empty() ? "" : "_") + w;
        word.clear();
    };
    for (char c : key) {
        if (c == '_')
            flush();
        else
            word += c;
    }
    flush();
    return out;
}

}  // namespace

std::optional<std::string> nearest_name(const std::string& wrong,
                                        const std::vector<std::string>& names) {
    const std::string key = ascii_lower(wrong);
    // A key written in Italian ("raggio_m") names the key it translates to ("radius_m").
    const std::string english = translated(key);
    for (const std::string& name : names)
        if (english != key && ascii_lower(name) == english) return name;
    std::optional<std::string> best;
    std::size_t best_distance = std::max<std::size_t>(2, key.size() / 3) + 1;
    for (const std::string& name : names) {
        // "radious" is near "radius_m": a key's unit suffix is easily left out.
        const std::string lower = ascii_lower(name);
        const std::string bare = without_unit(lower);
        const std::size_t d =
            std::min(edit_distance(key, lower),
                     bare == lower ? edit_distance(key, lower) : edit_distance(key, bare));
        // A name that starts with what was typed is near too ("radius" -> "radius_m").
        const bool prefix = name.size() > key.size() && !key.empty() &&
                            ascii_lower(name).compare(0, key.size(), key) == 0;
        const std::size_t score = prefix ? std::min<std::size_t>(d, 1) : d;
        if (score < best_distance) best = name, best_distance = score;
    }
    return best;
}

std::string did_you_mean(const std::string& wrong, const std::vector<std::string>& names) {
    const auto near = nearest_name(wrong, names);
    return near ? "; did you mean '" + *near + "'?" : std::string();
}

}  // namespace atlante
