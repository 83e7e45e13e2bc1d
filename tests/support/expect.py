#!/usr/bin/env python3
"""Runs a command and checks what a user would see: its exit status AND its output.

    expect.py --exit 2 --match 'out of range' [--no-match RE] [--absent PATH] -- atlante ...

CTest's PASS_REGULAR_EXPRESSION looks at the text alone and ignores the exit status; this
checks both (and that files which must not be written are absent). Regular expressions are
searched in stdout and stderr together, with '.' matching newlines.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exit", type=int, default=0, help="expected exit status")
    parser.add_argument("--match", action="append", default=[], help="must be in the output")
    parser.add_argument("--no-match", action="append", default=[], help="must not be in it")
    parser.add_argument("--absent", action="append", default=[], help="a path that must not exist")
    parser.add_argument("--shell", action="store_true", help="run the command through sh -c")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if args.shell:
        command = ["sh", "-c", " ".join(command)]
    for path in args.absent:  # left by an earlier run of the test: the command must not make it
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        elif os.path.lexists(path):
            os.remove(path)
    run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = run.stdout.decode("utf-8", errors="replace")
    sys.stdout.write(output)
    problems = []
    if run.returncode != args.exit:
        problems.append(f"exit status {run.returncode}, expected {args.exit}")
    for pattern in args.match:
        if not re.search(pattern, output, re.DOTALL):
            problems.append(f"output does not match: {pattern}")
    for pattern in args.no_match:
        if re.search(pattern, output, re.DOTALL):
            problems.append(f"output matches what it must not: {pattern}")
    for path in args.absent:
        if os.path.exists(path):
            problems.append(f"{path} exists but must not")
    for p in problems:
        print(f"expect.py: FAIL: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
