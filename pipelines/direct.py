"""``aidecl build`` without a Dagster run, when the build changes a few documents.

Why: when one document is added to a large package, importing Dagster, starting an
ephemeral instance and the run's bookkeeping (events stored in an in-memory SQL event
log, step by step) were a large part of the build (a third, docs/scaling.md), for a run
nobody can see afterwards (the CLI's instance is thrown away when it ends). So when the
package in place was published by this library and at most ``DIRECT_MAX_CHANGED``
documents were added, changed or removed, the CLI runs the asset code itself
(``pipelines/steps.py``: the bodies of ``core_tables``, of the blocking checks and of
``datapackage``), in the job's order:
the tables, every blocking check (any failure stops the build before publishing, as a
failed blocking check stops the job), then the package. The package is the one the
Dagster run writes, byte for byte (``tests/test_direct_build.py`` builds both ways and
compares them, and the failures they report).

What stays with Dagster: the job is the pipeline's definition (`dagster dev`, the sensor,
the schedule, Celery and ``aidecl build --engine celery`` run it); a first build and any
larger change run it from the CLI too (there the run's fixed cost is a small part of the
build), and ``aidecl build --dagster`` always does.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass

from aidecl_data.build.names import source_name
from pipelines.folders import BuildFolders, handed_over

# Documents added, changed or removed (counted on both sides of a change) up to which the
# CLI runs the build without Dagster.
DIRECT_MAX_CHANGED = 64


@dataclass(frozen=True)
class DirectSettings(BuildFolders):
    """The fields of ``AideclSettings`` a build reads, without importing Dagster."""

    workers: int = 0
    frictionless: bool = False

    def parse_workers(self) -> int | None:
        return self.workers or None


def few_changes(settings) -> bool:
    """Did this library publish the package in place, from the documents of the folder
    give or take at most ``DIRECT_MAX_CHANGED``? Uses the scan the freshness check handed
    over (or scans and hands it over to the build)."""
    from aidecl_data.build.freshness import published_here

    descriptor = published_here(settings.out_dir, settings.state_dir)
    if descriptor is None:
        return False
    scan = handed_over(settings) or settings.scan(hand_over=True)
    want = {(s.document_id, source_name(s.path), s.sha256) for s in scan[0]}
    try:
        have = {(s["document_id"], s["path"], s["sha256"]) for s in descriptor["sources"]}
    except (KeyError, TypeError):
        return False
    return len(want ^ have) <= DIRECT_MAX_CHANGED


def step_error(exc: BaseException) -> str:
    """The first line of an exception as a Dagster step failure gives it (the innermost
    cause, ``module.Class: message``), for ``cli.step_message``."""
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return traceback.format_exception_only(exc)[-1]


def run_direct(settings):
    """The build of ``run_build`` as the Dagster job does it, without Dagster: a
    ``BuildReport`` with the same fields the job's events give."""
    from pipelines import steps
    from pipelines.cli import BuildReport, step_message

    report = BuildReport()
    try:
        # The row store is written beside the checks and the package (both only read the
        # tables), and waited for before the build returns.
        core = steps.core_tables(settings, background=True)
    except steps.NoDocuments as exc:
        report.failures.append(f"core_tables: {exc}")
        report.rejected = steps.rejections(exc.rejected)
        return report
    except Exception as exc:  # a step failure of the job: reported, nothing published
        report.failures.append(f"core_tables: {step_message(step_error(exc))}")
        report.rejected = steps.rejections(settings.scan()[1])
        return report
    try:
        return _checked_and_published(settings, core, report)
    finally:
        core.assembly.wait_row_store()


def _checked_and_published(settings, core, report):
    from aidecl_data.publish.checks import describe
    from pipelines import steps
    from pipelines.cli import step_message

    meta = core.documents_metadata()
    report.parsed, report.reused = meta["parsed"], meta["reused"]
    report.rejected, report.warnings = meta["rejected"], meta["warnings"]
    for table, check, failures in steps.evaluate_checks(
        core.tables, steps.unchanged(settings, core.tables)
    ):
        if failures:
            detail = [describe(f) for f in failures[:50]]
            report.failures.append(
                f"check core_{table}.{check} failed: "
                f"{steps.check_description(check, failures)} {detail}".rstrip()
            )
    if report.failures:  # blocking checks: the package is not published
        n = len(report.failures)  # and the step fails, in the job's words
        report.failures.append(
            f"{steps.CHECKS_STEP}: {n} blocking asset check{'s' if n > 1 else ''} "
            "failed with ERROR severity:"
        )
        return report
    try:
        done = steps.publish(settings, core.tables, prechecked=True)
    except Exception as exc:
        report.failures.append(f"datapackage: {step_message(step_error(exc))}")
        return report
    report.documents = done.documents
    report.removed = len(done.removed)
    report.success = True
    return report
