#!/usr/bin/env bash
# Runs each libFuzzer harness for a bounded time under ASan+UBSan, from the seed corpus.
#   scripts/fuzz.sh SECONDS [BUILD_DIR]   (BUILD_DIR configured with -DATLANTE_FUZZ=ON)
# New inputs and crash files go to a temporary folder, never into the repository: a crash is
# printed with its input, to be added to tests/fuzz/corpus/NAME/ once fixed. Exits 1 on a crash.
# The last lines per harness: executions, coverage (edges), corpus size, crashes.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: scripts/fuzz.sh SECONDS [BUILD_DIR]}
dir=${2:-build-fuzz}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
printf '%-8s %10s %8s %8s %7s %s\n' harness seconds runs cov corpus crashes
for name in project vector style number; do
    mkdir -p "$work/$name"
    log="$work/$name.log"
    # -timeout: one input taking 10 s is a hang, reported as a crash.
    if ! "$dir/tests/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 \
        -max_len=16384 -print_final_stats=1 -artifact_prefix="$work/$name-" \
        "$work/$name" "tests/fuzz/corpus/$name" >"$log" 2>&1; then
        status=1
        tail -60 "$log"
        for crash in "$work/$name"-*; do
            [ -e "$crash" ] && echo "input $(basename "$crash"): $(base64 -w0 "$crash")"
        done
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    corpus=$(find "$work/$name" -type f | wc -l)
    crashes=$(find "$work" -maxdepth 1 -name "$name-*" | wc -l)
    printf '%-8s %10s %8s %8s %7s %s\n' "$name" "$seconds" "${runs:-?}" "${cov:-?}" "$corpus" "$crashes"
done
exit $status
