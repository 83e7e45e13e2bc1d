#include "cli/steps/tor_step.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>

#include "cli/steps/demo_step.hpp"
#include "cli/steps/step_sources.hpp"
#include "cli/text_table.hpp"
#include "engine/analyses/tor_outputs.hpp"
#include "engine/format/number_format.hpp"
#include "layers/postgis_writer.hpp"

namespace atlante {

TorStep read_tor_step(const StrictTable& table) {
    TorStep step;
    step.stations = table.string_or("stations", step.stations);
    step.stations_layer = table.string_or("stations_layer", "");
    step.stations_where = table.string_or("stations_where", "");
    step.include_metro = table.boolean_or("include_metro", step.include_metro);
    step.brownfields = table.string("brownfields");
    step.brownfields_layer = table.string_or("brownfields_layer", "");
    step.brownfields_where = table.string_or("brownfields_where", "");
    step.rail = table.string_or("rail", "");
    step.comuni = table.string_or("comuni", "");
    TorOptions& a = step.analysis;
    a.radius_m = table.number_or("radius_m", a.radius_m);
    a.disc_quadrant_segments =
        static_cast<int>(table.number_or("disc_quadrant_segments", a.disc_quadrant_segments));
    if (auto w = table.optional_table("weights")) {
        a.weights.proximity = w->number_or("proximity", a.weights.proximity);
        a.weights.service = w->number_or("service", a.weights.service);
        a.weights.area = w->number_or("area", a.weights.area);
        a.weights.competitiveness = w->number_or("class", a.weights.competitiveness);
        w->reject_unknown_keys();
    }
    if (table.has("class_scores")) a.class_scores = table.number_map("class_scores");
    a.brownfield_id = table.string_or("id_field", a.brownfield_id);
    a.brownfield_name = table.string_or("name_field", a.brownfield_name);
    a.brownfield_class = table.string_or("class_field", a.brownfield_class);
    a.station_id = table.string_or("station_id_field", a.station_id);
    a.station_name = table.string_or("station_name_field", a.station_name);
    a.comune_name = table.string_or("comune_field", a.comune_name);
    a.zone_name = table.string_or("zone_field", a.zone_name);
    step.out = table.string_or("out", step.out);
    step.postgis = table.string_or("postgis", "");
    step.postgis_table = table.string_or("postgis_table", step.postgis_table);
    step.allow_ballpark = table.boolean_or("allow_ballpark", false);
    table.reject_unknown_keys();
    if (!(a.radius_m > 0))
        throw Error(ErrorContext{table.file(), {}, {}, {}},
                    "tor.radius_m must be a positive number of metres");
    if (a.disc_quadrant_segments < 16)
        throw Error(ErrorContext{table.file(), {}, {}, {}},
                    "tor.disc_quadrant_segments must be at least 16");
    return step;
}

namespace {

ReadOptions read_options(const std::string& layer, const std::string& where) {
    ReadOptions read;
    read.layer = layer;
    read.where = where;
    return read;
}

}  // namespace

TorStepReport run_tor_step(const TorStep& step, StepContext& context) {
    TorOptions options = step.analysis;
    // Fail before loading anything: a bad radius must not cost a minute of reading.
    if (!std::isfinite(options.radius_m) || options.radius_m <= 0)
        throw Error("the TOR radius must be a positive number of metres, not " +
                    std::to_string(options.radius_m));
    TorStepReport report;
    Progress& progress = context.progress();
    using Clock = std::chrono::steady_clock;
    auto seconds = [](Clock::time_point from) {
        return std::chrono::duration<double>(Clock::now() - from).count();
    };
    const auto read_start = Clock::now();

    progress.step("loading stations");
    const StepSource stations =
        step_stations(step.stations, step.include_metro,
                      read_options(step.stations_layer, step.stations_where), context);
    if (!stations.id_field.empty()) {
        options.station_id = stations.id_field;
        options.station_name = stations.name_field;
    }
    report.sources.push_back(stations.source_line);

    progress.step("loading brownfields");
    if (step.brownfields.empty()) throw Error("TOR needs brownfields (a source, or \"demo\")");
    const StepSource brownfield_source = step_brownfields(
        step.brownfields, read_options(step.brownfields_layer, step.brownfields_where), context);
    const Layer* brownfields = &brownfield_source.layer();
    const bool demo = is_demonstration(*brownfields);
    report.sources.push_back(brownfield_source.source_line);

    LoadedLayer rail;
    const Layer* rail_layer = nullptr;
    if (step.rail == "catalog") {
        progress.step("loading the rail graph");
        options.rail_from = context.catalog().spec().rail->from;
        options.rail_to = context.catalog().spec().rail->to;
        rail_layer = &context.rail().edges.layer;
    } else if (!step.rail.empty()) {
        rail = context.load(step.rail);
        rail_layer = &rail.layer;
    }

    LoadedLayer comuni;
    const Layer* comuni_layer = nullptr;
    if (step.comuni == "catalog") {
        comuni_layer = &context.comuni().layer;
        options.comune_name = context.catalog().spec().comuni.name;
        options.zone_name = catalog_fields::zone_name;
        report.sources.push_back("Comuni: ISTAT via Openpolis; zone omogenee: " +
                                 (context.catalog().spec().zones
                                      ? context.catalog().spec().zones->source
                                      : std::string("-")));
    } else if (!step.comuni.empty()) {
        comuni = context.load(step.comuni);
        comuni_layer = &comuni.layer;
    }

    report.read_s = seconds(read_start);
    progress.step("joining brownfields to stations");
    const auto analysis_start = Clock::now();
    report.result = run_tor({&stations.layer(), brownfields, rail_layer, comuni_layer}, options);
    report.analysis_s = seconds(analysis_start);
    const auto write_start = Clock::now();

    progress.step("writing TOR outputs");
    TorOutputOptions output;
    output.allow_ballpark = step.allow_ballpark;
    char weights[160];
    std::snprintf(weights, sizeof weights, "proximity %.3g, service %.3g, area %.3g, class %.3g",
                  options.weights.proximity, options.weights.service, options.weights.area,
                  options.weights.competitiveness);
    output.metadata["ATLANTE_STEP"] = "tor";
    output.metadata["TOR_RADIUS_M"] = std::to_string(options.radius_m);
    output.metadata["TOR_WEIGHTS"] = weights;
    output.metadata["TOR_DISTANCE"] =
        "planar, nearest part of the site, inclusive (d <= radius), " +
        stations.layer().crs()->label();
    std::string sources, notes;
    for (const auto& s : report.sources) sources += (sources.empty() ? "" : " | ") + s;
    for (const auto& n : report.result.notes) notes += (notes.empty() ? "" : "; ") + n;
    output.metadata["SOURCES"] = sources;
    if (!notes.empty()) output.metadata["NOTES"] = notes;
    report.files = write_tor_outputs(report.result, context.output_dir() / step.out, output);

    if (!step.postgis.empty()) {
        progress.step("writing the ranking to PostGIS");
        write_postgis(report.result.ranked, step.postgis, step.postgis_table);
        report.postgis_table = step.postgis_table;
    }
    report.write_s = seconds(write_start);
    // Later steps (maps) can draw what this run found.
    context.produced["tor:brownfields"] = report.result.ranked.clone();
    if (demo) {  // maps drawn from it must say so
        Layer& produced = context.produced["tor:brownfields"];
        const std::size_t field = produced.add_field({"source", FieldType::String, true});
        for (std::size_t i = 0; i < produced.size(); ++i)
            produced.column(field).set(i, std::string(kDemoSourceNote));
    }
    context.produced["tor:discs"] = report.result.discs.clone();
    context.produced["tor:stations"] = report.result.stations.clone();
    progress.clear();
    return report;
}

std::string describe_tor(const TorStep& step, const TorStepReport& report, std::size_t top) {
    const TorResult& r = report.result;
    std::string out = "TOR: " + std::to_string(r.ranked.size()) + " brownfields, " +
                      std::to_string(r.inside) + " within " +
                      format_italian(step.analysis.radius_m) + " m of " +
                      std::to_string(r.stations.size()) + " stations (" +
                      std::to_string(r.pairs.size()) + " brownfield-station pairs)\n";
    for (const auto& note : r.notes) out += "  note: " + note + "\n";
    char timing[128];
    std::snprintf(timing, sizeof timing,
                  "  time: read %.3f s, join and rank %.3f s, write %.3f s\n", report.read_s,
                  report.analysis_s, report.write_s);
    out += timing;
    for (const auto& source : report.sources) out += "  fonte: " + source + "\n";
    TextTable table(
        {"rank", "id", "comune", "nearest station", "distance m", "share within", "score"},
        {true, false, false, false, true, true, true});
    const Layer& ranked = r.ranked;
    for (std::size_t i = 0; i < ranked.size() && i < top && !ranked.column("rank").is_null(i); ++i)
        table.add({ranked.column("rank").text(i), ranked.column("id").text(i),
                   ranked.column("comune").text(i), ranked.column("nearest_station").text(i),
                   format_italian(ranked.column("distance_m").real(i)),
                   ranked.column("share_within").is_null(i)
                       ? ""
                       : format_italian(100 * ranked.column("share_within").real(i), 1) + "%",
                   format_italian(ranked.column("score").real(i), 3)});
    out += table.render();
    out += "  outputs:\n";
    for (const auto& f : report.files) out += "    " + f + "\n";
    if (!report.postgis_table.empty()) out += "    PostGIS table " + report.postgis_table + "\n";
    return out;
}

}  // namespace atlante
