// What atlante's output columns are called for a reader, in the plan's Italian: the CSVW sidecars'
// column titles and the report's table headings come from here ("1 presidio ogni N ab.", not
// inhabitants_per_service). A column not listed keeps its name (a census's own fields do).
#pragma once

#include <map>
#include <string>

namespace atlante {

const std::map<std::string, std::string>& column_titles();
// The title of a column, or its name.
std::string column_title(const std::string& name);

}  // namespace atlante
