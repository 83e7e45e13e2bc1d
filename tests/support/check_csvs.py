#!/usr/bin/env python3
"""Opens every CSV a run wrote the way a spreadsheet does, with Python's csv module:

    check_csvs.py OUT_FOLDER rfc4180|excel-it

Each file must start with its header (no comment lines), every row must have the header's
number of fields, numbers must use the dialect's decimal mark, and every CSV must have its CSV
on the Web sidecar naming the same columns.
"""
import csv
import json
import pathlib
import re
import sys


def main(folder, dialect):
    separator, decimal = (";", ",") if dialect == "excel-it" else (",", ".")
    encoding = "utf-8-sig" if dialect == "excel-it" else "utf-8"
    files = sorted(pathlib.Path(folder).rglob("*.csv"))
    problems = []
    decimals = 0
    for path in files:
        raw = path.read_bytes()
        if dialect == "excel-it" and not raw.startswith(b"\xef\xbb\xbf"):
            problems.append(f"{path}: no UTF-8 byte order mark")
        with open(path, encoding=encoding, newline="") as f:
            rows = list(csv.reader(f, delimiter=separator))
        header = rows[0]
        if header[0].startswith("#"):
            problems.append(f"{path}: starts with a comment line, not the header")
        for n, row in enumerate(rows[1:], 2):
            if len(row) != len(header):
                problems.append(f"{path}:{n}: {len(row)} fields, the header has {len(header)}")
        wrong = re.compile(r"^-?\d+\.\d+$") if decimal == "," else re.compile(r"^-?\d+,\d+$")
        right = re.compile(r"^-?\d+" + re.escape(decimal) + r"\d+$")
        for row in rows[1:]:
            for cell in row:
                if wrong.match(cell):
                    problems.append(f"{path}: '{cell}' uses the wrong decimal mark")
                decimals += bool(right.match(cell))
        sidecar = pathlib.Path(str(path) + "-metadata.json")
        if not sidecar.exists():
            problems.append(f"{path}: no CSVW sidecar")
        else:
            columns = [c["name"] for c in json.loads(sidecar.read_text())["tableSchema"]["columns"]]
            if columns != header:
                problems.append(f"{sidecar}: columns {columns} are not the CSV's {header}")
    if not files:
        problems.append(f"no CSV under {folder}")
    if decimals == 0:
        problems.append("no number with a decimal mark was seen")
    for p in problems:
        print("FAIL", p)
    if problems:
        return 1
    print(f"{len(files)} CSV files: header first, '{separator}', "
          f"{'decimal commas' if decimal == ',' else 'decimal points'}, {decimals} decimals, "
          "CSVW sidecars match")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
