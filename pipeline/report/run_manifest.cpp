#include "pipeline/report/run_manifest.hpp"

#include <cairo.h>
#include <gdal.h>
#include <geos_c.h>
#include <pango/pango.h>
#include <proj.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

#include "layers/atomic_output.hpp"
#include "render/format/html_escape.hpp"
#include "render/format/number_format.hpp"

namespace atlante {
namespace {

std::string relative(const std::string& path, const std::string& folder) {
    return std::filesystem::path(path).lexically_relative(folder).generic_string();
}

nlohmann::ordered_json input_json(const std::string& source) {
    nlohmann::ordered_json input{{"source", source}};
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(source, ec);
    if (ec) return input;
    const auto modified = std::filesystem::last_write_time(source, ec);
    const auto since_epoch = std::chrono::duration_cast<std::chrono::seconds>(
        std::filesystem::file_time_type::clock::to_sys(modified).time_since_epoch());
    input["bytes"] = bytes;
    input["modified_unix_s"] = since_epoch.count();
    return input;
}

double rounded(double seconds) { return std::round(seconds * 1000) / 1000; }

std::string manifest_json(const RunManifest& m) {
    nlohmann::ordered_json out;
    out["project"] = m.project_name;
    out["project_file"] = m.project_file;
    out["project_options"] = m.project_options;
    out["data_dir"] = m.data_dir;
    out["seconds"] = rounded(m.seconds);
    out["software"] = software_versions();
    // Every source read, once, with what identifies its version on disk.
    std::vector<std::string> inputs;
    for (const StepRecord& s : m.steps)
        for (const std::string& in : s.inputs)
            if (std::find(inputs.begin(), inputs.end(), in) == inputs.end()) inputs.push_back(in);
    out["inputs"] = nlohmann::ordered_json::array();
    for (const std::string& in : inputs) out["inputs"].push_back(input_json(in));
    out["steps"] = nlohmann::ordered_json::array();
    for (const StepRecord& s : m.steps) {
        nlohmann::ordered_json step;
        step["step"] = s.step;
        step["name"] = s.name;
        step["seconds"] = rounded(s.seconds);
        step["options"] = s.options;
        step["facts"] = s.facts;
        step["inputs"] = s.inputs;
        std::vector<std::string> outputs;
        for (const std::string& o : s.outputs) outputs.push_back(relative(o, m.output_dir));
        step["outputs"] = outputs;
        step["warnings"] = s.warnings;
        out["steps"].push_back(std::move(step));
    }
    return out.dump(2) + "\n";
}

// A <select> per filter field, with the values its column holds: choosing one shows only the
// rows that have it (the script below).
std::string filters_html(const ReportTable& t) {
    std::string out;
    for (const std::string& field : t.filters) {
        const auto at = std::find(t.fields.begin(), t.fields.end(), field);
        if (at == t.fields.end()) continue;
        const auto column = static_cast<std::size_t>(at - t.fields.begin());
        std::set<std::string> values;
        for (const auto& row : t.rows) values.insert(row[column]);
        out += "<label>" + html_escape(t.header[column]) +
               " <select class=\"filter\" data-table=\"" + html_escape(t.id) + "\" data-column=\"" +
               std::to_string(column) + "\"><option value=\"\">tutti</option>";
        for (const std::string& v : values)
            out += "<option value=\"" + html_escape(v) + "\">" +
                   html_escape(v.empty() ? "(vuoto)" : v) + "</option>";
        out += "</select></label> ";
    }
    return out.empty() ? out : "<p class=\"filters\">" + out + "</p>\n";
}

std::string table_html(const ReportTable& t) {
    std::string out;
    for (const std::string& note : t.notes)
        out += "<p class=\"note\">" + html_escape(note) + "</p>\n";
    out += filters_html(t);
    out += "<table id=\"" + html_escape(t.id) + "\"" + (t.sortable ? " class=\"sortable\"" : "") +
           "><caption>" + html_escape(t.caption) + "</caption><thead><tr>";
    for (const auto& h : t.header) out += "<th>" + html_escape(h) + "</th>";
    out += "</tr></thead><tbody>";
    for (const auto& row : t.rows) {
        out += "<tr>";
        for (const auto& cell : row) out += "<td>" + html_escape(cell) + "</td>";
        out += "</tr>";
    }
    return out + "</tbody></table>\n";
}

// The steps' warnings: what a planner should know of their data (records repaired or left
// out, classes without a score, sites outside the study area).
std::string warnings_html(const RunManifest& m) {
    std::string out;
    for (const StepRecord& s : m.steps) {
        if (s.warnings.empty()) continue;
        out +=
            "<h3>" + html_escape(s.step + (s.name != s.step ? " " + s.name : "")) + "</h3>\n<ul>\n";
        for (const std::string& w : s.warnings) out += "<li>" + html_escape(w) + "</li>\n";
        out += "</ul>\n";
    }
    return out.empty() ? out : "<h2>Avvertenze</h2>\n" + out;
}

// Sorting compares numbers as numbers (Italian format: dots for thousands, comma for decimals).
const char* kScript = R"(
document.querySelectorAll('table.sortable th').forEach(function (th) {
  th.addEventListener('click', function () {
    var column = th.cellIndex, table = th.closest('table'), body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = th.getAttribute('data-order') !== 'asc';
    table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('data-order'); });
    th.setAttribute('data-order', ascending ? 'asc' : 'desc');
    function key(row) {
      var text = row.cells[column].textContent.trim();
      var number = parseFloat(text.replace(/\./g, '').replace(',', '.').replace('%', ''));
      return isNaN(number) ? text.toLowerCase() : number;
    }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x === y) return 0;
      if (x === '') return 1;
      if (y === '') return -1;
      // Numbers before text, so a column mixing both still sorts consistently.
      if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
      return (x < y ? -1 : 1) * (ascending ? 1 : -1);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
// Filters: a row shows when it has every value chosen for its table.
document.querySelectorAll('select.filter').forEach(function (select) {
  select.addEventListener('change', function () {
    var table = document.getElementById(select.getAttribute('data-table'));
    var chosen = document.querySelectorAll('select.filter[data-table="' + table.id + '"]');
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var shown = Array.prototype.every.call(chosen, function (s) {
        var column = parseInt(s.getAttribute('data-column'), 10);
        return s.value === '' || row.cells[column].textContent === s.value;
      });
      row.style.display = shown ? '' : 'none';
    });
  });
});
)";

std::string report_html(const RunManifest& m) {
    std::string out = R"(<!DOCTYPE html>
<html lang="it"><head><meta charset="utf-8"><title>)" +
                      html_escape(m.project_name) + R"(</title>
<style>
body { font-family: "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 1200px; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
.maps { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 1em; }
figure { margin: 0; } figure img { width: 100%; border: 1px solid #ddd; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.85em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; text-align: left; }
table.sortable th { cursor: pointer; background: #f3f3f3; }
th[data-order=asc]::after { content: " ▲"; } th[data-order=desc]::after { content: " ▼"; }
caption { text-align: left; font-weight: bold; margin-bottom: 0.3em; }
p.note { color: #555; font-size: 0.85em; margin: 0.3em 0; }
p.filters label { margin-right: 1em; font-size: 0.85em; }
</style></head><body>
)";
    out += "<h1>" + html_escape(m.project_name) + "</h1>\n<p>Prodotto da atlante in " +
           format_italian(m.seconds, 1) +
           " s. Dettagli in <a href=\"run.json\">run.json</a>.</p>\n";
    // The interactive map, when the run made one.
    for (const StepRecord& s : m.steps)
        for (const std::string& f : s.outputs)
            if (std::filesystem::path(f).filename() == "mappa.html")
                out += "<p class=\"interattiva\"><a href=\"" +
                       html_escape(relative(f, m.output_dir)) +
                       "\">Mappa interattiva</a>: i livelli delle mappe, la classifica delle aree "
                       "dismesse con il perché di ogni posizione, zone e comuni.</p>\n";
    // Map previews: every PNG the maps step wrote, linked to its PDF and SVG.
    out += "<h2>Mappe</h2>\n<div class=\"maps\">\n";
    for (const StepRecord& s : m.steps) {
        if (s.step != "map") continue;
        std::string png, links;
        for (const std::string& f : s.outputs) {
            const std::string rel = relative(f, m.output_dir);
            const std::string ext = std::filesystem::path(f).extension().string();
            if (ext == ".png") png = rel;
            links += " <a href=\"" + html_escape(rel) + "\">" + html_escape(ext.substr(1)) + "</a>";
        }
        out += "<figure>" +
               (png.empty() ? std::string()
                            : "<img src=\"" + html_escape(png) + "\" alt=\"" + html_escape(s.name) +
                                  "\">") +
               "<figcaption>" + html_escape(s.name) + ":" + links + "</figcaption></figure>\n";
    }
    out += "</div>\n";
    for (const ReportTable& t : m.tables)
        out += "<h2>" + html_escape(t.caption) + "</h2>\n" + table_html(t);
    out += warnings_html(m);
    out += "<h2>File</h2>\n<ul>\n";
    for (const StepRecord& s : m.steps)
        for (const std::string& f : s.outputs) {
            const std::string rel = relative(f, m.output_dir);
            out += "<li><a href=\"" + html_escape(rel) + "\">" + html_escape(rel) + "</a> (" +
                   html_escape(s.step) + ")</li>\n";
        }
    out += "</ul>\n<h2>Fonti</h2>\n<ul>\n";
    for (const std::string& s : m.sources) out += "<li>" + html_escape(s) + "</li>\n";
    out += "</ul>\n<script>" + std::string(kScript) + "</script>\n</body></html>\n";
    return out;
}

}  // namespace

std::map<std::string, std::string> software_versions() {
    return {{"atlante", ATLANTE_VERSION},      {"GDAL", GDALVersionInfo("RELEASE_NAME")},
            {"GEOS", GEOSversion()},           {"PROJ", proj_info().release},
            {"Cairo", cairo_version_string()}, {"Pango", pango_version_string()}};
}

std::vector<std::string> write_run_manifest(const RunManifest& manifest, bool html) {
    const std::filesystem::path folder(manifest.output_dir);
    write_text_atomically(folder / "run.json", manifest_json(manifest));
    if (!html) return {(folder / "run.json").string()};
    write_text_atomically(folder / "index.html", report_html(manifest));
    return {(folder / "index.html").string(), (folder / "run.json").string()};
}

}  // namespace atlante
