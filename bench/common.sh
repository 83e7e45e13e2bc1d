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
work=$(mktemp -d /tmp/atlante-bench.XXXXXX)
eval "$(scripts/pg-cluster.sh start)"
trap 'scripts/pg-cluster.sh stop "$ATLANTE_PG_DIR"; rm -rf "$work"' EXIT

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
