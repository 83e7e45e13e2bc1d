// Writing a layer into a PostGIS table through OGR's PostgreSQL driver. The rows go into a
// temporary table first; one transaction then replaces the target table with it, so readers
// never see a half-written table and a failure leaves the earlier table as it was.
#pragma once

#include <string>

#include "layers/layer.hpp"
#include "layers/postgis_session.hpp"

namespace atlante {

// `connection` is an OGR PostgreSQL connection string ("PG:dbname=plan host=127.0.0.1 ...");
// `table` may be schema-qualified ("tor.ranking").
void write_postgis(const Layer& layer, const std::string& connection, const std::string& table);
// The same on a session already open (several tables on one connection).
void write_postgis(const Layer& layer, PostgisSession& session, const std::string& table);

}  // namespace atlante
