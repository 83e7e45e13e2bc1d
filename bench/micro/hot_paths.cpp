// Micro-benchmarks of the hot paths under the end-to-end benchmarks, on inputs built here (a
// coverage of square "comuni", random sites and stations in UTM 32N): the within-distance join,
// the area inside the station discs, the coverage union of a dissolve, Fisher-Jenks breaks, label
// placement in a page's collision index, and one A3 page drawn into a Cairo recording. Run:
//   build-release/bench/micro/atlante_micro_bench [--benchmark_filter=…]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <string>

#include "engine/classify/classification.hpp"
#include "engine/dissolve.hpp"
#include "engine/proximity/disc_coverage.hpp"
#include "engine/proximity/within_distance.hpp"
#include "render/cairo/canvas.hpp"
#include "render/labels/collision_index.hpp"
#include "render/map_spec.hpp"

namespace atlante {
namespace {

const Crs& utm() {
    static const Crs crs = Crs::from_user_input("EPSG:32632");
    return crs;
}

std::string square(double x, double y, double size) {
    const auto p = [](double a, double b) { return std::to_string(a) + " " + std::to_string(b); };
    return "POLYGON ((" + p(x, y) + ", " + p(x + size, y) + ", " + p(x + size, y + size) + ", " +
           p(x, y + size) + ", " + p(x, y) + "))";
}

// `side` × `side` edge-matched squares of 5 km, in `zones` vertical bands: comuni and zones.
Layer coverage(int side, int zones) {
    Layer layer("comuni", utm(), true);
    layer.add_field({"name", FieldType::String, false});
    layer.add_field({"zone", FieldType::String, false});
    layer.add_field({"pop", FieldType::Integer, false});
    std::mt19937 random(1);
    for (int i = 0; i < side; ++i)
        for (int j = 0; j < side; ++j)
            layer.append(i * side + j + 1,
                         Geometry::from_wkt(square(350000 + 5000 * i, 4950000 + 5000 * j, 5000)),
                         {"Comune " + std::to_string(i * side + j),
                          "Zona " + std::to_string(i * zones / side),
                          std::int64_t{500 + static_cast<std::int64_t>(random() % 50000)}});
    return layer;
}

Layer stations(std::size_t n) {
    Layer layer("stations", utm(), true);
    std::mt19937 random(2);
    std::uniform_real_distribution<double> x(350000, 430000), y(4950000, 5030000);
    for (std::size_t i = 0; i < n; ++i)
        layer.append(static_cast<std::int64_t>(i + 1), Geometry::point(x(random), y(random)));
    return layer;
}

std::vector<Geometry> sites(std::size_t n) {
    std::mt19937 random(3);
    std::uniform_real_distribution<double> x(350000, 430000), y(4950000, 5030000), size(20, 600);
    std::vector<Geometry> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(Geometry::from_wkt(square(x(random), y(random), size(random))));
    return out;
}

void WithinDistanceJoin(benchmark::State& state) {
    const Layer st = stations(101);
    const WithinDistance join(st);
    const std::vector<Geometry> targets = sites(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state)
        for (const Geometry& g : targets) benchmark::DoNotOptimize(join.within(g, 1500));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(WithinDistanceJoin)->Arg(10000)->Unit(benchmark::kMillisecond);

void DiscCoverageArea(benchmark::State& state) {
    const Layer st = stations(101);
    const WithinDistance join(st);
    const std::vector<Geometry> targets = sites(static_cast<std::size_t>(state.range(0)));
    std::vector<std::vector<std::size_t>> near;
    for (const Geometry& g : targets) {
        near.emplace_back();
        for (const SourceAtDistance& s : join.within(g, 1500)) near.back().push_back(s.source);
    }
    for (auto _ : state) {
        const DiscCoverage discs(st, 1500, 64);  // its unions are made on first use, each run
        for (std::size_t i = 0; i < targets.size(); ++i)
            benchmark::DoNotOptimize(discs.area_within(targets[i], near[i]));
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(DiscCoverageArea)->Arg(10000)->Unit(benchmark::kMillisecond);

void CoverageUnion(benchmark::State& state) {
    const Layer comuni = coverage(static_cast<int>(state.range(0)), 11);
    DissolveOptions options;
    options.by = "zone";
    options.sum_fields = {"pop"};
    for (auto _ : state) benchmark::DoNotOptimize(dissolve(comuni, options));
    state.SetItemsProcessed(state.iterations() * static_cast<long>(comuni.size()));
}
BENCHMARK(CoverageUnion)->Arg(18)->Arg(90)->Unit(benchmark::kMillisecond);

void FisherJenks(benchmark::State& state) {
    std::mt19937 random(4);
    std::lognormal_distribution<double> value(8, 1.5);
    std::vector<double> values(static_cast<std::size_t>(state.range(0)));
    for (double& v : values) v = value(random);
    std::sort(values.begin(), values.end());
    for (auto _ : state) benchmark::DoNotOptimize(fisher_jenks_breaks(values, 5));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(FisherJenks)->Arg(312)->Arg(7899)->Unit(benchmark::kMillisecond);

// Labels of 3 × 12 mm tried on an A3 frame in random order, as a map's comuni labels are.
void LabelPlacement(benchmark::State& state) {
    std::mt19937 random(5);
    std::uniform_real_distribution<double> x(10, 390), y(10, 280);
    std::vector<Box> boxes;
    for (long i = 0; i < state.range(0); ++i) {
        const double bx = x(random), by = y(random);
        boxes.push_back({bx, by, bx + 12, by + 3});
    }
    for (auto _ : state) {
        CollisionIndex page;
        page.add_obstacle({300, 200, 410, 287});  // the legend
        std::size_t placed = 0;
        for (const Box& b : boxes) placed += page.try_place(b);
        benchmark::DoNotOptimize(placed);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(LabelPlacement)->Arg(312)->Arg(7899)->Unit(benchmark::kMillisecond);

// One A3 page: 312 comuni filled by zone with labels, title, legend, scale bar, north arrow,
// drawn into a recording surface (no file encoding).
void OnePage(benchmark::State& state) {
    const Layer comuni = coverage(18, 11);
    MapSpec spec;
    spec.name = "bench";
    spec.theme = "Bench";
    spec.title = "Zone";
    spec.page = page_from("A3", "landscape", 10);
    spec.dpi = 300;
    spec.extent = comuni.extent();
    MapLayer layer;
    layer.layer = &comuni;
    layer.name = "comuni";
    layer.style.kind = StyleKind::Categorical;
    layer.style.field = "zone";
    layer.style.label_field = "name";
    for (int i = 0; i < 11; ++i)
        layer.style.colors.push_back({0.3 + 0.06 * i, 0.8 - 0.05 * i, 0.5, 1});
    spec.layers.push_back(std::move(layer));
    Canvas::require_font(spec.font_family);
    for (auto _ : state) {
        Canvas canvas(PageFormat::Recording, "", spec.page.width_mm, spec.page.height_mm, spec.dpi,
                      "bench");
        benchmark::DoNotOptimize(draw_map(canvas, spec));
    }
}
BENCHMARK(OnePage)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace atlante

BENCHMARK_MAIN();
