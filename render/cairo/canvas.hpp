// How to draw: a Cairo drawing surface for one page in millimetres (PDF, SVG or PNG), with
// Pango for every piece of text. RAII over the Cairo surface and context and Pango objects.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "render/style/color.hpp"

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

namespace atlante {

// Recording: drawn in memory (any thread), replayed later onto a page with paint().
enum class PageFormat { PDF, SVG, PNG, Recording };

struct TextStyle {
    std::string family = "DejaVu Sans";
    double size_pt = 9;
    bool bold = false;
    Color color{0.1, 0.1, 0.1, 1};
    std::optional<Color> halo;  // outline behind the text (labels)
    double halo_mm = 0.5;
};

struct TextBox {
    double width = 0, height = 0;  // mm
};

class Canvas {
  public:
    // A page of width × height mm written to `path` (PNG at `dpi`). Title is PDF metadata.
    Canvas(PageFormat format, const std::string& path, double width_mm, double height_mm,
           double dpi, const std::string& title);
    ~Canvas();
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;

    // Finishes the page and writes the file; throws naming the path if Cairo reports an error.
    void finish();
    // PDF: ends this page and starts the next.
    void new_page();
    // PDF: a bookmark (outline entry) to `page` (1-based), at the top level.
    void add_bookmark(const std::string& title, int page);
    // Replays a recording made at the same page size onto this page.
    void paint(const Canvas& recording);

    // Paths in page millimetres.
    void move_to(double x, double y);
    void line_to(double x, double y);
    void close_path();
    void rectangle(double x, double y, double w, double h);
    void circle(double x, double y, double r);
    // An arc of the circle at (x, y), from angle a0 to a1 (radians, clockwise on the page from
    // the x axis); `reverse` runs it the other way (the inner edge of a donut slice).
    void arc(double x, double y, double r, double a0, double a1, bool reverse = false);
    void fill_and_stroke(const std::optional<Color>& fill, const std::optional<Color>& stroke,
                         double stroke_mm, const std::vector<double>& dash_mm = {},
                         double opacity = 1);
    void clip_rectangle(double x, double y, double w, double h);
    void reset_clip();

    // Text: size, and drawing with the top-left corner at (x, y).
    TextBox measure(const std::string& text, const TextStyle& style, double wrap_mm = 0) const;
    void text(double x, double y, const std::string& text, const TextStyle& style,
              double wrap_mm = 0);

    // Throws when the font family is not installed (fontconfig would silently substitute one).
    static void require_font(const std::string& family);

  private:
    static void number_svg_surface(const std::string& path);
    cairo_surface_t* surface_ = nullptr;
    cairo_t* cr_ = nullptr;
    PageFormat format_;
    std::string path_;
    double dpi_ = 0;
    bool finished_ = false;
};

}  // namespace atlante
