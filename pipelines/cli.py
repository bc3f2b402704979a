"""The ``aidecl`` command line: build, validate, query, release, diff, serve.

``build`` runs the very Dagster assets that `dagster dev` shows, in-process, as one run:
the core tables (parsing only what the parse cache lacks), their blocking checks and the
package.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from aidecl_data.build.names import rejection, shown
from aidecl_data.parse.sources import DEFAULT_MAX_BYTES
from pipelines.problems import warning_lines

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STRICT = 0, 1, 2, 3


@dataclass
class BuildReport:
    documents: int = 0
    parsed: int = 0
    reused: int = 0
    removed: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)  # per code: pipelines.problems
    failures: list[str] = field(default_factory=list)
    success: bool = False
    up_to_date: bool = False  # the package already held these documents: nothing ran

    def summary(self) -> dict:
        return {
            "documents": self.documents,
            "parsed": self.parsed,
            "reused": self.reused,
            "removed": self.removed,
            "rejected": self.rejected,
        }


def _metadata(result, key: str) -> dict:
    import dagster as dg

    out: dict = {}
    for ev in result.get_asset_materialization_events():
        mat = ev.event_specific_data.materialization
        if mat.asset_key == dg.AssetKey(key):
            for k, v in mat.metadata.items():
                out[k] = v.value
    return out


def _root_error(error):
    """The innermost cause of a Dagster step error: "Error occurred while executing op"
    says nothing, the exception that caused it ("disk full while ...") does."""
    while error is not None and error.cause is not None:
        error = error.cause
    return error


def step_message(message: str) -> str:
    """A step failure's first line, as the report says it: "dagster...Failure: why" or
    "aidecl_data...DiskFullError: why" -> "why" (our own errors say what happened); a
    foreign one keeps its class name."""
    message = message.strip().splitlines()[0]
    if message.startswith(("dagster.", "aidecl_data.")):
        message = message.split(": ", 1)[-1]
    return message


def _up_to_date(settings) -> BuildReport | None:
    """The report of a build that has nothing to do, or None when the job must run.

    When the job must run, the scan is handed over to its ``core_tables`` step
    (``pipelines.folders.scan_folder``), which would otherwise scan the folder again.
    """
    from aidecl_data.build.freshness import is_current
    from aidecl_data.build.manifest import published_inputs
    from pipelines.folders import drop_handed_over

    sources, rejected = settings.scan(hand_over=True)
    documents = [(s.document_id, s.path, s.sha256) for s in sources]
    inputs = published_inputs(settings.documents_dir, settings.ocr)
    if not sources or not is_current(settings.out_dir, settings.state_dir, documents, inputs):
        return None
    drop_handed_over()
    return BuildReport(
        documents=len(sources),
        reused=len(sources),
        rejected=[rejection(r) for r in rejected],
        success=True,
        up_to_date=True,
    )


def run_build(
    settings,
    instance=None,
    force: bool = False,
    engine: str = "inprocess",
    broker: str | None = None,
    backend: str | None = None,
    batch_documents: int | None = None,
    direct: bool = False,
) -> BuildReport:
    """Build the package with the Dagster assets, in one run (in-process by default).

    When the package in ``out_dir`` was published by this library from exactly the
    documents in the folder, nothing runs (``report.up_to_date``) unless ``force``.

    The run materializes the core tables (which take every parse they can from the cache
    and parse the rest in parallel), their blocking checks and the package. It does not
    materialize the per-document partitions: in an ephemeral instance those events would
    cost time for nobody to see (docs/scaling.md); the sensor's runs, which the Dagster
    UI shows, do materialize them.

    ``direct``: when the package in place was published here and few documents changed,
    run the same asset code without a Dagster run (``pipelines/direct.py``; the CLI's
    default).
    """
    if not force:
        current = _up_to_date(settings)
        if current is not None:
            return current
    if direct and instance is None and engine == "inprocess":
        report = _run_direct(settings)
        if report is not None:
            return report
    return _run_job(
        settings,
        instance,
        engine=engine,
        broker=broker,
        backend=backend,
        batch_documents=batch_documents,
    )


def _run_direct(settings) -> BuildReport | None:
    """The build without a Dagster run when few documents changed (``pipelines/direct.py``),
    else None (the job must run)."""
    from pipelines.direct import few_changes, run_direct
    from pipelines.folders import drop_handed_over

    if not few_changes(settings):
        return None
    try:
        return run_direct(settings)
    finally:
        drop_handed_over()


def _run_job(settings, instance=None, **engine) -> BuildReport:
    """The run of ``run_build`` without the freshness check (``engine``: its options)."""
    from pipelines.folders import drop_handed_over

    try:
        return _execute(settings, instance, **engine)
    finally:
        drop_handed_over()  # a scan the run did not take must not serve a later one


def _execute(
    settings,
    instance=None,
    engine: str = "inprocess",
    broker: str | None = None,
    backend: str | None = None,
    batch_documents: int | None = None,
) -> BuildReport:
    import dagster as dg

    from pipelines.definitions import build_defs

    report = BuildReport()
    if engine == "celery":
        from pipelines.celery_engine import execute

        result = execute(settings, broker, backend, batch_documents)
        return _report(result, settings, report)
    job = build_defs(settings, in_memory=True).resolve_job_def("publish_package")
    # The CLI reports rejections, problems and failures itself, one line each; Dagster's
    # console logger would repeat them with stack traces.
    quiet = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
    if instance is None:
        with dg.DagsterInstance.ephemeral() as own:  # disposed (its temp folder too) here
            result = job.execute_in_process(instance=own, run_config=quiet, raise_on_error=False)
    else:
        result = job.execute_in_process(instance=instance, run_config=quiet, raise_on_error=False)
    return _report(result, settings, report)


def _report(result, settings, report: BuildReport) -> BuildReport:
    """What a finished run did, from its events and its assets' metadata."""
    for ev in result.all_events:
        if ev.event_type_value == "ASSET_CHECK_EVALUATION":
            data = ev.event_specific_data
            if not data.passed:
                detail = data.metadata.get("failures")
                report.failures.append(
                    f"check {data.asset_key.to_user_string()}.{data.check_name} failed: "
                    f"{data.description} {detail.value if detail else ''}".rstrip()
                )
        elif ev.is_step_failure:
            error = _root_error(ev.event_specific_data.error)
            message = step_message(error.message) if error else ev.message
            report.failures.append(f"{ev.step_key}: {message}")
    core_meta = _metadata(result, "core_documents")
    pkg_meta = _metadata(result, "datapackage")
    report.parsed = int(core_meta.get("parsed", 0))
    report.reused = int(core_meta.get("reused", 0))
    fanned_out = _metadata(result, "parsed_corpus")  # the Celery job parsed before the tables
    if fanned_out:
        total = report.parsed + report.reused
        report.parsed = int(fanned_out.get("parsed", 0))
        report.reused = total - report.parsed
    report.documents = int(pkg_meta.get("documents", 0))
    report.removed = int(pkg_meta.get("removed", 0))
    if "rejected" in core_meta:
        report.rejected = list(core_meta["rejected"] or [])
    else:  # the run stopped before the tables: say what the folder holds
        _, rejected = settings.scan()
        report.rejected = [rejection(r) for r in rejected]
    report.warnings = list(core_meta.get("warnings", []) or [])
    report.success = result.success and bool(pkg_meta) and not report.failures
    return report


def _head_start(settings, workers: int | None) -> bool:
    """Start parsing, before Dagster is imported, what a build from an empty state must
    parse (``aidecl_data.build.headstart``); its run takes the results. True if started."""
    from aidecl_data.build import headstart
    from pipelines.folders import handed_over

    sources, _ = handed_over(settings) or settings.scan(hand_over=True)
    return headstart.start(sources, settings.state_dir, workers or None, settings.ocr)


def _draft_database(settings) -> None:
    """Let the run write the DuckDB database while the blocking checks run
    (``aidecl_data.publish.draft``) when it writes one from scratch: no package published
    here to update."""
    from aidecl_data.build.freshness import published_here
    from aidecl_data.publish import draft

    if published_here(settings.out_dir, settings.state_dir) is None:
        draft.enable(settings.out_dir)


def cmd_build(args: argparse.Namespace) -> int:
    """``_build``, with any error it did not foresee said in one line, not a traceback
    (``AIDECL_TRACEBACK=1`` shows it): the previous package is intact whatever failed,
    since it is only ever replaced by one atomic swap."""
    try:
        return _build(args)
    except Exception as exc:
        if os.environ.get("AIDECL_TRACEBACK"):
            raise
        from pipelines.folders import OUT_DIR

        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print(_failed(args.out or OUT_DIR), file=sys.stderr)
        return EXIT_FAILED


def _failed(out_dir: str) -> str:
    """The last line of a failed build: which package is in place. A build that failed
    after its swap (recording the package in the state, say) has put the new one there."""
    from aidecl_data.publish.commit import swapped_in

    if swapped_in(out_dir):
        return "build failed after the new package was in place"
    return "build failed: the previous package was left unchanged"


def _build(args: argparse.Namespace) -> int:
    from aidecl_data.publish.commit import remove_own_staging, swapped_in
    from pipelines.folders import BuildFolders
    from pipelines.interrupts import kill_children, stop_on_signals

    kwargs = {
        "max_bytes": args.max_bytes,
        "workers": args.workers,
        "frictionless": args.frictionless,
        "ocr": args.ocr,
    }
    if args.ocr:
        from aidecl_data.parse.formats.ocr import ocr_status

        print(ocr_status(), file=sys.stderr)
    for opt, key in (("documents", "documents_dir"), ("out", "out_dir"), ("state", "state_dir")):
        if getattr(args, opt):
            kwargs[key] = str(Path(getattr(args, opt)).resolve())
    settings = BuildFolders(
        **{k: kwargs[k] for k in ("documents_dir", "out_dir", "state_dir") if k in kwargs},
        max_bytes=args.max_bytes,
        ocr=args.ocr,
    )

    def stop() -> None:
        kill_children()
        remove_own_staging(settings.out_dir, final=True)  # and its drafted database
        if swapped_in(settings.out_dir):  # stopped after its swap: the new one is in place
            os.write(2, b"build stopped by a signal: the new package was already in place\n")
        else:
            os.write(2, b"build stopped by a signal: the previous package was left unchanged\n")

    stop_on_signals(stop)
    if args.engine == "celery" and not args.broker:
        print("error: --engine celery needs --broker URL (redis://host:6379/0)", file=sys.stderr)
        return EXIT_USAGE
    from pipelines.preflight import folder_problems

    problems = folder_problems(settings.documents_dir, settings.out_dir, settings.state_dir)
    for line in problems:
        print(f"error: {line}", file=sys.stderr)
    if problems:
        return EXIT_USAGE
    from pipelines.buildlock import build_lock

    with build_lock(settings.out_dir, settings.state_dir):
        return _build_locked(args, settings, kwargs)


def _build_locked(args: argparse.Namespace, settings, kwargs: dict) -> int:
    """The build, its folders checked and locked (``pipelines.buildlock``)."""
    # The "up to date" answer needs neither Dagster nor pyarrow (pipelines.folders).
    report = None if args.force else _up_to_date(settings)
    if report is None and not args.dagster and args.engine == "inprocess":
        from pipelines.direct import DirectSettings

        report = _run_direct(DirectSettings(**kwargs))  # no Dagster unless the job runs
    if report is None:
        started = args.engine == "inprocess" and _head_start(settings, args.workers)
        if args.engine == "inprocess":
            _draft_database(settings)
        try:
            from pipelines.resources import AideclSettings  # imports Dagster

            report = _run_job(
                AideclSettings(**kwargs),
                engine=args.engine,
                broker=args.broker,
                backend=args.backend,
                batch_documents=args.batch_documents,
            )
        finally:
            from aidecl_data.publish import draft

            draft.discard_all()  # a database drafted for tables that were not published
            if started:
                from aidecl_data.build import headstart

                headstart.drop()  # one the run did not take
    for r in report.rejected:
        print(f"rejected: {r['path']}: {r['reason']}", file=sys.stderr)
    for line in warning_lines(report.warnings):
        print(line, file=sys.stderr)
    for f in report.failures:
        print(f"error: {f}", file=sys.stderr)
    from pipelines.preflight import unread_subfolders

    unread = unread_subfolders(settings.documents_dir, settings.out_dir, settings.state_dir)
    if unread:
        print(
            f"note: sub-folders of {settings.documents_dir} are not read: "
            f"{', '.join(shown(n) for n in unread)} (put documents in the folder itself)",
            file=sys.stderr,
        )
    if report.up_to_date and not args.json:
        print(
            f"{settings.out_dir} is up to date: {report.documents} documents, none changed "
            f"(rejected {len(report.rejected)}; --force rebuilds anyway)"
        )
    elif report.success and not args.json:
        print(
            f"published {report.documents} documents to {settings.out_dir} "
            f"(parsed {report.parsed}, reused {report.reused}, removed {report.removed}, "
            f"rejected {len(report.rejected)})"
        )
    if args.json:
        print(json.dumps(report.summary(), ensure_ascii=False))
    if not report.success:
        if not args.json:
            print(_failed(settings.out_dir), file=sys.stderr)
        return EXIT_FAILED
    if args.strict and report.rejected:
        return EXIT_STRICT
    return EXIT_OK


def cmd_workers(args: argparse.Namespace) -> int:
    """Become a Celery worker (exec: signals and exit status are the worker's own)."""
    if "://" not in args.broker:  # Celery would read "banana" as a module to import
        print(
            f"error: --broker {args.broker}: not a broker URL (redis://host:6379/0)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from pipelines.celery_engine import worker_command, worker_env

    cmd = worker_command(args.concurrency, args.name)
    env = worker_env(args.broker, args.backend)
    sys.stdout.flush()
    os.execvpe(cmd[0], cmd, env)
    return EXIT_FAILED  # not reached


def cmd_validate(args: argparse.Namespace) -> int:
    from aidecl_data.publish import describe, verify_package

    descriptor = Path(args.package) / "datapackage.json"
    failures = verify_package(Path(args.package))
    if args.json:
        report = {"package": str(descriptor), "valid": not failures}
        report["failures"] = [f.as_dict() for f in failures]
        print(json.dumps(report, ensure_ascii=False))
    else:
        for f in failures:
            print(f"invalid: {describe(f)}", file=sys.stderr)
        if not failures:
            print(f"valid: {descriptor}")
    return EXIT_FAILED if failures else EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    from aidecl_data.explore.query import QueryError, QueryInterrupted, QueryLimits, run_query

    limits = QueryLimits(memory=args.memory_limit, seconds=args.timeout, max_rows=args.max_rows)
    try:
        print(run_query(Path(args.package), args.sql, fmt=args.format, limits=limits))
    except QueryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 130 if isinstance(exc, QueryInterrupted) else EXIT_USAGE
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from aidecl_data.explore.report import main as report_main

    return report_main(Path(args.package), args.top)


def make_parser() -> argparse.ArgumentParser:
    from aidecl_data.explore.query import QueryLimits
    from pipelines.folders import PROJECT_ROOT

    default_pkg = str(PROJECT_ROOT / "datapackage")
    p = argparse.ArgumentParser(prog="aidecl", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="parse documents/ and publish the data package")
    b.add_argument("--documents", metavar="DIR", help="folder of raw texts (default: documents/)")
    b.add_argument("--out", metavar="DIR", help="package folder (default: datapackage/)")
    b.add_argument(
        "--state", metavar="DIR", help="incremental state folder (default: .aidecl-state/)"
    )
    b.add_argument("--json", action="store_true", help="last stdout line: one JSON summary")
    b.add_argument("--strict", action="store_true", help="exit 3 when any file is rejected")
    b.add_argument(
        "--max-bytes", type=int, metavar="N", default=DEFAULT_MAX_BYTES, help="size limit"
    )
    b.add_argument(
        "--workers", type=int, metavar="N", default=0, help="parser processes (0: per core)"
    )
    b.add_argument(
        "--force", action="store_true", help="rebuild even when the package is up to date"
    )
    b.add_argument(
        "--frictionless",
        action="store_true",
        help="also validate the staged package with Frictionless before publishing it",
    )
    b.add_argument(
        "--engine",
        choices=["inprocess", "celery"],
        default="inprocess",
        help="where the steps run: this process, or Celery workers (`aidecl workers`)",
    )
    b.add_argument(
        "--dagster",
        action="store_true",
        help="run the build as a Dagster run even when few documents changed "
        "(by default those builds run the same steps without one)",
    )
    b.add_argument("--broker", metavar="URL", help="Celery broker URL, with --engine celery")
    b.add_argument(
        "--backend", metavar="URL", help="Celery result backend URL (default: the broker)"
    )
    b.add_argument(
        "--batch-documents",
        type=int,
        metavar="N",
        help="documents per parse task, with --engine celery (default: 400)",
    )
    b.add_argument(
        "--ocr",
        action="store_true",
        help="read scanned PDF pages with Tesseract (apt-get install tesseract-ocr "
        "tesseract-ocr-fra tesseract-ocr-eng); says so when it is not installed",
    )
    b.set_defaults(func=cmd_build)
    w = sub.add_parser("workers", help="run a Celery worker for `aidecl build --engine celery`")
    w.add_argument("--broker", metavar="URL", required=True, help="Celery broker URL")
    w.add_argument(
        "--backend", metavar="URL", help="Celery result backend URL (default: the broker)"
    )
    w.add_argument(
        "--concurrency", type=int, default=1, metavar="N", help="parse processes of this worker"
    )
    w.add_argument("--name", metavar="NAME", help="worker name (default: celery@host)")
    w.set_defaults(func=cmd_workers)
    v = sub.add_parser("validate", help="validate a published package")
    v.add_argument("--package", metavar="DIR", default=default_pkg, help="package folder")
    v.add_argument("--json", action="store_true", help="print the failures as one JSON object")
    v.set_defaults(func=cmd_validate)
    q = sub.add_parser("query", help="run read-only SQL over the package in DuckDB")
    q.add_argument("--package", metavar="DIR", default=default_pkg, help="package folder")
    q.add_argument(
        "--format", choices=["table", "csv", "json"], default="table", help="output format"
    )
    q.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        default=QueryLimits.seconds,
        help="seconds before a query stops",
    )
    q.add_argument(
        "--memory-limit",
        metavar="SIZE",
        default=QueryLimits.memory,
        help="DuckDB memory limit, e.g. 500MB",
    )
    q.add_argument(
        "--max-rows",
        type=int,
        metavar="N",
        default=QueryLimits.max_rows,
        help="largest result printed",
    )
    q.add_argument("sql", metavar="SQL", help="one read-only SQL statement")
    q.set_defaults(func=cmd_query)
    r = sub.add_parser("report", help="data-quality warnings: what to check first")
    r.add_argument("--package", metavar="DIR", default=default_pkg, help="package folder")
    r.add_argument(
        "--top", type=int, metavar="N", default=15, help="documents to list (default 15)"
    )
    r.set_defaults(func=cmd_report)
    from pipelines import cli_release_explore

    cli_release_explore.register(sub, default_pkg, PROJECT_ROOT)
    return p


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return args.func(args)


def entry() -> None:
    """The ``aidecl`` command: ``main``, then an exit without the interpreter's teardown.

    Tearing down the interpreter after a build (the modules of Dagster, pyarrow and DuckDB,
    and their objects) is a noticeable part of a short build (docs/scaling.md). Nothing is
    left to it: every file a build writes is closed and fsynced, the
    process pools and DuckDB connections are closed and the Dagster instance is disposed
    before ``main`` returns; the output streams and log handlers are flushed here.
    """
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        code = stdout_gone()
    except KeyboardInterrupt:  # Ctrl-C outside a build (which stops on its own handlers)
        print("interrupted", file=sys.stderr)
        code = 128 + 2
    try:
        sys.stderr.flush()
    finally:
        logging.shutdown()
        os._exit(code)


def stdout_gone() -> int:
    """The reader of stdout went away (``aidecl query ... | head``): stop quietly as a Unix
    tool does, with 128 + SIGPIPE, rather than print BrokenPipeError's traceback. What is
    left in stdout's buffer goes to /dev/null (``os._exit`` would not flush it anyway)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 128 + 13


if __name__ == "__main__":
    entry()
