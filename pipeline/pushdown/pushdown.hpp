// Where a step's analysis runs: here (the local engine) or pushed down to a PostGIS server
// (engine = "postgis", database = "PG:…"): atlante writes the step's inputs into the database,
// runs one generated statement there and reads the result back into the same outputs.
#pragma once

#include <string>
#include <vector>

#include "layers/layer.hpp"
#include "pipeline/options/option_origin.hpp"
#include "pipeline/options/option_set.hpp"

namespace atlante {

struct EngineChoice {
    std::string engine = "local";  // or "postgis"
    std::string database;          // "PG:…" for postgis
    void declare(OptionSet& options);
    // postgis needs a PG: connection; throws through `origin`.
    void check(const OptionOrigin& origin) const;
    bool postgis() const { return engine == "postgis"; }
};

// An input the statement reads, uploaded as table `table` (replaced whole).
struct PushdownInput {
    const Layer* layer = nullptr;
    std::string table;
};

// Uploads the inputs, runs `sql` (which creates `result_table`), reads that table back in
// `working_crs` and drops the tables it made.
Layer run_pushdown(const std::string& connection, const std::vector<PushdownInput>& inputs,
                   const std::string& sql, const std::string& result_table, const Crs& working_crs,
                   const std::string& what);

// The table names a step's push-down uses: atlante_<step>_<part>, letters, digits and '_'.
std::string pushdown_table(const std::string& step, const std::string& part);

}  // namespace atlante
