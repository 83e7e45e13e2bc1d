#include "layers/gdal_handles.hpp"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#include <mutex>
#include <regex>

namespace atlante::gdal {

void ensure_registered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

void DatasetDeleter::operator()(GDALDatasetH ds) const { GDALClose(ds); }
void FeatureDeleter::operator()(OGRFeatureH f) const { OGR_F_Destroy(f); }
void GeometryDeleter::operator()(OGRGeometryH g) const { OGR_G_DestroyGeometry(g); }
void VsiFileDeleter::operator()(VSILFILE* f) const { VSIFCloseL(f); }

ErrorCapture::ErrorCapture() {
    CPLPushErrorHandlerEx(&ErrorCapture::record, this);
    CPLErrorReset();
}

ErrorCapture::~ErrorCapture() { CPLPopErrorHandler(); }

void ErrorCapture::record(CPLErr level, CPLErrorNum, const char* text) {
    // GDAL's handler stack is per thread, so the capture on top is this thread's own.
    auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData());
    if (self && level >= CE_Warning) self->messages_.push_back({level, text ? text : ""});
}

std::string ErrorCapture::last_error() const {
    const char* message = CPLGetLastErrorMsg();
    return message ? message : "";
}

std::string ErrorCapture::first_failure(std::size_t from) const {
    for (std::size_t i = from; i < messages_.size(); ++i)
        if (messages_[i].level >= CE_Failure) return messages_[i].text;
    return "";
}

bool close(DatasetPtr& dataset, std::string& error) {
    ErrorCapture capture;
    // GDALClose returns void in 3.6; a flush failure shows up as a CPL error.
    dataset.reset();
    error = CPLGetLastErrorType() >= CE_Failure ? capture.last_error() : "";
    return error.empty();
}

std::string redact(const std::string& source) {
    static const std::regex password(R"(password\s*=\s*('[^']*'|\S+))", std::regex::icase);
    return std::regex_replace(source, password, "password=***");
}

bool is_database(const std::string& source) {
    return source.rfind("PG:", 0) == 0 || source.rfind("pg:", 0) == 0 ||
           source.rfind("postgresql://", 0) == 0;
}

}  // namespace atlante::gdal
