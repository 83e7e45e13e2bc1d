// The furniture a map carries besides its legend, as the project file declares it:
// [[map.charts]] (a chart fed by a table a step made, a layer's fields, or the classes of one of
// the map's layers) and [[map.ratio_boxes]] (a sentence per category from a table's value:
// "1 presidio ospedaliero per {inhabitants_per_service} ab."). What to show; render/ draws it.
#pragma once

#include <string>
#include <vector>

#include "pipeline/options/option_set.hpp"
#include "pipeline/source_ref.hpp"
#include "render/map_spec.hpp"

namespace atlante {

struct Project;
struct OptionOrigin;

// Where the furniture goes, and how big, as both kinds declare it.
struct FurnitureOptions {
    void declare(OptionSet& options);
    FurniturePlace place = FurniturePlace::Column;
    double width_mm = 0, height_mm = 45;
};

// Which categories, in what order and under what names, with which colours: the rows of a table
// (by its category field), coloured like a layer of the map (its style's category or class).
struct CategoryOptions {
    void declare(OptionSet& options);
    std::string category;                      // the table's field naming each row
    std::vector<std::string> categories;       // which rows, in this order (empty: all)
    std::vector<std::string> category_labels;  // their printed names (empty: the values)
    std::size_t colors_from = 0;               // a map layer (1-based) whose style colours them
    std::vector<Color> colors;                 // else these colours
};

struct MapChartStep {
    void declare(OptionSet& options);
    ChartKind kind = ChartKind::Bars;
    std::string title;
    SourceRef table;  // a step's table or layer, a catalogue layer, a file
    CategoryOptions rows;
    std::vector<std::string> values;         // fields: one series each
    std::vector<std::string> series_labels;  // their names in the chart's key
    std::size_t classes_of = 0;  // instead of a table: features per class of this map layer
    std::string format = "number";
    int decimals = 0;
    std::string unit, note;
    bool value_labels = true;
    FurnitureOptions furniture;
};

struct MapRatioBoxStep {
    void declare(OptionSet& options);
    std::string title;
    SourceRef table;
    CategoryOptions rows;
    std::string text;  // the sentence: {field} is the row's value, numbers as the plan prints them
    int decimals = 0;
    FurnitureOptions furniture;
};

// Checks that span keys (a layer number beyond the map's layers, a pie of two series); `key`
// prefixes each key ("charts[0]."), `name` each message ("map 'x', chart 'y'").
void check_chart_options(const MapChartStep& chart, std::size_t layers, const OptionOrigin& origin,
                         const std::string& key, const std::string& name);
void check_ratio_box_options(const MapRatioBoxStep& boxes, std::size_t layers,
                             const OptionOrigin& origin, const std::string& key,
                             const std::string& name);

// The fields a template names: "{a} per {b}" -> a, b.
std::vector<std::string> template_fields(const std::string& text);

// The chart and the boxes drawn from the run's tables, for a map whose layers `spec` holds; errors
// name the map and the chart.
MapChart resolve_chart(const MapChartStep& chart, const Layer* table, const MapSpec& spec,
                       const std::string& where);
MapRatioBoxes resolve_ratio_boxes(const MapRatioBoxStep& boxes, const Layer& table,
                                  const MapSpec& spec, const std::string& where);

}  // namespace atlante
