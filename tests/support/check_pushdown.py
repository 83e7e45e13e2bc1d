#!/usr/bin/env python3
"""The same step run here and pushed down to PostGIS writes the same outputs.

    check_pushdown.py ATLANTE DATA OUT

Needs a PostgreSQL server (PGHOST, PGPORT, PGUSER, PGDATABASE: scripts/test.sh starts a
throwaway one); without one it says so and exits 77 (skipped), unless ATLANTE_REQUIRE_PG=1.
Cases: the Italian provinces and regions (a catalogue level: code, name, shared fields), the
Torino zone omogenee by a plain field with population summed. For each, the CSVs of both
engines are read as a spreadsheet reads them: the same columns, the same groups in the same
order, the same text, integers equal, areas and sums within 1e-9 relative.
"""
import csv
import os
import subprocess
import sys

CASES = [
    ("italia", ["--by", "province"], "provinces.csv"),
    ("italia", ["--by", "region"], "regions.csv"),
    ("cmto", ["--by", "zone_name", "--sum-fields", "pop_res_2021"], "by_zone_name.csv"),
]


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def same(a, b):
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return abs(x - y) <= 1e-9 * max(abs(x), abs(y)) or abs(x - y) <= 1e-12


def main():
    atlante, data, out = sys.argv[1:4]
    if not os.environ.get("PGHOST"):
        if os.environ.get("ATLANTE_REQUIRE_PG") == "1":
            print("FAIL: ATLANTE_REQUIRE_PG=1 but no PostgreSQL server (PGHOST)")
            return 1
        print("skipped: no PostgreSQL server (scripts/test.sh starts one)")
        return 77
    connection = "PG:dbname={} host={} port={} user={}".format(
        os.environ.get("PGDATABASE", "atlante"), os.environ["PGHOST"],
        os.environ.get("PGPORT", "5432"), os.environ.get("PGUSER", "postgres"))
    problems = []
    for catalog, flags, name in CASES:
        outputs = {}
        for engine in ("local", "postgis"):
            folder = os.path.join(out, catalog + "_" + flags[1] + "_" + engine)
            command = [atlante, "--data", data, "--catalog-file", catalog, "dissolve", *flags,
                       "--engine", engine, "--out", folder]
            if engine == "postgis":
                command[-2:-2] = ["--database", connection]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            outputs[engine] = rows(os.path.join(folder, name))
        here, there = outputs["local"], outputs["postgis"]
        case = f"{catalog} {' '.join(flags)}"
        if here[0] != there[0]:
            problems.append(f"{case}: columns {there[0]}, here {here[0]}")
            continue
        if len(here) != len(there):
            problems.append(f"{case}: {len(there) - 1} groups, here {len(here) - 1}")
            continue
        for r, (a, b) in enumerate(zip(here[1:], there[1:]), start=1):
            for column, x, y in zip(here[0], a, b):
                if not same(x, y):
                    problems.append(f"{case}: row {r} ({a[1]}), {column}: {y}, here {x}")
        print(f"{case}: {len(here) - 1} groups, {len(here[0])} columns agree")
    for p in problems[:20]:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
