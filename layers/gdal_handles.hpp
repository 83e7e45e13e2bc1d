// RAII owners for GDAL/OGR handles, and a scope that captures GDAL's error messages instead of
// letting GDAL print them. The only place that registers GDAL's drivers.
#pragma once

#include <memory>
#include <string>
#include <type_traits>

#include <gdal.h>
#include <ogr_api.h>

namespace atlante::gdal {

void ensure_registered();

struct DatasetDeleter {
    void operator()(GDALDatasetH ds) const;
};
using DatasetPtr = std::unique_ptr<std::remove_pointer_t<GDALDatasetH>, DatasetDeleter>;

struct FeatureDeleter {
    void operator()(OGRFeatureH f) const;
};
using FeaturePtr = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDeleter>;

struct GeometryDeleter {
    void operator()(OGRGeometryH g) const;
};
using GeometryPtr = std::unique_ptr<std::remove_pointer_t<OGRGeometryH>, GeometryDeleter>;

// While alive, GDAL errors are recorded here and not printed.
class ErrorCapture {
  public:
    ErrorCapture();
    ~ErrorCapture();
    ErrorCapture(const ErrorCapture&) = delete;
    ErrorCapture& operator=(const ErrorCapture&) = delete;
    // The last error GDAL reported in this scope ("" if none).
    std::string last_error() const;
};

// Closes a dataset and reports whether GDAL flushed it without error.
bool close(DatasetPtr& dataset, std::string& error);

// A connection string with any password removed, safe to print.
std::string redact(const std::string& source);
bool is_database(const std::string& source);

}  // namespace atlante::gdal
