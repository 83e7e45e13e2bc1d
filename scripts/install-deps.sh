#!/usr/bin/env bash
# Installs every Debian bookworm package atlante's build and tests need. Idempotent; run as root.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config clang-format  # toolchain
    clang libclang-rt-14-dev    # clang + libFuzzer: the ASan+UBSan build and the fuzzers
    libgdal-dev gdal-bin        # GDAL/OGR: vector I/O (GPKG, GeoJSON, Shapefile, FlatGeobuf, CSV, PostGIS)
    libgeos-dev                 # GEOS: geometry operations through the C API
    libproj-dev proj-bin        # PROJ: CRS and coordinate operations
    libtomlplusplus-dev         # toml++: catalogue and project files
    libcli11-dev                # CLI11: command-line parsing
    libpugixml-dev              # pugixml: the QGIS styles (QML) and SLD documents
    libzip-dev                  # libzip: QGIS projects (.qgz) are zip files
    libpng-dev                  # libpng: the maps' PNGs (fast deflate, the dpi in pHYs)
    libsqlite3-dev              # SQLite: the GeoPackages' spatial index, packed in one pass
    nlohmann-json3-dev          # JSON: run.json, the options as used
    libboost-dev libboost-graph-dev  # Boost.Geometry R-tree and Boost.Graph (analyses)
    libcairo2-dev libpango1.0-dev    # Cairo + Pango: cartography
    fonts-dejavu-core           # the maps' default font (DejaVu Sans)
    libgtest-dev libgmock-dev libbenchmark-dev  # tests and micro-benchmarks
    poppler-utils               # pdfinfo/pdftotext for checking PDF outputs in tests
    unzip                       # looking inside the QGIS projects (.qgz) in tests
    python3                     # the CLI test runner and the README's option tables
    postgresql-15 postgresql-15-postgis-3  # PostGIS: source, sink and cross-check in tests
    chromium                    # headless browser for the report test (out/index.html)
    qgis python3-qgis qgis-providers  # headless PyQGIS: the run's GeoPackages and projects in QGIS (tests)
    python3-numpy python3-scipy python3-pil  # the QGIS page against atlante's (SSIM, tests)
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Node.js + npm: Leaflet for the interactive map (embedded into atlante at build time) and
# playwright-core, which drives Chromium in the report test; both pinned in their lock files.
if ! command -v npm >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm
fi
npm ci --prefix "$(dirname "$0")/../web" --no-audit --no-fund --loglevel=error
npm ci --prefix "$(dirname "$0")/../tests/report" --no-audit --no-fund --loglevel=error
echo "install-deps: all ${#packages[@]} packages present"
