#include "layers/load.hpp"

#include "layers/reproject.hpp"

namespace atlante {

LoadedLayer load_layer(const std::string& source, const Crs& working_crs,
                       const LoadOptions& options) {
    LoadedLayer loaded{read_layer(source, options.read), {}, {}};
    loaded.reprojection = reproject(loaded.layer, working_crs, options.transform);
    // Validity is judged in the working CRS: that is where every analysis measures.
    loaded.validity =
        options.repair ? repair_geometries(loaded.layer) : check_geometries(loaded.layer);
    return loaded;
}

}  // namespace atlante
