#include "render/atlas.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

namespace atlante {
namespace {

using Clock = std::chrono::steady_clock;

// How many table-of-contents entries fit on one page (three columns of lines).
std::size_t contents_per_page(const PageSpec& page) {
    const double line = 5.2, top = page.margin_mm + 34, bottom = page.margin_mm + 8;
    return 3 * static_cast<std::size_t>((page.height_mm - top - bottom) / line);
}

}  // namespace

std::string page_file_name(const std::string& page_name) {
    std::string out;
    for (char c : page_name)
        out += (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
                c == '>' || c == '|' || static_cast<unsigned char>(c) < 32)
                   ? '_'
                   : c;
    return out.empty() || out[0] == '.' ? "_" + out : out;
}

AtlasReport render_atlas(const AtlasSpec& atlas, const std::string& pdf_path,
                         const PageProgress& on_pages) {
    const auto start = Clock::now();
    Canvas::require_font(atlas.map.font_family);
    const PageSpec& page = atlas.map.page;
    const std::size_t n = atlas.pages.size();
    const std::size_t per_contents = contents_per_page(page);
    const std::size_t contents_pages = (n + per_contents - 1) / per_contents;
    const std::size_t first_map_page = 2 + contents_pages;  // after the title page and the contents

    // The overview inset draws the whole coverage about 55 mm wide on every page: a copy
    // simplified to a fifth of a millimetre there keeps each page (and the PDF) small.
    const Envelope whole = atlas.coverage->extent();
    Layer overview = atlas.coverage->clone();
    const double tolerance = whole.width() / 55 * 0.2;
    for (std::size_t i = 0; i < overview.size(); ++i)
        if (overview.geometry(i))
            overview.set_geometry(i, overview.geometry(i).simplify(tolerance));
    overview.extent();
    // GEOS 3.11 caches envelopes lazily: computing them now lets the workers only read.
    for (const MapLayer& l : atlas.map.layers) l.layer->extent();

    AtlasReport report;
    report.map_pages = n;
    report.page_seconds.assign(n, 0);
    std::vector<std::unique_ptr<Canvas>> recordings(n);
    std::vector<std::string> errors(n);
    std::atomic<std::size_t> next{0}, done{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            const auto page_start = Clock::now();
            try {
                const AtlasPage& p = atlas.pages[i];
                MapSpec spec = atlas.map;
                spec.subtitle = p.name;
                spec.extent = atlas.coverage->geometry(p.row).envelope();
                spec.extent_margin = atlas.margin;
                spec.scale_bar_may_shrink = true;  // a small comune's page: the bar that fits
                spec.highlight = Highlight{atlas.coverage, p.row};
                if (!spec.overview) spec.overview = OverviewSpec{&overview, 55};
                spec.info = p.info;
                spec.charts.insert(spec.charts.end(), p.charts.begin(), p.charts.end());
                spec.footer = atlas.title + " · " + p.name + " · pagina " +
                              std::to_string(first_map_page + i) + " di " +
                              std::to_string(first_map_page + n - 1);
                auto recording = std::make_unique<Canvas>(PageFormat::Recording, "", page.width_mm,
                                                          page.height_mm, spec.dpi, spec.title);
                const RenderReport drawn = draw_map(*recording, spec);
                if (i == 0) report.first_page = drawn;
                if (atlas.per_page) {
                    const char* ext = *atlas.per_page == PageFormat::PNG ? ".png" : ".pdf";
                    Canvas file(*atlas.per_page,
                                atlas.per_page_dir + "/" + page_file_name(p.name) + ext,
                                page.width_mm, page.height_mm, spec.dpi, p.name);
                    file.paint(*recording);
                    file.finish();
                }
                recordings[i] = std::move(recording);
            } catch (const std::exception& e) {
                errors[i] = e.what();
            }
            report.page_seconds[i] =
                std::chrono::duration<double>(Clock::now() - page_start).count();
            ++done;
        }
    };
    const unsigned threads =
        atlas.threads ? atlas.threads : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    while (done < n) {
        if (on_pages) on_pages(done, n);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    for (auto& t : pool) t.join();
    if (on_pages) on_pages(n, n);
    for (std::size_t i = 0; i < n; ++i)
        if (!errors[i].empty())
            throw Error(ErrorContext{"atlas '" + atlas.name + "'",
                                     atlas.coverage->name(),
                                     atlas.coverage->id(atlas.pages[i].row),
                                     {}},
                        "page '" + atlas.pages[i].name + "': " + errors[i]);

    // Assemble: title page, contents, the map pages in order; a bookmark for each.
    Canvas pdf(PageFormat::PDF, pdf_path, page.width_mm, page.height_mm, atlas.map.dpi,
               atlas.title);
    const TextStyle big{atlas.map.font_family, 26, true, Color{0.1, 0.1, 0.1, 1}, std::nullopt, 0};
    const TextStyle mid{atlas.map.font_family, 14, false, Color{0.3, 0.3, 0.3, 1}, std::nullopt, 0};
    const TextStyle body{atlas.map.font_family, 9, false, Color{0.15, 0.15, 0.15, 1},
                         std::nullopt,          0};
    const TextStyle heading{atlas.map.font_family,   14,           true,
                            Color{0.1, 0.1, 0.1, 1}, std::nullopt, 0};
    const double m = page.margin_mm;
    pdf.text(m + 10, page.height_mm * 0.35, atlas.title, big);
    pdf.text(m + 10, page.height_mm * 0.35 + 14, atlas.subtitle, mid);
    pdf.text(m + 10, page.height_mm * 0.35 + 24, std::to_string(n) + " pagine", mid);
    if (!atlas.map.sources.empty()) {
        double y = page.height_mm - m - 6 - 4.4 * static_cast<double>(atlas.map.sources.size());
        for (const std::string& s : atlas.map.sources) {
            pdf.text(m + 10, y, s, body);
            y += 4.4;
        }
    }
    pdf.add_bookmark(atlas.title, 1);
    pdf.new_page();
    const double column = (page.width_mm - 2 * m) / 3;
    for (std::size_t c = 0; c < contents_pages; ++c) {
        pdf.text(m, m + 10, "Indice", heading);
        if (c == 0) pdf.add_bookmark("Indice", 2);
        for (std::size_t k = c * per_contents; k < std::min(n, (c + 1) * per_contents); ++k) {
            const std::size_t slot = k - c * per_contents, rows = per_contents / 3;
            const double x = m + column * static_cast<double>(slot / rows),
                         y = m + 34 + 5.2 * static_cast<double>(slot % rows);
            const std::string number = std::to_string(first_map_page + k);
            pdf.text(x, y, atlas.pages[k].name, body, column - 16);
            const TextBox w = pdf.measure(number, body);
            pdf.text(x + column - 6 - w.width, y, number, body);
        }
        pdf.new_page();
    }
    for (std::size_t i = 0; i < n; ++i) {
        pdf.paint(*recordings[i]);
        recordings[i].reset();
        pdf.add_bookmark(atlas.pages[i].name, static_cast<int>(first_map_page + i));
        if (i + 1 < n) pdf.new_page();
    }
    pdf.finish();
    report.document_pages = first_map_page - 1 + n;
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return report;
}

}  // namespace atlante
