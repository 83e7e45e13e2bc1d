#include "pipeline/steps/atlas_chart.hpp"

#include "layers/error.hpp"
#include "pipeline/options/option_origin.hpp"

namespace atlante {

void AtlasChartStep::declare(OptionSet& o) {
    o.choice_of("kind", kind, {{"line", ChartKind::Line}, {"bars", ChartKind::Bars}},
                "a small line chart or bars");
    o.text("title", title, "the chart's title").caption();
    o.texts("fields", fields, "the page feature's fields, one point or bar each").items(1, 50);
    o.texts("labels", labels, "their names on the chart (empty: the field names)").caption();
    o.text("compare_by", compare_by,
           "also the mean of the coverage's features with the page's value of this field")
        .for_example("zone_name");
    o.text("compare_label", compare_label, "the comparison's name in the key").caption();
    o.boolean("index", index, "each series as an index of its first value (= 100)");
    o.integer("decimals", decimals, "decimals of the values").within(NumberRange::between(0, 6));
    o.text("unit", unit, "after each value").caption();
    o.colors("colors", colors, "colours of the page's series and of the comparison");
    furniture.declare(o);
    o.number("height_mm", height_mm, "height").unit_of("mm").within(NumberRange::between(15, 300));
}

void check_atlas_chart_options(const AtlasChartStep& c, const OptionOrigin& origin,
                               const std::string& key) {
    if (c.fields.empty()) origin.fail(key + "fields", "which fields does the chart show?");
    if (!c.labels.empty() && c.labels.size() != c.fields.size())
        origin.fail(key + "labels", std::to_string(c.labels.size()) + " labels for " +
                                        std::to_string(c.fields.size()) + " fields");
}

std::vector<std::string> atlas_chart_fields(const AtlasChartStep& c) {
    std::vector<std::string> out = c.fields;
    if (!c.compare_by.empty()) out.push_back(c.compare_by);
    return out;
}

namespace {

std::vector<std::optional<double>> values_of(const AtlasChartStep& c, const Layer& coverage,
                                             std::size_t row) {
    std::vector<std::optional<double>> out;
    for (const std::string& f : c.fields) out.push_back(coverage.column(f).number(row));
    return out;
}

// The mean of each field over the features sharing the page's `compare_by` value.
std::vector<std::optional<double>> group_mean(const AtlasChartStep& c, const Layer& coverage,
                                              std::size_t row) {
    const Column& group = coverage.column(c.compare_by);
    std::vector<double> sums(c.fields.size(), 0);
    std::vector<std::size_t> counts(c.fields.size(), 0);
    for (std::size_t i = 0; i < coverage.size(); ++i) {
        if (group.is_null(i) || group.is_null(row) || group.text(i) != group.text(row)) continue;
        const auto v = values_of(c, coverage, i);
        for (std::size_t k = 0; k < v.size(); ++k)
            if (v[k]) sums[k] += *v[k], ++counts[k];
    }
    std::vector<std::optional<double>> out;
    for (std::size_t k = 0; k < sums.size(); ++k)
        out.push_back(counts[k] ? std::optional<double>(sums[k] / static_cast<double>(counts[k]))
                                : std::nullopt);
    return out;
}

void as_index(std::vector<std::optional<double>>& values) {
    const std::optional<double> base = values.empty() ? std::nullopt : values.front();
    for (auto& v : values)
        v = v && base && *base != 0 ? std::optional<double>(*v / *base * 100) : std::nullopt;
}

}  // namespace

MapChart atlas_page_chart(const AtlasChartStep& c, const Layer& coverage, std::size_t row,
                          const std::string& page, const std::string& where) {
    MapChart out;
    out.name = where;
    Chart& chart = out.chart;
    chart.kind = c.kind;
    chart.title = c.title;
    chart.categories = c.labels.empty() ? c.fields : c.labels;
    chart.decimals = c.decimals;
    chart.unit = c.unit;
    const std::vector<Color> palette{parse_color("#c0392b"), parse_color("#7f8c8d")};
    auto color = [&](std::size_t k) { return k < c.colors.size() ? c.colors[k] : palette[k]; };
    chart.series.push_back({page, values_of(c, coverage, row), color(0)});
    if (!c.compare_by.empty())
        chart.series.push_back({c.compare_label, group_mean(c, coverage, row), color(1)});
    if (c.index) {
        for (ChartSeries& s : chart.series) as_index(s.values);
        chart.note = "indice: " + chart.categories.front() + " = 100";
    }
    chart.value_labels = c.kind == ChartKind::Bars;
    check_chart(chart, where);
    out.place = c.furniture.place;
    out.width_mm = c.furniture.width_mm;
    out.height_mm = c.height_mm;
    return out;
}

}  // namespace atlante
