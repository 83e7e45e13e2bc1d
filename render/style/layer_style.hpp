// What to draw: the style of one map layer (simple, categorical, graduated or proportional
// symbols), resolved per feature into a Symbol, and the legend entries it generates.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/classify/classification.hpp"
#include "layers/layer.hpp"
#include "render/style/color.hpp"

namespace atlante {

enum class MarkerShape { Circle, Square, Triangle, Star };
std::optional<MarkerShape> marker_from_string(const std::string& name);
// The marker's name, as marker_from_string reads it (QGIS and SLD use the same words).
const char* marker_name(MarkerShape shape);

struct Symbol {
    std::optional<Color> fill;
    std::optional<Color> stroke;
    double stroke_mm = 0.2;
    std::vector<double> dash_mm;  // empty: solid
    MarkerShape marker = MarkerShape::Circle;
    double size_mm = 2.0;  // marker size (diameter)
    double opacity = 1.0;  // applied to fill and stroke
    // Polygons smaller than this on paper (their longer side) are drawn as a marker of this
    // size at a point on their surface, in their colours: no feature vanishes at a small scale.
    double min_size_mm = 0;
};

enum class StyleKind { Simple, Categorical, Graduated, Proportional };

struct LayerStyle {
    StyleKind kind = StyleKind::Simple;
    Symbol symbol;            // the base symbol (colours replaced per class/category)
    std::string field;        // categorical / graduated / proportional
    std::string relative_to;  // graduated: value = (field − relative_to) / relative_to · 100
    // categorical
    std::vector<std::string> categories;  // values in legend order (empty: sorted values)
    std::vector<std::string> category_labels;
    // graduated
    ClassMethod method = ClassMethod::FisherJenks;
    std::size_t classes = 5;
    std::vector<double> breaks;             // manual breaks
    std::vector<std::string> class_labels;  // verbatim labels (else formatted ranges)
    std::optional<Color> missing_fill;      // features without a value (else not drawn)
    std::string missing_label;              // their legend entry, listed last
    std::string value_format = "number";    // number | percent | signed_percent
    int decimals = 0;
    // categorical and graduated colours: a ColorBrewer name, or explicit colours
    std::vector<Color> colors;
    // proportional symbols: area ∝ value; the largest value gets max_size_mm
    double max_size_mm = 8;
    // labels
    std::string label_field;
    double label_size_pt = 7;
    int label_priority = 0;  // higher first
    // legend
    std::string legend_title;  // group heading, e.g. "zone omogenee:"
    std::string legend_label;  // simple styles: the entry's text
    bool in_legend = true;
};

struct LegendEntry {
    std::string label;
    Symbol symbol;
    GeometryFamily family = GeometryFamily::Polygon;
};

// A style prepared against a layer: classes computed, categories fixed. Errors name the map,
// layer and key.
class ResolvedStyle {
  public:
    ResolvedStyle(const LayerStyle& style, const Layer& layer, const std::string& where);
    // The symbol of a feature; nullopt when it falls in no class (drawn nowhere, counted).
    std::optional<Symbol> symbol_of(std::size_t row) const;
    const std::vector<LegendEntry>& legend() const { return legend_; }
    std::size_t unclassified() const { return unclassified_; }
    const LayerStyle& style() const { return style_; }
    // Categorical: the category keys in legend order, trimmed and lower-cased.
    const std::vector<std::string>& categories() const { return categories_; }
    // Graduated: the class bounds (k + 1 for k classes).
    const std::vector<double>& breaks() const { return breaks_; }
    // Proportional: the largest absolute value (the one drawn at max_size_mm).
    double max_value() const { return max_value_; }
    // The legend entry a feature is drawn as (simple: the one entry; proportional: none).
    std::optional<std::size_t> legend_index(std::size_t row) const;
    // Categorical: the legend entry of a category value (as the layer's field holds it).
    std::optional<std::size_t> legend_index_of(const std::string& value) const;

  private:
    double value_of(std::size_t row) const;
    void add_missing_entry(const std::string& fallback, GeometryFamily family);
    const LayerStyle& style_;
    const Layer& layer_;
    std::optional<std::size_t> field_, relative_;
    std::vector<double> breaks_;
    std::vector<std::string> categories_;
    std::vector<Color> colors_;
    double max_value_ = 0;
    std::vector<LegendEntry> legend_;
    std::size_t unclassified_ = 0;
};

// "-20% − -10%", "0% − +10%", "1.000 − 2.500" (U+2212 between, Italian number format).
std::string range_label(double lo, double hi, const std::string& format, int decimals);

}  // namespace atlante
