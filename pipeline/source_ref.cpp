#include "pipeline/source_ref.hpp"

#include <regex>

#include "layers/error.hpp"
#include "layers/gdal_handles.hpp"

namespace atlante {

SourceRef SourceRef::parse(const std::string& text, const std::string& catalog_default) {
    SourceRef ref;
    if (text.empty()) return ref;
    if (text == "demo") {
        ref.kind = Kind::Demo;
    } else if (text == "catalog") {
        if (catalog_default.empty())
            throw Error("'catalog' names no layer here: write catalog:NAME");
        ref.kind = Kind::Catalog;
        ref.name = catalog_default;
    } else if (gdal::is_database(text)) {
        ref.kind = Kind::Database;
        ref.path = text;
    } else {
        // STEP:OUTPUT is two lower-case words; a path has a dot, a slash or capitals.
        static const std::regex reference("([a-z][a-z_]*):([a-z][a-z0-9_]*)");
        std::smatch m;
        if (std::regex_match(text, m, reference)) {
            ref.kind = m[1] == "catalog" ? Kind::Catalog : Kind::StepOutput;
            if (ref.kind == Kind::StepOutput) ref.step = m[1];
            ref.name = m[2];
        } else {
            ref.kind = Kind::File;
            ref.path = text;
        }
    }
    return ref;
}

std::string SourceRef::text() const {
    switch (kind) {
        case Kind::None:
            return "";
        case Kind::File:
        case Kind::Database:
            return path;
        case Kind::Catalog:
            return "catalog:" + name;
        case Kind::StepOutput:
            return step + ":" + name;
        case Kind::Demo:
            return "demo";
    }
    return "";
}

ReadOptions SourceRef::read_options() const {
    ReadOptions read;
    read.layer = layer;
    read.where = where;
    if (!assume_crs.empty()) read.assume_crs = assume_crs;
    return read;
}

const std::vector<std::string>& source_read_keys() {
    static const std::vector<std::string> keys{"layer", "where", "assume_crs"};
    return keys;
}

}  // namespace atlante
