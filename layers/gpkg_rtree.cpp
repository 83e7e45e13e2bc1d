#include "layers/gpkg_rtree.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include "layers/sql_quote.hpp"
#include "layers/sqlite_handles.hpp"

namespace atlante {
namespace {

using sql::identifier;
using sql::literal;
using sqlite::Statement;

// One node as SQLite's R*Tree stores it: a 2-byte depth (root only), a 2-byte cell count, then
// cells of a 64-bit id and four 32-bit floats (minx, maxx, miny, maxy), all big-endian.
struct Node {
    std::int64_t number = 0;
    Envelope box;
    std::vector<std::pair<std::int64_t, Envelope>> cells;
};

// Appends `bytes` bytes of v, most significant first.
void put_be(std::vector<unsigned char>& out, std::uint64_t v, int bytes) {
    for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8)
        out.push_back(static_cast<unsigned char>((v >> shift) & 0xff));
}

// Rounded outwards, as SQLite's R*Tree rounds what it stores, so every box still contains its
// geometry.
float down(double v) {
    float f = static_cast<float>(v);
    return f > v ? std::nextafter(f, -INFINITY) : f;
}
float up(double v) {
    float f = static_cast<float>(v);
    return f < v ? std::nextafter(f, INFINITY) : f;
}

void put_float(std::vector<unsigned char>& out, float f) {
    std::uint32_t bits;
    std::memcpy(&bits, &f, 4);
    put_be(out, bits, 4);
}

std::vector<unsigned char> node_blob(const Node& node, int size, int depth) {
    std::vector<unsigned char> blob;
    blob.reserve(static_cast<std::size_t>(size));
    put_be(blob, static_cast<std::uint64_t>(depth), 2);
    put_be(blob, node.cells.size(), 2);
    for (const auto& [id, b] : node.cells) {
        put_be(blob, static_cast<std::uint64_t>(id), 8);
        put_float(blob, down(b.min_x));
        put_float(blob, up(b.max_x));
        put_float(blob, down(b.min_y));
        put_float(blob, up(b.max_y));
    }
    blob.resize(static_cast<std::size_t>(size), 0);  // the unused cells: zeros
    return blob;
}

double centre_x(const Envelope& b) { return (b.min_x + b.max_x) / 2; }
double centre_y(const Envelope& b) { return (b.min_y + b.max_y) / 2; }

// Sort-Tile-Recursive: slices by x, each slice sorted by y, cut into runs of `capacity`.
std::vector<Node> pack(std::vector<std::pair<std::int64_t, Envelope>> cells, std::size_t capacity) {
    const std::size_t nodes = (cells.size() + capacity - 1) / capacity;
    const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
    const std::size_t per_slice = slices * capacity;
    std::sort(cells.begin(), cells.end(),
              [](const auto& a, const auto& b) { return centre_x(a.second) < centre_x(b.second); });
    std::vector<Node> out;
    for (std::size_t s = 0; s < cells.size(); s += per_slice) {
        const auto end =
            cells.begin() + static_cast<std::ptrdiff_t>(std::min(cells.size(), s + per_slice));
        std::sort(
            cells.begin() + static_cast<std::ptrdiff_t>(s), end,
            [](const auto& a, const auto& b) { return centre_y(a.second) < centre_y(b.second); });
        for (auto it = cells.begin() + static_cast<std::ptrdiff_t>(s); it < end;) {
            Node node;
            for (std::size_t k = 0; k < capacity && it < end; ++k, ++it) {
                node.cells.push_back(*it);
                node.box.expand(it->second);
            }
            out.push_back(std::move(node));
        }
    }
    return out;
}

// The spec's triggers (GeoPackage 1.2, as GDAL creates them), keeping the index in step with
// later edits in QGIS or GDAL.
std::string triggers(const std::string& table, const std::string& column, const std::string& fid) {
    const std::string name = "rtree_" + table + "_" + column;
    const std::string rtree = identifier(name), t = identifier(table), c = identifier(column),
                      i = identifier(fid);
    const std::string insert_new = "INSERT OR REPLACE INTO " + rtree + " VALUES (NEW." + i +
                                   ", ST_MinX(NEW." + c + "), ST_MaxX(NEW." + c +
                                   "), ST_MinY(NEW." + c + "), ST_MaxY(NEW." + c + ")); END;\n";
    const std::string has = "(NEW." + c + " NOT NULL AND NOT ST_IsEmpty(NEW." + c + "))";
    const std::string lacks = "(NEW." + c + " ISNULL OR ST_IsEmpty(NEW." + c + "))";
    const std::string same = "OLD." + i + " = NEW." + i + " AND ";
    const std::string other = "OLD." + i + " != NEW." + i + " AND ";
    const std::string delete_old = "DELETE FROM " + rtree + " WHERE id = OLD." + i + "; ";
    const auto trigger = [&](const std::string& suffix, const std::string& event) {
        return "CREATE TRIGGER " + identifier(name + "_" + suffix) + " AFTER " + event + " ON " +
               t + " WHEN ";
    };
    return trigger("insert", "INSERT") + has + " BEGIN " + insert_new +
           trigger("update1", "UPDATE OF " + c) + same + has + " BEGIN " + insert_new +
           trigger("update2", "UPDATE OF " + c) + same + lacks + " BEGIN " + delete_old + "END;\n" +
           trigger("update3", "UPDATE") + other + has + " BEGIN " + delete_old + insert_new +
           trigger("update4", "UPDATE") + other + lacks + " BEGIN DELETE FROM " + rtree +
           " WHERE id IN (OLD." + i + ", NEW." + i + "); END;\n" + trigger("delete", "DELETE") +
           "OLD." + c + " NOT NULL BEGIN " + delete_old + "END;\n";
}

// The node size SQLite chose for this database's page size (the root node's blob).
int node_size(sqlite::Database& db, const std::string& rtree, const ErrorContext& where) {
    const Statement s = db.prepare(
        "SELECT length(data) FROM " + identifier(rtree + "_node") + " WHERE nodeno = 1", where);
    if (sqlite3_step(s.get()) != SQLITE_ROW) db.fail(where, "the spatial index has no root node");
    return sqlite3_column_int(s.get(), 0);
}

// Writes the nodes of one level (leaves first) and the rows pointing into them: rowid rows for
// the features in leaves, parent rows for the nodes under internal ones.
class NodeWriter {
  public:
    NodeWriter(sqlite::Database& db, const std::string& rtree, int node_size,
               const ErrorContext& where)
        : db_(db),
          where_(where),
          size_(node_size),
          node_(db.prepare(
              "INSERT OR REPLACE INTO " + identifier(rtree + "_node") + " VALUES (?, ?)", where)),
          rowid_(
              db.prepare("INSERT INTO " + identifier(rtree + "_rowid") + " VALUES (?, ?)", where)),
          parent_(db.prepare("INSERT INTO " + identifier(rtree + "_parent") + " VALUES (?, ?)",
                             where)) {}

    void write(const Node& node, int height, int depth_field) {
        const std::vector<unsigned char> blob = node_blob(node, size_, depth_field);
        sqlite3_bind_int64(node_.get(), 1, node.number);
        sqlite3_bind_blob(node_.get(), 2, blob.data(), size_, SQLITE_TRANSIENT);
        db_.step(node_.get(), where_);
        sqlite3_stmt* pointer = height == 0 ? rowid_.get() : parent_.get();
        for (const auto& [child, box] : node.cells) {
            sqlite3_bind_int64(pointer, 1, child);
            sqlite3_bind_int64(pointer, 2, node.number);
            db_.step(pointer, where_);
        }
    }

  private:
    sqlite::Database& db_;
    const ErrorContext& where_;
    int size_;
    Statement node_, rowid_, parent_;
};

}  // namespace

void build_gpkg_rtree(sqlite::Database& db, const std::string& table, const std::string& column,
                      std::vector<RtreeEntry> entries) {
    const ErrorContext where{db.path(), table, {}, {}};
    const std::string rtree = "rtree_" + table + "_" + column;
    db.exec(
        "CREATE VIRTUAL TABLE " + identifier(rtree) + " USING rtree(id, minx, maxx, miny, maxy)",
        where);
    const int size = node_size(db, rtree, where);
    const auto capacity = static_cast<std::size_t>((size - 4) / 24);
    NodeWriter nodes(db, rtree, size, where);

    std::vector<std::pair<std::int64_t, Envelope>> cells;
    cells.reserve(entries.size());
    for (const RtreeEntry& e : entries) cells.emplace_back(e.fid, e.box);
    entries = {};
    // Levels from the leaves up, numbered from 2; the last level's single node is the root, 1.
    std::int64_t next = 2;
    int height = 0;
    std::vector<Node> level = pack(std::move(cells), capacity);
    while (level.size() > 1) {
        cells.clear();
        for (Node& node : level) {
            node.number = next++;
            nodes.write(node, height, 0);
            cells.emplace_back(node.number, node.box);
        }
        level = pack(std::move(cells), capacity);
        ++height;
    }
    Node root = level.empty() ? Node{} : std::move(level.front());
    root.number = 1;
    nodes.write(root, height, height);
    db.exec(
        "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, "
        "extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, "
        "CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))",
        where);
    db.exec("INSERT INTO gpkg_extensions VALUES (" + literal(table) + ", " + literal(column) +
                ", 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', "
                "'write-only')",
            where);
    db.exec(triggers(table, column, "fid"), where);
}

}  // namespace atlante
