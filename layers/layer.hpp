// Layer: the feature model every analysis and map works on. A layer is a name, a CRS, a schema of
// typed fields, one column per field, and one geometry per feature (absent for attribute tables).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "layers/column.hpp"
#include "layers/crs.hpp"
#include "layers/error.hpp"
#include "layers/field.hpp"
#include "layers/geometry.hpp"

namespace atlante {

// Where a layer was read from, for error messages and metadata.
struct LayerOrigin {
    std::string source;  // path or connection string (without password)
    std::string layer;   // layer name inside the source
    std::string driver;  // GDAL driver short name
    // The field whose value names a record in messages ("AD-027"), when the source has one.
    std::string id_field = {};
    std::string crs = {};  // the CRS the source declared (or was assumed), as read
};

class Layer {
  public:
    Layer() = default;
    Layer(std::string name, std::optional<Crs> crs, bool has_geometry);
    Layer(Layer&&) noexcept = default;
    Layer& operator=(Layer&&) noexcept = default;
    Layer(const Layer&) = delete;
    Layer& operator=(const Layer&) = delete;
    Layer clone() const;

    const std::string& name() const { return name_; }
    void set_name(std::string name) { name_ = std::move(name); }
    const std::optional<Crs>& crs() const { return crs_; }
    void set_crs(std::optional<Crs> crs) { crs_ = std::move(crs); }
    const LayerOrigin& origin() const { return origin_; }
    void set_origin(LayerOrigin origin) { origin_ = std::move(origin); }
    bool has_geometry() const { return has_geometry_; }

    std::size_t size() const { return ids_.size(); }
    bool empty() const { return ids_.empty(); }

    // Schema.
    const std::vector<Field>& fields() const { return fields_; }
    std::optional<std::size_t> field_index(const std::string& name) const;
    // The field's index; throws an Error naming this layer and the field when absent.
    std::size_t require_field(const std::string& name) const;
    // Adds a field filled with nulls; throws if the name exists.
    std::size_t add_field(const Field& field);
    // Several fields at once, in order; returns the index of the first.
    std::size_t add_fields(const std::vector<Field>& fields);
    void remove_field(const std::string& name);
    void rename_field(const std::string& from, const std::string& to);
    // Converts a text column to `type`; a value that does not parse is an Error naming the
    // feature and field.
    void convert_field(const std::string& name, FieldType type);

    const Column& column(std::size_t index) const { return columns_[index]; }
    Column& column(std::size_t index) { return columns_[index]; }
    const Column& column(const std::string& name) const { return columns_[require_field(name)]; }
    Column& column(const std::string& name) { return columns_[require_field(name)]; }

    // Features. The id is the source's FID (or the 1-based row of a table).
    std::int64_t id(std::size_t row) const { return ids_[row]; }
    const Geometry& geometry(std::size_t row) const { return geometries_[row]; }
    // Moves a feature's geometry out (the feature is left without one).
    Geometry take_geometry(std::size_t row) { return std::move(geometries_[row]); }
    void set_geometry(std::size_t row, Geometry geometry) {
        geometries_[row] = std::move(geometry);
    }
    // Room for `rows` features without reallocating their ids, geometries and per-row values
    // (texts' characters still grow as they come).
    void reserve(std::size_t rows);
    // Appends a feature; `values` has one entry per field (or none: all null).
    void append(std::int64_t id, Geometry geometry, const std::vector<Value>& values = {});
    // Keeps the given rows in the given order.
    void keep_rows(const std::vector<std::size_t>& rows);

    Envelope extent() const;

    // Error context pointing at a feature (row) and optionally a field of this layer.
    ErrorContext where(std::optional<std::size_t> row = std::nullopt,
                       const std::string& field = {}) const;

    // Steps applied since reading (reprojection, repairs), for metadata and reports.
    const std::vector<std::string>& lineage() const { return lineage_; }
    void add_lineage(std::string step) { lineage_.push_back(std::move(step)); }

  private:
    std::string name_;
    std::optional<Crs> crs_;
    LayerOrigin origin_;
    bool has_geometry_ = false;
    std::vector<Field> fields_;
    // A deque, so a reference to a column stays valid while fields are added.
    std::deque<Column> columns_;
    std::vector<std::int64_t> ids_;
    std::vector<Geometry> geometries_;
    std::vector<std::string> lineage_;
};

// The geometry family of a layer's first geometry (polygons when it has none).
GeometryFamily layer_family(const Layer& layer);

}  // namespace atlante
