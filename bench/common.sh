# Shared set-up of the end-to-end benchmarks (sourced from the top of the clone): installs what
# they need, builds atlante in Release, starts a throwaway PostGIS cluster, and defines helpers.
# Sets: root, atlante (the binary), work (a temporary folder), ATLANTE_DATA, PG* variables.
root=$(pwd)
export ATLANTE_DATA=${ATLANTE_DATA:-$(cd .. && pwd)/shared/data}
bash scripts/install-deps.sh >/dev/null
for package in python3-geopandas bc; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
done
bash scripts/build.sh build-release -DCMAKE_BUILD_TYPE=Release -DATLANTE_BUILD_TESTS=OFF >/dev/null
atlante=$root/build-release/atlante
work=${ATLANTE_BENCH_WORK:-$(mktemp -d /tmp/atlante-bench.XXXXXX)}
eval "$(scripts/pg-cluster.sh start)"
trap 'scripts/pg-cluster.sh stop "$ATLANTE_PG_DIR"; [ -n "${ATLANTE_BENCH_WORK:-}" ] || rm -rf "$work"' EXIT

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Times the function run_<tool> (each benchmark defines them) `repeats` times per tool, prints a
# table, and keeps the medians in `times`. `ratio A B` prints times[A] / times[B].
declare -A times=()
time_tools() {
    local repeats=$1 tool r t0
    shift
    for tool in "$@"; do
        local runs=()
        for ((r = 0; r < repeats; ++r)); do
            t0=$(now)
            "run_$tool"
            runs+=("$(echo "$(now) - $t0" | bc -l)")
        done
        times[$tool]=$(median "${runs[@]}")
        printf '%-10s %-10s %10.3f\n' "${label:-}" "$tool" "${times[$tool]}"
    done
}
ratio() { echo "${times[$1]} / ${times[$2]}" | bc -l; }
# A fresh output folder for one run.
fresh() { rm -rf "$1" && mkdir -p "$1"; }
