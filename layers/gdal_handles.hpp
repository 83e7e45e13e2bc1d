// RAII owners for GDAL/OGR handles, and a scope that captures GDAL's error messages instead of
// letting GDAL print them. The only place that registers GDAL's drivers.
#pragma once

#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include <cpl_error.h>
#include <cpl_vsi.h>

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

struct VsiFileDeleter {
    void operator()(VSILFILE* f) const;
};
// A file of GDAL's virtual file layer (plain paths, /vsimem/, /vsizip/ …).
using VsiFilePtr = std::unique_ptr<VSILFILE, VsiFileDeleter>;

// While alive, GDAL's messages (errors and warnings) are recorded here and not printed.
class ErrorCapture {
  public:
    struct Message {
        int level = 0;  // CPLErr: 2 warning, 3 failure, 4 fatal
        std::string text;
    };
    ErrorCapture();
    ~ErrorCapture();
    ErrorCapture(const ErrorCapture&) = delete;
    ErrorCapture& operator=(const ErrorCapture&) = delete;
    // The last error GDAL reported in this scope ("" if none).
    std::string last_error() const;
    // The first failure (CE_Failure or worse) since `from` messages, "" if none.
    std::string first_failure(std::size_t from = 0) const;
    const std::vector<Message>& messages() const { return messages_; }

  private:
    static void record(CPLErr level, CPLErrorNum number, const char* text);
    std::vector<Message> messages_;
};

// Closes a dataset and reports whether GDAL flushed it without error.
bool close(DatasetPtr& dataset, std::string& error);

// A connection string with any password removed, safe to print.
std::string redact(const std::string& source);
bool is_database(const std::string& source);

}  // namespace atlante::gdal
