// A table for the run's report (index.html): an id, a caption, the header and the rows as text.
#pragma once

#include <string>
#include <vector>

#include "layers/layer.hpp"

namespace atlante {

struct ReportTable {
    std::string id, caption;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    bool sortable = false;
    std::vector<std::string> fields;   // the columns' field names (header holds their titles)
    std::vector<std::string> filters;  // fields a reader may filter the rows by
    std::vector<std::string> notes;    // lines under the caption (field mapping, filter)
};

// The rows of a layer as text (`fields` in this order; numbers in the plan's format; headers the
// columns' Italian titles), for a report table; at most `max_rows` rows (0: all).
ReportTable table_of(const Layer& layer, const std::vector<std::string>& fields, std::string id,
                     std::string caption, std::size_t max_rows = 0);

}  // namespace atlante
