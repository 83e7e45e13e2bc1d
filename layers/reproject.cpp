#include "layers/reproject.hpp"

namespace atlante {

OperationInfo reproject(Layer& layer, const Crs& target, const TransformOptions& options) {
    if (!layer.has_geometry() || !layer.crs() || layer.crs()->equivalent_to(target)) {
        if (layer.has_geometry()) layer.set_crs(target);
        return {};
    }
    TransformOptions with_area = options;
    if (!with_area.area_of_interest)
        with_area.area_of_interest = lonlat_bounds(*layer.crs(), layer.extent());
    Transformation transformation = [&] {
        try {
            return Transformation::create(*layer.crs(), target, with_area);
        } catch (const Error& e) {
            throw Error(layer.where(), e.message());
        }
    }();
    for (std::size_t row = 0; row < layer.size(); ++row) {
        if (!layer.geometry(row)) continue;
        try {
            layer.set_geometry(row, transformation.apply(layer.geometry(row)));
        } catch (const Error& e) {
            throw Error(layer.where(row), "cannot reproject: " + e.message());
        }
    }
    layer.set_crs(target);
    layer.add_lineage("reprojected " + transformation.info().summary());
    return transformation.info();
}

}  // namespace atlante
