#include "pipeline/report/report_table.hpp"

#include "pipeline/report/column_titles.hpp"
#include "render/format/number_format.hpp"

namespace atlante {

ReportTable table_of(const Layer& layer, const std::vector<std::string>& fields, std::string id,
                     std::string caption, std::size_t max_rows) {
    std::vector<std::string> titles;
    for (const std::string& f : fields) titles.push_back(column_title(f));
    ReportTable t{std::move(id), std::move(caption), titles, {}, true, fields, {}, {}};
    std::vector<std::size_t> columns;
    for (const std::string& f : fields) columns.push_back(layer.require_field(f));
    for (std::size_t row = 0; row < layer.size() && (max_rows == 0 || row < max_rows); ++row) {
        std::vector<std::string> cells;
        for (std::size_t c : columns) {
            const Column& column = layer.column(c);
            if (column.is_null(row))
                cells.emplace_back();
            else if (column.type() == FieldType::Real)
                cells.push_back(format_italian(column.real(row), 2));
            else if (column.type() == FieldType::Integer)
                cells.push_back(format_italian(static_cast<double>(column.integer(row))));
            else
                cells.push_back(column.text(row));
        }
        t.rows.push_back(std::move(cells));
    }
    return t;
}

}  // namespace atlante
