// Attribute join: copies fields of a table (e.g. a CSV of ISTAT attributes) onto a layer's
// features by key. Keys compare as text, so ISTAT codes keep their leading zeros ("001001").
#pragma once

#include <string>
#include <vector>

#include "layers/layer.hpp"

namespace atlante {

struct JoinOptions {
    std::vector<std::string> fields;  // table fields to copy; empty: all but the key
    std::string prefix;               // prepended to copied field names
    // Integer keys are zero-padded to this width before comparing (ISTAT codes stored as 1001).
    int pad_integer_keys = 0;
    // A feature with no row in the table: an error (default), or left with null fields.
    bool require_match = true;
};

struct JoinReport {
    std::size_t matched = 0;
    std::vector<std::string> unmatched_keys;  // layer keys with no table row
    std::vector<std::string> unused_keys;     // table keys no feature asked for
};

JoinReport join_attributes(Layer& layer, const std::string& layer_key, const Layer& table,
                           const std::string& table_key, const JoinOptions& options = {});

// The text form of a key value (integers padded to `pad` digits), as join_attributes compares it.
std::string key_text(const Column& column, std::size_t row, int pad);

}  // namespace atlante
