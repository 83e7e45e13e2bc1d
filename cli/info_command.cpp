#include "cli/info_command.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "layers/reproject.hpp"
#include "pipeline/progress_sink.hpp"
#include "pipeline/report/text_table.hpp"
#include "render/format/number_format.hpp"

namespace atlante {
namespace {

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string extent_text(const Envelope& e, bool geographic) {
    if (e.empty) return "(empty)";
    const int d = geographic ? 6 : 1;
    return fixed(e.min_x, d) + ", " + fixed(e.min_y, d) + " : " + fixed(e.max_x, d) + ", " +
           fixed(e.max_y, d);
}

std::string describe_layer(const std::string& source, const std::string& layer_name,
                           const SourceInfoOptions& options) {
    ReadOptions read = options.read;
    read.layer = layer_name;
    Layer layer = read_layer(source, read);

    std::string out = "Layer " + layer.name() + "\n";
    out += "  Features:           " + std::to_string(layer.size()) +
           (options.read.where.empty() ? "" : " (where " + options.read.where + ")") + "\n";
    if (layer.has_geometry()) {
        std::map<std::string, std::size_t> types;
        for (std::size_t i = 0; i < layer.size(); ++i) ++types[layer.geometry(i).type_name()];
        std::string type_text;
        for (const auto& [name, n] : types)
            type_text += (type_text.empty() ? "" : ", ") + name + " " + std::to_string(n);
        out += "  Geometry types:     " + type_text + "\n";
        out += "  CRS:                " + layer.crs()->label() + "\n";
        out +=
            "  Extent (source):    " + extent_text(layer.extent(), layer.crs()->is_geographic()) +
            "\n";
        const ValidityReport validity = check_geometries(layer);
        out +=
            "  No geometry:        " + std::to_string(validity.count(GeometryIssue::Kind::Null)) +
            " null, " + std::to_string(validity.count(GeometryIssue::Kind::Empty)) + " empty\n";
        out += "  Invalid geometries: " +
               std::to_string(validity.count(GeometryIssue::Kind::Invalid)) + "\n";
        for (const GeometryIssue& issue : validity.issues) {
            if (issue.kind != GeometryIssue::Kind::Invalid) continue;
            out += "    feature " + std::to_string(issue.feature) + ": " + issue.reason;
            if (issue.location)
                out += " at " + fixed(issue.location->first, 6) + ", " +
                       fixed(issue.location->second, 6);
            out += "\n";
        }
        const Crs working = Crs::from_user_input(options.working_crs);
        TransformOptions transform;
        transform.allow_ballpark = options.allow_ballpark;
        const OperationInfo op = reproject(layer, working, transform);
        out += "  Extent (" +
               (working.epsg() ? "EPSG:" + std::to_string(*working.epsg()) : working.name()) +
               "): " + extent_text(layer.extent(), working.is_geographic()) + "\n";
        out += "  Operation:          " +
               (op.name.empty() ? std::string("none (already in the working CRS)") : op.summary()) +
               "\n";
    } else {
        out += "  Geometry:           none (attribute table)\n";
    }
    TextTable fields({"field", "type", "nulls"}, {false, false, true});
    for (std::size_t i = 0; i < layer.fields().size(); ++i)
        fields.add({layer.fields()[i].name, to_string(layer.fields()[i].type),
                    std::to_string(layer.column(i).null_count())});
    out += "  Fields (" + std::to_string(layer.fields().size()) + "):\n" + fields.render("    ");
    return out;
}

double population_of(const Layer& layer, const std::string& field, std::size_t row) {
    return field.empty() ? NAN : layer.column(field).number(row).value_or(NAN);
}

}  // namespace

std::string describe_source(const SourceInfoOptions& options) {
    const SourceLayers layers = list_layers(options.source);
    std::string out = "Source: " + options.source + "\nDriver: " + layers.driver +
                      "\nLayers: " + std::to_string(layers.layers.size()) + "\n\n";
    if (!options.layer.empty()) return out + describe_layer(options.source, options.layer, options);
    for (std::size_t i = 0; i < layers.layers.size(); ++i)
        out += (i ? "\n" : "") + describe_layer(options.source, layers.layers[i], options);
    return out;
}

std::string describe_catalog(const Catalog& catalog, ProgressSink& progress) {
    const CatalogSpec& spec = catalog.spec();
    std::string out = "Catalogue:   " + spec.name + " (" + spec.file + ")\n";
    out += "Data:        " + catalog.data_dir().string() + "\n";
    out += "Working CRS: " + catalog.working_crs().label() + "\n\n";

    progress.step("loading comuni");
    const Catalog::Comuni comuni = catalog.load_comuni();
    const Layer& c = comuni.layer;
    double comuni_area = 0;
    for (std::size_t i = 0; i < c.size(); ++i) comuni_area += c.geometry(i).area();
    out += "Comuni: " + std::to_string(c.size()) + " (" + spec.comuni.source + ")\n";
    out += "  reprojected " + comuni.reprojection.summary() + "\n";
    out += "  geometries: " + comuni.validity.summary() + "\n";
    if (comuni.attributes)
        out += "  attributes: " + std::to_string(comuni.attributes->matched) + " of " +
               std::to_string(c.size()) + " joined from " + spec.comuni.attributes->source + "\n";
    out += "  area: " + format_italian(comuni_area / 1e6, 1) + " km²\n";
    const std::string population_field = spec.bands ? spec.bands->population : "";
    if (!population_field.empty() && c.field_index(population_field)) {
        double total = 0;
        for (std::size_t i = 0; i < c.size(); ++i)
            total += c.column(population_field).number(i).value_or(0);
        out += "  population (" + population_field + "): " + format_italian(total) + "\n";
    }

    progress.step("dissolving the province outline");
    const DissolveResult outline = catalog.outline(c);
    const Geometry& province = outline.layer.geometry(0);
    out += "\nProvince outline: " + province.type_name() + " with " +
           std::to_string(province.num_geometries()) + " part(s), " +
           format_italian(province.area() / 1e6, 1) + " km²" +
           (outline.groups[0].coverage ? ""
                                       : " (comuni are not a clean coverage: general union used)") +
           "\n";

    if (spec.zones) {
        progress.step("dissolving zone omogenee");
        const DissolveResult zones = catalog.zones(c);
        const Layer& z = zones.layer;
        out += "\nZone omogenee: " + std::to_string(z.size() - (zones.unassigned.empty() ? 0 : 1)) +
               " (" + spec.zones->source + ")\n";
        TextTable table({"zona", "nome", "comuni", "derived", "population", "area km²"},
                        {true, false, true, true, true, true});
        for (std::size_t i = 0; i < z.size(); ++i)
            table.add({z.column(catalog_fields::zone_number).text(i),
                       z.column(catalog_fields::zone_name).text(i), z.column("n_features").text(i),
                       z.column("n_derived").text(i),
                       population_field.empty()
                           ? ""
                           : format_italian(population_of(z, population_field, i)),
                       format_italian(z.column("area_km2").real(i), 1)});
        out += table.render();
        out += "  derived = membership derived, not read from an official list (" +
               spec.zones->confidence + " != " + spec.zones->confident_value + ")\n";
        if (!comuni.without_zone.empty())
            out += "  " + std::to_string(comuni.without_zone.size()) +
                   " comuni without a zone, grouped as '" + DissolveOptions{}.unassigned_label +
                   "'\n";
    }

    if (spec.bands) {
        progress.step("dissolving altimetric bands");
        const DissolveResult bands = catalog.bands(c);
        const Layer& b = bands.layer;
        out += "\nAltimetric bands (ISTAT zona altimetrica, field " + spec.bands->field + "):\n";
        TextTable table({"band", "comuni", "population", "area km²", "share of area"},
                        {false, true, true, true, true});
        double band_area = 0;
        for (std::size_t i = 0; i < b.size(); ++i) {
            const double area = b.geometry(i).area();
            band_area += area;
            table.add({b.column("label").text(i), b.column("n_features").text(i),
                       format_italian(population_of(b, population_field, i)),
                       format_italian(area / 1e6, 1),
                       format_italian(100 * area / comuni_area, 1) + "%"});
        }
        out += table.render();
        char diff[64];
        std::snprintf(diff, sizeof diff, "%.1e", std::abs(band_area - comuni_area) / comuni_area);
        out += "  bands' area sum vs comuni area: relative difference " + std::string(diff) + "\n";
    }

    if (spec.stations) {
        progress.step("loading stations");
        const LoadedLayer stations = catalog.load_stations();
        std::size_t inside = 0;
        for (std::size_t i = 0; i < stations.layer.size(); ++i)
            if (province.covers(stations.layer.geometry(i))) ++inside;
        out += "\nStations: " + std::to_string(stations.layer.size()) + " (railway " +
               [&] {
                   std::string k;
                   for (const auto& kind : spec.stations->kinds) k += (k.empty() ? "" : "/") + kind;
                   return k;
               }() +
               (spec.stations->include_metro ? ", metro included" : ", metro excluded") + "), " +
               std::to_string(inside) + " inside the province\n";
    }
    if (spec.rail) {
        progress.step("loading the rail graph");
        const Catalog::Rail rail = catalog.load_rail();
        double km = 0;
        if (!spec.rail->length_km.empty())
            for (std::size_t i = 0; i < rail.edges.layer.size(); ++i)
                km += rail.edges.layer.column(spec.rail->length_km).number(i).value_or(0);
        out += "Rail graph: " + std::to_string(rail.deduplication.kept) + " edges (" +
               std::to_string(rail.deduplication.dropped.size()) +
               " duplicate or reversed removed), " + format_italian(km, 1) +
               " km station to station\n";
    }
    if (spec.hospitals) {
        progress.step("loading hospitals");
        const LoadedLayer hospitals = catalog.load_hospitals();
        std::size_t inside = 0;
        double beds = 0;
        for (std::size_t i = 0; i < hospitals.layer.size(); ++i) {
            if (province.covers(hospitals.layer.geometry(i))) ++inside;
            if (!spec.hospitals->beds.empty())
                beds += hospitals.layer.column(spec.hospitals->beds).number(i).value_or(0);
        }
        out += "Hospitals: " + std::to_string(hospitals.layer.size()) + " (" +
               std::to_string(inside) + " inside the province), " + format_italian(beds) +
               " beds\n";
    }
    if (spec.roads) {
        progress.step("loading the Torino road graph");
        const Catalog::Roads roads = catalog.load_roads();
        double length = 0;
        for (std::size_t i = 0; i < roads.edges.layer.size(); ++i)
            length += roads.edges.layer.geometry(i).length();
        out += "Roads (city of Torino): " +
               format_italian(static_cast<double>(roads.edges.layer.size())) + " edges, " +
               format_italian(length / 1000, 1) + " km, " +
               format_italian(static_cast<double>(roads.nodes.layer.size())) + " nodes\n";
    }
    progress.clear();
    return out;
}

}  // namespace atlante
