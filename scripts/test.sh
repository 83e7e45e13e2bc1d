#!/usr/bin/env bash
# Builds and runs every test, as CI does:
#   1. formatting (clang-format) of the sources,
#   2. a -Wall -Wextra -Werror build and its tests (unit, integration on the real data, CLI),
#   3. the same tests in an AddressSanitizer + UndefinedBehaviorSanitizer build (clang), which
#      also replays the fuzzers' seed corpus, then runs each fuzzer for ATLANTE_FUZZ_SECONDS (60).
# A throwaway PostGIS cluster runs for the PostGIS tests and is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export ATLANTE_DATA=${ATLANTE_DATA:-$(cd .. && pwd)/shared/data}

echo "== PostGIS test cluster"
eval "$(scripts/pg-cluster.sh start)"
trap 'scripts/pg-cluster.sh stop "$ATLANTE_PG_DIR"' EXIT
export ATLANTE_REQUIRE_PG=1

echo "== clang-format"
find layers engine geodata render pipeline cli tests bench -name '*.cpp' -o -name '*.hpp' 2>/dev/null |
    xargs clang-format --dry-run --Werror

echo "== build (warnings are errors)"
scripts/build.sh build-ci -DATLANTE_WERROR=ON
(cd build-ci && ctest --output-on-failure -j "$(nproc)")

echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer (clang, with the fuzzers)"
# clang, so that the same build holds the libFuzzer harnesses (a GCC-configured folder is redone).
grep -qs 'CMAKE_CXX_COMPILER:.*clang' build-asan/CMakeCache.txt || rm -rf build-asan
CC=clang CXX=clang++ scripts/build.sh build-asan -DATLANTE_WERROR=ON -DATLANTE_SANITIZE=ON \
    -DATLANTE_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j "$(nproc)")

echo "== fuzzers, ${ATLANTE_FUZZ_SECONDS:=60} s each (scripts/fuzz.sh)"
scripts/fuzz.sh "$ATLANTE_FUZZ_SECONDS" build-asan
