#include "pipeline/pushdown/dissolve_sql.hpp"

#include "layers/sql_quote.hpp"

namespace atlante {

using sql::identifier;
using sql::literal;

std::string dissolve_sql(const DissolveQuery& q) {
    const std::string key = identifier(q.key);
    const std::string label =
        q.name.empty() ? key + "::text" : "min(" + identifier(q.name) + "::text)";
    // Inner: one row per group; outer: the local engine's columns in its order.
    std::string inner = key + ", coalesce(" + label + ", " + literal(q.unassigned_label) +
                        ") AS label, count(*)::integer AS n_features";
    std::string outer = key + ", label, n_features, ST_Area(geom) / 1e6 AS area_km2";
    for (const std::string& s : q.sums) {
        const std::string f = identifier(s), nulls = identifier(s + "_nulls");
        inner +=
            ", sum(" + f + ") AS " + f + ", (count(*) - count(" + f + "))::integer AS " + nulls;
        outer += ", " + f + ", " + nulls;
    }
    std::vector<std::string> shared;
    if (!q.name.empty()) shared.push_back(q.name);
    shared.insert(shared.end(), q.fields.begin(), q.fields.end());
    for (const std::string& s : shared) {
        inner += ", min(" + identifier(s) + ") AS " + identifier(s);
        outer += ", " + identifier(s);
    }
    inner += ", sum(ST_Area(geom)) / 1e6 AS members_area_km2, ST_Union(geom) AS geom";
    outer +=
        ", members_area_km2, (ST_Area(geom) / 1e6 - members_area_km2) / "
        "nullif(members_area_km2, 0) AS area_difference, geom";
    // Codes that are numbers sort as numbers ("2" before "10"), as the local engine sorts them.
    const std::string order = key + " IS NULL, CASE WHEN " + key +
                              "::text ~ '^[0-9]+(\\.[0-9]+)?$' THEN " + key +
                              "::text::numeric END, " + key + "::text";
    const std::string out = identifier(q.output);
    return "DROP TABLE IF EXISTS " + out + ";\nCREATE TABLE " + out + " AS\nSELECT " + outer +
           "\nFROM (SELECT " + inner + "\n      FROM " + identifier(q.input) + "\n      GROUP BY " +
           key + ") g\nORDER BY " + order + ";\n";
}

}  // namespace atlante
