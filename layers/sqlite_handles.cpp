#include "layers/sqlite_handles.hpp"

namespace atlante::sqlite {

Database::Database(const std::string& path) : path_(path) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr);
    if (rc != SQLITE_OK) fail(ErrorContext{path, {}, {}, {}}, "cannot open the GeoPackage");
}

Database::~Database() { sqlite3_close(db_); }

void Database::exec(const std::string& sql, const ErrorContext& where) {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        fail(where, "cannot write the GeoPackage");
}

Statement Database::prepare(const std::string& sql, const ErrorContext& where) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
        fail(where, "cannot write the GeoPackage");
    return Statement(s);
}

void Database::step(sqlite3_stmt* statement, const ErrorContext& where) {
    const int rc = sqlite3_step(statement);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) fail(where, "cannot write the GeoPackage");
    sqlite3_reset(statement);
}

void Database::fail(const ErrorContext& where, const std::string& what) const {
    throw Error(where, what + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory"));
}

}  // namespace atlante::sqlite
