// A connection to a PostGIS server that runs SQL, through OGR's PostgreSQL driver (atlante
// needs no client library of its own): the push-down writes its inputs with write_postgis,
// runs one statement per step here, and reads the result table back as any PG: source.
#pragma once

#include <string>

#include "layers/gdal_handles.hpp"

namespace atlante {

class PostgisSession {
  public:
    // `connection`: "PG:dbname=plan host=…"; throws naming it (password redacted) if it fails.
    explicit PostgisSession(std::string connection);
    PostgisSession(const PostgisSession&) = delete;
    PostgisSession& operator=(const PostgisSession&) = delete;

    // Runs `sql` (one or more statements); an error names `what` and the server's message.
    void execute(const std::string& sql, const std::string& what);
    const std::string& connection() const { return connection_; }
    // The connection as messages show it (password redacted).
    std::string shown() const { return gdal::redact(connection_); }
    // The OGR dataset, for writing layers into it.
    GDALDatasetH dataset() const { return dataset_.get(); }
    // Closes the connection, reporting what the driver could not finish; `what` names it.
    void close(const std::string& what);

  private:
    std::string connection_;
    gdal::DatasetPtr dataset_;
};

}  // namespace atlante
