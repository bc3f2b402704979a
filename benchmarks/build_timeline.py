"""Where the wall time of one ``aidecl build`` goes: when each phase starts and ends.

Why a script of its own: a profile of the build process counts CPU by function and
cannot show what waits for what (the parse workers, the run's set-up in the parent, the
database written in a thread). This runs one build in this process, with the functions
of each phase wrapped to record their start and end since the interpreter began, and
prints them in order, with the CPU seconds of the build process (every thread, during
each phase and in all) and of its parse workers. Only modules that do not import Dagster
are wrapped before the build starts (the run's set-up is timed as it happens, not
moved). Dagster itself is imported before the run's line starts. A phase the code at
hand lacks is left out, so an earlier commit's code can be timed the same way:

    PYTHONPATH=BASE/src:BASE uv run python -P benchmarks/build_timeline.py -- build ...

    uv run python benchmarks/build_timeline.py -- build --documents documents \
        --out /tmp/tl/pkg --state /tmp/tl/state
"""

from __future__ import annotations

import json
import sys
import time

T0 = time.perf_counter()

import importlib  # noqa: E402

MARKS: list[tuple[str, float, float]] = []
# The build process's CPU seconds (all its threads, not its workers) at each phase's start
# and end, by label: what the phase cost this process beside its wall time.
CPU_MARKS: dict[str, tuple[float, float]] = {}


def _wrap(owner, name: str, label: str, generator: bool = False) -> None:
    inner = getattr(owner, name)

    def timed(*args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            MARKS.append((label, start - T0, time.perf_counter() - T0))
            CPU_MARKS[label] = (cpu, time.process_time())

    def timed_generator(*args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            yield from inner(*args, **kwargs)
        finally:
            MARKS.append((label, start - T0, time.perf_counter() - T0))
            CPU_MARKS[label] = (cpu, time.process_time())

    setattr(owner, name, timed_generator if generator else timed)


PHASES = [
    ("pipelines.cli", "_up_to_date", "freshness check (scan)"),
    ("aidecl_data.build.headstart", "start", "head start: first document, workers started"),
    ("pipelines.cli", "_execute", "Dagster run: definitions, instance, steps"),
    ("pipelines.steps", "core_tables", "core_tables step"),
    ("aidecl_data.build.assemble", "_NewRows.tables", "  rows to Arrow tables"),
    ("pipelines.steps", "evaluate_checks", "blocking checks", True),
    ("aidecl_data.publish.draft", "Draft._write", "database drafted (thread)"),
    ("pipelines.steps", "publish", "datapackage step"),
    ("aidecl_data.publish.package", "_write_database", "  database staged"),
    ("aidecl_data.publish.package", "verify_staged", "  staged files verified"),
    ("aidecl_data.publish.package", "swap_in", "  swap"),
]


def _owner(module: str, path: str):
    """(object holding the function, its name), or None where this version of the code
    has no such phase (run on an earlier commit: ``PYTHONPATH=SRC python -P ...``)."""
    try:
        owner = importlib.import_module(module)
    except ImportError:
        return None
    *parents, name = path.split(".")
    for parent in parents:
        owner = getattr(owner, parent, None)
    return (owner, name) if owner is not None and hasattr(owner, name) else None


def main(argv: list[str]) -> int:
    argv = argv[1:] if argv[:1] == ["--"] else argv
    for module, path, label, *gen in PHASES:
        found = _owner(module, path)
        if found is not None:
            _wrap(*found, label, bool(gen))
    from pipelines import cli

    try:
        code = cli.main(argv)
    finally:
        total = time.perf_counter() - T0
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = {
        "build_process_cpu_s": round(own.ru_utime + own.ru_stime, 2),
        "workers_cpu_s": round(kids.ru_utime + kids.ru_stime, 2),
    }
    cpu["phase_cpu_s"] = {k: round(b - a, 2) for k, (a, b) in CPU_MARKS.items()}
    for label, start, end in sorted(MARKS, key=lambda m: m[1]):
        spent = cpu["phase_cpu_s"].get(label)
        print(f"{start:6.2f} {end:6.2f}  {label}" + (f"  [{spent} s CPU]" if spent else ""))
    print(f"{0:6.2f} {total:6.2f}  total (since this script's first import)")
    print(f"CPU: build process {cpu['build_process_cpu_s']} s, workers {cpu['workers_cpu_s']} s")
    print(json.dumps({"marks": MARKS, "total_s": round(total, 3), **cpu}))
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
