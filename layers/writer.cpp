#include "layers/writer.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <filesystem>

#include "layers/ascii_case.hpp"
#include "layers/atomic_output.hpp"
#include "layers/gdal_handles.hpp"
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

void write_one(GDALDatasetH ds, const Layer& source, OutputFormat format,
               const WriteOptions& options, const std::string& shown_path) {
    // GeoJSON is EPSG:4326 longitude/latitude (RFC 7946).
    const Layer* layer = &source;
    Layer reprojected;
    if (format == OutputFormat::GeoJSON && source.has_geometry() && source.crs()) {
        const Crs wgs84 = Crs::from_user_input("EPSG:4326");
        if (!source.crs()->equivalent_to(wgs84)) {
            TransformOptions transform_options;
            transform_options.allow_ballpark = options.allow_ballpark;
            transform_options.area_of_interest = lonlat_bounds(*source.crs(), source.extent());
            const Transformation t =
                Transformation::create(*source.crs(), wgs84, transform_options);
            reprojected = source.clone();
            for (std::size_t i = 0; i < reprojected.size(); ++i)
                if (reprojected.geometry(i))
                    reprojected.set_geometry(i, t.apply(reprojected.geometry(i)));
            reprojected.set_crs(wgs84);
            layer = &reprojected;
        }
    }
    std::vector<std::string> creation;
    if (format == OutputFormat::GeoJSON) creation.emplace_back("RFC7946=YES");
    if (format == OutputFormat::Shapefile) creation.emplace_back("ENCODING=UTF-8");
    if (format == OutputFormat::CSV && options.csv_geometry == CsvGeometry::WKT)
        creation.emplace_back("GEOMETRY=AS_WKT");
    if (format == OutputFormat::CSV && options.csv_geometry == CsvGeometry::XY)
        creation.emplace_back("GEOMETRY=AS_XY");
    const bool write_geometry =
        !(format == OutputFormat::CSV && options.csv_geometry == CsvGeometry::None);
    write_ogr_layer(ds, *layer, layer->name(), creation, write_geometry, shown_path);
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
    const FormatTraits t = traits(format);
    AtomicOutput output(path);
    GDALDriverH driver = GDALGetDriverByName(t.driver);
    if (!driver)
        throw Error(ErrorContext{path, {}, {}, {}},
                    std::string("GDAL has no ") + t.driver + " driver");
    {
        gdal::ErrorCapture capture;
        gdal::DatasetPtr ds(
            GDALCreate(driver, output.temporary().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds)
            throw Error(ErrorContext{path, {}, {}, {}},
                        "cannot create output: " + capture.last_error());
        for (const auto& [key, value] : options.metadata)
            GDALSetMetadataItem(ds.get(), key.c_str(), value.c_str(), nullptr);
        for (const Layer* layer : layers) write_one(ds.get(), *layer, format, options, path);
        std::string error;
        if (!gdal::close(ds, error))
            throw Error(ErrorContext{path, {}, {}, {}}, "cannot finish output: " + error);
    }
    if (format == OutputFormat::GeoPackage) write_layer_styles(output.temporary(), options.styles);
    output.commit(t.sidecars);
}

void write_layer(const Layer& layer, const std::string& path, const WriteOptions& options) {
    write_layers({&layer}, path, options);
}

}  // namespace atlante
