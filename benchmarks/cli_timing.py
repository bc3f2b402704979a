"""Time an ``aidecl`` command as a user runs it: wall, CPU of the process tree, peak memory.

Why a separate script: ``build_benchmark.py`` builds whole corpora; the start-up and
validation targets of issue 17 are about one command run again and again (``aidecl build``
with nothing to do, ``aidecl validate``), on a machine other processes load. Wall time
alone says little there, so each run records beside it:

- ``cpu_s``: user + system CPU seconds of the command and every process it waited for
  (``RUSAGE_CHILDREN`` before and after), the figure to compare before/after a change;
- ``peak_pss_mb``: peak summed PSS of the process tree, sampled every 0.1 s;
- ``load``: ``os.getloadavg()`` before the run.

``--code DIR`` imports ``aidecl_data`` and ``pipelines`` from DIR (a copy of another
commit, e.g. ``git archive HEAD~3 src pipelines | tar -x -C DIR``) to compare two versions
of the code on the same data, in alternation (``--code`` may be given twice).

    uv run python benchmarks/cli_timing.py --runs 5 -- build --documents D --out P --state S
    uv run python benchmarks/cli_timing.py --code /tmp/base --code . --runs 5 -- validate \
        --package P
    uv run python benchmarks/cli_timing.py --before "sh restore.sh" --runs 3 -- build ...

``--before CMD`` runs a shell command, untimed, before each run (an add-one measurement
restores the package and the state of N documents, then drops the new document in).

Prints one JSON object per run and a summary (median wall, median CPU, max peak) per code;
for a build, also the documents its package holds and their MB, as documents/s and MB/s
at the median wall time.
Each code folder is byte-compiled first (``compile_code``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from build_benchmark import tree_pss_mb  # noqa: E402


def _pythonpath(code: str) -> str:
    base = Path(code).resolve()
    src = base / "src" if (base / "src" / "aidecl_data").is_dir() else base
    return os.pathsep.join([str(src), str(base)])


def compile_code(code: str) -> None:
    """Byte-compile the code's modules once, as a user's Python does on its first run.

    The machines here set ``PYTHONDONTWRITEBYTECODE=1``: without this, every timed run
    compiled every module of the project from source again (about 0.2 s of a build, and
    more for the larger of two versions compared), a cost no user pays twice.
    """
    base = Path(code).resolve()
    folders = [p for p in (base / "src" / "aidecl_data", base / "aidecl_data", base / "pipelines")
               if p.is_dir()]  # fmt: skip
    subprocess.run([sys.executable, "-m", "compileall", "-q", *map(str, folders)], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def run_once(code: str, argv: list[str], env_extra: dict | None = None) -> dict:
    """One ``aidecl ARGV`` in a fresh interpreter importing the code in ``code``."""
    env = dict(os.environ, PYTHONPATH=_pythonpath(code), **(env_extra or {}))
    # -P: the working folder is not put first on the import path, so ``--code`` wins over
    # a checkout the command happens to run in.
    cmd = [sys.executable, "-P", "-c", "from pipelines.cli import entry; entry()", *argv]
    load = os.getloadavg()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_pss_mb(proc.pid))
        time.sleep(0.1)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        **_published(argv),
        "code": code,
        "argv": argv,
        "exit": proc.returncode,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "peak_pss_mb": round(peak, 1),
        "load": [round(x, 2) for x in load],
        "stdout_tail": out.decode(errors="replace").strip().splitlines()[-1:],
        "stderr_lines": len(err.decode(errors="replace").splitlines()),
    }


def _published(argv: list[str]) -> dict:
    """For a build: how many documents the package it left holds, and their raw bytes
    (the files its descriptor names, in ``--documents``), so that a summary can say
    documents/s and MB/s of what each version of the code actually published."""
    if not argv or argv[0] != "build" or "--out" not in argv or "--documents" not in argv:
        return {}
    out = Path(argv[argv.index("--out") + 1])
    docs = Path(argv[argv.index("--documents") + 1])
    try:
        sources = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["sources"]
        size = sum((docs / s["path"]).stat().st_size for s in sources)
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {"documents": len(sources), "megabytes": round(size / 1e6, 3)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--code", action="append", help="folder to import the code from")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--out", help="append the JSON lines to this file")
    p.add_argument(
        "--before",
        help="shell command run (untimed) before each run, e.g. to restore a package and "
        "drop one new document in for an add-one measurement",
    )
    p.add_argument("--summarize", metavar="FILE", help="only summarize an --out file")
    p.add_argument("command", nargs=argparse.REMAINDER, help="-- then the aidecl arguments")
    args = p.parse_args(argv)
    if args.summarize:
        summarize_file(args.summarize)
        return 0
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    codes = args.code or [str(ROOT)]
    runs: dict[str, list[dict]] = {c: [] for c in codes}
    for code in codes:
        compile_code(code)
    for _ in range(args.runs):
        for code in codes:  # alternate, so a change of machine load hits both alike
            if args.before:
                subprocess.run(args.before, shell=True, check=True)
            r = run_once(code, command)
            runs[code].append(r)
            line = json.dumps(r)
            print(line, flush=True)
            if args.out:
                with open(args.out, "a", encoding="utf-8") as f:
                    f.write(line + "\n")
    summarize(runs)
    return 0


def summarize(runs: dict[str, list[dict]]) -> None:
    """Print the summary of each code's runs; with two codes and builds, also the pairs
    (run k of each, taken one after the other) compared per document published."""
    for code, rs in runs.items():
        summary = {
            "code": code,
            "runs": len(rs),
            "median_wall_s": round(statistics.median(r["wall_s"] for r in rs), 3),
            "min_wall_s": min(r["wall_s"] for r in rs),
            "median_cpu_s": round(statistics.median(r["cpu_s"] for r in rs), 3),
            "max_peak_pss_mb": max(r["peak_pss_mb"] for r in rs),
            "load_1m": [r["load"][0] for r in rs],
        }
        if rs and "documents" in rs[-1]:  # a build: the rate of the median run
            summary["documents"] = rs[-1]["documents"]
            summary["documents_per_s"] = round(rs[-1]["documents"] / summary["median_wall_s"], 1)
            summary["mb_per_s"] = round(rs[-1]["megabytes"] / summary["median_wall_s"], 3)
        print("summary " + json.dumps(summary), flush=True)
    if len(runs) == 2 and all(r.get("documents") for rs in runs.values() for r in rs):
        first, second = runs.values()
        diffs = [
            1e3 * (b["wall_s"] / b["documents"] - a["wall_s"] / a["documents"])
            for a, b in zip(first, second, strict=False)
        ]
        paired = {
            "pairs": len(diffs),
            "second_faster_per_document": sum(d < 0 for d in diffs),
            "mean_ms_per_document_second_minus_first": round(statistics.mean(diffs), 3),
        }
        print("paired " + json.dumps(paired), flush=True)


def summarize_file(path: str) -> None:
    """``summarize`` the runs an ``--out`` file holds (in the order they were run)."""
    runs: dict[str, list[dict]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        runs.setdefault(r["code"], []).append(r)
    summarize(runs)


if __name__ == "__main__":
    sys.exit(main())
