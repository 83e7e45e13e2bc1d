#include "layers/postgis_writer.hpp"

#include <gdal.h>

#include "layers/gdal_handles.hpp"
#include "layers/ogr_layer_writer.hpp"

namespace atlante {

static std::string quoted(const std::string& table) {
    // "schema.table" -> "schema"."table"
    std::string out;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = table.find('.', start);
        out += "\"" + table.substr(start, dot - start) + "\"";
        if (dot == std::string::npos) break;
        out += ".";
        start = dot + 1;
    }
    return out;
}

void write_postgis(const Layer& layer, const std::string& connection, const std::string& table) {
    gdal::ensure_registered();
    const std::string shown = gdal::redact(connection);
    const ErrorContext here{shown, table, {}, {}};
    if (table.empty() || table.find('"') != std::string::npos) throw Error(here, "bad table name");
    gdal::DatasetPtr ds;
    {
        gdal::ErrorCapture capture;
        const char* drivers[] = {"PostgreSQL", nullptr};
        ds.reset(GDALOpenEx(connection.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr,
                            nullptr));
        if (!ds) throw Error(here, "cannot connect to PostGIS: " + capture.last_error());
    }
    const std::string temporary = table + "__atlante_tmp";
    write_ogr_layer(ds.get(), layer, temporary,
                    {"OVERWRITE=YES", "GEOMETRY_NAME=geom", "FID=fid", "LAUNDER=NO"}, true, shown);
    // ALTER ... RENAME TO takes a bare name; indexes keep the temporary table's names unless
    // renamed too (GDAL names them <table>_pkey and <table>_geom_geom_idx), and a later run
    // would then collide with them.
    const std::size_t dot = table.rfind('.');
    const std::string schema = dot == std::string::npos ? "" : table.substr(0, dot + 1);
    const std::string short_name = table.substr(dot == std::string::npos ? 0 : dot + 1);
    const std::string short_temporary = short_name + "__atlante_tmp";
    std::string sql = "BEGIN; DROP TABLE IF EXISTS " + quoted(table) + "; ALTER TABLE " +
                      quoted(temporary) + " RENAME TO \"" + short_name + "\";";
    for (const char* suffix : {"_pkey", "_geom_geom_idx"})
        sql += " ALTER INDEX IF EXISTS " + quoted(schema + short_temporary + suffix) +
               " RENAME TO \"" + short_name + suffix + "\";";
    sql += " COMMIT;";
    gdal::ErrorCapture capture;
    OGRLayerH result = GDALDatasetExecuteSQL(ds.get(), sql.c_str(), nullptr, nullptr);
    if (result) GDALDatasetReleaseResultSet(ds.get(), result);
    if (CPLGetLastErrorType() >= CE_Failure)
        throw Error(here, "cannot replace the table: " + capture.last_error());
    std::string error;
    if (!gdal::close(ds, error)) throw Error(here, "cannot finish writing: " + error);
}

}  // namespace atlante
