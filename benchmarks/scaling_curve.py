"""Time and memory of ``aidecl build`` against corpus size (1k, 10k, 100k documents), and the chart.

Why a script of its own: ``build_benchmark.py`` measures many things per size and is
too slow for 100,000 documents; the curve needs three things per size, measured the same
way at every size on a machine other processes load:

- the first build (empty state): wall, CPU seconds of the process tree (the figure to
  compare on a shared machine), peak PSS of the tree, and a timeline of PSS of the build
  process and of its workers (sampled every 0.5 s), so the chart shows where memory goes;
- the same build again with nothing changed;
- one document added (document N of the same synthetic series, ``synth_corpus``, so the
  corpus of N + 1 is the corpus of N plus one file).

Each command is a fresh interpreter (``aidecl build`` as a user runs it), niced.

    uv run python benchmarks/synth_corpus.py --out /tmp/c/docs10000 --count 10000 --seed 1
    nice uv run python benchmarks/scaling_curve.py --docs /tmp/c/docs10000 --work /tmp/c/w10000 \
        --json benchmarks/results/2026-12-06-issue17/curve-10000.json
    uv run python benchmarks/scaling_curve.py --chart docs/scaling-curve.svg \
        benchmarks/results/2026-12-06-issue17/curve-*.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from build_benchmark import _children, machine_load  # noqa: E402


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    out, todo = [], _children(pid)
    while todo:
        p = todo.pop()
        out.append(p)
        todo += _children(p)
    return out


CODE = ROOT  # where aidecl_data and pipelines are imported from (``--code``)


def run_build(argv: list[str], interval: float = 0.5) -> dict:
    """One ``aidecl ARGV`` in a fresh interpreter: wall, tree CPU, peak PSS, PSS timeline."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(CODE / "src"), str(CODE)]))
    cmd = [sys.executable, "-P", "-c", "from pipelines.cli import entry; entry()", *argv]
    load = machine_load()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    timeline: list[list[float]] = []  # [seconds, parent MB, workers MB, workers alive]
    while proc.poll() is None:
        kids = _descendants(proc.pid)
        parent = _pss_kb(proc.pid) / 1024
        workers = sum(_pss_kb(k) for k in kids) / 1024
        timeline.append(
            [round(time.perf_counter() - t0, 2), round(parent, 1), round(workers, 1), len(kids)]
        )
        time.sleep(interval)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "argv": argv,
        "exit": proc.returncode,
        "wall_s": round(wall, 2),
        "cpu_s": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 2),
        "peak_pss_mb": round(max((p + w for _, p, w, _ in timeline), default=0.0), 1),
        "peak_parent_mb": round(max((p for _, p, _, _ in timeline), default=0.0), 1),
        "load_before": load,
        "load_after": machine_load(),
        "stdout_tail": out.decode(errors="replace").strip().splitlines()[-1:],
        "stderr_tail": err.decode(errors="replace").strip().splitlines()[-3:],
        "timeline": timeline,
    }


def next_document(count: int, seed: int) -> tuple[str, bytes]:
    """Document number ``count`` of the synthetic series (the one a corpus of ``count`` lacks)."""
    from synth_corpus import default_template_paths, iter_documents, load_templates

    for doc in iter_documents(load_templates(default_template_paths()), seed):
        if doc.index == count:
            return doc.name, doc.data
    raise AssertionError("unreachable")


def measure(docs: Path, work: Path, seed: int, skip: set[str]) -> dict:
    files = [p for p in docs.iterdir() if p.is_file()]
    count = len(files)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    pkg, state = work / "pkg", work / "state"
    argv = ["build", "--documents", str(docs), "--out", str(pkg), "--state", str(state)]
    result: dict = {
        "documents": count,
        "megabytes": round(sum(p.stat().st_size for p in files) / 1e6, 1),
        "cores": os.cpu_count(),
    }
    try:
        result["git_commit"] = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        result["code"] = str(CODE)
    except OSError:
        pass
    print(f"{count} documents: first build", flush=True)
    result["first"] = run_build(argv)
    print(json.dumps({k: v for k, v in result["first"].items() if k != "timeline"}), flush=True)
    if "nochange" not in skip:
        result["nochange"] = run_build(argv, interval=0.1)
        print(json.dumps({k: v for k, v in result["nochange"].items() if k != "timeline"}))
    if "add_one" not in skip:
        name, data = next_document(count, seed)
        added = docs / name
        added.write_bytes(data)
        try:
            result["add_one"] = run_build(argv, interval=0.2)
        finally:
            added.unlink()
        print(json.dumps({k: v for k, v in result["add_one"].items() if k != "timeline"}))
    result["package_mb"] = round(
        sum(p.stat().st_size for p in pkg.rglob("*") if p.is_file()) / 1e6, 1
    )
    return result


def _affine(points: list[tuple[int, float]]):
    """a + b * n through the two smallest sizes: the cost if it stayed linear beyond them."""
    (n1, y1), (n2, y2) = points[:2]
    b = (y2 - y1) / (n2 - n1)
    return lambda n: y1 + b * (n - n1)


def chart(results: list[dict], out: Path) -> None:
    """Time and peak memory against documents (log-log), each with the straight line
    through the two smallest sizes extended: a point above its line grew faster than
    linear."""
    import altair as alt
    import pandas as pd

    results = sorted(results, key=lambda r: r["documents"])
    series: dict[tuple[str, str], list[tuple[int, float]]] = {}

    def add(panel: str, measure: str, n: int, value: float | None) -> None:
        if value is not None:
            series.setdefault((panel, measure), []).append((n, value))

    for r in results:
        n, first = r["documents"], r["first"]
        add("time (s)", "first build, CPU s of the process tree", n, first["cpu_s"])
        add("time (s)", "first build, wall s (shared machine)", n, first["wall_s"])
        add("time (s)", "add one document, CPU s", n, r.get("add_one", {}).get("cpu_s"))
        add("memory (MB)", "first build, peak PSS of the tree", n, first["peak_pss_mb"])
        parsing = [p + w for _, p, w, alive in first["timeline"] if alive]
        add("memory (MB)", "first build, peak while parsing", n, max(parsing, default=None))
        add("memory (MB)", "add one document, peak PSS", n, r.get("add_one", {}).get("peak_pss_mb"))
    rows = []
    for (panel, measure), points in series.items():
        rows += [
            {"panel": panel, "measure": measure, "documents": n, "value": v, "line": "measured"}
            for n, v in points
        ]
        guided = ("first build, CPU s of the process tree", "first build, peak PSS of the tree")
        if len(points) >= 3 and measure in guided:
            line = _affine(points)
            rows += [
                {
                    "panel": panel,
                    "measure": measure,
                    "documents": n,
                    "value": line(n),
                    "line": "linear through the two smallest",
                }
                for n, _ in points
            ]
    df = pd.DataFrame(rows)
    layer = (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=alt.X("documents:Q", scale=alt.Scale(type="log"), title="documents"),
            y=alt.Y("value:Q", scale=alt.Scale(type="log"), title=None),
            color=alt.Color(
                "measure:N", legend=alt.Legend(orient="bottom", columns=2, labelLimit=400)
            ),
            strokeDash=alt.StrokeDash(
                "line:N",
                legend=alt.Legend(orient="bottom", title=None),
                scale=alt.Scale(
                    domain=["measured", "linear through the two smallest"], range=[[1, 0], [4, 4]]
                ),
            ),
            tooltip=["documents", "measure", "line", "value"],
        )
        .properties(width=330, height=260)
    )
    fig = layer.facet(column=alt.Column("panel:N", title=None)).resolve_scale(y="independent")
    fig = fig.properties(title="aidecl build against corpus size (2 shared cores, log-log)")
    out.parent.mkdir(parents=True, exist_ok=True)
    import vl_convert as vlc

    if out.suffix == ".png":
        out.write_bytes(vlc.vegalite_to_png(fig.to_dict(), scale=2))
    else:
        out.write_text(vlc.vegalite_to_svg(fig.to_dict()), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", type=Path, help="a synthetic corpus (synth_corpus.py)")
    p.add_argument("--work", type=Path, help="a scratch folder (emptied) for package and state")
    p.add_argument("--seed", type=int, default=1, help="the corpus's seed (for add one)")
    p.add_argument("--skip", default="", help="comma-separated: nochange, add_one")
    p.add_argument("--json", type=Path, help="write the result here")
    p.add_argument("--chart", type=Path, help="draw the chart of the JSON files given")
    p.add_argument("--code", type=Path, help="import the code from this copy (git archive)")
    p.add_argument("results", nargs="*", type=Path)
    args = p.parse_args(argv)
    if args.code:
        global CODE
        CODE = args.code.resolve()
    if args.chart:
        chart([json.loads(f.read_text(encoding="utf-8")) for f in args.results], args.chart)
        return 0
    result = measure(args.docs, args.work, args.seed, set(filter(None, args.skip.split(","))))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
