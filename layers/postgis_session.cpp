#include "layers/postgis_session.hpp"

#include <gdal.h>

#include "layers/error.hpp"

namespace atlante {

PostgisSession::PostgisSession(std::string connection) : connection_(std::move(connection)) {
    gdal::ensure_registered();
    gdal::ErrorCapture capture;
    const char* drivers[] = {"PostgreSQL", nullptr};
    dataset_.reset(GDALOpenEx(connection_.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers,
                              nullptr, nullptr));
    if (!dataset_)
        throw Error(ErrorContext{shown(), {}, {}, {}},
                    "cannot connect to PostGIS: " + capture.last_error());
}

void PostgisSession::execute(const std::string& sql, const std::string& what) {
    gdal::ErrorCapture capture;
    CPLErrorReset();
    OGRLayerH result = GDALDatasetExecuteSQL(dataset_.get(), sql.c_str(), nullptr, nullptr);
    if (result) GDALDatasetReleaseResultSet(dataset_.get(), result);
    if (CPLGetLastErrorType() >= CE_Failure)
        throw Error(ErrorContext{shown(), {}, {}, {}}, what + ": " + capture.last_error());
}

void PostgisSession::close(const std::string& what) {
    std::string error;
    if (!gdal::close(dataset_, error))
        throw Error(ErrorContext{shown(), {}, {}, {}}, what + ": " + error);
}

}  // namespace atlante
