// Quoting for the SQL atlante writes itself (SQLite for GeoPackages, PostgreSQL for the
// push-down): both follow the standard, quotes doubled inside.
#pragma once

#include <string>

namespace atlante::sql {

// "name", for a table or column.
std::string identifier(const std::string& name);
// "schema"."table" for "schema.table" (each part quoted).
std::string qualified_identifier(const std::string& name);
// 'text'.
std::string literal(const std::string& text);

}  // namespace atlante::sql
