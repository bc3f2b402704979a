"""Where the wall time of one ``aidecl build`` goes: when each phase starts and ends.

Why a script of its own: a profile of the build process counts CPU by function and
cannot show what waits for what (the parse workers, the run's set-up in the parent, the
database written in a thread). This runs one build in this process, with the functions
of each phase wrapped to record their start and end since the interpreter began, and
prints them in order. Only modules that do not import Dagster are wrapped before the
build starts (the run's set-up is timed as it happens, not moved). Dagster itself is
imported between the head start and the run (the gap between the two lines).

    uv run python benchmarks/build_timeline.py -- build --documents documents \
        --out /tmp/tl/pkg --state /tmp/tl/state
"""

from __future__ import annotations

import json
import sys
import time

T0 = time.perf_counter()

from aidecl_data.build import assemble, headstart  # noqa: E402
from aidecl_data.publish import draft, package  # noqa: E402
from pipelines import cli, steps  # noqa: E402

MARKS: list[tuple[str, float, float]] = []


def _wrap(owner, name: str, label: str, generator: bool = False) -> None:
    inner = getattr(owner, name)

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            MARKS.append((label, start - T0, time.perf_counter() - T0))

    def timed_generator(*args, **kwargs):
        start = time.perf_counter()
        try:
            yield from inner(*args, **kwargs)
        finally:
            MARKS.append((label, start - T0, time.perf_counter() - T0))

    setattr(owner, name, timed_generator if generator else timed)


PHASES = [
    (cli, "_up_to_date", "freshness check (scan)"),
    (headstart, "start", "head start: parser import, first document, workers started"),
    (cli, "_execute", "Dagster run: definitions, instance, steps"),
    (steps, "core_tables", "core_tables step"),
    (assemble._NewRows, "tables", "  rows to Arrow tables"),
    (steps, "evaluate_checks", "blocking checks", True),
    (draft.Draft, "_write", "database drafted (thread)"),
    (steps, "publish", "datapackage step"),
    (package, "_write_database", "  database staged (waits for the draft)"),
    (package, "verify_staged", "  staged files verified"),
    (package, "swap_in", "  swap"),
]


def main(argv: list[str]) -> int:
    argv = argv[1:] if argv[:1] == ["--"] else argv
    for owner, name, label, *gen in PHASES:
        _wrap(owner, name, label, bool(gen))
    try:
        code = cli.main(argv)
    finally:
        total = time.perf_counter() - T0
    for label, start, end in sorted(MARKS, key=lambda m: m[1]):
        print(f"{start:6.2f} {end:6.2f}  {label}")
    print(f"{0:6.2f} {total:6.2f}  total (since this script's first import)")
    print(json.dumps({"marks": MARKS, "total_s": round(total, 3)}))
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
