"""Verify a package on disk: ``verify_package`` (any folder) and ``verify_staged`` (the
folder ``stage_package`` just wrote from tables that passed ``check_tables``).

Failures about files name the file (``Failure.file``) and, when the file is a table's,
the table."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from aidecl_data.publish.checks.failure import Failure
from aidecl_data.publish.checks.frictionless_csv import CsvValidation
from aidecl_data.publish.checks.memory import check_tables
from aidecl_data.publish.csvio import table_to_csv_bytes
from aidecl_data.publish.parts import parquet_paths, read_parquet_table, resource_files
from aidecl_data.publish.schema import TABLES, arrow_schema, resource_path
from aidecl_data.publish.snapshot import descriptor_shape

CHECK_THREADS = max(1, min(4, os.cpu_count() or 1))
DESCRIPTOR = "datapackage.json"
DATABASE = "aidecl.duckdb"


def read_package_tables(package_dir: Path) -> dict[str, pa.Table]:
    """The Parquet tables of a package folder (one file or parts), keyed by table name."""
    package_dir = Path(package_dir)
    descriptor, _ = _read_descriptor(package_dir)
    out = {}
    for t in TABLES:
        paths = parquet_paths(package_dir, t.name, descriptor)
        if paths and all((package_dir / p).is_file() for p in paths):
            out[t.name] = read_parquet_table(package_dir, t.name, descriptor)
    return out


def _read_descriptor(package_dir: Path) -> tuple[dict | None, list[Failure]]:
    descriptor_path = package_dir / DESCRIPTOR
    if not descriptor_path.is_file():
        return None, [Failure("", "descriptor_missing", "missing", file=str(descriptor_path))]
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        message = f"unreadable: {exc}"
        return None, [Failure("", "descriptor_unreadable", message, file=str(descriptor_path))]
    shape = descriptor_shape(descriptor)
    if shape:  # "[]" or a hand-edited "resources": every later check reads it as objects
        return None, [Failure("", "descriptor_unreadable", shape, file=str(descriptor_path))]
    return descriptor, []


def _check_files(
    package_dir: Path,
    descriptor: dict,
    sized_only: frozenset[str] = frozenset(),
    keep: bool = True,
) -> tuple[dict[str, bytes], list[Failure]]:
    """Every resource present, with the size and sha256 the descriptor gives; the bytes read
    (``sized_only``: files whose size alone is compared, left unread; ``keep=False``: hashed
    and let go, for a caller that reads them again one at a time rather than hold them all)."""
    out: list[Failure] = []
    resources = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    for t in TABLES:
        for fmt, suffix in (("csv", ""), ("parquet", "_parquet")):
            res = resources.get(t.name + suffix)
            if res is None:
                message = f"resource {t.name + suffix} missing"
                out.append(Failure(t.name, "resource_missing", message, file=DESCRIPTOR))
            rels = [f["path"] for f in resource_files(res)] if res else []
            for rel in rels or [resource_path(t.name, fmt)]:
                if not isinstance(rel, str) or not (package_dir / rel).is_file():
                    out.append(Failure(t.name, "file_missing", "file missing", file=str(rel)))
    # Each file is read once: hashed here, then parsed (Parquet) or compared (CSV) later.
    contents: dict[str, bytes] = {}
    for r in descriptor.get("resources", []):
        table = str(r.get("name", "")).removesuffix("_parquet")
        for f in resource_files(r):
            path = package_dir / str(f["path"])
            if not (path.is_file() and "hash" in f):
                continue
            if f["path"] in sized_only:
                if f.get("bytes") != path.stat().st_size:
                    message = "size differs from datapackage.json"
                    out.append(Failure(table, "size", message, file=str(f["path"])))
                continue
            data = contents.get(str(f["path"])) or path.read_bytes()
            if keep:
                contents[str(f["path"])] = data
            if f["hash"] != f"sha256:{hashlib.sha256(data).hexdigest()}":
                message = "sha256 differs from datapackage.json"
                out.append(Failure(table, "sha256", message, file=str(f["path"])))
            if f.get("bytes") != len(data):
                message = "size differs from datapackage.json"
                out.append(Failure(table, "size", message, file=str(f["path"])))
    return contents, out


def _files_then_frictionless(
    package_dir: Path,
    frictionless: bool,
    sized_only: frozenset[str] = frozenset(),
    keep: bool = True,
) -> tuple[dict[str, bytes], list[Failure], bool]:
    """The first checks of a package folder: (bytes read, failures, go on?).

    The descriptor and every file it lists (sizes, sha256); when those hold, Frictionless
    on the CSV resources if asked. "go on" is False when the files are not worth reading
    further (missing descriptor, missing or altered files).
    """
    descriptor, out = _read_descriptor(package_dir)
    if descriptor is None:
        return {}, out, False
    contents, out = _check_files(package_dir, descriptor, sized_only, keep)
    if out:
        return contents, out, False
    if frictionless:
        out += CsvValidation(package_dir, descriptor).result()
    return contents, out, True


def verify_package(package_dir: str | Path, *, frictionless: bool = True) -> list[Failure]:
    """Everything about a package folder; [] when it can be published.

    File sizes and sha256 against the descriptor; Frictionless validation of every CSV
    resource (types, constraints, primary and foreign keys); the pure checks on the Parquet
    tables; each Parquet file rendering to exactly the bytes of its CSV file; the DuckDB
    database holding the same row counts.

    Frictionless reads Parquet through pandas row by row, far slower than CSV, so the
    Parquet resources are proven by the byte equality with their validated CSV instead.
    ``frictionless=False`` skips the Frictionless pass; ``aidecl validate`` always runs it.

    Every file is read once (hashed, then parsed or compared) and the checks and CSV
    renderings run in threads, while Frictionless runs in worker processes, one resource
    each (``CsvValidation``), every row of every CSV file, at first without the foreign
    keys: ``check_tables`` proves them on the Parquet tables, and the byte equality of
    each CSV file with its Parquet table's rendering makes that a proof about the CSV rows
    too; the same holds for the primary keys (``check_primary_key``), also left out. When
    anything at all fails, the resources with keys are validated again with them, so a
    broken package gets Frictionless's own report, as it always did.
    """
    package_dir = Path(package_dir)
    descriptor, out = _read_descriptor(package_dir)
    if descriptor is None:
        return out
    contents, out = _check_files(package_dir, descriptor)
    if out:
        return out
    # Forked before any thread of this function starts.
    csv_check = (
        CsvValidation(package_dir, descriptor, foreign_keys=False, primary_keys=False)
        if frictionless
        else None
    )

    def read(rel: str) -> bytes:
        return contents[rel] if rel in contents else (package_dir / rel).read_bytes()

    tables = {t.name: read_parquet_table(package_dir, t.name, descriptor, read) for t in TABLES}

    def same_rows(name: str) -> list[Failure]:
        rel = resource_path(name, "csv")
        if table_to_csv_bytes(tables[name]) == read(rel):
            return []
        return [Failure(name, "rows_differ", "rows differ from the Parquet file", file=rel)]

    # pyarrow releases the GIL: the table checks and the CSV renderings run side by side.
    later: list[Failure] = []
    with ThreadPoolExecutor(max_workers=CHECK_THREADS) as pool:
        checked = pool.submit(check_tables, tables)
        renders = [pool.submit(same_rows, t.name) for t in TABLES]
        later += checked.result()
        for job in renders:
            later += job.result()
    if csv_check is not None:
        found = csv_check.result()
        out += csv_check.redo_with_foreign_keys() if found or later else found
    out += later
    out += _check_duckdb(package_dir, tables)
    return out


def verify_staged(
    package_dir: str | Path,
    tables: Mapping[str, pa.Table],
    *,
    frictionless: bool = False,
    written: Mapping[str, tuple[str, int, int]] | None = None,
) -> list[Failure]:
    """The files ``stage_package`` just wrote from ``tables``, which already passed
    ``check_tables``: [] when the files hold exactly those tables.

    Sizes and sha256 against the descriptor (``stage_package`` hashed the bytes it
    rendered, so a CSV file that matches is the rendering of its table); every Parquet
    file read back equal to its table, values and types; the DuckDB database holding the
    same row counts; Frictionless on the CSV files when asked. ``verify_package`` would
    find nothing more on such files: what it checks beyond this, ``check_tables`` checked
    on the tables, so this is the cheaper of the two.

    ``written`` (``PublishResult.written``: path -> (table, first row, rows)): only those
    Parquet files are read back, each against its rows of the table; the others are parts
    taken over from the package replaced, whose hash the descriptor check proved. The CSV
    files are then only sized, not read and hashed again: ``stage_package`` hashed the
    very bytes it wrote (a third of the check's CPU on a large package, docs/scaling.md).
    """
    package_dir = Path(package_dir)
    sized_only = frozenset()
    if written is not None and not frictionless:
        sized_only = frozenset(resource_path(t.name, "csv") for t in TABLES)
    _, out, complete = _files_then_frictionless(package_dir, frictionless, sized_only, keep=False)
    if not complete:
        return out
    if written is None:
        descriptor = json.loads((package_dir / DESCRIPTOR).read_bytes())
        jobs = [
            (t.name, [(rel, None) for rel in parquet_paths(package_dir, t.name, descriptor)])
            for t in TABLES
        ]
    else:
        jobs = [
            (name, [(rel, (start, rows))]) for rel, (name, start, rows) in sorted(written.items())
        ]

    def same(job) -> list[Failure]:
        name, files = job
        want = tables[name].cast(arrow_schema(name))
        offset = 0
        for rel, span in files:
            if span is not None:
                offset, rows = span
            else:
                rows = pq.ParquetFile(package_dir / rel).metadata.num_rows
            if not parquet_equals(package_dir / rel, want.slice(offset, rows)):
                message = "rows differ from the table published"
                return [Failure(name, "rows_differ", message, file=rel)]
            offset += rows
        if written is None and offset != want.num_rows:
            rels = ", ".join(rel for rel, _ in files)
            return [Failure(name, "rows_differ", "rows differ from the table published", file=rels)]
        return []

    with ThreadPoolExecutor(max_workers=CHECK_THREADS) as pool:
        for part in pool.map(same, jobs):
            out += part
    out += _check_duckdb(package_dir, tables)
    return out


def parquet_equals(path: Path, want: pa.Table, batch_rows: int = 65_536) -> bool:
    """Whether the Parquet file at ``path`` holds exactly ``want`` (schema and values),
    read a batch at a time, so that verifying a staged package holds one batch of a file
    beside the tables rather than a whole read-back copy of each (docs/scaling.md)."""
    f = pq.ParquetFile(path)
    if f.metadata.num_rows != want.num_rows or not f.schema_arrow.equals(want.schema):
        return False
    start = 0
    for batch in f.iter_batches(batch_size=batch_rows):
        got = pa.Table.from_batches([batch])
        if not got.equals(want.slice(start, batch.num_rows)):
            return False
        start += batch.num_rows
    return start == want.num_rows


def _check_duckdb(package_dir: Path, tables: Mapping[str, pa.Table]) -> list[Failure]:
    import duckdb

    path = package_dir / DATABASE
    if not path.is_file():
        return [Failure("", "database_missing", "missing", file=DATABASE)]
    out = []
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            for t in TABLES:
                n = con.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]
                want = tables[t.name].num_rows
                if n != want:
                    message = f"{t.name} has {n} rows, Parquet has {want}"
                    out.append(Failure(t.name, "row_count", message, count=n, file=DATABASE))
    except duckdb.Error as exc:
        message = str(exc).splitlines()[0]
        out.append(Failure("", "database_error", message, file=DATABASE))
    return out
