// Atlas: one page per feature of a coverage layer (zone omogenee, comuni), each the same map
// zoomed to the feature with the others dimmed, an overview inset, and a statistics table;
// a title page and a table of contents; PDF bookmarks per page; one multi-page PDF. Pages are
// drawn in parallel into Cairo recordings and written into the PDF in order while later pages
// are still being drawn.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "render/map_spec.hpp"

namespace atlante {

struct AtlasPage {
    std::size_t row = 0;                                    // feature of the coverage layer
    std::string name;                                       // header and bookmark
    std::vector<std::pair<std::string, std::string>> info;  // the statistics table
    std::vector<MapChart> charts;                           // the page's own, after the map's
};

struct AtlasSpec {
    std::string name;
    std::string title;     // title page
    std::string subtitle;  // title page, second line
    MapSpec map;           // the template: page, layers, styles, sources
    const Layer* coverage = nullptr;
    std::vector<AtlasPage> pages;  // in order
    double margin = 0.08;          // around each feature, as a share of its extent
    unsigned threads = 0;          // 0: all cores
    // Optionally also one file per page (PDF or PNG) in this folder, named by the page name.
    std::optional<PageFormat> per_page;
    std::string per_page_dir;
};

// A page name made safe as a file name ("Val della Torre" stays, "a/b" becomes "a_b").
std::string page_file_name(const std::string& page_name);

struct AtlasReport {
    std::size_t map_pages = 0;
    std::size_t document_pages = 0;    // with the title page and the contents
    std::vector<double> page_seconds;  // drawing time of each map page
    RenderReport first_page;           // where the first page's furniture went
    double seconds = 0;
};

// Called from the thread writing the PDF with the pages written so far (at least 20 times a
// second while it waits for a page).
using PageProgress = std::function<void(std::size_t done, std::size_t total)>;

AtlasReport render_atlas(const AtlasSpec& atlas, const std::string& pdf_path,
                         const PageProgress& on_pages = {});

}  // namespace atlante
