#include "pipeline/pushdown/pushdown.hpp"

#include <cctype>

#include "layers/load.hpp"
#include "layers/postgis_session.hpp"
#include "layers/postgis_writer.hpp"
#include "layers/sql_quote.hpp"

namespace atlante {

void EngineChoice::declare(OptionSet& o) {
    o.choice("engine", engine, {"local", "postgis"},
             "local: atlante's own engine; postgis: the same analysis run in the database of "
             "`database`, its result read back into the same outputs");
    o.text("database", database, "engine = \"postgis\": the PG: connection")
        .for_example("PG:dbname=piano host=127.0.0.1");
}

void EngineChoice::check(const OptionOrigin& origin) const {
    if (postgis() && database.rfind("PG:", 0) != 0)
        origin.fail("database", "engine = \"postgis\" needs database = \"PG:…\" (a connection)");
}

std::string pushdown_table(const std::string& step, const std::string& part) {
    std::string out = "atlante_" + step + "_" + part;
    for (char& c : out) {
        const auto u = static_cast<unsigned char>(c);
        c = std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '_';
    }
    return out;
}

Layer run_pushdown(const std::string& connection, const std::vector<PushdownInput>& inputs,
                   const std::string& sql, const std::string& result_table, const Crs& working_crs,
                   const std::string& what) {
    PostgisSession session(connection);  // one connection for the inputs and the statement
    for (const PushdownInput& input : inputs) write_postgis(*input.layer, session, input.table);
    std::string drop;
    for (const PushdownInput& input : inputs)
        drop += "DROP TABLE IF EXISTS " + sql::identifier(input.table) + ";";
    try {
        session.execute(sql, what);
    } catch (...) {
        session.execute(drop, "removing the push-down's input tables");
        throw;
    }
    LoadOptions options;
    options.read.layer = result_table;
    options.repair = false;
    LoadedLayer result = load_layer(connection, working_crs, options);
    session.execute(drop + "DROP TABLE IF EXISTS " + sql::identifier(result_table) + ";",
                    "removing the push-down's tables");
    return std::move(result.layer);
}

}  // namespace atlante
