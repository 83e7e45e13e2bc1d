#include "pipeline/step_context.hpp"

#include <algorithm>

#include "layers/gdal_handles.hpp"
#include "pipeline/report/column_titles.hpp"

namespace atlante {

StepContext::StepContext(RunSettings settings, ProgressSink& progress, const Project* project)
    : settings_(std::move(settings)),
      progress_(progress),
      project_(project),
      working_crs_(Crs::from_user_input("EPSG:32632")) {}

const Catalog& StepContext::catalog() {
    return catalog_.get("", [&] {
        Catalog catalog = Catalog::open_default(settings_.catalog_file, settings_.data_dir);
        if (!catalog.working_crs().equivalent_to(working_crs_))
            throw Error(ErrorContext{catalog.spec().file, {}, {}, {}},
                        "the catalogue's working CRS differs from the run's (" +
                            working_crs_.label() + ")");
        return catalog;
    });
}

const Catalog::Comuni& StepContext::comuni() {
    return comuni_.get("", [&] {
        progress_.step("loading comuni");
        return catalog().load_comuni();
    });
}

const LoadedLayer& StepContext::stations(std::optional<bool> include_metro) {
    const bool metro = include_metro.value_or(catalog().spec().stations &&
                                              catalog().spec().stations->include_metro);
    const LoadedLayer& all = stations_.get("with metro", [&] {
        progress_.step("loading stations");
        return catalog().load_stations(true);
    });
    if (metro) return all;
    // The rail-only stations are filtered from the same read.
    return stations_.get("without metro", [&] {
        std::vector<std::size_t> rail_only;
        const Column& is_metro = all.layer.column(catalog_fields::is_metro);
        for (std::size_t row = 0; row < all.layer.size(); ++row)
            if (is_metro.integer(row) == 0) rail_only.push_back(row);
        LoadedLayer filtered{all.layer.clone(), all.reprojection, all.validity};
        filtered.layer.keep_rows(rail_only);
        return filtered;
    });
}

const Catalog::Rail& StepContext::rail() {
    return rail_.get("", [&] {
        progress_.step("loading the rail graph");
        return catalog().load_rail();
    });
}

const Layer& StepContext::catalog_layer(const SourceRef& source) {
    const std::string& name = source.name;
    if (!source.where.empty()) {
        // A filtered catalogue layer is read apart (and kept under its filter).
        return layers_.get("catalog:" + name + " where " + source.where, [&] {
            if (name == "stations") return catalog().load_stations({}, source.where).layer;
            if (name == "hospitals") return catalog().load_hospitals(source.where).layer;
            if (name == "roads") return catalog().load_road_edges(source.where).layer;
            throw Error("catalog:" + name + " cannot be filtered (where): only stations, " +
                        "hospitals and roads are read from a file as they are");
        });
    }
    if (name == "comuni") return comuni().layer;
    if (name == "stations") return stations().layer;
    if (name == "rail") return rail().edges.layer;
    return layers_.get("catalog:" + name, [&]() -> Layer {
        if (name == "zones") return catalog().zones(comuni().layer).layer;
        if (name == "bands") return catalog().bands(comuni().layer).layer;
        if (name == "outline") return catalog().outline(comuni().layer).layer;
        if (const CatalogSpec::Level* level = catalog().spec().level(name))
            return catalog().level(comuni().layer, *level).layer;
        if (name == "hospitals") return catalog().load_hospitals().layer;
        if (name == "roads") return catalog().load_road_edges().layer;
        throw Error("unknown catalogue layer 'catalog:" + name + "'");
    });
}

const Layer& StepContext::layer(const SourceRef& source) {
    switch (source.kind) {
        case SourceRef::Kind::Catalog:
            return catalog_layer(source);
        case SourceRef::Kind::StepOutput: {
            const Layer* layer = published(source.step, source.name);
            if (!layer)
                throw Error("'" + source.text() + "': the " + source.step +
                            " step has not made it in this run");
            return *layer;
        }
        case SourceRef::Kind::Demo: {
            const Layer* layer = published("demo_brownfields", "sites");
            if (!layer) throw Error("'demo': no demonstration layer was made in this run");
            return *layer;
        }
        case SourceRef::Kind::File:
        case SourceRef::Kind::Database: {
            std::string key = resolve(source.path);
            for (const SourceReadKey& k : source_read_keys()) key += "\n" + source.reading(k.key);
            return layers_.get(key, [&] { return load(source).layer; });
        }
        case SourceRef::Kind::None:
            break;
    }
    throw Error("no source given");
}

LoadedLayer StepContext::load(const SourceRef& source, bool repair, const std::string& id_field,
                              bool need_geometry) {
    if (!source.reads_data()) throw Error("'" + source.text() + "' is not a file or a PG: source");
    LoadOptions options;
    options.read = source.read_options();
    options.read.id_field = id_field;
    options.read.need_geometry = need_geometry;
    options.repair = repair;
    return load_layer(resolve(source.path), working_crs_, options);
}

std::string StepContext::resolve(const std::string& path) const {
    if (gdal::is_database(path) || std::filesystem::path(path).is_absolute()) return path;
    return (settings_.base_dir / path).lexically_normal().string();
}

OutputSet StepContext::output_set(const std::string& step_crs) const {
    OutputSet outputs;
    const std::string& crs = step_crs.empty() ? settings_.output_crs : step_crs;
    if (!crs.empty()) outputs.crs = Crs::from_user_input(crs);
    outputs.csv_dialect = csv_dialect(settings_.csv_dialect);
    outputs.column_titles = column_titles();
    return outputs;
}

void StepContext::publish(const std::string& step, const std::string& output, Layer layer) {
    const std::lock_guard lock(published_mutex_);
    // Once per key: later steps hold references to what was published.
    if (!published_.try_emplace(step + ":" + output, std::move(layer)).second)
        throw std::logic_error(step + ":" + output + " published twice");
}

const Layer* StepContext::published(const std::string& step, const std::string& output) const {
    const std::lock_guard lock(published_mutex_);
    const auto it = published_.find(step + ":" + output);
    return it == published_.end() ? nullptr : &it->second;
}

}  // namespace atlante
