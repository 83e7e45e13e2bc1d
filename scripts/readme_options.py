#!/usr/bin/env python3
"""Puts the option tables of every step into the README, from `atlante help --markdown`.

    scripts/readme_options.py README.md build/atlante           # rewrite the tables
    scripts/readme_options.py --check README.md build/atlante   # fail when they are stale

The tables sit between the two marker lines below; everything else in the README is kept.
"""
import subprocess
import sys

BEGIN = "<!-- BEGIN atlante help --markdown -->"
END = "<!-- END atlante help --markdown -->"


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    readme, atlante = args
    tables = subprocess.run([atlante, "help", "--markdown"], check=True,
                            stdout=subprocess.PIPE).stdout.decode("utf-8")
    text = open(readme, encoding="utf-8").read()
    if BEGIN not in text or END not in text:
        print(f"{readme}: the markers {BEGIN} and {END} are missing", file=sys.stderr)
        return 1
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    updated = head + BEGIN + "\n" + tables + END + tail
    if check:
        if updated != text:
            print(f"{readme}: the option tables are stale; run scripts/readme_options.py "
                  f"{readme} {atlante}", file=sys.stderr)
            return 1
        print("README option tables current")
        return 0
    open(readme, "w", encoding="utf-8").write(updated)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
