// Writing one Layer into an open OGR dataset: fields, declared geometry type, features in a
// transaction. Shared by the file writer and the PostGIS writer.
#pragma once

#include <gdal.h>

#include <cstdint>
#include <string>
#include <vector>

#include "layers/layer.hpp"

namespace atlante {

// Creates layer `name` in `ds` with the given OGR layer-creation options and copies every
// feature. `shown_path` names the output in errors. `fids`, when given, receives the FID OGR
// gave each row.
void write_ogr_layer(GDALDatasetH ds, const Layer& layer, const std::string& name,
                     const std::vector<std::string>& creation_options, bool write_geometry,
                     const std::string& shown_path, std::vector<std::int64_t>* fids = nullptr);

}  // namespace atlante
