#include "layers/writer.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <filesystem>

#include "layers/ascii_case.hpp"
#include "layers/atomic_output.hpp"
#include "layers/gdal_handles.hpp"
#include "layers/geojson_writer.hpp"
#include "layers/gpkg_rtree.hpp"
#include "layers/ogr_layer_writer.hpp"

namespace atlante {
namespace {

struct FormatTraits {
    const char* driver;
    std::vector<std::string> sidecars;  // files the driver writes beside the main one
};

FormatTraits traits(OutputFormat format) {
    switch (format) {
        case OutputFormat::GeoPackage:
            return {"GPKG", {}};
        case OutputFormat::GeoJSON:
            return {"GeoJSON", {}};
        case OutputFormat::FlatGeobuf:
            return {"FlatGeobuf", {}};
        case OutputFormat::CSV:
            return {"CSV", {}};
        case OutputFormat::Shapefile:
            return {"ESRI Shapefile", {".shx", ".dbf", ".prj", ".cpg"}};
    }
    return {"", {}};
}

// Returns the spatial index a GeoPackage layer still needs (built after GDAL closes the file:
// GDAL 3.6 inserts the entries one by one, which costs more than writing the features).
std::vector<RtreeEntry> write_one(GDALDatasetH ds, const Layer& layer, OutputFormat format,
                                  const WriteOptions& options, const std::string& shown_path) {
    std::vector<std::string> creation;
    const bool indexed = format == OutputFormat::GeoPackage && layer.has_geometry();
    if (indexed) creation.emplace_back("SPATIAL_INDEX=NO");
    if (format == OutputFormat::Shapefile) creation.emplace_back("ENCODING=UTF-8");
    if (format == OutputFormat::CSV && options.csv_geometry == CsvGeometry::WKT)
        creation.emplace_back("GEOMETRY=AS_WKT");
    if (format == OutputFormat::CSV && options.csv_geometry == CsvGeometry::XY)
        creation.emplace_back("GEOMETRY=AS_XY");
    const bool write_geometry =
        !(format == OutputFormat::CSV && options.csv_geometry == CsvGeometry::None);
    std::vector<std::int64_t> fids;
    write_ogr_layer(ds, layer, layer.name(), creation, write_geometry, shown_path,
                    indexed ? &fids : nullptr);
    std::vector<RtreeEntry> index;
    if (!indexed) return index;
    index.reserve(fids.size());
    for (std::size_t row = 0; row < layer.size(); ++row) {
        const Geometry& g = layer.geometry(row);
        if (!g || g.is_empty()) continue;
        index.push_back({fids[row], g.envelope()});
    }
    return index;
}

// The GeoPackage layers' spatial indexes, in one transaction once GDAL has closed the file.
void build_indexes(const std::string& file,
                   std::vector<std::pair<const Layer*, std::vector<RtreeEntry>>>& indexes) {
    sqlite::Database db(file);
    const ErrorContext where{file, {}, {}, {}};
    // The file is a temporary until it is renamed into place: no journal to keep.
    db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN", where);
    for (auto& [layer, entries] : indexes)
        if (layer->has_geometry()) build_gpkg_rtree(db, layer->name(), "geom", std::move(entries));
    db.exec("COMMIT", where);
}

}  // namespace

OutputFormat format_for_path(const std::string& path) {
    const std::string ext = ascii_lower(std::filesystem::path(path).extension().string());
    if (ext == ".gpkg") return OutputFormat::GeoPackage;
    if (ext == ".geojson" || ext == ".json") return OutputFormat::GeoJSON;
    if (ext == ".fgb") return OutputFormat::FlatGeobuf;
    if (ext == ".csv") return OutputFormat::CSV;
    if (ext == ".shp") return OutputFormat::Shapefile;
    throw Error(ErrorContext{path, {}, {}, {}},
                "unknown output format (use .gpkg, .geojson, .fgb, .csv or .shp)");
}

std::string to_string(OutputFormat format) { return traits(format).driver; }

void write_layers(const std::vector<const Layer*>& layers, const std::string& path,
                  const WriteOptions& options) {
    gdal::ensure_registered();
    const OutputFormat format = options.format.value_or(format_for_path(path));
    if (layers.size() != 1 && format != OutputFormat::GeoPackage)
        throw Error(ErrorContext{path, {}, {}, {}}, "only a GeoPackage can hold several layers");
    if (format == OutputFormat::GeoJSON) {
        write_geojson(*layers.front(), path, {options.allow_ballpark});
        return;
    }
    const FormatTraits t = traits(format);
    AtomicOutput output(path);
    GDALDriverH driver = GDALGetDriverByName(t.driver);
    if (!driver)
        throw Error(ErrorContext{path, {}, {}, {}},
                    std::string("GDAL has no ") + t.driver + " driver");
    std::vector<std::pair<const Layer*, std::vector<RtreeEntry>>> indexes;
    {
        gdal::ErrorCapture capture;
        gdal::DatasetPtr ds(
            GDALCreate(driver, output.temporary().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds)
            throw Error(ErrorContext{path, {}, {}, {}},
                        "cannot create output: " + capture.last_error());
        for (const auto& [key, value] : options.metadata)
            GDALSetMetadataItem(ds.get(), key.c_str(), value.c_str(), nullptr);
        for (const Layer* layer : layers)
            indexes.emplace_back(layer, write_one(ds.get(), *layer, format, options, path));
        std::string error;
        if (!gdal::close(ds, error))
            throw Error(ErrorContext{path, {}, {}, {}}, "cannot finish output: " + error);
    }
    if (format == OutputFormat::GeoPackage) build_indexes(output.temporary().string(), indexes);
    if (format == OutputFormat::GeoPackage) write_layer_styles(output.temporary(), options.styles);
    output.commit(t.sidecars);
}

void write_layer(const Layer& layer, const std::string& path, const WriteOptions& options) {
    write_layers({&layer}, path, options);
}

}  // namespace atlante
