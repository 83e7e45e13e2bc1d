#include "pipeline/pushdown/dissolve_sql.hpp"

#include "layers/postgis_session.hpp"

namespace atlante {
namespace {

std::string literal(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

}  // namespace

std::string dissolve_sql(const DissolveQuery& q) {
    const std::string key = pg_identifier(q.key);
    const std::string label =
        q.name.empty() ? key + "::text" : "min(" + pg_identifier(q.name) + "::text)";
    // Inner: one row per group; outer: the local engine's columns in its order.
    std::string inner = key + ", coalesce(" + label + ", " + literal(q.unassigned_label) +
                        ") AS label, count(*)::integer AS n_features";
    std::string outer = key + ", label, n_features, ST_Area(geom) / 1e6 AS area_km2";
    for (const std::string& s : q.sums) {
        const std::string f = pg_identifier(s), nulls = pg_identifier(s + "_nulls");
        inner +=
            ", sum(" + f + ") AS " + f + ", (count(*) - count(" + f + "))::integer AS " + nulls;
        outer += ", " + f + ", " + nulls;
    }
    std::vector<std::string> shared;
    if (!q.name.empty()) shared.push_back(q.name);
    shared.insert(shared.end(), q.fields.begin(), q.fields.end());
    for (const std::string& s : shared) {
        inner += ", min(" + pg_identifier(s) + ") AS " + pg_identifier(s);
        outer += ", " + pg_identifier(s);
    }
    inner += ", sum(ST_Area(geom)) / 1e6 AS members_area_km2, ST_Union(geom) AS geom";
    outer +=
        ", members_area_km2, (ST_Area(geom) / 1e6 - members_area_km2) / "
        "nullif(members_area_km2, 0) AS area_difference, geom";
    // Codes that are numbers sort as numbers ("2" before "10"), as the local engine sorts them.
    const std::string order = key + " IS NULL, CASE WHEN " + key +
                              "::text ~ '^[0-9]+(\\.[0-9]+)?$' THEN " + key +
                              "::text::numeric END, " + key + "::text";
    const std::string out = pg_identifier(q.output);
    return "DROP TABLE IF EXISTS " + out + ";\nCREATE TABLE " + out + " AS\nSELECT " + outer +
           "\nFROM (SELECT " + inner + "\n      FROM " + pg_identifier(q.input) +
           "\n      GROUP BY " + key + ") g\nORDER BY " + order + ";\n";
}

}  // namespace atlante
