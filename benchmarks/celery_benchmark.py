"""The Celery engine against the in-process build: where its fixed costs go, and where it pays.

Why: on one machine of 2 cores, fanning parsing out to Celery workers cannot beat a process
pool; it pays only with more cores than one machine has. So this measures the parts that
do not depend on the number of machines (run start, worker warm-up, the gaps between
dependent steps, a task's fixed cost) apart from the parse rate, and projects a larger
corpus on more workers from those measured costs.

For each configuration: a fresh state folder, one whole build as a user runs it, then its
Dagster event log read back for the start and end of every step.

    uv run python benchmarks/celery_benchmark.py --documents 10000 --workers 1 2
    uv run python benchmarks/celery_benchmark.py --quick      # 1,000 documents

redis-server must be installed (Debian package); the benchmark starts and stops its own.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _cpu_seconds() -> float:
    t = os.times()
    return t.children_user + t.children_system


def step_times(run_id: str) -> dict[str, list[float]]:
    """step key -> [start, end] (seconds since the epoch) from the run's event log."""
    import dagster as dg

    out: dict[str, list[float]] = {}
    with dg.DagsterInstance.get() as instance:
        for entry in instance.all_logs(run_id):
            ev = entry.dagster_event
            if ev is None or not ev.step_key:
                continue
            if ev.event_type == dg.DagsterEventType.STEP_START:
                out.setdefault(ev.step_key, [entry.timestamp, entry.timestamp])[0] = entry.timestamp
            elif ev.event_type in (
                dg.DagsterEventType.STEP_SUCCESS,
                dg.DagsterEventType.STEP_FAILURE,
            ):
                out.setdefault(ev.step_key, [entry.timestamp, entry.timestamp])[1] = entry.timestamp
        run = instance.get_run_stats(run_id)
    out["__run__"] = [run.start_time, run.end_time]
    return out


def analyse(times: dict[str, list[float]], batch: int) -> dict:
    run_start, run_end = times.pop("__run__")
    parse = {k: v for k, v in times.items() if ".parse_document_batch" in k}
    plan = next(v for k, v in times.items() if k.endswith("plan_parse_batches"))
    collect = next(v for k, v in times.items() if k.endswith("parsed_everything"))
    core, checks, pkg = times["core_tables"], times["core_table_checks"], times["datapackage"]
    durations = [e - s for s, e in parse.values()]
    first_parse = min(s for s, _ in parse.values()) if parse else plan[1]
    last_parse = max(e for _, e in parse.values()) if parse else plan[1]
    return {
        "run_start_to_first_step_s": round(plan[0] - run_start, 2),
        "plan_s": round(plan[1] - plan[0], 2),
        "gap_plan_to_parse_s": round(first_parse - plan[1], 2),
        "parse_tasks": len(parse),
        "documents_per_task": batch,
        "parse_task_s_median": round(statistics.median(durations), 2) if durations else 0,
        "parse_phase_s": round(last_parse - first_parse, 2),
        "gap_parse_to_collect_s": round(collect[0] - last_parse, 2),
        "gaps_collect_to_publish_s": round(
            (core[0] - collect[1]) + (checks[0] - core[1]) + (pkg[0] - checks[1]), 2
        ),
        "core_tables_s": round(core[1] - core[0], 2),
        "checks_s": round(checks[1] - checks[0], 2),
        "datapackage_s": round(pkg[1] - pkg[0], 2),
        "run_s": round(run_end - run_start, 2),
    }


def build_in_process(docs: Path, tmp: Path) -> dict:
    cmd = [sys.executable, "-m", "pipelines.cli", "build", "--json"]
    cmd += ["--documents", str(docs), "--out", str(tmp / "pkg-inprocess")]
    cmd += ["--state", str(tmp / "state-inprocess")]
    cpu0, t0 = _cpu_seconds(), time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return {"wall_s": round(time.perf_counter() - t0, 2), "cpu_s": round(_cpu_seconds() - cpu0, 2)}


def parse_rate(docs: Path, sample: int = 300) -> float:
    """Seconds of one process to parse a document (the sample, no cache, no pool)."""
    from aidecl_data.build.batch import parse_batch
    from aidecl_data.parse.sources import scan_documents

    sources, _ = scan_documents(docs)
    sources = sources[:sample]
    t0 = time.process_time()
    parse_batch(sources, None, workers=1)
    return (time.process_time() - t0) / len(sources)


def build_on_celery(docs: Path, tmp: Path, workers: int, batch: int, redis) -> dict:
    from pipelines.celery_engine import start_workers
    from pipelines.cli import run_build
    from pipelines.resources import AideclSettings

    broker, backend = redis
    procs = [start_workers(broker, backend, 1, name=f"bench{i}") for i in range(workers)]
    try:
        # Warm-up: a build of 5 documents, so the workers have imported the code and the
        # instance before the measured build (its own wall time is the warm-up figure).
        warm = tmp / f"warm-{workers}"
        warm.mkdir()
        for p in sorted(docs.iterdir())[:5]:
            shutil.copy(p, warm / p.name)
        w_settings = AideclSettings(
            documents_dir=str(warm),
            out_dir=str(tmp / f"pkg-warm-{workers}"),
            state_dir=str(tmp / f"state-warm-{workers}"),
        )
        t0 = time.perf_counter()
        assert run_build(w_settings, engine="celery", broker=broker, backend=backend).success
        warm_s = time.perf_counter() - t0
        settings = AideclSettings(
            documents_dir=str(docs),
            out_dir=str(tmp / f"pkg-celery-{workers}"),
            state_dir=str(tmp / f"state-celery-{workers}"),
        )
        t0 = time.perf_counter()
        report = run_build(
            settings, engine="celery", broker=broker, backend=backend, batch_documents=batch
        )
        wall = time.perf_counter() - t0
        assert report.success, report.failures
        import dagster as dg

        with dg.DagsterInstance.get() as instance:
            run_id = instance.get_runs(limit=1)[0].run_id
        out = {"workers": workers, "wall_s": round(wall, 2), "warm_up_build_s": round(warm_s, 2)}
        out.update(analyse(step_times(run_id), batch))
        return out
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=60)


def project(measured: dict, per_doc_s: float, documents: int, workers: int, batch: int) -> float:
    """Wall time of a build of ``documents`` on ``workers`` workers, from one run's costs:
    the fixed parts as measured, the parse phase as waves of tasks (each task its fixed
    cost plus its documents), the reduction (core tables, checks, package) scaled
    linearly with the corpus from the measured run."""
    scale = documents / measured["documents"]
    task_fixed = max(
        0.0, measured["parse_task_s_median"] - per_doc_s * measured["documents_per_task"]
    )
    tasks = math.ceil(documents / batch)
    waves = math.ceil(tasks / workers)
    parse_phase = waves * (task_fixed + per_doc_s * batch)
    fixed = (
        measured["run_start_to_first_step_s"]
        + measured["gap_plan_to_parse_s"]
        + measured["gap_parse_to_collect_s"]
        + measured["gaps_collect_to_publish_s"]
    )
    reduction = scale * (
        measured["plan_s"]
        + measured["core_tables_s"]
        + measured["checks_s"]
        + measured["datapackage_s"]
    )
    return round(fixed + parse_phase + reduction, 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch", type=int, default=400)
    ap.add_argument("--quick", action="store_true", help="1,000 documents")
    ap.add_argument("--out", help="write the results as JSON here")
    args = ap.parse_args(argv)
    n = 1000 if args.quick else args.documents
    from synth_corpus import generate

    with tempfile.TemporaryDirectory(prefix="aidecl-celery-bench-") as t:
        tmp = Path(t)
        os.environ["DAGSTER_HOME"] = str(tmp / "dagster_home")
        (tmp / "dagster_home").mkdir()
        (tmp / "dagster_home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
        docs = tmp / "documents"
        generate(docs, n, seed=1)
        result: dict = {
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "load_before": [round(x, 2) for x in os.getloadavg()],
            },
            "documents": n,
            "megabytes": round(sum(p.stat().st_size for p in docs.iterdir()) / 1e6, 1),
        }
        result["in_process"] = build_in_process(docs, tmp)
        per_doc = parse_rate(docs)
        result["parse_s_per_document_one_process"] = round(per_doc, 5)
        from pipelines.local_redis import local_redis

        with local_redis() as redis:
            result["celery"] = []
            for w in args.workers:
                m = build_on_celery(docs, tmp, w, args.batch, redis)
                m["documents"] = n
                m["load_after"] = [round(x, 2) for x in os.getloadavg()]
                result["celery"].append(m)
        base = result["celery"][-1]
        result["projection_100k"] = {
            f"{w}_workers_s": project(base, per_doc, 100_000, w, args.batch) for w in (8, 32)
        }
        result["projection_in_process_100k_s"] = round(
            result["in_process"]["wall_s"] * 100_000 / n, 1
        )
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
