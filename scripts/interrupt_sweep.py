"""Ctrl-C an ``aidecl build`` at many moments, re-run it, and say what each stop left.

For each moment: publish a small package (``--first``), start a build of ``--documents``
over it, send SIGINT to its whole process group (what a terminal's Ctrl-C does) after
the delay, then report the exit code, the processes of the build still alive, whether
the package is the previous one, the new one or anything else, any ``<out>.tmp-`` or
``.old-`` folder left beside it, and whether a re-run publishes the bytes of a build
that was never interrupted (every file but ``aidecl.duckdb``, whose bytes differ between
two builds from scratch too). docs/faults.md quotes its results.

    uv run python scripts/interrupt_sweep.py --first documents-5 --documents documents-60 \\
        --work /tmp/sweep --delays 0.2,0.4,1,2,3
    uv run python scripts/interrupt_sweep.py ... --at-staging --delays 0,0.01,0.02,0.05

``--at-staging``: each delay counts from the moment the staging folder appears.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path


def _build(docs: Path, out: Path, state: Path) -> subprocess.Popen:
    command = ["build", "--documents", str(docs), "--out", str(out), "--state", str(state)]
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _files(pkg: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(pkg)): p.read_bytes()
        for p in sorted(pkg.rglob("*"))
        if p.is_file() and p.name != "aidecl.duckdb"
    }


def _beside(work: Path, name: str) -> list[str]:
    return sorted(p.name for p in work.iterdir() if p.name.startswith(f"{name}."))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--first", type=Path, required=True, help="documents of the package in place")
    ap.add_argument("--documents", type=Path, required=True, help="documents of the stopped build")
    ap.add_argument("--work", type=Path, required=True, help="scratch folder (emptied)")
    ap.add_argument("--delays", required=True, help="seconds, comma-separated")
    ap.add_argument("--at-staging", action="store_true", help="count from the staging folder")
    args = ap.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    ref = args.work / "reference"
    for docs in (args.first, args.documents):
        proc = _build(docs, ref, args.work / "reference-state")
        assert proc.wait() == 0, proc.stderr.read()
    reference = _files(ref)
    counts = {"stopped": 0, "leftovers": 0, "processes": 0, "not identical": 0}
    for i, delay in enumerate(float(d) for d in args.delays.split(",")):
        name = f"out{i}"
        out, state = args.work / name, args.work / f"state{i}"
        _build(args.first, out, state).communicate()
        before = _files(out)
        proc = _build(args.documents, out, state)
        if args.at_staging:
            while proc.poll() is None and not any(
                n.startswith(f"{name}.tmp-") for n in os.listdir(args.work)
            ):
                time.sleep(0.001)
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):  # the build had ended
            os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate()
        left = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True, text=True)
        alive = left.stdout.split()
        now = _files(out)
        package = "previous" if now == before else "new" if now == reference else "OTHER"
        leftovers = _beside(args.work, name)
        rerun = _build(args.documents, out, state)
        rerun.communicate()
        same = _files(out) == reference
        counts["stopped"] += proc.returncode == 130
        counts["leftovers"] += bool(leftovers)
        counts["processes"] += bool(alive)
        counts["not identical"] += not same or rerun.returncode != 0
        stop_line = [line for line in err.splitlines() if "stopped by a signal" in line]
        print(
            f"delay {delay}: exit {proc.returncode}, package {package}, left beside {leftovers}, "
            f"processes alive {alive}, rerun exit {rerun.returncode} identical {same}"
            + (f" | {stop_line[0]}" if stop_line else "")
        )
    print(
        f"{len(args.delays.split(','))} tries: " + ", ".join(f"{k} {v}" for k, v in counts.items())
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
