"""End-to-end build benchmark: 5, 1,000 and 10,000 documents through ``run_build``.

Why end to end: the figure a user meets is ``aidecl build`` (scan, parse in a process
pool, parse cache, Dagster run, core tables, blocking checks, CSV + Parquet + DuckDB,
validation, atomic swap), not the parser alone. Each measurement runs in its own
subprocess, as a user's ``aidecl build`` would, so that imports are paid every time and
peak memory (``ru_maxrss`` of the process and of its worker processes) is not shared
between sizes. Every size builds in a fresh temporary folder with its own documents,
state and package.

Per size (documents from ``synth_corpus.py``, or the real corpus for 5):

- ``full``: first build, empty state (everything parsed);
- ``nochange``: the same build again, new process: the package is up to date, so only
  the scan and the freshness check run (``report.up_to_date``);
- ``forced``: the same build with ``force=True``: every parse reused, every table
  assembled, checked and republished (what a no-change rebuild cost before the check);
- ``add_one``: one new document dropped in, new process (parsed must be 1);
- ``parse_only``: ``parse_batch`` over the same documents, no cache, same worker count;
- ``validate``: ``check_package`` (frictionless and the package checks) on the result.

Start-up is measured apart: ``python -c pass`` and ``python -c "import
pipelines.definitions"`` in subprocesses (best of 3).

    uv run python benchmarks/build_benchmark.py                 # 5, 1000, 10000
    uv run python benchmarks/build_benchmark.py --quick         # 5, 200
    uv run python benchmarks/build_benchmark.py --profile 2000  # cProfile, top functions

Results: a table on stdout and JSON in ``benchmarks/results/<date>-<machine tag>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
CORPUS = ROOT / "documents"
CHILD_TIMEOUT = 3600

TARGETS = {
    "marginal_docs_per_s": 200.0,  # full build, between the two largest sizes
    "build_10000_s": 120.0,
    "peak_memory_mb": 2048.0,
    "add_one_to_10000_s": 10.0,
}

# -- machine -------------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_mb() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return ""


def _git(*args: str) -> str:
    try:
        out = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        )
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine_facts() -> dict:
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "ram_mb": _ram_mb(),
        "cpu_model": _cpu_model(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "system": f"{platform.system()} {platform.release()}",
        "packages": {
            d: _version(d) for d in ("dagster", "pyarrow", "pandas", "duckdb", "frictionless")
        },
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_dirty_files": len(_git("status", "--porcelain").splitlines()),
    }


def machine_tag(facts: dict) -> str:
    """A tag that says what the machine is without naming it (no host name)."""
    cpu = re.sub(r"[^a-z0-9]+", "-", facts["cpu_model"].lower()).strip("-")[:24]
    return f"{facts['cores']}cpu-{round(facts['ram_mb'] / 1024)}gb-{cpu}"


# -- child side: one measurement in a fresh process ------------------------------------------


def _rusage() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "maxrss_self_mb": round(own.ru_maxrss / 1024, 1),  # Linux: kB
        "maxrss_children_mb": round(kids.ru_maxrss / 1024, 1),  # the largest worker
        "cpu_self_s": round(own.ru_utime + own.ru_stime, 2),
        "cpu_children_s": round(kids.ru_utime + kids.ru_stime, 2),
    }


def _step_durations(instance) -> dict:
    """Seconds per Dagster step of the (only) run, and of the run itself."""
    runs = instance.get_runs()
    if not runs:
        return {}
    starts: dict[str, float] = {}
    out: dict[str, float] = {}
    run_start = run_end = None
    for rec in instance.all_logs(runs[0].run_id):
        ev = rec.dagster_event
        if ev is None:
            continue
        kind = ev.event_type_value
        if kind == "STEP_START":
            starts[rec.step_key] = rec.timestamp
        elif kind in ("STEP_SUCCESS", "STEP_FAILURE") and rec.step_key in starts:
            out[rec.step_key] = round(rec.timestamp - starts[rec.step_key], 3)
        elif kind == "RUN_START":
            run_start = rec.timestamp
        elif kind in ("RUN_SUCCESS", "RUN_FAILURE"):
            run_end = rec.timestamp
    if run_start and run_end:
        out["(run)"] = round(run_end - run_start, 3)
    return out


def _settings(spec: dict):
    from pipelines.resources import AideclSettings

    return AideclSettings(
        documents_dir=spec["documents"],
        out_dir=spec["out"],
        state_dir=spec["state"],
        workers=spec.get("workers", 0),
    )


def child_build(spec: dict) -> dict:
    t0 = time.perf_counter()
    import dagster as dg

    import pipelines.definitions  # what `aidecl build` imports, via run_build
    from aidecl_data.build.version import PARSER_VERSION
    from pipelines.cli import run_build

    t_import = time.perf_counter() - t0
    settings = _settings(spec)
    instance = dg.DagsterInstance.ephemeral()
    t1 = time.perf_counter()
    report = run_build(settings, instance=instance, force=spec.get("force", False))
    wall = time.perf_counter() - t1
    return {
        "parser_version": PARSER_VERSION,
        "code": str(Path(pipelines.definitions.__file__).parents[1]),
        "import_s": round(t_import, 3),
        "build_s": round(wall, 3),
        "report": {
            **report.summary(),
            "rejected": len(report.rejected),
            "success": report.success,
            "up_to_date": report.up_to_date,
            "failures": report.failures[:5],
            "problems": len(report.problems),
        },
        "steps": _step_durations(instance),
        **_rusage(),
    }


def child_parse(spec: dict) -> dict:
    from aidecl_data.build.batch import default_workers, parse_batch

    settings = _settings(spec)
    t0 = time.perf_counter()
    sources, _rejected = settings.scan()
    t_scan = time.perf_counter() - t0
    workers = settings.parse_workers() or default_workers()
    t1 = time.perf_counter()
    batch = parse_batch(sources, None, workers)
    t_parse = time.perf_counter() - t1
    return {
        "scan_s": round(t_scan, 3),
        "parse_s": round(t_parse, 3),
        "workers": workers,
        "parsed": len(batch.parsed),
        "rejected": len(batch.rejected),
        **_rusage(),
    }


def child_validate(spec: dict) -> dict:
    from aidecl_data.publish import check_package, describe

    t0 = time.perf_counter()
    failures = check_package(Path(spec["out"]))
    took = time.perf_counter() - t0
    shown = [describe(f) for f in failures[:5]]
    return {"validate_s": round(took, 3), "failures": shown, **_rusage()}


def child_profile(spec: dict) -> dict:
    """cProfile of a whole build in this process (parsing itself runs in workers), then of
    parsing alone in one process over a sample of the documents."""
    import cProfile
    import io
    import pstats

    import dagster as dg

    from aidecl_data.build.batch import parse_batch
    from pipelines.cli import run_build

    def top(prof, sort: str, n: int = 35) -> str:
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(sort).print_stats(n)
        return buf.getvalue()

    settings = _settings(spec)
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    report = run_build(settings, instance=dg.DagsterInstance.ephemeral())
    prof.disable()
    build_s = time.perf_counter() - t0
    text = [f"# build of {spec['documents']} (workers={settings.workers or 'auto'})"]
    text.append(f"# wall {build_s:.2f} s, success={report.success}, parsed={report.parsed}")
    text += ["## by cumulative time", top(prof, "cumulative"), "## by own time"]
    text.append(top(prof, "tottime"))
    sources, _ = settings.scan()
    sample = sources[: spec.get("parse_sample", 500)]
    prof = cProfile.Profile()
    t1 = time.perf_counter()
    prof.enable()
    parse_batch(sample, None, 1)
    prof.disable()
    parse_s = time.perf_counter() - t1
    text.append(f"# parse_document over {len(sample)} documents in one process: {parse_s:.2f} s")
    text += ["## by own time", top(prof, "tottime", 45), "## by cumulative time"]
    text.append(top(prof, "cumulative", 45))
    Path(spec["profile_out"]).write_text("\n".join(text), encoding="utf-8")
    return {"build_s": round(build_s, 3), "parse_sample_s": round(parse_s, 3), **_rusage()}


def child_validate_parts(spec: dict) -> dict:
    """Where validation time goes: Frictionless per resource (CSV, and Parquet when
    ``parquet`` is set), with the package's foreign keys, then the pure pyarrow checks,
    the ``schema_valid`` asset checks' ``check_table``, and Frictionless per table
    (``validate_table``, which the build ran before ``check_table`` replaced it)."""
    from frictionless import Package

    from aidecl_data.publish.checks import (
        check_table,
        check_tables,
        describe,
        read_package_tables,
        validate_table,
    )

    out: dict = {"frictionless_csv_s": 0.0, "frictionless_parquet_s": 0.0, "resources": {}}
    pkg = Package(str(Path(spec["out"]) / "datapackage.json"))
    for res in pkg.resources:
        is_parquet = res.name.endswith("_parquet")
        if is_parquet and not spec.get("parquet"):
            continue
        t0 = time.perf_counter()
        report = res.validate()
        took = time.perf_counter() - t0
        rows = report.tasks[0].stats.get("rows") if report.tasks else None
        out["resources"][res.name] = {"s": round(took, 3), "rows": rows, "valid": report.valid}
        key = "frictionless_parquet_s" if is_parquet else "frictionless_csv_s"
        out[key] = round(out[key] + took, 3)
    t0 = time.perf_counter()
    tables = read_package_tables(Path(spec["out"]))
    out["read_parquet_s"] = round(time.perf_counter() - t0, 3)
    t0 = time.perf_counter()
    failures = check_tables(tables)
    out["pyarrow_checks_s"] = round(time.perf_counter() - t0, 3)
    out["pyarrow_failures"] = [describe(f) for f in failures[:5]]
    t0 = time.perf_counter()
    for name, table in tables.items():
        check_table(name, table)
    out["asset_check_schema_s"] = round(time.perf_counter() - t0, 3)  # what schema_valid runs
    t0 = time.perf_counter()
    for name, table in tables.items():
        validate_table(name, table)
    out["frictionless_per_table_s"] = round(time.perf_counter() - t0, 3)  # no longer in a build
    out["rows"] = {name: t.num_rows for name, t in tables.items()}
    return {**out, **_rusage()}


CHILD_MODES = {
    "validate_parts": child_validate_parts,
    "build": child_build,
    "parse": child_parse,
    "validate": child_validate,
    "profile": child_profile,
}


def child_main(spec_json: str) -> int:
    """Run one measurement; then exit as ``aidecl build`` does (``pipelines.cli.entry``):
    output flushed, no interpreter teardown (0.8-1.0 s after a 10,000-document build)."""
    spec = json.loads(spec_json)
    result = CHILD_MODES[spec["mode"]](spec)
    print(json.dumps(result, ensure_ascii=False))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


# -- parent side ------------------------------------------------------------------------------


# Where the children import the code from: the project, or a frozen copy (``freeze_code``).
CODE: dict = {"cwd": ROOT, "pythonpath": None}


def freeze_code(base: Path) -> Path:
    """Copy the library and the pipeline aside and make the children import the copy.

    Other people edit the code while a long benchmark runs; an edit to a parsing module
    changes the parser version, and a "no-change" rebuild would then parse everything
    again. The copy keeps the whole run on one version of the code.
    """
    code = base / "code"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "src" / "aidecl_data", code / "aidecl_data", ignore=ignore)
    shutil.copytree(ROOT / "pipelines", code / "pipelines", ignore=ignore)
    CODE.update(cwd=base, pythonpath=code)
    return code


def _env() -> dict:
    env = dict(os.environ)
    if CODE["pythonpath"]:
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(CODE["pythonpath"]), env.get("PYTHONPATH", "")) if p
        )
    return env


def machine_load() -> dict:
    """Load average and CPU pressure: other processes on the machine skew wall times."""
    out: dict = {}
    try:
        out["loadavg_1m"] = float(Path("/proc/loadavg").read_text().split()[0])
        some = Path("/proc/pressure/cpu").read_text().splitlines()[0].split()
        out["cpu_pressure_avg10"] = float(some[1].split("=")[1])
    except (OSError, IndexError, ValueError):
        pass
    return out


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            text = Path(f"/proc/{pid}/task/{tid}/children").read_text()
            out += [int(c) for c in text.split()]
    except OSError:
        pass
    return out


def tree_pss_mb(pid: int) -> float:
    """Proportional set size of a process and all its descendants, in MB.

    PSS shares each page among the processes that map it, so forked workers are not
    counted at their parent's size (``ru_maxrss`` of a forked child includes every page
    it shares with its parent).
    """
    total_kb = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        todo += _children(p)
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
                    break
        except OSError:
            pass
    return total_kb / 1024


def run_child(spec: dict) -> dict:
    """Run one measurement in a fresh interpreter; add its wall time as a process, and the
    peak memory of the whole process tree (sampled every 0.2 s)."""
    load_before = machine_load()
    t0 = time.perf_counter()
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, cwd=CODE["cwd"], env=_env(), stdout=out, stderr=err, text=True)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, tree_pss_mb(proc.pid))
            if time.perf_counter() - t0 > CHILD_TIMEOUT:
                proc.kill()
            time.sleep(0.2)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"child {spec['mode']} failed ({proc.returncode}):\n{tail}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["process_s"] = round(wall, 3)
    result["peak_tree_pss_mb"] = round(peak, 1)
    result["load_before"] = load_before
    result["load_after"] = machine_load()
    return result


def best_of(cmd: list[str], n: int = 3) -> dict:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(
            cmd, cwd=CODE["cwd"], env=_env(), check=True, capture_output=True, timeout=300
        )
        times.append(time.perf_counter() - t0)
    return {"best_s": round(min(times), 3), "median_s": round(statistics.median(times), 3)}


def measure_startup() -> dict:
    py = sys.executable
    return {
        "python": best_of([py, "-c", "pass"]),
        "import_dagster": best_of([py, "-c", "import dagster"]),
        "import_definitions": best_of([py, "-c", "import pipelines.definitions"]),
    }


def prepare_corpus(size: int, folder: Path, seed: int) -> tuple[float, Path]:
    """Write the documents of one size, and one more document (for add_one) aside."""
    import synth_corpus

    docs = folder / "documents"
    extra = folder / "extra"
    docs.mkdir(parents=True)
    extra.mkdir()
    t0 = time.perf_counter()
    templates = synth_corpus.load_templates(synth_corpus.default_template_paths(CORPUS))
    if size == 5:
        for p in sorted(CORPUS.glob("*.txt")):
            shutil.copy2(p, docs / p.name)
        synth_corpus.generate(extra, 1, seed, templates)
    else:
        synth_corpus.generate(extra, size + 1, seed, templates)
        for p in sorted(extra.glob("synth_*.txt"))[:size]:
            p.rename(docs / p.name)
    added = next(extra.glob("synth_*.txt"))
    return time.perf_counter() - t0, added


PHASES = ("nochange", "forced", "add_one", "validate", "validate_parts", "parse_only")


def bench_size(
    size: int, base: Path, seed: int, workers: int, log, skip: set[str], parquet_parts: int
) -> dict:
    folder = base / f"n{size}"
    gen_s, added = prepare_corpus(size, folder, seed)
    docs = folder / "documents"
    corpus_bytes = sum(p.stat().st_size for p in docs.iterdir())
    spec = {
        "documents": str(docs),
        "out": str(folder / "package"),
        "state": str(folder / "state"),
        "workers": workers,
    }
    out: dict = {"documents": size, "corpus_mb": round(corpus_bytes / 2**20, 2)}
    out["generate_s"] = round(gen_s, 3)
    log(f"[{size}] full build ...")
    out["full"] = run_child({**spec, "mode": "build"})
    log(f"[{size}] full build {out['full']['build_s']:.2f} s")
    if "nochange" not in skip:
        out["nochange"] = run_child({**spec, "mode": "build"})
        log(f"[{size}] no-change rebuild {out['nochange']['build_s']:.2f} s")
    if "forced" not in skip:
        out["forced"] = run_child({**spec, "mode": "build", "force": True})
        log(f"[{size}] forced rebuild {out['forced']['build_s']:.2f} s")
    if "validate" not in skip:
        out["validate"] = run_child({**spec, "mode": "validate"})
        log(f"[{size}] validate {out['validate']['validate_s']:.2f} s")
    if "validate_parts" not in skip:
        parts = {**spec, "mode": "validate_parts", "parquet": size <= parquet_parts}
        out["validate_parts"] = run_child(parts)
        log(f"[{size}] validate parts {out['validate_parts']['process_s']:.2f} s")
    if "add_one" not in skip:
        shutil.copy2(added, docs / added.name)
        out["add_one"] = run_child({**spec, "mode": "build"})
        log(f"[{size}] add one {out['add_one']['build_s']:.2f} s")
        (docs / added.name).unlink()
    if "parse_only" not in skip:
        out["parse_only"] = run_child({**spec, "mode": "parse"})
        log(f"[{size}] parse only {out['parse_only']['parse_s']:.2f} s")
    pkg = folder / "package"
    if pkg.is_dir():
        out["package_mb"] = round(
            sum(p.stat().st_size for p in pkg.rglob("*") if p.is_file()) / 2**20, 2
        )
    return out


def peak_memory_mb(phase: dict, workers: int) -> float:
    """Peak memory of the build's process tree: sampled PSS when measured, else the main
    process's peak plus every worker at the largest worker's peak (an upper bound)."""
    if phase.get("peak_tree_pss_mb"):
        return phase["peak_tree_pss_mb"]
    return round(phase["maxrss_self_mb"] + workers * phase["maxrss_children_mb"], 1)


def _get(run: dict, *path: str):
    for key in path:
        if not isinstance(run, dict) or key not in run:
            return None
        run = run[key]
    return run


def summarize(results: dict, workers: int) -> dict:
    sizes = sorted(int(s) for s in results["sizes"])
    runs = results["sizes"]
    summary: dict = {}
    if len(sizes) >= 2 and sizes[-1] > sizes[-2]:
        lo, hi = runs[str(sizes[-2])], runs[str(sizes[-1])]
        n = sizes[-1] - sizes[-2]

        def rate(*path: str) -> float | None:
            a, b = _get(lo, *path), _get(hi, *path)
            if a is None or b is None or b <= a:
                return None
            return round(n / (b - a), 1)

        summary["marginal"] = {
            "between": [sizes[-2], sizes[-1]],
            "full_build_docs_per_s": rate("full", "build_s"),
            "full_process_docs_per_s": rate("full", "process_s"),
            "parse_step_docs_per_s": rate("full", "steps", "parsed_documents"),
            "core_tables_step_docs_per_s": rate("full", "steps", "core_tables"),
            "datapackage_step_docs_per_s": rate("full", "steps", "datapackage"),
            "parse_only_docs_per_s": rate("parse_only", "parse_s"),
        }

        def cpu_ms(key: str) -> float | None:
            a, b = _get(lo, "full", key), _get(hi, "full", key)
            return None if a is None or b is None else round((b - a) / n * 1000, 2)

        # CPU per document is what other processes on the machine do not inflate much.
        summary["marginal"]["cpu_ms_per_doc_main"] = cpu_ms("cpu_self_s")
        summary["marginal"]["cpu_ms_per_doc_workers"] = cpu_ms("cpu_children_s")
    big = runs[str(sizes[-1])]
    summary["largest"] = {
        "documents": sizes[-1],
        "full_build_process_s": big["full"]["process_s"],
        "peak_memory_mb": peak_memory_mb(big["full"], workers),
        "nochange_process_s": _get(big, "nochange", "process_s"),
        "nochange_parsed": _get(big, "nochange", "report", "parsed"),
        "forced_process_s": _get(big, "forced", "process_s"),
        "add_one_process_s": _get(big, "add_one", "process_s"),
        "add_one_build_s": _get(big, "add_one", "build_s"),
        "add_one_parsed": _get(big, "add_one", "report", "parsed"),
    }
    if sizes[-1] >= 10000:
        m = summary.get("marginal", {})
        add_one = summary["largest"]["add_one_process_s"]
        summary["targets"] = {
            "marginal_docs_per_s >= 200": (m.get("full_build_docs_per_s") or 0)
            >= TARGETS["marginal_docs_per_s"],
            "10000 docs < 120 s": big["full"]["process_s"] < TARGETS["build_10000_s"],
            "peak memory < 2 GB": summary["largest"]["peak_memory_mb"] < TARGETS["peak_memory_mb"],
            "add one to 10000 < 10 s": add_one is not None
            and add_one < TARGETS["add_one_to_10000_s"],
        }
    return summary


def _fmt(value, spec: str, width: int) -> str:
    return f"{value:{width}{spec}}" if value is not None else f"{'-':>{width}}"


def print_table(results: dict, workers: int) -> None:
    st = results["startup"]
    m = results["machine"]
    print(
        f"\nmachine: {m['cpu_model']}, {m['cores']} cores, {m['ram_mb'] // 1024} GB RAM, "
        f"Python {m['python']}, workers {workers}"
    )
    print(
        f"start-up: python {st['python']['best_s']:.2f} s, import dagster "
        f"{st['import_dagster']['best_s']:.2f} s, import pipelines.definitions "
        f"{st['import_definitions']['best_s']:.2f} s (best of 3, whole process)"
    )
    head = (
        f"{'docs':>6} {'MB':>6} {'build s':>8} {'proc s':>7} {'doc/s':>6} {'parse s':>8} "
        f"{'peak MB':>8} {'nochg s':>8} {'forced s':>8} {'add1 s':>7} {'valid s':>8} {'pkg MB':>7}"
    )
    print(head)
    print("-" * len(head))
    for size in sorted(results["sizes"], key=int):
        r = results["sizes"][size]
        f = r["full"]
        cells = [
            f"{size:>6} {r['corpus_mb']:>6.1f} {f['build_s']:>8.2f} {f['process_s']:>7.2f}",
            f"{int(size) / f['build_s']:>6.0f}",
            _fmt(_get(r, "parse_only", "parse_s"), ".2f", 8),
            f"{peak_memory_mb(f, workers):>8.0f}",
            _fmt(_get(r, "nochange", "process_s"), ".2f", 8),
            _fmt(_get(r, "forced", "process_s"), ".2f", 8),
            _fmt(_get(r, "add_one", "process_s"), ".2f", 7),
            _fmt(_get(r, "validate", "validate_s"), ".2f", 8),
            _fmt(r.get("package_mb"), ".1f", 7),
        ]
        print(" ".join(cells))
    for size in sorted(results["sizes"], key=int):
        r = results["sizes"][size]
        steps = r["full"]["steps"]
        is_check = {k: k.startswith("core_") and k != "core_tables" for k in steps}
        checks = sum(v for k, v in steps.items() if is_check[k])
        listed = ", ".join(f"{k} {v:.2f}s" for k, v in steps.items() if not is_check[k])
        print(f"  {size}: steps {listed}, asset checks (sum) {checks:.2f}s")
        parts = r.get("validate_parts")
        if parts:
            ran = any(k.endswith("_parquet") for k in parts["resources"])
            print(
                f"  {size}: validation: frictionless CSV {parts['frictionless_csv_s']:.2f}s, "
                f"Parquet {parts['frictionless_parquet_s']:.2f}s "
                f"({'measured' if ran else 'not run'}), asset check schema_valid "
                f"{parts['asset_check_schema_s']:.2f}s, Frictionless per table "
                f"{parts['frictionless_per_table_s']:.2f}s, pyarrow checks "
                f"{parts['pyarrow_checks_s']:.2f}s, rows {sum(parts['rows'].values())}"
            )
    s = results["summary"]
    if "marginal" in s:
        print(f"marginal: {s['marginal']}")
    print(f"largest: {s['largest']}")
    if "targets" in s:
        print(f"targets: {s['targets']}")


def _parse_skip(text: str) -> list[tuple[str, int]]:
    """ "validate@10000,parse_only" -> [("validate", 10000), ("parse_only", 0)]."""
    out = []
    for item in filter(None, (t.strip() for t in text.split(","))):
        phase, _, size = item.partition("@")
        if phase not in PHASES:
            raise SystemExit(f"--skip: unknown phase {phase!r} (one of {', '.join(PHASES)})")
        out.append((phase, int(size or 0)))
    return out


def _write_results(results: dict, args, today: str, tag: str, log) -> None:
    """Written after every size, so a long run that is stopped keeps what it measured."""
    if args.no_write:
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = "-quick" if args.quick else ""
    target = args.out or RESULTS / f"{today}-{tag}{suffix}.json"
    target.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    log(f"results written to {target}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="5,1000,10000", help="comma-separated document counts")
    p.add_argument("--quick", action="store_true", help="sizes 5,200 (a smoke run)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=0, help="parser processes (0: per core)")
    p.add_argument("--tmp", type=Path, help="parent of the temporary folders")
    p.add_argument("--keep", action="store_true", help="keep the temporary folders")
    p.add_argument("--no-write", action="store_true", help="do not write results JSON")
    p.add_argument("--out", type=Path, help="results JSON path")
    p.add_argument("--profile", type=int, metavar="N", help="profile a build of N documents")
    p.add_argument(
        "--skip",
        default="",
        help="phases to skip, each optionally from a size on: validate@10000,parse_only",
    )
    p.add_argument(
        "--parquet-parts",
        type=int,
        default=1000,
        help="largest size whose Parquet resources are validated one by one (slow)",
    )
    p.add_argument(
        "--no-freeze",
        action="store_true",
        help="import the project's code as it is (default: a frozen copy, see freeze_code)",
    )
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        return child_main(args.child)
    sys.path.insert(0, str(HERE))
    facts = machine_facts()
    tag = machine_tag(facts)
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    base = Path(tempfile.mkdtemp(prefix="aidecl-bench-", dir=args.tmp))

    def log(msg: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {msg}", file=sys.stderr, flush=True)

    from aidecl_data.build.batch import default_workers

    workers = args.workers or default_workers()
    if not args.no_freeze:
        freeze_code(base)
    try:
        if args.profile:
            folder = base / f"p{args.profile}"
            prepare_corpus(args.profile, folder, args.seed)
            RESULTS.mkdir(parents=True, exist_ok=True)
            target = RESULTS / f"{today}-{tag}-profile-{args.profile}.txt"
            res = run_child(
                {
                    "mode": "profile",
                    "documents": str(folder / "documents"),
                    "out": str(folder / "package"),
                    "state": str(folder / "state"),
                    "workers": args.workers,
                    "profile_out": str(target),
                }
            )
            log(f"profile written to {target}: {res}")
            return 0
        sizes = [5, 200] if args.quick else [int(s) for s in args.sizes.split(",")]
        skips = _parse_skip(args.skip)
        results: dict = {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": facts,
            "machine_tag": tag,
            "settings": {
                "sizes": sizes,
                "seed": args.seed,
                "workers": workers,
                "frozen_code": not args.no_freeze,
            },
            "targets": TARGETS,
        }
        log("start-up ...")
        results["startup"] = measure_startup()
        results["sizes"] = {}
        for size in sizes:
            skip = {phase for phase, since in skips if size >= since}
            results["sizes"][str(size)] = bench_size(
                size, base, args.seed, args.workers, log, skip, args.parquet_parts
            )
            results["summary"] = summarize(results, workers)
            _write_results(results, args, today, tag, log)
        print_table(results, workers)
        _write_results(results, args, today, tag, log)
    finally:
        if args.keep:
            log(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
