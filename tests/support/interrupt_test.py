#!/usr/bin/env python3
"""A run stopped mid-way leaves earlier outputs as they were and no staging folder behind.

    interrupt_test.py ATLANTE DATA PROJECT OUT

1. A first run writes OUT (the baseline: every file's bytes and modification time).
2. A second run is stopped with SIGTERM, then a third with SIGINT, while their staging folders
   exist: each exits 143 / 130 with a message, no `.staging-*` is left, the baseline is intact.
3. A fourth run is killed with SIGKILL (it cannot clean up): its staging folder stays; the next
   run removes it, says so, and succeeds.
"""
import hashlib
import os
import signal
import subprocess
import sys
import time


def snapshot(folder):
    files = {}
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".staging-")]
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
            files[os.path.relpath(path, folder)] = (digest, os.stat(path).st_mtime_ns)
    return files


def staging(folder, pid=None):
    prefix = ".staging-" if pid is None else f".staging-{pid}-"
    return [n for n in os.listdir(folder) if n.startswith(prefix)]


def stopped_run(command, out, sig):
    """Starts a run, sends sig once its own staging folder exists; returns (exit, output)."""
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while not staging(out, run.pid) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    if run.poll() is not None:
        sys.exit(f"FAIL: the run ended before it could be stopped (exit {run.returncode})")
    run.send_signal(sig)
    output, _ = run.communicate(timeout=60)
    return run.returncode, output.decode("utf-8", errors="replace")


def main():
    atlante, data, project, out = sys.argv[1:5]
    command = [atlante, "--data", data, "run", project, "--out", out]
    subprocess.run(["rm", "-rf", out], check=True)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    baseline = snapshot(out)
    problems = []
    for sig, code in ((signal.SIGTERM, 143), (signal.SIGINT, 130)):
        status, output = stopped_run(command, out, sig)
        name = signal.Signals(sig).name
        print(f"{name}: exit {status}: {output.strip()}")
        if status != code:
            problems.append(f"{name}: exit {status}, expected {code}")
        if f"stopped by {name}" not in output or "earlier outputs are as they were" not in output:
            problems.append(f"{name}: no message saying the run was stopped")
        if staging(out):
            problems.append(f"{name}: staging folder left: {staging(out)}")
        if snapshot(out) != baseline:
            problems.append(f"{name}: the earlier outputs changed")
    status, _ = stopped_run(command, out, signal.SIGKILL)
    left = staging(out)
    print(f"SIGKILL: exit {status}, left {left}")
    if status != -signal.SIGKILL or not left:
        problems.append("SIGKILL: expected a killed run and its staging folder left behind")
    if snapshot(out) != baseline:
        problems.append("SIGKILL: the earlier outputs changed")
    rerun = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = rerun.stdout.decode("utf-8", errors="replace")
    removed = [line for line in output.splitlines() if line.startswith("Removed .staging-")]
    print("rerun: exit", rerun.returncode, "|", " | ".join(removed))
    if rerun.returncode != 0:
        problems.append(f"rerun: exit {rerun.returncode}")
    if not left or not any(left[0] in line and "process is gone" in line for line in removed):
        problems.append("rerun: did not say it removed the stale staging folder")
    if staging(out):
        problems.append(f"rerun: staging left: {staging(out)}")
    for p in problems:
        print("FAIL:", p)
    if not problems:
        print("interrupted runs: no debris, earlier outputs intact")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
