#include "geodata/rail_graph.hpp"

#include <set>

namespace atlante {

RailDeduplication deduplicate_rail_edges(Layer& edges, const std::string& from_field,
                                         const std::string& to_field) {
    const Column& from = edges.column(from_field);
    const Column& to = edges.column(to_field);
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<std::size_t> keep;
    RailDeduplication result;
    for (std::size_t row = 0; row < edges.size(); ++row) {
        if (from.is_null(row) || to.is_null(row))
            throw Error(edges.where(row, from.is_null(row) ? from_field : to_field),
                        "rail edge without a station id");
        std::string a = from.text(row), b = to.text(row);
        const auto pair = a < b ? std::make_pair(a, b) : std::make_pair(b, a);
        if (seen.insert(pair).second)
            keep.push_back(row);
        else
            result.dropped.emplace_back(std::move(a), std::move(b));
    }
    edges.keep_rows(keep);
    result.kept = keep.size();
    if (!result.dropped.empty())
        edges.add_lineage("removed " + std::to_string(result.dropped.size()) +
                          " duplicate or reversed edges");
    return result;
}

}  // namespace atlante
