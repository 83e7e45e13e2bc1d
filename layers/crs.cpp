#include "layers/crs.hpp"

#include <cpl_conv.h>
#include <ogr_srs_api.h>
#include <proj.h>

#include <cmath>
#include <cstring>

#include "layers/error.hpp"

namespace atlante {
namespace {

// One PROJ context per thread: PJ objects must be used with the context that made them.
class ProjContext {
  public:
    ProjContext() : ctx_(proj_context_create()) { proj_log_level(ctx_, PJ_LOG_NONE); }
    ~ProjContext() { proj_context_destroy(ctx_); }
    ProjContext(const ProjContext&) = delete;
    ProjContext& operator=(const ProjContext&) = delete;
    PJ_CONTEXT* get() const { return ctx_; }

  private:
    PJ_CONTEXT* ctx_;
};

PJ_CONTEXT* proj_ctx() {
    thread_local ProjContext ctx;
    return ctx.get();
}

struct PjDeleter {
    void operator()(PJ* pj) const { proj_destroy(pj); }
};
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

struct PjListDeleter {
    void operator()(PJ_OBJ_LIST* list) const { proj_list_destroy(list); }
};
using PjListPtr = std::unique_ptr<PJ_OBJ_LIST, PjListDeleter>;

struct FactoryDeleter {
    void operator()(PJ_OPERATION_FACTORY_CONTEXT* f) const {
        proj_operation_factory_context_destroy(f);
    }
};
using FactoryPtr = std::unique_ptr<PJ_OPERATION_FACTORY_CONTEXT, FactoryDeleter>;

std::string proj_error() {
    const int code = proj_context_errno(proj_ctx());
    const char* text = code ? proj_context_errno_string(proj_ctx(), code) : nullptr;
    return text ? text : "unknown PROJ error";
}

PjPtr make_crs(const std::string& definition) {
    PjPtr pj(proj_create(proj_ctx(), definition.c_str()));
    if (!pj) throw Error("unknown CRS '" + definition + "': " + proj_error());
    switch (proj_get_type(pj.get())) {
        case PJ_TYPE_GEOGRAPHIC_2D_CRS:
        case PJ_TYPE_GEOGRAPHIC_3D_CRS:
        case PJ_TYPE_GEOCENTRIC_CRS:
        case PJ_TYPE_PROJECTED_CRS:
        case PJ_TYPE_COMPOUND_CRS:
        case PJ_TYPE_BOUND_CRS:
        case PJ_TYPE_OTHER_CRS:
            return pj;
        default:
            throw Error("'" + definition + "' is not a coordinate reference system");
    }
}

bool is_geographic_type(PJ_TYPE type) {
    return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
}

}  // namespace

Crs Crs::from_user_input(const std::string& text) {
    PjPtr pj = make_crs(text);
    Crs crs;
    crs.definition_ = text;
    const char* name = proj_get_name(pj.get());
    crs.name_ = name ? name : text;
    crs.geographic_ = is_geographic_type(proj_get_type(pj.get()));
    const char* auth = proj_get_id_auth_name(pj.get(), 0);
    const char* code = proj_get_id_code(pj.get(), 0);
    if (auth && code && std::strcmp(auth, "EPSG") == 0) crs.epsg_ = std::atoi(code);
    return crs;
}

Crs Crs::from_ogr(OGRSpatialReferenceH srs) {
    // Prefer the EPSG code: it carries the authority's definition, not a file's rewording of it.
    const char* auth = OSRGetAuthorityName(srs, nullptr);
    const char* code = OSRGetAuthorityCode(srs, nullptr);
    if (auth && code && std::strcmp(auth, "EPSG") == 0)
        return from_user_input(std::string("EPSG:") + code);
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    if (OSRExportToWktEx(srs, &wkt, options) != OGRERR_NONE || wkt == nullptr)
        throw Error("cannot read the layer's CRS definition");
    std::string text(wkt);
    CPLFree(wkt);
    Crs crs = from_user_input(text);
    // A file may spell a well-known CRS without its code (e.g. a shapefile .prj): identify it.
    PjPtr pj = make_crs(text);
    int* confidence = nullptr;
    PjListPtr matches(proj_identify(proj_ctx(), pj.get(), "EPSG", nullptr, &confidence));
    if (matches && proj_list_get_count(matches.get()) > 0 && confidence[0] == 100) {
        PjPtr best(proj_list_get(proj_ctx(), matches.get(), 0));
        if (const char* c = proj_get_id_code(best.get(), 0)) crs.epsg_ = std::atoi(c);
    }
    proj_int_list_destroy(confidence);
    return crs;
}

std::string Crs::label() const {
    if (epsg_) return "EPSG:" + std::to_string(*epsg_) + " (" + name_ + ")";
    return name_;
}

std::string Crs::wkt() const {
    PjPtr pj = make_crs(definition_);
    const char* wkt = proj_as_wkt(proj_ctx(), pj.get(), PJ_WKT2_2019, nullptr);
    return wkt ? wkt : "";
}

std::string Crs::proj_string() const {
    PjPtr pj = make_crs(definition_);
    const char* text = proj_as_proj_string(proj_ctx(), pj.get(), PJ_PROJ_5, nullptr);
    return text ? text : "";
}

bool Crs::equivalent_to(const Crs& other) const {
    if (epsg_ && other.epsg_) return *epsg_ == *other.epsg_;
    PjPtr a = make_crs(definition_), b = make_crs(other.definition_);
    return proj_is_equivalent_to_with_ctx(proj_ctx(), a.get(), b.get(),
                                          PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS) == 1;
}

std::string OperationInfo::summary() const {
    std::string accuracy =
        accuracy_m < 0 ? "unknown accuracy" : "accuracy " + std::to_string(accuracy_m) + " m";
    if (accuracy_m >= 0) {
        // Trim the trailing zeros std::to_string leaves ("4.000000 m" -> "4 m").
        const auto dot = accuracy.find('.');
        const auto unit = accuracy.find(" m", dot);
        std::string number = accuracy.substr(0, unit);
        while (number.back() == '0') number.pop_back();
        if (number.back() == '.') number.pop_back();
        accuracy = number + " m";
    }
    return source + " -> " + target + " via '" + name + "' (" + accuracy +
           (ballpark ? ", ballpark" : "") + ")";
}

struct Transformation::Impl {
    PjPtr op;
};

Transformation::Transformation(std::unique_ptr<Impl> impl, OperationInfo info)
    : impl_(std::move(impl)), info_(std::move(info)) {}
Transformation::Transformation(Transformation&&) noexcept = default;
Transformation& Transformation::operator=(Transformation&&) noexcept = default;
Transformation::~Transformation() = default;

namespace {

// Candidate operations from `from` to `to`, best first (PROJ's own ranking by area and accuracy).
PjListPtr candidate_operations(PJ* from, PJ* to, const TransformOptions& options,
                               bool allow_ballpark) {
    FactoryPtr factory(proj_create_operation_factory_context(proj_ctx(), nullptr));
    proj_operation_factory_context_set_allow_ballpark_transformations(proj_ctx(), factory.get(),
                                                                      allow_ballpark ? 1 : 0);
    proj_operation_factory_context_set_grid_availability_use(
        proj_ctx(), factory.get(), PROJ_GRID_AVAILABILITY_DISCARD_OPERATION_IF_MISSING_GRID);
    proj_operation_factory_context_set_spatial_criterion(
        proj_ctx(), factory.get(), PROJ_SPATIAL_CRITERION_PARTIAL_INTERSECTION);
    if (options.area_of_interest && !options.area_of_interest->empty) {
        const Envelope& a = *options.area_of_interest;
        proj_operation_factory_context_set_area_of_interest(proj_ctx(), factory.get(), a.min_x,
                                                            a.min_y, a.max_x, a.max_y);
    }
    return PjListPtr(proj_create_operations(proj_ctx(), from, to, factory.get()));
}

PjPtr first_usable(PJ_OBJ_LIST* ops, bool allow_ballpark) {
    if (!ops) return nullptr;
    for (int i = 0; i < proj_list_get_count(ops); ++i) {
        PjPtr op(proj_list_get(proj_ctx(), ops, i));
        if (!op || !proj_coordoperation_is_instantiable(proj_ctx(), op.get())) continue;
        if (!allow_ballpark &&
            proj_coordoperation_has_ballpark_transformation(proj_ctx(), op.get()))
            continue;
        return op;
    }
    return nullptr;
}

}  // namespace

Transformation Transformation::create(const Crs& from, const Crs& to,
                                      const TransformOptions& options) {
    PjPtr source = make_crs(from.definition()), target = make_crs(to.definition());
    PjListPtr ops =
        candidate_operations(source.get(), target.get(), options, options.allow_ballpark);
    PjPtr op = first_usable(ops.get(), options.allow_ballpark);
    if (!op) {
        PjListPtr with_ballpark = candidate_operations(source.get(), target.get(), options, true);
        if (!options.allow_ballpark && first_usable(with_ballpark.get(), true))
            throw Error("refusing a ballpark transformation from " + from.label() + " to " +
                        to.label() +
                        ": PROJ knows no datum shift of stated accuracy between them here; "
                        "allow ballpark transformations explicitly to accept it");
        throw Error("no coordinate operation from " + from.label() + " to " + to.label() + ": " +
                    proj_error());
    }
    OperationInfo info;
    info.source = from.label();
    info.target = to.label();
    const char* name = proj_get_name(op.get());
    info.name = name ? name : "";
    info.accuracy_m = proj_coordoperation_get_accuracy(proj_ctx(), op.get());
    // A conversion (a map projection on one datum, e.g. UTM) is exact; PROJ reports no accuracy.
    if (info.accuracy_m < 0 && proj_get_type(op.get()) == PJ_TYPE_CONVERSION) info.accuracy_m = 0;
    info.ballpark = proj_coordoperation_has_ballpark_transformation(proj_ctx(), op.get()) != 0;
    if (const char* pipeline = proj_as_proj_string(proj_ctx(), op.get(), PJ_PROJ_5, nullptr))
        info.pipeline = pipeline;
    // The one place that fixes axis order for coordinates: lon/lat and easting/northing.
    PjPtr normalised(proj_normalize_for_visualization(proj_ctx(), op.get()));
    if (!normalised)
        throw Error("cannot normalise the axis order of '" + info.name + "': " + proj_error());
    auto impl = std::make_unique<Impl>();
    impl->op = std::move(normalised);
    return Transformation(std::move(impl), std::move(info));
}

static bool run(PJ* op, PJ_DIRECTION direction, double& x, double& y) {
    PJ_COORD c = proj_coord(x, y, 0, HUGE_VAL);
    c = proj_trans(op, direction, c);
    if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y) || c.xy.x == HUGE_VAL) return false;
    x = c.xy.x;
    y = c.xy.y;
    return true;
}

bool Transformation::forward(double& x, double& y) const {
    return run(impl_->op.get(), PJ_FWD, x, y);
}
bool Transformation::inverse(double& x, double& y) const {
    return run(impl_->op.get(), PJ_INV, x, y);
}

Geometry Transformation::apply(const Geometry& geometry, bool inverse) const {
    PJ* op = impl_->op.get();
    const PJ_DIRECTION direction = inverse ? PJ_INV : PJ_FWD;
    return geometry.transform_xy(
        [op, direction](double& x, double& y) { return run(op, direction, x, y); });
}

std::optional<Envelope> lonlat_bounds(const Crs& crs, const Envelope& envelope) {
    if (envelope.empty) return std::nullopt;
    if (crs.is_geographic()) return envelope;
    PjPtr pj = make_crs(crs.definition());
    PjPtr geographic(proj_crs_get_geodetic_crs(proj_ctx(), pj.get()));
    if (!geographic) return std::nullopt;
    PjPtr op(
        proj_create_crs_to_crs_from_pj(proj_ctx(), pj.get(), geographic.get(), nullptr, nullptr));
    if (!op) return std::nullopt;
    PjPtr normalised(proj_normalize_for_visualization(proj_ctx(), op.get()));
    Envelope out;
    if (!proj_trans_bounds(proj_ctx(), normalised.get(), PJ_FWD, envelope.min_x, envelope.min_y,
                           envelope.max_x, envelope.max_y, &out.min_x, &out.min_y, &out.max_x,
                           &out.max_y, 21))
        return std::nullopt;
    out.empty = false;
    return out;
}

void OgrSrsDeleter::operator()(OGRSpatialReferenceH srs) const { OSRRelease(srs); }

OgrSrsPtr to_ogr_srs(const Crs& crs) {
    OgrSrsPtr srs(OSRNewSpatialReference(nullptr));
    if (OSRSetFromUserInput(srs.get(), crs.definition().c_str()) != OGRERR_NONE)
        throw Error("GDAL cannot use the CRS " + crs.label());
    OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

}  // namespace atlante
