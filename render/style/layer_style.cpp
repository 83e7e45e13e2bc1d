#include "render/style/layer_style.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "layers/ascii_case.hpp"
#include "render/format/number_format.hpp"

namespace atlante {

namespace {
constexpr std::pair<MarkerShape, const char*> kMarkerNames[] = {{MarkerShape::Circle, "circle"},
                                                                {MarkerShape::Square, "square"},
                                                                {MarkerShape::Triangle, "triangle"},
                                                                {MarkerShape::Star, "star"}};
}  // namespace

std::optional<MarkerShape> marker_from_string(const std::string& name) {
    for (const auto& [shape, text] : kMarkerNames)
        if (name == text) return shape;
    return std::nullopt;
}

const char* marker_name(MarkerShape shape) {
    for (const auto& [s, text] : kMarkerNames)
        if (s == shape) return text;
    return "circle";
}

static std::string format_value(double v, const std::string& format, int decimals) {
    std::string text = format_italian(v, decimals);
    if (format == "signed_percent" && v > 0) text = "+" + text;
    if (format == "percent" || format == "signed_percent") text += "%";
    return text;
}

std::string range_label(double lo, double hi, const std::string& format, int decimals) {
    return format_value(lo, format, decimals) + " \u2212 " + format_value(hi, format, decimals);
}

// A category as compared: "  ALTA " is the category "alta", as TOR scores classes.
static std::string category_key(const std::string& text) { return comparable(text); }

ResolvedStyle::ResolvedStyle(const LayerStyle& style, const Layer& layer, const std::string& where)
    : style_(style), layer_(layer) {
    const ErrorContext context{where, layer.name(), {}, style.field};
    GeometryFamily family = GeometryFamily::Polygon;
    for (std::size_t i = 0; i < layer.size(); ++i)
        if (layer.geometry(i)) {
            family = family_of(layer.geometry(i).kind());
            break;
        }
    if (style.kind != StyleKind::Simple) {
        if (style.field.empty()) throw Error(context, "this style needs a 'field'");
        field_ = layer.field_index(style.field);
        if (!field_) throw Error(context, "no such field in the layer");
        if (!style.relative_to.empty()) {
            relative_ = layer.field_index(style.relative_to);
            if (!relative_)
                throw Error(ErrorContext{where, layer.name(), {}, style.relative_to},
                            "no such field in the layer");
        }
    }
    if (style.kind == StyleKind::Simple) {
        if (style.in_legend && !style.legend_label.empty())
            legend_.push_back({style.legend_label, style.symbol, family});
        return;
    }
    if (style.kind == StyleKind::Graduated || style.kind == StyleKind::Proportional) {
        const FieldType type = layer.fields()[*field_].type;
        if (type != FieldType::Integer && type != FieldType::Real)
            throw Error(
                context,
                "a " +
                    std::string(style.kind == StyleKind::Graduated ? "graduated" : "proportional") +
                    " style needs a numeric field, not " + to_string(type));
    }
    if (style.kind == StyleKind::Proportional) {
        for (std::size_t i = 0; i < layer.size(); ++i)
            if (const double v = value_of(i); !std::isnan(v))
                max_value_ = std::max(max_value_, std::abs(v));
        // Three round reference sizes: the largest value, a half and a tenth of it, rounded.
        if (max_value_ > 0 && style.in_legend) {
            const double magnitude = std::pow(10.0, std::floor(std::log10(max_value_)));
            for (double f : {1.0, 0.5, 0.1}) {
                const double v = std::max(
                    magnitude / 10, std::round(max_value_ * f / magnitude * 2) / 2 * magnitude);
                Symbol s = style.symbol;
                s.size_mm = style.max_size_mm * std::sqrt(v / max_value_);
                legend_.push_back({format_italian(v, 0), s, GeometryFamily::Point});
            }
        }
        return;
    }
    if (style.kind == StyleKind::Categorical) {
        std::vector<std::string> categories = style.categories;
        if (categories.empty()) {
            std::set<std::string> values;
            for (std::size_t i = 0; i < layer.size(); ++i)
                if (!layer.column(*field_).is_null(i)) values.insert(layer.column(*field_).text(i));
            categories.assign(values.begin(), values.end());
        }
        if (style.colors.size() < categories.size())
            throw Error(context, "the palette has " + std::to_string(style.colors.size()) +
                                     " colours for " + std::to_string(categories.size()) +
                                     " categories");
        for (std::size_t k = 0; k < categories.size(); ++k) {
            Symbol s = style.symbol;
            s.fill = style.colors[k];
            legend_.push_back(
                {k < style.category_labels.size() ? style.category_labels[k] : categories[k], s,
                 family});
        }
        colors_ = style.colors;
        categories_ = std::move(categories);
        for (std::string& c : categories_) c = category_key(c);
        // Values no category names (or none) get their own entry when they are drawn.
        add_missing_entry("non classificato", family);
        return;
    }
    // Graduated.
    std::vector<double> values;
    for (std::size_t i = 0; i < layer.size(); ++i) values.push_back(value_of(i));
    const Classification classes = classify(values, style.method, style.classes, style.breaks);
    breaks_ = classes.breaks;
    const std::size_t k = breaks_.size() < 2 ? 0 : breaks_.size() - 1;
    if (style.colors.size() < k)
        throw Error(context, "the palette has " + std::to_string(style.colors.size()) +
                                 " colours for " + std::to_string(k) + " classes");
    colors_ = style.colors;
    for (std::size_t c = 0; c < k; ++c) {
        Symbol s = style.symbol;
        s.fill = colors_[c];
        legend_.push_back(
            {c < style.class_labels.size()
                 ? style.class_labels[c]
                 : range_label(breaks_[c], breaks_[c + 1], style.value_format, style.decimals),
             s, family});
    }
    for (std::size_t i = 0; i < layer.size(); ++i)
        if (!class_of(values[i], breaks_)) ++unclassified_;
    add_missing_entry("dato non disponibile", family);
}

// The legend entry of the features drawn with missing_fill, under its label or `fallback`.
void ResolvedStyle::add_missing_entry(const std::string& fallback, GeometryFamily family) {
    if (!style_.missing_fill) return;
    Symbol s = style_.symbol;
    s.fill = style_.missing_fill;
    legend_.push_back({style_.missing_label.empty() ? fallback : style_.missing_label, s, family});
}

double ResolvedStyle::value_of(std::size_t row) const {
    const auto v = layer_.column(*field_).number(row);
    if (!v) return NAN;
    if (!relative_) return *v;
    const auto base = layer_.column(*relative_).number(row);
    if (!base || *base == 0) return NAN;
    return (*v - *base) / *base * 100;
}

std::optional<Symbol> ResolvedStyle::symbol_of(std::size_t row) const {
    Symbol s = style_.symbol;
    switch (style_.kind) {
        case StyleKind::Simple:
            return s;
        case StyleKind::Proportional: {
            const double v = value_of(row);
            if (std::isnan(v) || max_value_ <= 0) return std::nullopt;
            s.size_mm = style_.max_size_mm * std::sqrt(std::abs(v) / max_value_);  // area ∝ value
            return s;
        }
        case StyleKind::Categorical: {
            const Column& column = layer_.column(*field_);
            const auto it = column.is_null(row) ? categories_.end()
                                                : std::find(categories_.begin(), categories_.end(),
                                                            category_key(column.text(row)));
            if (it != categories_.end())
                return legend_[static_cast<std::size_t>(it - categories_.begin())].symbol;
            if (!style_.missing_fill) return std::nullopt;
            s.fill = style_.missing_fill;
            return s;
        }
        case StyleKind::Graduated: {
            const auto c = class_of(value_of(row), breaks_);
            if (!c) {
                if (!style_.missing_fill) return std::nullopt;
                s.fill = style_.missing_fill;
                return s;
            }
            s.fill = colors_[*c];
            return s;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> ResolvedStyle::legend_index_of(const std::string& value) const {
    const auto it = std::find(categories_.begin(), categories_.end(), category_key(value));
    if (it == categories_.end()) return std::nullopt;
    return static_cast<std::size_t>(it - categories_.begin());
}

std::optional<std::size_t> ResolvedStyle::legend_index(std::size_t row) const {
    const std::optional<std::size_t> missing =
        style_.missing_fill ? std::optional<std::size_t>(legend_.size() - 1) : std::nullopt;
    switch (style_.kind) {
        case StyleKind::Simple:
            return legend_.empty() ? std::nullopt : std::optional<std::size_t>(0);
        case StyleKind::Proportional:
            return std::nullopt;
        case StyleKind::Categorical: {
            const Column& column = layer_.column(*field_);
            if (column.is_null(row)) return missing;
            const auto k = legend_index_of(column.text(row));
            return k ? k : missing;
        }
        case StyleKind::Graduated: {
            const auto c = class_of(value_of(row), breaks_);
            return c ? c : missing;
        }
    }
    return std::nullopt;
}

}  // namespace atlante
