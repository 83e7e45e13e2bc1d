// A chart on every page of an atlas ([[atlas.charts]]), from the page feature's own fields: the
// comune's population 2018-2021 as a small line chart, against the mean of the features that
// share its zone, optionally as an index (first year = 100) so that both read on one axis.
#pragma once

#include <string>
#include <vector>

#include "pipeline/steps/map_chart.hpp"

namespace atlante {

struct AtlasChartStep {
    void declare(OptionSet& options);
    ChartKind kind = ChartKind::Line;
    std::string title;
    std::vector<std::string> fields;  // the coverage's fields, one point (or bar) each
    std::vector<std::string> labels;  // their names on the chart ("2018")
    std::string compare_by;           // also the mean of the features with the same value
    std::string compare_label = "media della zona";
    bool index = false;  // each series over its first value, × 100
    int decimals = 0;
    std::string unit;
    std::vector<Color> colors;  // the page's series, then the comparison's
    FurnitureOptions furniture;
    double height_mm = 38;
};

// Checks across keys; `key` prefixes each ("charts[0].").
void check_atlas_chart_options(const AtlasChartStep& chart, const OptionOrigin& origin,
                               const std::string& key);
// Every field the chart reads from the coverage.
std::vector<std::string> atlas_chart_fields(const AtlasChartStep& chart);

// The chart of the page of coverage feature `row`, named `page`.
MapChart atlas_page_chart(const AtlasChartStep& chart, const Layer& coverage, std::size_t row,
                          const std::string& page, const std::string& where);

}  // namespace atlante
