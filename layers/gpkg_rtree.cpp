#include "layers/gpkg_rtree.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include "layers/error.hpp"

namespace atlante {
namespace {

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StatementFinalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// An SQL identifier and an SQL text literal, quotes doubled.
std::string id(const std::string& name) {
    std::string out = "\"";
    for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}
std::string literal(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

class Database {
  public:
    Database(const std::string& path, const std::string& table) : where_{path, table, {}, {}} {
        sqlite3* db = nullptr;
        const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
        db_.reset(db);
        if (rc != SQLITE_OK) fail("cannot open the GeoPackage to index it");
    }
    void exec(const std::string& sql) {
        if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
            fail("cannot build the spatial index");
    }
    Statement prepare(const std::string& sql) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
            fail("cannot build the spatial index");
        return Statement(s);
    }
    void step(sqlite3_stmt* s) {
        if (sqlite3_step(s) != SQLITE_DONE) fail("cannot build the spatial index");
        sqlite3_reset(s);
    }
    // The node size SQLite chose for this database's page size (the root node's blob).
    int node_size(const std::string& rtree) {
        Statement s =
            prepare("SELECT length(data) FROM " + id(rtree + "_node") + " WHERE nodeno = 1");
        if (sqlite3_step(s.get()) != SQLITE_ROW) fail("the spatial index has no root node");
        return sqlite3_column_int(s.get(), 0);
    }
    [[noreturn]] void fail(const std::string& what) {
        throw Error(where_, what + ": " + (db_ ? sqlite3_errmsg(db_.get()) : "out of memory"));
    }

  private:
    ErrorContext where_;
    Db db_;
};

// One node as SQLite's R*Tree stores it: a 2-byte depth (root only), a 2-byte cell count, then
// cells of a 64-bit id and four 32-bit floats (minx, maxx, miny, maxy), all big-endian.
struct Node {
    std::int64_t number = 0;
    Envelope box;
    std::vector<std::pair<std::int64_t, Envelope>> cells;
};

void put_be(unsigned char* out, std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i, v >>= 8) out[i] = static_cast<unsigned char>(v & 0xff);
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

void put_float(unsigned char* out, float f) {
    std::uint32_t bits;
    std::memcpy(&bits, &f, 4);
    put_be(out, bits, 4);
}

std::vector<unsigned char> node_blob(const Node& node, int size, int depth) {
    std::vector<unsigned char> blob(static_cast<std::size_t>(size), 0);
    put_be(blob.data(), static_cast<std::uint64_t>(depth), 2);
    put_be(blob.data() + 2, node.cells.size(), 2);
    unsigned char* cell = blob.data() + 4;
    for (const auto& [id, b] : node.cells) {
        put_be(cell, static_cast<std::uint64_t>(id), 8);
        put_float(cell + 8, down(b.min_x));
        put_float(cell + 12, up(b.max_x));
        put_float(cell + 16, down(b.min_y));
        put_float(cell + 20, up(b.max_y));
        cell += 24;
    }
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
    const std::string rtree = id(name), t = id(table), c = id(column), i = id(fid);
    const std::string insert_new = "INSERT OR REPLACE INTO " + rtree + " VALUES (NEW." + i +
                                   ", ST_MinX(NEW." + c + "), ST_MaxX(NEW." + c +
                                   "), ST_MinY(NEW." + c + "), ST_MaxY(NEW." + c + ")); END;\n";
    const std::string has = "(NEW." + c + " NOT NULL AND NOT ST_IsEmpty(NEW." + c + "))";
    const std::string lacks = "(NEW." + c + " ISNULL OR ST_IsEmpty(NEW." + c + "))";
    const std::string same = "OLD." + i + " = NEW." + i + " AND ";
    const std::string other = "OLD." + i + " != NEW." + i + " AND ";
    const std::string delete_old = "DELETE FROM " + rtree + " WHERE id = OLD." + i + "; ";
    const auto trigger = [&](const std::string& suffix, const std::string& event) {
        return "CREATE TRIGGER " + id(name + "_" + suffix) + " AFTER " + event + " ON " + t +
               " WHEN ";
    };
    return trigger("insert", "INSERT") + has + " BEGIN " + insert_new +
           trigger("update1", "UPDATE OF " + c) + same + has + " BEGIN " + insert_new +
           trigger("update2", "UPDATE OF " + c) + same + lacks + " BEGIN " + delete_old + "END;\n" +
           trigger("update3", "UPDATE") + other + has + " BEGIN " + delete_old + insert_new +
           trigger("update4", "UPDATE") + other + lacks + " BEGIN DELETE FROM " + rtree +
           " WHERE id IN (OLD." + i + ", NEW." + i + "); END;\n" + trigger("delete", "DELETE") +
           "OLD." + c + " NOT NULL BEGIN " + delete_old + "END;\n";
}

// Writes the nodes of one level (leaves first) and the rows pointing into them: rowid rows for
// the features in leaves, parent rows for the nodes under internal ones.
class NodeWriter {
  public:
    NodeWriter(Database& db, const std::string& rtree, int node_size)
        : db_(db),
          size_(node_size),
          node_(db.prepare("INSERT OR REPLACE INTO " + id(rtree + "_node") + " VALUES (?, ?)")),
          rowid_(db.prepare("INSERT INTO " + id(rtree + "_rowid") + " VALUES (?, ?)")),
          parent_(db.prepare("INSERT INTO " + id(rtree + "_parent") + " VALUES (?, ?)")) {}

    void write(const Node& node, int height, int depth_field) {
        const std::vector<unsigned char> blob = node_blob(node, size_, depth_field);
        sqlite3_bind_int64(node_.get(), 1, node.number);
        sqlite3_bind_blob(node_.get(), 2, blob.data(), size_, SQLITE_TRANSIENT);
        db_.step(node_.get());
        sqlite3_stmt* pointer = height == 0 ? rowid_.get() : parent_.get();
        for (const auto& [child, box] : node.cells) {
            sqlite3_bind_int64(pointer, 1, child);
            sqlite3_bind_int64(pointer, 2, node.number);
            db_.step(pointer);
        }
    }

  private:
    Database& db_;
    int size_;
    Statement node_, rowid_, parent_;
};

}  // namespace

void build_gpkg_rtree(const std::string& path, const std::string& table, const std::string& column,
                      std::vector<RtreeEntry> entries) {
    Database db(path, table);
    const std::string rtree = "rtree_" + table + "_" + column;
    db.exec("BEGIN");
    db.exec("CREATE VIRTUAL TABLE " + id(rtree) + " USING rtree(id, minx, maxx, miny, maxy)");
    const int size = db.node_size(rtree);
    const auto capacity = static_cast<std::size_t>((size - 4) / 24);
    NodeWriter nodes(db, rtree, size);

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
        "CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))");
    db.exec("INSERT INTO gpkg_extensions VALUES (" + literal(table) + ", " + literal(column) +
            ", 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', "
            "'write-only')");
    db.exec(triggers(table, column, "fid"));
    db.exec("COMMIT");
}

}  // namespace atlante
