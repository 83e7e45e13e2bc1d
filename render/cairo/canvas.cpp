#include "render/cairo/canvas.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <cctype>
#include <cmath>
#include <fstream>
#include <iterator>

#include "layers/ascii_case.hpp"
#include "layers/error.hpp"
#include "render/cairo/png_file.hpp"

namespace atlante {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

// RAII for the Pango objects made per text.
struct LayoutDeleter {
    void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct FontDeleter {
    void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;
using FontPtr = std::unique_ptr<PangoFontDescription, FontDeleter>;

LayoutPtr make_layout(cairo_t* cr, const std::string& text, const TextStyle& style,
                      double wrap_mm) {
    LayoutPtr layout(pango_cairo_create_layout(cr));
    // Metrics unhinted, so PDF, SVG and PNG lay text out identically.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_layout_get_context(layout.get()), options);
    // User units are millimetres: Pango must not round glyph positions to whole units.
    pango_context_set_round_glyph_positions(pango_layout_get_context(layout.get()), FALSE);
    cairo_font_options_destroy(options);
    pango_layout_context_changed(layout.get());
    FontPtr font(pango_font_description_new());
    pango_font_description_set_family(font.get(), style.family.c_str());
    pango_font_description_set_weight(font.get(),
                                      style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    // User space is millimetres: a size in points becomes an absolute size in millimetres.
    pango_font_description_set_absolute_size(font.get(),
                                             style.size_pt / kPointsPerMm * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font.get());
    if (wrap_mm > 0) {
        pango_layout_set_width(layout.get(), static_cast<int>(wrap_mm * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
    }
    pango_layout_set_text(layout.get(), text.c_str(), -1);
    return layout;
}

void set_color(cairo_t* cr, const Color& c, double opacity = 1) {
    cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a * opacity);
}

}  // namespace

Canvas::Canvas(PageFormat format, const std::string& path, double width_mm, double height_mm,
               double dpi, const std::string& title)
    : format_(format), path_(path), dpi_(dpi) {
    switch (format) {
        case PageFormat::PDF:
            surface_ = cairo_pdf_surface_create(path.c_str(), width_mm * kPointsPerMm,
                                                height_mm * kPointsPerMm);
            cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
            cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "atlante");
            // A fixed date keeps the PDF reproducible.
            cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATE_DATE,
                                           "2000-01-01T00:00:00Z");
            break;
        case PageFormat::SVG:
            surface_ = cairo_svg_surface_create(path.c_str(), width_mm * kPointsPerMm,
                                                height_mm * kPointsPerMm);
            break;
        case PageFormat::Recording: {
            const cairo_rectangle_t extents{0, 0, width_mm, height_mm};
            surface_ = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
            break;
        }
        case PageFormat::PNG:
            surface_ = cairo_image_surface_create(
                CAIRO_FORMAT_ARGB32, static_cast<int>(std::lround(width_mm / 25.4 * dpi)),
                static_cast<int>(std::lround(height_mm / 25.4 * dpi)));
            break;
    }
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS)
        throw Error(ErrorContext{path, {}, {}, {}},
                    std::string("cannot create the page: ") +
                        cairo_status_to_string(cairo_surface_status(surface_)));
    cr_ = cairo_create(surface_);
    if (format == PageFormat::PNG) {
        cairo_scale(cr_, dpi / 25.4, dpi / 25.4);
        cairo_set_source_rgb(cr_, 1, 1, 1);  // PNG pages are opaque white, like paper
        cairo_paint(cr_);
    } else if (format != PageFormat::Recording) {
        cairo_scale(cr_, kPointsPerMm, kPointsPerMm);
    }
    // Unhinted text everywhere: glyph positions then match across PDF, SVG and PNG.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(cr_, options);
    cairo_font_options_destroy(options);
    cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr_, CAIRO_LINE_CAP_ROUND);
}

Canvas::~Canvas() {
    if (cr_) cairo_destroy(cr_);
    if (surface_) cairo_surface_destroy(surface_);
}

void Canvas::finish() {
    if (finished_) return;
    finished_ = true;
    cairo_status_t status = cairo_status(cr_);
    if (status == CAIRO_STATUS_SUCCESS && format_ == PageFormat::PNG) {
        cairo_surface_flush(surface_);
        write_png(path_, cairo_image_surface_get_data(surface_),
                  cairo_image_surface_get_width(surface_), cairo_image_surface_get_height(surface_),
                  cairo_image_surface_get_stride(surface_), dpi_);
    }
    if (format_ == PageFormat::Recording) return;  // kept for replay: nothing to write
    cairo_surface_finish(surface_);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface_);
    if (status != CAIRO_STATUS_SUCCESS)
        throw Error(ErrorContext{path_, {}, {}, {}},
                    std::string("cannot write the page: ") + cairo_status_to_string(status));
    if (format_ == PageFormat::SVG) number_svg_surface(path_);
}

// Cairo names an SVG's page group after its surface's process-wide serial number ("surface983"),
// which depends on how many surfaces the process made before, on whichever thread: the same map
// would differ from run to run. The page is always "surface1".
void Canvas::number_svg_surface(const std::string& path) {
    std::string text;
    {
        std::ifstream in(path, std::ios::binary);
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const std::string mark = "<g id=\"surface";
    const std::size_t at = text.find(mark);
    if (at == std::string::npos) return;
    const std::size_t digits = at + mark.size();
    const std::size_t end = text.find('"', digits);
    if (end == std::string::npos) return;
    text.replace(digits, end - digits, "1");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw Error(ErrorContext{path, {}, {}, {}}, "cannot write the page");
}

void Canvas::new_page() { cairo_show_page(cr_); }

void Canvas::add_bookmark(const std::string& title, int page) {
    if (format_ != PageFormat::PDF) return;
    const std::string link = "page=" + std::to_string(page);
    cairo_pdf_surface_add_outline(surface_, CAIRO_PDF_OUTLINE_ROOT, title.c_str(), link.c_str(),
                                  static_cast<cairo_pdf_outline_flags_t>(0));
}

void Canvas::paint(const Canvas& recording) {
    cairo_save(cr_);
    cairo_set_source_surface(cr_, recording.surface_, 0, 0);
    cairo_paint(cr_);
    cairo_restore(cr_);
}

void Canvas::move_to(double x, double y) { cairo_move_to(cr_, x, y); }
void Canvas::line_to(double x, double y) { cairo_line_to(cr_, x, y); }
void Canvas::close_path() { cairo_close_path(cr_); }
void Canvas::rectangle(double x, double y, double w, double h) { cairo_rectangle(cr_, x, y, w, h); }
void Canvas::circle(double x, double y, double r) {
    cairo_new_sub_path(cr_);
    cairo_arc(cr_, x, y, r, 0, 2 * M_PI);
}

void Canvas::arc(double x, double y, double r, double a0, double a1, bool reverse) {
    reverse ? cairo_arc_negative(cr_, x, y, r, a0, a1) : cairo_arc(cr_, x, y, r, a0, a1);
}

void Canvas::fill_and_stroke(const std::optional<Color>& fill, const std::optional<Color>& stroke,
                             double stroke_mm, const std::vector<double>& dash_mm, double opacity) {
    cairo_set_fill_rule(cr_, CAIRO_FILL_RULE_EVEN_ODD);  // holes stay holes
    if (fill && fill->a > 0) {
        set_color(cr_, *fill, opacity);
        if (stroke && stroke->a > 0 && stroke_mm > 0)
            cairo_fill_preserve(cr_);
        else
            cairo_fill(cr_);
    }
    if (stroke && stroke->a > 0 && stroke_mm > 0) {
        set_color(cr_, *stroke, opacity);
        cairo_set_line_width(cr_, stroke_mm);
        cairo_set_dash(cr_, dash_mm.data(), static_cast<int>(dash_mm.size()), 0);
        cairo_stroke(cr_);
        cairo_set_dash(cr_, nullptr, 0, 0);
    }
    cairo_new_path(cr_);
}

void Canvas::clip_rectangle(double x, double y, double w, double h) {
    cairo_save(cr_);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_clip(cr_);
}

void Canvas::reset_clip() { cairo_restore(cr_); }

TextBox Canvas::measure(const std::string& text, const TextStyle& style, double wrap_mm) const {
    const LayoutPtr layout = make_layout(cr_, text, style, wrap_mm);
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    return {static_cast<double>(w) / PANGO_SCALE, static_cast<double>(h) / PANGO_SCALE};
}

void Canvas::text(double x, double y, const std::string& text, const TextStyle& style,
                  double wrap_mm) {
    const LayoutPtr layout = make_layout(cr_, text, style, wrap_mm);
    cairo_move_to(cr_, x, y);
    if (style.halo) {
        pango_cairo_layout_path(cr_, layout.get());
        set_color(cr_, *style.halo);
        cairo_set_line_width(cr_, 2 * style.halo_mm);
        cairo_stroke(cr_);
        cairo_move_to(cr_, x, y);
    }
    set_color(cr_, style.color);
    pango_cairo_show_layout(cr_, layout.get());
    cairo_new_path(cr_);
}

void Canvas::require_font(const std::string& family) {
    PangoFontMap* map = pango_cairo_font_map_get_default();
    PangoFontFamily** families = nullptr;
    int count = 0;
    pango_font_map_list_families(map, &families, &count);
    bool found = false;
    for (int i = 0; i < count && !found; ++i)
        found = ascii_lower(pango_font_family_get_name(families[i])) == ascii_lower(family);
    g_free(families);
    if (!found)
        throw Error("font '" + family + "' is not installed (fc-list lists the installed fonts)");
}

}  // namespace atlante
