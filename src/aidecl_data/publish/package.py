"""Writing the package: stage every file in a folder, check it, swap it in.

``publish_package`` is the whole path: in-memory checks, stage beside ``out_dir``,
``check_package`` on the staged files, atomic swap (see ``commit.py``). When any check
fails it raises ``PublishError`` and ``out_dir`` is left exactly as it was.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from aidecl_data import __version__
from aidecl_data.publish.checks import Failure, check_tables, describe, verify_staged
from aidecl_data.publish.commit import (
    StepHook,
    check_replaceable,
    publish_lock,
    recover_interrupted_publish,
    staging_name,
    swap_in,
)
from aidecl_data.publish.content import content_hash, source_entry
from aidecl_data.publish.csvio import table_to_csv_bytes
from aidecl_data.publish.database import DATABASE_FILE, update_duckdb, write_duckdb
from aidecl_data.publish.schema import (
    TABLES,
    arrow_schema,
    data_dictionary_markdown,
    frictionless_descriptor,
    resource_path,
)

DESCRIPTOR_FILE = "datapackage.json"
DICTIONARY_FILE = "README.md"

# Fixed Parquet writer options: same table, same pyarrow -> same bytes. zstd level 9 cost
# 0.93 s CPU for 7.5 MB on the 10,000-document package, level 3 costs 0.43 s for 8.3 MB.
# On 2 cores every CPU second of the publishing threads is wall time (the DuckDB write
# runs beside them, not on a free core), so the faster level wins.
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "store_schema": True,
}


class PublishError(RuntimeError):
    """Checks failed; nothing was published. ``failures`` lists them (``Failure`` records)."""

    def __init__(self, failures: Sequence[Failure]):
        self.failures = list(failures)
        head = "; ".join(describe(f) for f in self.failures[:3])
        more = f" (+{len(self.failures) - 3} more)" if len(self.failures) > 3 else ""
        super().__init__(f"{len(self.failures)} check(s) failed: {head}{more}")


class DiskFullError(RuntimeError):
    """The file system filled up while the package was staged; nothing was published."""


@dataclass
class PublishResult:
    path: Path
    files: list[dict[str, Any]] = field(default_factory=list)  # path, bytes, sha256
    row_counts: dict[str, int] = field(default_factory=dict)
    database_reused: bool = False  # the DuckDB file was updated from the previous one


def _file_entry(root: Path, rel: str) -> dict[str, Any]:
    return _bytes_entry(rel, (root / rel).read_bytes())


def _bytes_entry(rel: str, data: bytes | pa.Buffer) -> dict[str, Any]:
    return {"path": rel, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def sources_from_documents(documents: pa.Table) -> list[dict[str, Any]]:
    """The descriptor's ``sources``: each document's title, file, publisher, url, licence
    and sha256 (``content.source_entry``)."""
    return [source_entry(row) for row in documents.to_pylist()]


def _write(path: Path, data: bytes | pa.Buffer) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _write_csv(root: Path, name: str, table: pa.Table) -> dict[str, Any]:
    rel = resource_path(name, "csv")
    data = table_to_csv_bytes(table)
    _write(root / rel, data)
    return _bytes_entry(rel, data)


def _write_parquet(root: Path, name: str, table: pa.Table) -> dict[str, Any]:
    rel = resource_path(name, "parquet")
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, **PARQUET_OPTIONS)
    data = sink.getvalue()
    _write(root / rel, data)
    return _bytes_entry(rel, data)


def _write_database(
    root: Path, tables: Mapping[str, pa.Table], base: Path | None
) -> tuple[dict[str, Any], bool]:
    """The database, updated from a copy of ``base`` when possible, else written anew."""
    path = root / DATABASE_FILE
    reused = base is not None and base.is_file() and update_duckdb(tables, base, path)
    if not reused:
        write_duckdb(tables, path)
    return _file_entry(root, DATABASE_FILE), reused


# Threads that write the files: pyarrow, zstd, hashlib and DuckDB release the GIL, so the
# DuckDB database (the longest job) is written while the CSV and Parquet files are.
STAGE_THREADS = max(1, min(3, os.cpu_count() or 1))


def stage_package(
    tables: Mapping[str, pa.Table],
    staging_dir: str | Path,
    *,
    version: str = __version__,
    sources: Sequence[Mapping[str, Any]] | None = None,
    database: bool = True,
    base_database: Path | None = None,
) -> PublishResult:
    """Write every file of the package into ``staging_dir`` (created; must be empty).

    ``base_database``: the database of a package this library published (the one being
    replaced); it is copied and brought up to ``tables`` (``update_duckdb``) instead of
    written from scratch, which falls back to a fresh write on any doubt.

    ``sources`` defaults to the documents table (title, path, publisher, sha256). The files
    are written as given, unchecked (``check_package`` checks them); only the DuckDB
    database refuses broken keys, so ``database=False`` skips it (for tests of the checks).

    Each file is hashed from the bytes written, never read back. The CSV writer is
    vectorized, DuckDB keeps its default block size for a large package (database.py)
    and the files are written in threads.
    """
    root = Path(staging_dir)
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty")
    tables = {t.name: tables[t.name].cast(arrow_schema(t)) for t in TABLES}
    (root / "data").mkdir()
    # Largest tables first, the database before all: the pool ends as early as it can.
    by_size = sorted(TABLES, key=lambda t: -tables[t.name].nbytes)
    with ThreadPoolExecutor(max_workers=STAGE_THREADS) as pool:
        db_job = pool.submit(_write_database, root, tables, base_database) if database else None
        jobs = {
            (t.name, fmt): pool.submit(write, root, t.name, tables[t.name])
            for t in by_size
            for fmt, write in (("csv", _write_csv), ("parquet", _write_parquet))
        }
        stats = {
            resource_path(t.name, fmt): jobs[t.name, fmt].result()
            for t in TABLES
            for fmt in ("csv", "parquet")
        }
        db_entry, reused = db_job.result() if db_job is not None else (None, False)
    if sources is None:
        sources = sources_from_documents(tables["documents"])
    descriptor = frictionless_descriptor(files=stats, sources=sources, version=version)
    descriptor["contentHash"] = content_hash(descriptor)
    text = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    row_counts = {t.name: tables[t.name].num_rows for t in TABLES}
    dictionary = data_dictionary_markdown(row_counts).encode("utf-8")
    _write(root / DICTIONARY_FILE, dictionary)
    # The descriptor is written last: a folder with datapackage.json is a complete package.
    _write(root / DESCRIPTOR_FILE, text)
    files = sorted(
        [
            *stats.values(),
            _bytes_entry(DICTIONARY_FILE, dictionary),
            *([db_entry] if db_entry is not None else []),
        ],
        key=lambda e: e["path"],
    )
    files.append(_bytes_entry(DESCRIPTOR_FILE, text))
    return PublishResult(root, files, row_counts, database_reused=reused)


def _disk_full(exc: BaseException) -> bool:
    """ENOSPC/EDQUOT from Python's own writes, or DuckDB's IO error that only says it."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return "No space left on device" in str(exc) or "Disk quota exceeded" in str(exc)


def publish_package(
    tables: Mapping[str, pa.Table],
    out_dir: str | Path,
    *,
    version: str = __version__,
    sources: Sequence[Mapping[str, Any]] | None = None,
    on_step: StepHook = None,
    frictionless: bool = True,
    prechecked: bool = False,
    reuse_database: bool = False,
) -> PublishResult:
    """Check, stage beside ``out_dir``, check the files, swap in; or raise PublishError.

    On failure ``out_dir`` is untouched and the staging folder removed. The tables pass
    ``check_tables`` (skipped with ``prechecked``, for a caller that just ran it on these
    very tables), then the staged files are verified against them (``verify_staged``:
    hashes, Parquet read back, DuckDB row counts), with Frictionless on the staged CSV
    files when ``frictionless``. ``check_package`` is the from-scratch check of a package
    folder (``aidecl validate``); after ``check_tables`` it would find nothing more.
    ``reuse_database``: the package in ``out_dir`` was published by this very library, so
    its DuckDB database may be updated rather than rebuilt (see ``stage_package``).
    """
    out_dir = Path(out_dir).absolute()
    failures = [] if prechecked else check_tables(tables)
    if failures:
        raise PublishError(failures)
    check_replaceable(out_dir)
    with publish_lock(out_dir):
        recover_interrupted_publish(out_dir, remove_staging=True)
        staging = staging_name(out_dir)
        try:
            base = out_dir / DATABASE_FILE if reuse_database else None
            result = stage_package(
                tables, staging, version=version, sources=sources, base_database=base
            )
            if on_step:
                on_step("staged")
            failures = verify_staged(staging, tables, frictionless=frictionless)
            if failures:
                raise PublishError(failures)
            if on_step:
                on_step("checked")
            swap_in(staging, out_dir, on_step)
        except BaseException as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if _disk_full(exc):
                free = shutil.disk_usage(out_dir.parent).free
                raise DiskFullError(
                    f"disk full while writing the package beside {out_dir} "
                    f"({free / 1e6:.1f} MB free once the staged copy was removed): "
                    "free some space and build again"
                ) from None  # the cause's own words are in the message; one line to show
            raise
    result.path = out_dir
    return result
