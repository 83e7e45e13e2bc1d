#include "pipeline/steps/map_layer.hpp"

#include <algorithm>

#include "layers/error.hpp"

namespace atlante {

MapLayerStep::MapLayerStep() { style.symbol.stroke = parse_color("#333333"); }

void MapLayerStep::declare(OptionSet& o) {
    o.source("source", source,
             "what to draw: catalog:NAME, STEP:OUTPUT (tor:brownfields, reach:walk, …) or a file")
        .must();
    o.choice_of("style", style.kind,
                {{"simple", StyleKind::Simple},
                 {"categorical", StyleKind::Categorical},
                 {"graduated", StyleKind::Graduated},
                 {"proportional", StyleKind::Proportional}},
                "one symbol, a colour per category, classes of a number, or sizes by a number");
    Symbol& s = style.symbol;
    o.color("fill", s.fill, "fill colour of polygons and markers");
    o.color("stroke", s.stroke, "outline colour (lines: the line's)");
    o.number("stroke_mm", s.stroke_mm, "outline width on paper")
        .unit_of("mm")
        .within(NumberRange::between(0, 20));
    o.numbers("dash_mm", s.dash_mm, "dash pattern on paper (empty: solid)")
        .unit_of("mm")
        .within(NumberRange::positive(50))
        .items(0, 8);
    o.number("size_mm", s.size_mm, "marker size (diameter) on paper")
        .unit_of("mm")
        .within(NumberRange::positive(50));
    o.number("min_size_mm", s.min_size_mm,
             "polygons smaller than this on paper are drawn as a marker of this size (0: never)")
        .unit_of("mm")
        .within(NumberRange::between(0, 20));
    o.number("opacity", s.opacity, "applied to fill and outline")
        .within(NumberRange::between(0, 1));
    o.choice_of("marker", s.marker,
                {{"circle", MarkerShape::Circle},
                 {"square", MarkerShape::Square},
                 {"triangle", MarkerShape::Triangle},
                 {"star", MarkerShape::Star}},
                "point marker");
    o.text("field", style.field, "the field categorical, graduated and proportional styles use");
    o.text("relative_to", style.relative_to,
           "graduated: the value is (field - relative_to) / relative_to, in %");
    o.texts("categories", style.categories, "categorical: the values, in legend order");
    o.texts("labels", style.category_labels, "legend labels of the categories or classes")
        .caption();
    o.choice_of("method", style.method,
                {{"equal", ClassMethod::EqualInterval},
                 {"quantile", ClassMethod::Quantile},
                 {"jenks", ClassMethod::FisherJenks},
                 {"manual", ClassMethod::Manual}},
                "graduated: how classes are made (jenks: exact Fisher-Jenks)");
    o.integer("classes", style.classes, "graduated: number of classes")
        .within(NumberRange::between(1, 12));
    o.numbers("breaks", style.breaks, "graduated, manual: the class bounds").rising().items(0, 13);
    o.color("missing_fill", style.missing_fill, "features without a value (none: not drawn)");
    o.text("missing_label", style.missing_label, "their legend entry").caption();
    o.choice("format", style.value_format, {"number", "percent", "signed_percent"},
             "graduated: how class bounds are written");
    o.integer("decimals", style.decimals, "graduated: decimals of the class bounds")
        .within(NumberRange::between(0, 6));
    o.text("palette", palette, "ColorBrewer palette of the categories or classes")
        .for_example("Set3");
    o.colors("colors", colors, "colours of the categories or classes, after the palette's");
    o.number("max_size_mm", style.max_size_mm, "proportional: size of the largest value")
        .unit_of("mm")
        .within(NumberRange::positive(100));
    o.text("label", style.label_field, "field whose values label the features");
    o.number("label_size_pt", style.label_size_pt, "label size")
        .unit_of("pt")
        .within(NumberRange::positive(72));
    o.integer("label_priority", style.label_priority, "labels of higher priority go first")
        .within(NumberRange::between(-100, 100));
    o.text("legend_title", style.legend_title, "legend group heading (\"zone omogenee:\")")
        .caption();
    o.text("legend_label", style.legend_label, "simple style: the legend entry").caption();
    o.boolean("in_legend", style.in_legend, "whether the layer shows in the legend");
}

LayerStyle MapLayerStep::drawn_style() const {
    LayerStyle drawn = style;
    drawn.class_labels = drawn.category_labels;
    drawn.colors.clear();
    if (!palette.empty()) {
        // The map step names an unknown palette with its key first; this keeps any other caller
        // from reading an empty palette.
        const auto colours = brewer_palette(palette);
        if (!colours) throw Error("unknown palette '" + palette + "'");
        drawn.colors = *colours;
    }
    drawn.colors.insert(drawn.colors.end(), colors.begin(), colors.end());
    return drawn;
}

}  // namespace atlante
