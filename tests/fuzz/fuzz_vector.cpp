// The vector loader: any bytes as a GeoJSON file or a CSV (WKT, or lon/lat written the Italian
// way), through GDAL's in-memory files; then the records a brownfield layer must pass.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

#include <cpl_vsi.h>

#include "engine/quality/record_screen.hpp"
#include "fuzz_guard.hpp"
#include "layers/gdal_handles.hpp"
#include "layers/load.hpp"

namespace {

struct Format {
    const char* name;
    atlante::LoadOptions options;
};

Format format_of(std::uint8_t selector) {
    Format f{"sites.geojson", {}};
    if (selector % 3 == 1) {
        f.name = "sites.csv";
        f.options.read.assume_crs = "EPSG:32632";
    } else if (selector % 3 == 2) {
        f.name = "sites.csv";
        f.options.read.assume_crs = "EPSG:4326";
        f.options.read.separator = ";";
        f.options.read.decimal = ",";
    }
    f.options.read.id_field = "id";
    return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    atlante::gdal::ensure_registered();
    const Format format = format_of(data[0]);
    static std::atomic<unsigned> counter{0};
    const std::string path = "/vsimem/fuzz_" + std::to_string(counter++) + "/" + format.name;
    {
        const atlante::gdal::VsiFilePtr file(VSIFOpenL(path.c_str(), "wb"));
        VSIFWriteL(data + 1, 1, size - 1, file.get());
    }
    atlante::fuzz::refuse_only_with_errors([&] {
        static const atlante::Crs working = atlante::Crs::from_user_input("EPSG:32632");
        atlante::LoadedLayer loaded = atlante::load_layer(path, working, format.options);
        atlante::RecordScreenOptions screen;
        screen.what = "a brownfield";
        screen.id_field = loaded.layer.field_index("id") ? "id" : "";
        (void)atlante::screen_records(std::move(loaded.layer), screen);
    });
    VSIUnlink(path.c_str());
    return 0;
}
