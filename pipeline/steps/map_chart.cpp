#include "pipeline/steps/map_chart.hpp"

#include "layers/ascii_case.hpp"
#include "layers/error.hpp"
#include "pipeline/options/option_origin.hpp"
#include "render/format/number_format.hpp"

namespace atlante {

void FurnitureOptions::declare(OptionSet& o) {
    o.choice_of("place", place,
                {{"column", FurniturePlace::Column},
                 {"top_left", FurniturePlace::TopLeft},
                 {"top_right", FurniturePlace::TopRight},
                 {"bottom_left", FurniturePlace::BottomLeft},
                 {"bottom_right", FurniturePlace::BottomRight}},
                "the right column under the legend, or a corner inside the map frame");
    o.number("width_mm", width_mm, "width (0: the column's, or 70 mm inside the frame)")
        .unit_of("mm")
        .within(NumberRange::between(0, 400));
}

void CategoryOptions::declare(OptionSet& o) {
    o.text("category", category, "the table's field naming each row (bar, slice, box)")
        .for_example("label");
    o.texts("categories", categories, "which rows, in this order (empty: every row)");
    o.texts("category_labels", category_labels, "their printed names (empty: the values)")
        .caption();
    o.integer("colors_from", colors_from,
              "colour the rows like this layer of the map (1 = the first [[map.layers]])")
        .within(NumberRange::between(0, 100));
    o.colors("colors", colors, "colours of the rows (or of the series), when not colors_from");
}

void MapChartStep::declare(OptionSet& o) {
    o.choice_of("kind", kind,
                {{"bars", ChartKind::Bars},
                 {"horizontal_bars", ChartKind::HorizontalBars},
                 {"stacked_bars", ChartKind::StackedBars},
                 {"pie", ChartKind::Pie},
                 {"donut", ChartKind::Donut},
                 {"line", ChartKind::Line}},
                "bars (grouped when several values), stacked bars, pie, donut or line");
    o.text("title", title, "the chart's title").caption();
    o.source("table", table, "the rows: a step's table (density:by_band), a layer or a file");
    rows.declare(o);
    o.texts("values", values, "fields of the table: one series each").items(0, 12);
    o.texts("series_labels", series_labels, "the series' names in the chart's key").caption();
    o.integer("classes_of", classes_of,
              "instead of a table: the features per class of this map layer (1-based); with "
              "one value field, its sum")
        .within(NumberRange::between(0, 100));
    o.choice("format", format, {"number", "percent"}, "how values are written");
    o.integer("decimals", decimals, "decimals of the values").within(NumberRange::between(0, 6));
    o.text("unit", unit, "after each value (\"ab.\")").caption();
    o.text("note", note, "a small line under the chart").caption();
    o.boolean("value_labels", value_labels, "write each value by its bar");
    furniture.declare(o);
    o.number("height_mm", furniture.height_mm, "height")
        .unit_of("mm")
        .within(NumberRange::between(15, 300));
}

void MapRatioBoxStep::declare(OptionSet& o) {
    o.text("title", title, "a heading over the boxes").caption();
    o.source("table", table, "the rows: a step's table (density:by_band), a layer or a file")
        .must();
    rows.declare(o);
    o.text("text", text, "each box's sentence; {field} is the row's value")
        .for_example("1 presidio ospedaliero per {inhabitants_per_service} ab.")
        .must()
        .caption();
    o.integer("decimals", decimals, "decimals of the numbers").within(NumberRange::between(0, 6));
    furniture.declare(o);
}

namespace {

// Fails naming the chart's key and the chart ("map 'x', chart 'y': …").
struct ChartFail {
    const OptionOrigin& origin;
    std::string key, name;
    [[noreturn]] void operator()(const std::string& k, const std::string& message) const {
        origin.fail(key + k, name + ": " + message);
    }
};

void check_layer_number(std::size_t n, std::size_t layers, const ChartFail& fail,
                        const std::string& key) {
    if (n > layers)
        fail(key, "the map has " + std::to_string(layers) + " layers, not " + std::to_string(n));
}

void check_rows(const CategoryOptions& rows, std::size_t layers, const ChartFail& fail) {
    check_layer_number(rows.colors_from, layers, fail, "colors_from");
    if (!rows.category_labels.empty() && rows.category_labels.size() != rows.categories.size())
        fail("category_labels", std::to_string(rows.category_labels.size()) + " labels for " +
                                    std::to_string(rows.categories.size()) + " categories");
    if (rows.category.empty()) fail("category", "which field names the rows?");
}

}  // namespace

void check_chart_options(const MapChartStep& c, std::size_t layers, const OptionOrigin& origin,
                         const std::string& key, const std::string& name) {
    const ChartFail fail{origin, key, name};
    check_layer_number(c.classes_of, layers, fail, "classes_of");
    if (c.classes_of > 0) {
        if (!c.table.empty()) fail("table", "give a table or classes_of, not both");
        if (c.values.size() > 1) fail("values", "classes_of sums one value field at most");
        return;
    }
    check_rows(c.rows, layers, fail);
    if (c.table.empty()) fail("table", "a chart needs a table (or classes_of)");
    if (c.values.empty()) fail("values", "which fields does the chart show?");
    if ((c.kind == ChartKind::Pie || c.kind == ChartKind::Donut) && c.values.size() != 1)
        fail("values",
             "a pie or donut chart shows one value field, not " + std::to_string(c.values.size()));
    if (!c.series_labels.empty() && c.series_labels.size() != c.values.size())
        fail("series_labels", std::to_string(c.series_labels.size()) + " labels for " +
                                  std::to_string(c.values.size()) + " values");
}

void check_ratio_box_options(const MapRatioBoxStep& b, std::size_t layers,
                             const OptionOrigin& origin, const std::string& key,
                             const std::string& name) {
    const ChartFail fail{origin, key, name};
    check_rows(b.rows, layers, fail);
    const auto open = b.text.find('{');
    if (open == std::string::npos || b.text.find('}', open) == std::string::npos)
        fail("text", "the sentence names no field: write {field}");
}

std::vector<std::string> template_fields(const std::string& text) {
    std::vector<std::string> out;
    for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        const auto close = text.find('}', open);
        if (close == std::string::npos) break;
        out.push_back(text.substr(open + 1, close - open - 1));
    }
    return out;
}

namespace {

void require(const Layer& table, const std::string& field, const std::string& where) {
    if (table.field_index(field)) return;
    std::string names;
    for (const Field& f : table.fields()) names += (names.empty() ? "" : ", ") + f.name;
    throw Error(ErrorContext{where, table.name(), {}, field},
                "no such field (fields: " + names + ")");
}

// The rows a chart or the boxes show, in order, with their printed names and colours.
struct Rows {
    std::vector<std::size_t> rows;
    std::vector<std::string> labels;
    std::vector<Color> colors;
};

std::vector<Color> colors_for(const CategoryOptions& o, const std::vector<std::string>& values,
                              const MapSpec& spec, const std::string& where) {
    if (o.colors_from > 0) {
        const MapLayer& layer = spec.layers.at(o.colors_from - 1);
        const ResolvedStyle style(layer.style, *layer.layer, where);
        std::vector<Color> out;
        for (const std::string& v : values) {
            const auto k = style.legend_index_of(v);
            if (!k || !style.legend()[*k].symbol.fill)
                throw Error(ErrorContext{where, layer.name, {}, "colors_from"},
                            "the layer's style has no category '" + v + "' to take a colour from");
            out.push_back(*style.legend()[*k].symbol.fill);
        }
        return out;
    }
    std::vector<Color> out = o.colors;
    const std::vector<Color> palette = brewer_palette("Paired").value();
    for (std::size_t i = out.size(); i < values.size(); ++i)
        out.push_back(palette[i % palette.size()]);
    return out;
}

Rows rows_of(const CategoryOptions& o, const Layer& table, const MapSpec& spec,
             const std::string& where) {
    require(table, o.category, where);
    const Column& names = table.column(o.category);
    Rows r;
    std::vector<std::string> values;
    if (o.categories.empty()) {
        for (std::size_t i = 0; i < table.size(); ++i) {
            r.rows.push_back(i);
            values.push_back(names.text(i));
        }
    } else {
        for (const std::string& wanted : o.categories) {
            std::size_t i = 0;
            while (i < table.size() &&
                   (names.is_null(i) || comparable(names.text(i)) != comparable(wanted)))
                ++i;
            if (i == table.size())
                throw Error(ErrorContext{where, table.name(), {}, o.category},
                            "no row with " + o.category + " '" + wanted + "'");
            r.rows.push_back(i);
            values.push_back(names.text(i));
        }
    }
    for (std::size_t k = 0; k < values.size(); ++k)
        r.labels.push_back(k < o.category_labels.size() ? o.category_labels[k] : values[k]);
    r.colors = colors_for(o, values, spec, where);
    return r;
}

// The distribution of a map layer's features over its style's classes (or categories).
Chart class_distribution(const MapChartStep& c, const MapSpec& spec, const std::string& where) {
    const MapLayer& layer = spec.layers.at(c.classes_of - 1);
    const ResolvedStyle style(layer.style, *layer.layer, where);
    if (style.legend().empty())
        throw Error(ErrorContext{where, layer.name, {}, "classes_of"}, "the layer has no classes");
    if (!c.values.empty()) require(*layer.layer, c.values.front(), where);
    Chart chart;
    std::vector<std::optional<double>> totals(style.legend().size(), 0.0);
    for (std::size_t i = 0; i < layer.layer->size(); ++i) {
        const auto k = style.legend_index(i);
        if (!k) continue;
        const double v =
            c.values.empty() ? 1 : layer.layer->column(c.values.front()).number(i).value_or(0);
        *totals[*k] += v;
    }
    for (const LegendEntry& e : style.legend()) {
        chart.categories.push_back(e.label);
        chart.category_colors.push_back(e.symbol.fill.value_or(Color{0.6, 0.6, 0.6, 1}));
    }
    chart.series.push_back(
        {c.series_labels.empty() ? "" : c.series_labels.front(), totals, Color{0.4, 0.4, 0.4, 1}});
    return chart;
}

}  // namespace

MapChart resolve_chart(const MapChartStep& c, const Layer* table, const MapSpec& spec,
                       const std::string& where) {
    MapChart out;
    out.name = where;
    Chart& chart = out.chart;
    if (c.classes_of > 0) {
        chart = class_distribution(c, spec, where);
    } else {
        const Rows rows = rows_of(c.rows, *table, spec, where);
        chart.categories = rows.labels;
        const bool one = c.values.size() == 1;
        if (one) chart.category_colors = rows.colors;
        CategoryOptions series_colors = c.rows;
        series_colors.colors_from = 0;
        const std::vector<Color> colors = colors_for(series_colors, c.values, spec, where);
        for (std::size_t s = 0; s < c.values.size(); ++s) {
            require(*table, c.values[s], where);
            const Column& column = table->column(c.values[s]);
            ChartSeries series{s < c.series_labels.size() ? c.series_labels[s] : c.values[s],
                               {},
                               one && !rows.colors.empty() ? rows.colors.front() : colors[s]};
            for (std::size_t row : rows.rows) series.values.push_back(column.number(row));
            chart.series.push_back(std::move(series));
        }
    }
    chart.kind = c.kind;
    chart.title = c.title;
    chart.value_format = c.format;
    chart.decimals = c.decimals;
    chart.unit = c.unit;
    chart.note = c.note;
    chart.value_labels = c.value_labels;
    check_chart(chart, where);
    out.place = c.furniture.place;
    out.width_mm = c.furniture.width_mm;
    out.height_mm = c.furniture.height_mm;
    return out;
}

MapRatioBoxes resolve_ratio_boxes(const MapRatioBoxStep& b, const Layer& table, const MapSpec& spec,
                                  const std::string& where) {
    const Rows rows = rows_of(b.rows, table, spec, where);
    for (const std::string& f : template_fields(b.text)) require(table, f, where);
    MapRatioBoxes out;
    out.name = where;
    out.boxes.title = b.title;
    for (std::size_t k = 0; k < rows.rows.size(); ++k) {
        std::string text = b.text;
        for (const std::string& f : template_fields(b.text)) {
            const Column& column = table.column(f);
            const std::size_t row = rows.rows[k];
            const bool numeric =
                column.type() == FieldType::Integer || column.type() == FieldType::Real;
            const std::string value = column.is_null(row) ? "n.d."
                                      : numeric ? format_italian(*column.number(row), b.decimals)
                                                : column.text(row);
            const std::string mark = "{" + f + "}";
            text.replace(text.find(mark), mark.size(), value);
        }
        out.boxes.boxes.push_back({rows.labels[k], text, rows.colors[k]});
    }
    out.place = b.furniture.place;
    out.width_mm = b.furniture.width_mm;
    return out;
}

}  // namespace atlante
