// The GeoPackage spatial index (the "gpkg_rtree_index" extension) built in one pass after the
// features are written: the entries are packed bottom-up (Sort-Tile-Recursive) into full nodes,
// written straight into the SQLite R*Tree's node, rowid and parent tables, instead of being
// inserted one by one (SQLite's R*Tree insertion costs about 11 µs an entry here, more than
// writing the features). The result is an ordinary R*Tree: SQLite's rtreecheck() accepts it,
// and QGIS, GDAL and later edits (through the spec's triggers, also created here) use it as one
// GDAL would have made.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "layers/geometry.hpp"
#include "layers/sqlite_handles.hpp"

namespace atlante {

struct RtreeEntry {
    std::int64_t fid;
    Envelope box;  // not empty
};

// Creates rtree_<table>_<column> in the GeoPackage open in `db` (written by GDAL without an
// index), fills it with `entries`, registers the extension and creates the spec's triggers,
// inside the caller's transaction. Throws an Error naming the file and table on failure.
void build_gpkg_rtree(sqlite::Database& db, const std::string& table, const std::string& column,
                      std::vector<RtreeEntry> entries);

}  // namespace atlante
