#include "cli/steps/step_context.hpp"

#include "layers/gdal_handles.hpp"

namespace atlante {

StepContext::StepContext(std::filesystem::path base_dir, std::filesystem::path output_dir,
                         std::string catalog_file, std::string data_dir, Progress& progress)
    : base_dir_(std::move(base_dir)),
      output_dir_(std::move(output_dir)),
      catalog_file_(std::move(catalog_file)),
      data_dir_(std::move(data_dir)),
      progress_(progress),
      working_crs_(Crs::from_user_input("EPSG:32632")) {}

const Catalog& StepContext::catalog() {
    if (!catalog_) {
        catalog_.emplace(Catalog::open_default(catalog_file_, data_dir_));
        if (!catalog_->working_crs().equivalent_to(working_crs_))
            throw Error(ErrorContext{catalog_->spec().file, {}, {}, {}},
                        "the catalogue's working CRS differs from the run's (" +
                            working_crs_.label() + ")");
    }
    return *catalog_;
}

const Catalog::Comuni& StepContext::comuni() {
    if (!comuni_) {
        progress_.step("loading comuni");
        comuni_.emplace(catalog().load_comuni());
    }
    return *comuni_;
}

const LoadedLayer& StepContext::stations(std::optional<bool> include_metro) {
    if (!stations_with_metro_) stations_with_metro_.emplace(catalog().load_stations(true));
    if (include_metro.value_or(catalog().spec().stations->include_metro))
        return *stations_with_metro_;
    if (!stations_without_metro_) {
        const LoadedLayer& all = *stations_with_metro_;
        std::vector<std::size_t> rail_only;
        const Column& is_metro = all.layer.column(catalog_fields::is_metro);
        for (std::size_t row = 0; row < all.layer.size(); ++row)
            if (is_metro.integer(row) == 0) rail_only.push_back(row);
        stations_without_metro_.emplace(
            LoadedLayer{all.layer.clone(), all.reprojection, all.validity});
        stations_without_metro_->layer.keep_rows(rail_only);
    }
    return *stations_without_metro_;
}

const Catalog::Rail& StepContext::rail() {
    if (!rail_) rail_.emplace(catalog().load_rail());
    return *rail_;
}

std::string StepContext::resolve(const std::string& source) const {
    if (gdal::is_database(source) || std::filesystem::path(source).is_absolute()) return source;
    return (base_dir_ / source).lexically_normal().string();
}

LoadedLayer StepContext::load(const std::string& source, const ReadOptions& read) {
    LoadOptions options;
    options.read = read;
    return load_layer(resolve(source), working_crs_, options);
}

}  // namespace atlante
