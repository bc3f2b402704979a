"""Validate CSV files with Frictionless: a table's CSV rendering (``validate_table``) or
the CSV resources of a package folder (``validate_csv_resources``).

Frictionless's report is turned into ``Failure`` records (its error type as the kind, its
row and field kept), so its findings read like those of the Arrow checks."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyarrow as pa

from aidecl_data.publish.checks.failure import Failure
from aidecl_data.publish.checks.table import check_schema
from aidecl_data.publish.csvio import table_to_csv_bytes
from aidecl_data.publish.schema import get_table, table_schema

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
    ctx = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        return [f for part in pool.map(_validate_chunk, jobs) for f in part]


def validate_csv_resources(package_dir: Path, descriptor: dict) -> list[Failure]:
    """Frictionless on every CSV resource, with the package's primary and foreign keys."""
    from frictionless import Package

    csv_only = dict(descriptor)
    csv_only["resources"] = [
        r for r in descriptor.get("resources", []) if r.get("format", "csv") == "csv"
    ]
    try:
        report = Package(csv_only, basepath=str(package_dir)).validate()
    except Exception as exc:  # a descriptor Frictionless cannot even load
        message = f"{type(exc).__name__}: {exc}"
        return [Failure("", "descriptor_invalid", message, file="datapackage.json")]
    return _flatten_report(report)
