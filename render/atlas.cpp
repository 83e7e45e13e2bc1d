#include "render/atlas.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "layers/atomic_output.hpp"

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

namespace {

// The overview inset draws the whole coverage about 55 mm wide on every page: a copy
// simplified to a fifth of a millimetre there keeps each page (and the PDF) small.
Layer simplified_overview(const Layer& coverage) {
    const Envelope whole = coverage.extent();
    Layer overview = coverage.clone();
    const double tolerance = whole.width() / 55 * 0.2;
    for (std::size_t i = 0; i < overview.size(); ++i)
        if (overview.geometry(i))
            overview.set_geometry(i, overview.geometry(i).simplify(tolerance));
    overview.extent();
    return overview;
}

// Where the pages go in the document: a title page, the contents, then the map pages.
struct Pagination {
    std::size_t pages = 0, per_contents = 0, contents_pages = 0, first_map_page = 0;
    explicit Pagination(const AtlasSpec& atlas)
        : pages(atlas.pages.size()),
          per_contents(contents_per_page(atlas.map.page)),
          contents_pages((pages + per_contents - 1) / per_contents),
          first_map_page(2 + contents_pages) {}
};

// One envelope index per template layer, built once for all the pages.
std::vector<EnvelopeIndex> layer_indexes(const MapSpec& map) {
    std::vector<EnvelopeIndex> indexes;
    indexes.reserve(map.layers.size());
    for (const MapLayer& l : map.layers) indexes.emplace_back(*l.layer);
    return indexes;
}

MapSpec page_spec(const AtlasSpec& atlas, std::size_t i, const Layer& overview,
                  const Pagination& at, const std::vector<EnvelopeIndex>& indexes) {
    const AtlasPage& p = atlas.pages[i];
    MapSpec spec = atlas.map;
    for (std::size_t k = 0; k < spec.layers.size(); ++k) spec.layers[k].index = &indexes[k];
    spec.subtitle = p.name;
    spec.extent = atlas.coverage->geometry(p.row).envelope();
    spec.extent_margin = atlas.margin;
    spec.scale_bar_may_shrink = true;  // a small comune's page: the bar that fits
    spec.highlight = Highlight{atlas.coverage, p.row};
    if (!spec.overview) spec.overview = OverviewSpec{&overview, 55};
    spec.info = p.info;
    spec.charts.insert(spec.charts.end(), p.charts.begin(), p.charts.end());
    spec.footer = atlas.title + " · " + p.name + " · pagina " +
                  std::to_string(at.first_map_page + i) + " di " +
                  std::to_string(at.first_map_page + at.pages - 1);
    return spec;
}

// One map page drawn into a recording (and, if asked, into its own file).
std::unique_ptr<Canvas> draw_page(const AtlasSpec& atlas, const MapSpec& spec, std::size_t i,
                                  RenderReport& drawn) {
    const PageSpec& page = atlas.map.page;
    auto recording = std::make_unique<Canvas>(PageFormat::Recording, "", page.width_mm,
                                              page.height_mm, spec.dpi, spec.title);
    drawn = draw_map(*recording, spec);
    if (atlas.per_page) {
        const std::string& name = atlas.pages[i].name;
        const char* ext = *atlas.per_page == PageFormat::PNG ? ".png" : ".pdf";
        Canvas file(*atlas.per_page, atlas.per_page_dir + "/" + page_file_name(name) + ext,
                    page.width_mm, page.height_mm, spec.dpi, name);
        file.paint(*recording);
        file.finish();
    }
    return recording;
}

// The title page and the contents, each with its bookmark.
void front_matter(Canvas& pdf, const AtlasSpec& atlas, const Pagination& at) {
    const PageSpec& page = atlas.map.page;
    const std::string& font = atlas.map.font_family;
    const TextStyle big{font, 26, true, Color{0.1, 0.1, 0.1, 1}, std::nullopt, 0};
    const TextStyle mid{font, 14, false, Color{0.3, 0.3, 0.3, 1}, std::nullopt, 0};
    const TextStyle body{font, 9, false, Color{0.15, 0.15, 0.15, 1}, std::nullopt, 0};
    const TextStyle heading{font, 14, true, Color{0.1, 0.1, 0.1, 1}, std::nullopt, 0};
    const double m = page.margin_mm;
    pdf.text(m + 10, page.height_mm * 0.35, atlas.title, big);
    pdf.text(m + 10, page.height_mm * 0.35 + 14, atlas.subtitle, mid);
    pdf.text(m + 10, page.height_mm * 0.35 + 24, std::to_string(at.pages) + " pagine", mid);
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
    for (std::size_t c = 0; c < at.contents_pages; ++c) {
        pdf.text(m, m + 10, "Indice", heading);
        if (c == 0) pdf.add_bookmark("Indice", 2);
        const std::size_t end = std::min(at.pages, (c + 1) * at.per_contents);
        for (std::size_t k = c * at.per_contents; k < end; ++k) {
            const std::size_t slot = k - c * at.per_contents, rows = at.per_contents / 3;
            const double x = m + column * static_cast<double>(slot / rows),
                         y = m + 34 + 5.2 * static_cast<double>(slot % rows);
            const std::string number = std::to_string(at.first_map_page + k);
            pdf.text(x, y, atlas.pages[k].name, body, column - 16);
            const TextBox w = pdf.measure(number, body);
            pdf.text(x + column - 6 - w.width, y, number, body);
        }
        pdf.new_page();
    }
}

// Pages drawn by workers, in any order, handed to the one thread writing the PDF in page order:
// the PDF is written while later pages are still being drawn.
class PageQueue {
  public:
    explicit PageQueue(std::size_t pages) : recordings_(pages), errors_(pages) {}

    void put(std::size_t i, std::unique_ptr<Canvas> recording, std::string error) {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            recordings_[i] = std::move(recording);
            errors_[i] = std::move(error);
            if (!errors_[i].empty()) failed_ = true;
        }
        ready_.notify_all();
    }
    // Waits for page i (calling `waiting` about 20 times a second); null when a page failed.
    std::unique_ptr<Canvas> take(std::size_t i, const std::function<void()>& waiting) {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!recordings_[i] && !failed_) {
            if (ready_.wait_for(lock, std::chrono::milliseconds(50)) == std::cv_status::timeout) {
                lock.unlock();
                waiting();
                lock.lock();
            }
        }
        return failed_ ? nullptr : std::move(recordings_[i]);
    }
    bool failed() {
        const std::lock_guard<std::mutex> lock(mutex_);
        return failed_;
    }
    // The first page that failed, and why.
    std::optional<std::pair<std::size_t, std::string>> first_error() const {
        for (std::size_t i = 0; i < errors_.size(); ++i)
            if (!errors_[i].empty()) return std::make_pair(i, errors_[i]);
        return std::nullopt;
    }

  private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::vector<std::unique_ptr<Canvas>> recordings_;
    std::vector<std::string> errors_;
    bool failed_ = false;
};

// Joins the workers however the writing thread leaves.
struct Workers {
    std::vector<std::thread> threads;
    ~Workers() {
        for (std::thread& t : threads)
            if (t.joinable()) t.join();
    }
};

}  // namespace

AtlasReport render_atlas(const AtlasSpec& atlas, const std::string& pdf_path,
                         const PageProgress& on_pages) {
    const auto start = Clock::now();
    Canvas::require_font(atlas.map.font_family);
    const Pagination at(atlas);
    const std::size_t n = at.pages;
    const Layer overview = simplified_overview(*atlas.coverage);
    // GEOS 3.11 caches envelopes lazily: computing them now lets the workers only read.
    for (const MapLayer& l : atlas.map.layers) l.layer->extent();
    const std::vector<EnvelopeIndex> indexes = layer_indexes(atlas.map);

    AtlasReport report;
    report.map_pages = n;
    report.page_seconds.assign(n, 0);
    PageQueue queue(n);
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < n && !queue.failed(); i = next++) {
            const auto page_start = Clock::now();
            std::unique_ptr<Canvas> recording;
            std::string error;
            try {
                RenderReport drawn;
                recording = draw_page(atlas, page_spec(atlas, i, overview, at, indexes), i, drawn);
                if (i == 0) report.first_page = drawn;
            } catch (const std::exception& e) {
                error = e.what();
            }
            report.page_seconds[i] =
                std::chrono::duration<double>(Clock::now() - page_start).count();
            queue.put(i, std::move(recording), std::move(error));
        }
    };
    const unsigned threads =
        atlas.threads ? atlas.threads : std::max(1u, std::thread::hardware_concurrency());
    {
        Workers workers;
        for (unsigned t = 0; t < threads; ++t) workers.threads.emplace_back(worker);

        // Assemble meanwhile: title page, contents, the map pages in order; a bookmark each.
        // The PDF lands only whole: a failed page leaves no partial atlas behind.
        AtomicOutput output(pdf_path);
        Canvas pdf(PageFormat::PDF, output.temporary().string(), atlas.map.page.width_mm,
                   atlas.map.page.height_mm, atlas.map.dpi, atlas.title);
        front_matter(pdf, atlas, at);
        for (std::size_t i = 0; i < n; ++i) {
            const std::unique_ptr<Canvas> recording = queue.take(i, [&] {
                if (on_pages) on_pages(i, n);
            });
            if (!recording) break;
            pdf.paint(*recording);
            pdf.add_bookmark(atlas.pages[i].name, static_cast<int>(at.first_map_page + i));
            if (i + 1 < n) pdf.new_page();
            if (on_pages) on_pages(i + 1, n);
        }
        if (!queue.failed()) {
            pdf.finish();
            output.commit();
        }
    }
    if (const auto failed = queue.first_error())
        throw Error(ErrorContext{"atlas '" + atlas.name + "'",
                                 atlas.coverage->name(),
                                 atlas.coverage->id(atlas.pages[failed->first].row),
                                 {}},
                    "page '" + atlas.pages[failed->first].name + "': " + failed->second);
    report.document_pages = at.first_map_page - 1 + n;
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return report;
}

}  // namespace atlante
