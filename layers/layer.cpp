#include "layers/layer.hpp"

#include <algorithm>

namespace atlante {

Layer::Layer(std::string name, std::optional<Crs> crs, bool has_geometry)
    : name_(std::move(name)), crs_(std::move(crs)), has_geometry_(has_geometry) {}

Layer Layer::clone() const {
    Layer out(name_, crs_, has_geometry_);
    out.origin_ = origin_;
    out.fields_ = fields_;
    out.columns_ = columns_;
    out.ids_ = ids_;
    out.lineage_ = lineage_;
    out.geometries_.reserve(geometries_.size());
    for (const Geometry& g : geometries_) out.geometries_.push_back(g.clone());
    return out;
}

std::optional<std::size_t> Layer::field_index(const std::string& name) const {
    for (std::size_t i = 0; i < fields_.size(); ++i)
        if (fields_[i].name == name) return i;
    return std::nullopt;
}

std::size_t Layer::require_field(const std::string& name) const {
    if (auto index = field_index(name)) return *index;
    std::string known;
    for (const Field& f : fields_) known += (known.empty() ? "" : ", ") + f.name;
    throw Error(where(std::nullopt, name), "no such field (fields: " + known + ")");
}

std::size_t Layer::add_fields(const std::vector<Field>& fields) {
    const std::size_t first = fields_.size();
    for (const Field& f : fields) add_field(f);
    return first;
}

std::size_t Layer::add_field(const Field& field) {
    if (field_index(field.name))
        throw Error(where(std::nullopt, field.name), "field already exists");
    fields_.push_back(field);
    columns_.emplace_back(field.type);
    columns_.back().resize(size());
    return fields_.size() - 1;
}

void Layer::remove_field(const std::string& name) {
    const std::size_t index = require_field(name);
    fields_.erase(fields_.begin() + static_cast<std::ptrdiff_t>(index));
    columns_.erase(columns_.begin() + static_cast<std::ptrdiff_t>(index));
}

void Layer::rename_field(const std::string& from, const std::string& to) {
    const std::size_t index = require_field(from);
    if (from != to && field_index(to)) throw Error(where(std::nullopt, to), "field already exists");
    fields_[index].name = to;
}

void Layer::convert_field(const std::string& name, FieldType type) {
    const std::size_t index = require_field(name);
    const Column& source = columns_[index];
    if (source.type() == type) return;
    Column converted(type);
    for (std::size_t row = 0; row < size(); ++row) {
        if (source.is_null(row)) {
            converted.push_null();
            continue;
        }
        const std::string text = source.text(row);
        const auto value = parse_value(text, type);
        if (!value)
            throw Error(where(row, name), "value '" + text + "' is not of type " + to_string(type));
        converted.push(*value);
    }
    columns_[index] = std::move(converted);
    fields_[index].type = type;
}

void Layer::reserve(std::size_t rows) {
    ids_.reserve(rows);
    geometries_.reserve(rows);
    for (Column& c : columns_) c.reserve(rows);
}

void Layer::append(std::int64_t id, Geometry geometry, const std::vector<Value>& values) {
    if (!values.empty() && values.size() != fields_.size())
        throw Error(where(), "a feature needs one value per field");
    ids_.push_back(id);
    geometries_.push_back(std::move(geometry));
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (values.empty()) {
            columns_[i].push_null();
            continue;
        }
        try {
            columns_[i].push(values[i]);
        } catch (const std::invalid_argument& e) {
            throw Error(where(size() - 1, fields_[i].name), e.what());
        }
    }
}

void Layer::keep_rows(const std::vector<std::size_t>& rows) {
    std::vector<std::int64_t> ids;
    std::vector<Geometry> geometries;
    ids.reserve(rows.size());
    geometries.reserve(rows.size());
    for (std::size_t r : rows) {
        ids.push_back(ids_[r]);
        geometries.push_back(std::move(geometries_[r]));
    }
    ids_ = std::move(ids);
    geometries_ = std::move(geometries);
    for (Column& c : columns_) c = c.take(rows);
}

Envelope Layer::extent() const {
    Envelope env;
    for (const Geometry& g : geometries_)
        if (g) env.expand(g.envelope());
    return env;
}

ErrorContext Layer::where(std::optional<std::size_t> row, const std::string& field) const {
    ErrorContext context{origin_.source, origin_.layer.empty() ? name_ : origin_.layer,
                         std::nullopt, field};
    if (row && *row < ids_.size()) {
        context.feature = ids_[*row];
        if (const auto id = origin_.id_field.empty() ? std::nullopt : field_index(origin_.id_field))
            if (!columns_[*id].is_null(*row)) context.record = columns_[*id].text(*row);
    }
    return context;
}

GeometryFamily layer_family(const Layer& layer) {
    for (std::size_t row = 0; row < layer.size(); ++row)
        if (const Geometry& g = layer.geometry(row); g && !g.is_empty()) return family_of(g.kind());
    return GeometryFamily::Polygon;
}

}  // namespace atlante
