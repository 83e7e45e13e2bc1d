// `atlante info`: what a vector source holds, or a summary of the CMTo data catalogue.
#pragma once

#include <optional>
#include <string>

#include "geodata/catalog.hpp"
#include "layers/reader.hpp"

namespace atlante {

class ProgressSink;

struct SourceInfoOptions {
    std::string source;
    std::string layer;  // empty: every layer of the source
    std::string working_crs = "EPSG:32632";
    bool allow_ballpark = false;
    // How to read it: filter, assumed CRS, encoding, CSV columns, separator, decimal mark.
    ReadOptions read;
};

// Driver, layers, feature count, geometry types, CRS (EPSG code), extent in the source and the
// working CRS with the PROJ operation used, fields with types and null counts, invalid geometries.
std::string describe_source(const SourceInfoOptions& options);

// Comuni, zones and their comuni, bands with population and area, stations inside the province,
// rail edges, hospitals, roads.
std::string describe_catalog(const Catalog& catalog, ProgressSink& progress);

}  // namespace atlante
