"""Validate CSV files with Frictionless: a table's CSV rendering (``validate_table``) or
the CSV resources of a package folder (``validate_csv_resources``).

Frictionless's report is turned into ``Failure`` records (its error type as the kind, its
row and field kept), so its findings read like those of the Arrow checks."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import pyarrow as pa

from aidecl_data.publish.checks.failure import Failure
from aidecl_data.publish.checks.table import check_schema
from aidecl_data.publish.csvio import table_to_csv_bytes
from aidecl_data.publish.schema import get_table, table_schema
from aidecl_data.workers import die_with_parent

MAX_FAILURES_PER_CHECK = 20


def _flatten_report(report, limit: int = MAX_FAILURES_PER_CHECK) -> list[Failure]:
    """Records of a Frictionless report: at most ``limit`` per resource, then a count."""
    out = []
    for task in report.tasks:
        for err in task.errors[:limit]:
            out.append(
                Failure(
                    task.name,
                    err.type,
                    f"{err.type}: {err.note}",
                    column=getattr(err, "field_name", None) or "",
                    count=1,
                    row=getattr(err, "row_number", None) or 0,
                )
            )
        if len(task.errors) > limit:
            more = len(task.errors) - limit
            out.append(Failure(task.name, "more-errors", f"{more} more error(s)", count=more))
    for err in report.errors[:limit]:
        out.append(Failure("package", err.type, f"{err.type}: {err.note}", count=1))
    return out


# Frictionless checks rows in pure Python (about 5,000 rows/s here): a large table is
# validated in chunks by several processes, each chunk a CSV with the same header.
CHUNK_ROWS = 25_000


def _validate_csv(table_name: str, csv_bytes: bytes, first_row: int) -> list[Failure]:
    from frictionless import Resource

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{table_name}.csv"
        path.write_bytes(csv_bytes)
        resource = Resource(
            {
                "name": table_name,
                "path": path.name,
                "format": "csv",
                "encoding": "utf-8",
                "schema": table_schema(get_table(table_name), foreign_keys=False),
            },
            basepath=tmp,
        )
        report = resource.validate()
    # Row numbers of the whole table, not of the chunk.
    return [
        dataclasses.replace(f, row=f.row + first_row) if f.row else f
        for f in _flatten_report(report)
    ]


def _validate_chunk(args: tuple[str, pa.Table, int]) -> list[Failure]:
    table_name, chunk, first_row = args
    return _validate_csv(table_name, table_to_csv_bytes(chunk), first_row)


def validate_table(table_name: str, table: pa.Table, workers: int | None = None) -> list[Failure]:
    """Frictionless validation of the table's CSV against its Table Schema (no foreign keys:
    ``check_foreign_keys`` checks those across tables; the primary key is checked within
    each chunk here and across the table by ``check_primary_key``)."""
    failures = check_schema(table_name, table)
    if failures:
        return failures
    if table.num_rows <= CHUNK_ROWS:
        return _validate_chunk((table_name, table, 0))
    workers = workers or max(1, min(os.cpu_count() or 1, 8))
    jobs = [
        (table_name, table.slice(start, CHUNK_ROWS), start)
        for start in range(0, table.num_rows, CHUNK_ROWS)
    ]
    with _pool(workers) as pool:
        return [f for part in pool.map(_validate_chunk, jobs) for f in part]


def _csv_descriptor(descriptor: dict) -> dict:
    """The package descriptor with its CSV resources only (Frictionless reads Parquet
    through pandas, far slower; each Parquet file is proven equal to its CSV instead)."""
    csv_only = dict(descriptor)
    csv_only["resources"] = [
        r for r in descriptor.get("resources", []) if r.get("format", "csv") == "csv"
    ]
    return csv_only


def _without_keys(descriptor: dict, name: str, keys: tuple[str, ...]) -> dict:
    """The descriptor with resource ``name``'s schema stripped of ``keys``
    (``foreignKeys``, ``primaryKey``)."""
    out = dict(descriptor)
    out["resources"] = []
    for r in descriptor["resources"]:
        if r.get("name") == name and isinstance(r.get("schema"), dict):
            r = {**r, "schema": {k: v for k, v in r["schema"].items() if k not in keys}}
        out["resources"].append(r)
    return out


def _pool(workers: int) -> ProcessPoolExecutor:
    ctx = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=die_with_parent, initargs=(os.getpid(),)
    )


def _validate_resource(job: tuple[dict, str, str, tuple[str, ...]]) -> list[Failure]:
    """One resource of the package, exactly as ``Package.validate`` validates it (same
    checklist, same error limit), in a worker process, but for the schema keys in
    ``left_out`` (``foreignKeys``, ``primaryKey``: the caller proves them otherwise)."""
    from frictionless import Checklist, Package

    descriptor, basepath, name, left_out = job
    if left_out:
        descriptor = _without_keys(descriptor, name, left_out)
    resource = Package(descriptor, basepath=basepath).get_resource(name)
    return _flatten_report(resource.validate(checklist=Checklist()))


class CsvValidation:
    """Frictionless on every CSV resource of a package folder, one resource per process,
    started at once and collected with ``result()``.

    Why: Frictionless checks rows in pure Python, and ``aidecl validate`` was mostly
    Frictionless on one core (figures in docs/scaling.md); resources are independent but
    for foreign keys, so they are spread over the cores while the caller runs its Arrow
    checks. ``result()`` returns what ``Package(...).validate()`` on the
    CSV resources reported, flattened (``_flatten_report``): the descriptor's own errors,
    else each resource's, in the descriptor's order.

    ``foreign_keys=False`` validates every row of every resource (types, constraints,
    primary key) but not its foreign keys: for a caller whose Arrow checks prove them on
    the very rows of these files (``check_foreign_keys`` on Parquet tables whose CSV
    rendering equals the CSV files). ``primary_keys=False`` leaves the primary keys out
    the same way (``check_primary_key`` proves them; Frictionless spends about a fifth of
    its time on them, keeping every key of a resource). ``redo_with_foreign_keys()``
    gives the exact Frictionless report, keys included, for a package where anything
    failed.
    """

    def __init__(
        self,
        package_dir: Path,
        descriptor: dict,
        *,
        foreign_keys: bool = True,
        primary_keys: bool = True,
        workers: int | None = None,
    ):
        self.package_dir = Path(package_dir)
        self.descriptor = _csv_descriptor(descriptor)
        self.foreign_keys = foreign_keys
        self.left_out = (() if foreign_keys else ("foreignKeys",)) + (
            () if primary_keys else ("primaryKey",)
        )
        self._early: list[Failure] | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._jobs: dict[str, Future] = {}
        self._error: Exception | None = None
        try:
            from frictionless import FrictionlessException, Package, Report

            package = Package(self.descriptor, basepath=str(self.package_dir))
            try:  # what Package.validate checks before any row
                package.to_descriptor(validate=True)
            except FrictionlessException as exc:
                report = Report.from_validation(errors=exc.to_errors())
                self._early = _flatten_report(report)
                return
            self.names = [r.name for r in package.resources]
        except Exception as exc:  # a descriptor Frictionless cannot even load
            self._early = [_descriptor_invalid(exc)]
            return
        self._start(self.names, self.left_out, workers)

    def _start(self, names: list[str], left_out: tuple[str, ...], workers: int | None) -> None:
        sizes = {
            r.get("name"): r.get("bytes", 0) or 0
            for r in self.descriptor["resources"]
            if isinstance(r, dict)
        }
        workers = workers or max(1, min(os.cpu_count() or 1, len(names), 8))
        self._pool = _pool(workers)
        base = str(self.package_dir)
        # Largest first: the pool ends as early as it can.
        for name in sorted(names, key=lambda n: -sizes.get(n, 0)):
            job = (self.descriptor, base, name, left_out)
            self._jobs[name] = self._pool.submit(_validate_resource, job)

    def _collect(self) -> list[Failure]:
        out: list[Failure] = []
        try:
            for name in [n for n in self.names if n in self._jobs]:
                out += self._jobs[name].result()
        except Exception as exc:  # as Package.validate raising: one failure says why
            return [_descriptor_invalid(exc)]
        finally:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None
        return out

    def result(self) -> list[Failure]:
        """The flattened report (see the class docstring)."""
        if self._early is not None:
            return list(self._early)
        return self._collect()

    def redo_with_foreign_keys(self) -> list[Failure]:
        """The exact report with foreign keys, for a validation started without them: the
        resources that declare foreign keys are validated again, the others kept."""
        first = self.result()
        if self._early is not None or not self.left_out:
            return first
        kept = {name: job.result() for name, job in self._jobs.items()}
        with_keys = [
            r.get("name")
            for r in self.descriptor["resources"]
            if isinstance(r.get("schema"), dict) and any(r["schema"].get(k) for k in self.left_out)
        ]
        self._jobs = {}
        self._start([n for n in self.names if n in with_keys], (), None)
        redone = self._collect()
        if redone and redone[0].kind == "descriptor_invalid":
            return redone
        by_name: dict[str, list[Failure]] = {n: kept[n] for n in self.names}
        for name in with_keys:
            by_name[name] = []
        for f in redone:
            by_name.setdefault(f.table, []).append(f)
        return [f for name in self.names for f in by_name[name]]


def _descriptor_invalid(exc: Exception) -> Failure:
    message = f"{type(exc).__name__}: {exc}"
    return Failure("", "descriptor_invalid", message, file="datapackage.json")


def validate_csv_resources(package_dir: Path, descriptor: dict) -> list[Failure]:
    """Frictionless on every CSV resource, with the package's primary and foreign keys
    (what ``Package(...).validate()`` reports), one resource per process."""
    return CsvValidation(package_dir, descriptor).result()
