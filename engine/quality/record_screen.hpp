// The dirty records of a layer a planner brings (a census, a services list), found all at once
// and handled by a stated policy, each named by its id value and feature number
// ("AD-027 (feature 34): id repeated, first at feature 26"):
//   no geometry · a geometry of the wrong kind · an invalid polygon · no id · an id repeated ·
//   an outlier (farther than 50 km from the study area: swapped axes, a wrong CRS, a geocoding
//   failure at 0,0)
// Policies: repair (invalid polygons made valid with GEOS make-valid and kept; any other problem
// stops, listing every one), skip (repair what can be, leave out the rest), stop (any problem
// stops). A layer whose records mostly lie far outside is an error naming its CRS: the declared
// CRS or the axis order is likely wrong. Records at the same place are reported, not changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "layers/layer.hpp"

namespace atlante {

enum class RecordPolicy { Repair, Skip, Stop };
// "repair", "skip", "stop"; nullopt for anything else.
std::optional<RecordPolicy> record_policy(const std::string& name);

struct RecordScreenOptions {
    std::string what = "record";  // in messages: "a brownfield", "a service"
    std::string id_field;         // empty: records are named by their feature number
    std::vector<GeometryFamily> families{GeometryFamily::Polygon, GeometryFamily::Point};
    RecordPolicy policy = RecordPolicy::Repair;
    const Layer* study_area = nullptr;  // polygons (the comuni in use); null: no outliers
    double outlier_m = 50000;
};

struct RecordNote {
    std::int64_t feature = 0;   // the source's feature number
    std::string id;             // the record's id value ("" when it has none)
    std::string problem;        // "no geometry", "id repeated, first at feature 26", …
    std::string action;         // "repaired", "skipped"
    std::string label() const;  // "AD-027 (feature 34)", or "feature 34"
};

struct RecordScreen {
    Layer layer;  // the records kept (repaired where that was the policy), in file order
    std::vector<RecordNote> repaired, skipped;
    std::vector<bool> in_area;  // per kept record: inside a polygon of the study area
    // Records at one place: groups of two or more labels.
    std::vector<std::vector<std::string>> same_place;
};

// Throws atlante::Error listing every problem the policy does not accept. The layer is taken
// over (pass a clone to keep the original): the screened layer is it, repaired and trimmed.
RecordScreen screen_records(Layer layer, const RecordScreenOptions& options);

// The notes as a table (feature, id, problem, action), for an output GeoPackage.
Layer notes_table(const std::string& name, const std::vector<RecordNote>& notes);

}  // namespace atlante
