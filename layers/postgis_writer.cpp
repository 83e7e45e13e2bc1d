#include "layers/postgis_writer.hpp"

#include <optional>

#include "layers/ogr_layer_writer.hpp"
#include "layers/sql_quote.hpp"

namespace atlante {

void write_postgis(const Layer& layer, PostgisSession& session, const std::string& table) {
    const ErrorContext here{session.shown(), table, {}, {}};
    if (table.empty() || table.find('"') != std::string::npos) throw Error(here, "bad table name");
    const std::string temporary = table + "__atlante_tmp";
    write_ogr_layer(session.dataset(), layer, temporary,
                    {"OVERWRITE=YES", "GEOMETRY_NAME=geom", "FID=fid", "LAUNDER=NO"}, true,
                    session.shown());
    // ALTER ... RENAME TO takes a bare name; indexes keep the temporary table's names unless
    // renamed too (GDAL names them <table>_pkey and <table>_geom_geom_idx), and a later run
    // would then collide with them.
    const std::size_t dot = table.rfind('.');
    const std::string schema = dot == std::string::npos ? "" : table.substr(0, dot + 1);
    const std::string short_name = table.substr(dot == std::string::npos ? 0 : dot + 1);
    const std::string short_temporary = short_name + "__atlante_tmp";
    std::string sql = "BEGIN; DROP TABLE IF EXISTS " + sql::qualified_identifier(table) +
                      "; ALTER TABLE " + sql::qualified_identifier(temporary) + " RENAME TO " +
                      sql::identifier(short_name) + ";";
    for (const char* suffix : {"_pkey", "_geom_geom_idx"})
        sql += " ALTER INDEX IF EXISTS " +
               sql::qualified_identifier(schema + short_temporary + suffix) + " RENAME TO " +
               sql::identifier(short_name + suffix) + ";";
    sql += " COMMIT;";
    try {
        session.execute(sql, "cannot replace the table");
    } catch (const Error& e) {
        throw Error(here, e.message());
    }
}

void write_postgis(const Layer& layer, const std::string& connection, const std::string& table) {
    // Errors of the connection name the table too.
    const auto naming_the_table = [&](const Error& e) {
        return Error(ErrorContext{gdal::redact(connection), table, {}, {}}, e.message());
    };
    std::optional<PostgisSession> session;
    try {
        session.emplace(connection);
    } catch (const Error& e) {
        throw naming_the_table(e);
    }
    write_postgis(layer, *session, table);
    try {
        session->close("cannot finish writing");
    } catch (const Error& e) {
        throw naming_the_table(e);
    }
}

}  // namespace atlante
