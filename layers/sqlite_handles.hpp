// RAII for SQLite, for the writers that fill a GeoPackage GDAL has laid out (its features in
// bulk, its spatial index): one connection, statements finalised however a write ends.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

#include "layers/error.hpp"

namespace atlante::sqlite {

struct StatementFinalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

class Database {
  public:
    // Opens an existing file for writing; errors name `path`.
    explicit Database(const std::string& path);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    sqlite3* get() const { return db_; }
    void exec(const std::string& sql, const ErrorContext& where);
    Statement prepare(const std::string& sql, const ErrorContext& where);
    // Runs a statement that returns no row, then resets it for the next bindings.
    void step(sqlite3_stmt* statement, const ErrorContext& where);
    [[noreturn]] void fail(const ErrorContext& where, const std::string& what) const;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    sqlite3* db_ = nullptr;
};

}  // namespace atlante::sqlite
