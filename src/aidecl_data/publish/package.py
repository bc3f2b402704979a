"""Writing the package: stage every file in a folder, check it, swap it in.

``publish_package`` is the whole path: in-memory checks, stage beside ``out_dir``,
``check_package`` on the staged files, atomic swap (see ``commit.py``). When any check
fails it raises ``PublishError`` and ``out_dir`` is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import mmap
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
from aidecl_data.publish import draft
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
from aidecl_data.publish.csvio import csv_body, csv_header, table_to_csv_bytes
from aidecl_data.publish.database import DATABASE_FILE, is_small, update_duckdb, write_duckdb
from aidecl_data.publish.incremental import PublishBase, unchanged_documents
from aidecl_data.publish.parts import Part, is_parted, part_path, part_row_ranges, plan_parts
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
    # Parquet files written by this publish: path -> (table, first row, rows); the other
    # parts were taken over from the package replaced (``parts_reused`` of them).
    written: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    parts_reused: int = 0
    # Per parted table: its CSV path, hash and each part's byte range in it
    # (``incremental.PublishBase.csv_ranges`` reads it back from the publication record).
    csv_index: dict[str, dict[str, Any]] = field(default_factory=dict)


def _file_entry(root: Path, rel: str) -> dict[str, Any]:
    """Size and sha256 of a written file, read a block at a time (the database is 220 MB
    at 10,000 documents: read whole, it was that much more memory at the build's peak)."""
    digest, size = hashlib.sha256(), 0
    with open(root / rel, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
            size += len(block)
    return {"path": rel, "bytes": size, "sha256": digest.hexdigest()}


def _bytes_entry(rel: str, data: bytes | pa.Buffer) -> dict[str, Any]:
    return {"path": rel, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def sources_from_documents(documents: pa.Table) -> list[dict[str, Any]]:
    """The descriptor's ``sources``: each document's title, file, publisher, url, licence
    and sha256 (``content.source_entry``)."""
    return [source_entry(row) for row in documents.to_pylist()]


def _make_parent(path: Path) -> None:
    """Make ``path``'s folder (``data/<table>/``) in a staged package whose ``data/`` is
    made first (``stage_package``). Never its parents: a build stopped by a signal removes
    its staging folder while its writer threads go on (``commit.remove_own_staging``), and
    ``mkdir(parents=True)`` made the folder again, left beside the package."""
    path.parent.mkdir(exist_ok=True)


def _write(path: Path, data: bytes | pa.Buffer) -> None:
    _make_parent(path)
    path.write_bytes(data)


def _parquet_bytes(table: pa.Table) -> pa.Buffer:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, **PARQUET_OPTIONS)
    return sink.getvalue()


def _write_csv(root: Path, name: str, table: pa.Table) -> dict[str, Any]:
    rel = resource_path(name, "csv")
    data = table_to_csv_bytes(table)
    _write(root / rel, data)
    return _bytes_entry(rel, data)


def _write_parquet(root: Path, name: str, table: pa.Table) -> dict[str, Any]:
    """A table's Parquet as one file (a package too small for parts, or ``initiatives``)."""
    rel = resource_path(name, "parquet")
    data = _parquet_bytes(table)
    _write(root / rel, data)
    return _bytes_entry(rel, data)


def _link_or_copy(src: Path, dst: Path) -> None:
    """``dst`` as a hard link to ``src`` (the package being replaced; its files are never
    modified in place, only replaced), else a copy."""
    _make_parent(dst)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


@dataclass
class _Staged:
    """What staging one table wrote: its CSV entry, its Parquet entry (one file, or
    ``{"bytes", "parts"}``), the CSV byte range of each part, and the Parquet files
    written now (path -> (first row, rows)), the others being reused."""

    csv: dict[str, Any]
    parquet: dict[str, Any]
    csv_parts: list[list[Any]] | None = None
    written: dict[str, tuple[int, int]] = field(default_factory=dict)
    reused: int = 0


def _stage_table(
    root: Path,
    name: str,
    table: pa.Table,
    parts: list[Part] | None,
    base: PublishBase | None,
    unchanged: set[str],
) -> _Staged:
    """Write the CSV and Parquet files of one table, reusing what ``base`` allows."""
    csv_rel = resource_path(name, "csv")
    if not is_parted(name, parts):
        parquet = _write_parquet(root, name, table)
        return _Staged(
            _write_csv(root, name, table), parquet, written={parquet["path"]: (0, table.num_rows)}
        )
    assert parts is not None
    ranges = part_row_ranges(table, parts)
    old_parts = base.parts() if base is not None else {}
    old_entries = base.parquet_entries(name) if base is not None else {}
    csv_ranges = base.csv_ranges(name) if base is not None else None
    documents_same = base is None or name != "documents" or base.documents_same

    def reusable(part: Part, rows: int) -> dict[str, Any] | None:
        old = old_parts.get(part.name)
        entry = old_entries.get(part_path(name, part))
        if base is None or old is None or entry is None or not documents_same:
            return None
        if old.documents != part.documents or entry.get("rows") != rows:
            return None
        if not all(d in unchanged for d in part.documents):
            return None
        return entry

    staged = _Staged({}, {})
    header = csv_header(table)
    entries, csv_parts, at = [], [], len(header)
    old_csv = None
    digest = hashlib.sha256(header)
    _make_parent(root / csv_rel)
    with contextlib.ExitStack() as stack:
        # The CSV is written part by part as it is rendered: holding the whole file (111 MB
        # for clauses at 10,000 documents) beside the tables raised a first build's peak.
        out = stack.enter_context(open(root / csv_rel, "wb"))
        out.write(header)
        if csv_ranges is not None:
            fh = stack.enter_context(open(base.package_dir / csv_rel, "rb"))  # type: ignore[union-attr]
            old_csv = stack.enter_context(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
        for part, (start, rows) in zip(parts, ranges, strict=True):
            rel = part_path(name, part)
            entry = reusable(part, rows)
            if entry is not None:
                _link_or_copy(base.package_dir / rel, root / rel)  # type: ignore[union-attr]
                staged.reused += 1
                entries.append({**entry, "path": rel})
            else:
                data = _parquet_bytes(table.slice(start, rows))
                _write(root / rel, data)
                staged.written[rel] = (start, rows)
                entries.append({**_bytes_entry(rel, data), "rows": rows})
                entries[-1]["hash"] = "sha256:" + entries[-1].pop("sha256")
            span = csv_ranges.get(part.name) if csv_ranges is not None else None
            if entry is not None and span is not None and old_csv is not None:
                body: bytes | memoryview = memoryview(old_csv)[span[0] : span[1]]
            else:
                body = csv_body(table.slice(start, rows))
            digest.update(body)
            out.write(body)
            csv_parts.append([part.name, at, at + len(body)])
            at += len(body)
            del body  # a view of the old CSV must be let go before its mmap closes
    staged.csv = {"path": csv_rel, "bytes": at, "sha256": digest.hexdigest()}
    staged.parquet = {"bytes": sum(e["bytes"] for e in entries), "parts": entries}
    staged.csv_parts = csv_parts
    return staged


def _write_database(
    root: Path,
    tables: Mapping[str, pa.Table],
    base: Path | None,
    base_intact: bool = False,
    ahead: draft.Draft | None = None,
) -> tuple[dict[str, Any], bool]:
    """The database: the one written ahead (``draft``) moved in, else updated from a copy of
    ``base`` when possible, else written anew."""
    path = root / DATABASE_FILE
    if ahead is not None:
        written = ahead.result()
        try:
            if written is not None:
                os.rename(written, path)  # beside the staging folder: the same file system
                return _file_entry(root, DATABASE_FILE), False
        except OSError:
            pass  # written anew below
        finally:
            ahead.discard()
    reused = (
        base is not None
        and base.is_file()
        and update_duckdb(tables, base, path, base_intact=base_intact)
    )
    if not reused:
        write_duckdb(tables, path)
    return _file_entry(root, DATABASE_FILE), reused


def release_unused_memory() -> None:
    """Hand the memory Arrow's allocator keeps for reuse back to the system (before the
    next big consumer, which does not allocate through it: DuckDB)."""
    pa.default_memory_pool().release_unused()


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
    base: PublishBase | None = None,
) -> PublishResult:
    """Write every file of the package into ``staging_dir`` (created; must be empty).

    ``base_database``: the database of a package this library published (the one being
    replaced); it is copied and brought up to ``tables`` (``update_duckdb``) instead of
    written from scratch, which falls back to a fresh write on any doubt.

    ``sources`` defaults to the documents table (title, path, publisher, sha256). The files
    are written as given, unchecked (``check_package`` checks them); only the DuckDB
    database refuses broken keys, so ``database=False`` skips it (for tests of the checks).

    ``base``: the package being replaced, when this library published it
    (``incremental.py``): the Parquet parts and CSV byte ranges of its unchanged documents
    are taken over instead of rendered again; the bytes are those of a build from scratch.

    Each file is hashed from the bytes written, never read back. The CSV writer is
    vectorized, DuckDB keeps its default block size for a large package (database.py)
    and the files are written in threads.
    """
    root = Path(staging_dir)
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty")
    # A database written ahead from these very tables (``draft``), when there is one.
    ahead = draft.take(tables) if database else None
    tables = {t.name: tables[t.name].cast(arrow_schema(t)) for t in TABLES}
    (root / "data").mkdir()
    if sources is None:
        sources = sources_from_documents(tables["documents"])
    parts = plan_parts(tables["documents"].column("document_id").to_pylist())
    unchanged = unchanged_documents(base, list(sources))
    # Largest tables first, the database before all: the pool ends as early as it can.
    by_size = sorted(TABLES, key=lambda t: -tables[t.name].nbytes)
    intact = base is not None and base_database is not None and base.database_intact()
    # A database written from scratch (no base to update: a first build) is written after
    # the CSV and Parquet files, not beside them: DuckDB's own memory (about 200 MB at
    # 10,000 documents under its limit) and the renderings' (about 100 MB) were added up
    # on top of the tables, the peak of a first build (docs/scaling.md). DuckDB writes with
    # a thread per core of its own, so little wall time is lost. An update from the base
    # (a few documents changed) is small and still runs beside them, and so does the
    # database of a small package (``database.is_small``).
    beside = (
        (base_database is not None and base_database.is_file())
        or is_small(tables)
        or ahead is not None
    )
    with ThreadPoolExecutor(max_workers=STAGE_THREADS) as pool:
        db_job = None
        if database and beside:
            db_job = pool.submit(_write_database, root, tables, base_database, intact, ahead)
        jobs = {
            t.name: pool.submit(_stage_table, root, t.name, tables[t.name], parts, base, unchanged)
            for t in by_size
        }
        staged = {t.name: jobs[t.name].result() for t in TABLES}
        if database and not beside:
            release_unused_memory()
            db_job = pool.submit(_write_database, root, tables, base_database, intact)
        db_entry, reused = db_job.result() if db_job is not None else (None, False)
    stats = {}
    for t in TABLES:
        stats[resource_path(t.name, "csv")] = staged[t.name].csv
        stats[resource_path(t.name, "parquet")] = staged[t.name].parquet
    descriptor = frictionless_descriptor(files=stats, sources=sources, version=version)
    descriptor["contentHash"] = content_hash(descriptor)
    text = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    row_counts = {t.name: tables[t.name].num_rows for t in TABLES}
    dictionary = data_dictionary_markdown(row_counts).encode("utf-8")
    _write(root / DICTIONARY_FILE, dictionary)
    # The descriptor is written last: a folder with datapackage.json is a complete package.
    _write(root / DESCRIPTOR_FILE, text)
    file_entries = []
    for st in staged.values():
        file_entries.append(st.csv)
        if "parts" in st.parquet:
            file_entries += [
                {"path": p["path"], "bytes": p["bytes"], "sha256": p["hash"][len("sha256:") :]}
                for p in st.parquet["parts"]
            ]
        else:
            file_entries.append(st.parquet)
    files = sorted(
        [
            *file_entries,
            _bytes_entry(DICTIONARY_FILE, dictionary),
            *([db_entry] if db_entry is not None else []),
        ],
        key=lambda e: e["path"],
    )
    files.append(_bytes_entry(DESCRIPTOR_FILE, text))
    result = PublishResult(root, files, row_counts, database_reused=reused)
    for name, st in staged.items():
        result.written.update({rel: (name, *span) for rel, span in st.written.items()})
        result.parts_reused += st.reused
        if st.csv_parts is not None:
            result.csv_index[name] = {
                "path": st.csv["path"],
                "hash": f"sha256:{st.csv['sha256']}",
                "parts": st.csv_parts,
            }
    return result


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
    base: PublishBase | None = None,
) -> PublishResult:
    """Check, stage beside ``out_dir``, check the files, swap in; or raise PublishError.

    On failure ``out_dir`` is untouched and the staging folder removed. The tables pass
    ``check_tables`` (skipped with ``prechecked``, for a caller that just ran it on these
    very tables), then the staged files are verified against them (``verify_staged``:
    hashes, Parquet read back, DuckDB row counts), with Frictionless on the staged CSV
    files when ``frictionless``. ``check_package`` is the from-scratch check of a package
    folder (``aidecl validate``); after ``check_tables`` it would find nothing more.
    ``reuse_database``: the package in ``out_dir`` was published by this very library, so
    its DuckDB database may be updated rather than rebuilt (see ``stage_package``);
    ``base`` (``incremental.PublishBase`` of that package) lets its unchanged Parquet parts
    and CSV byte ranges be taken over; only the files written now are read back.
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
            base_db = out_dir / DATABASE_FILE if reuse_database else None
            result = stage_package(
                tables,
                staging,
                version=version,
                sources=sources,
                base_database=base_db,
                base=base,
            )
            if on_step:
                on_step("staged")
            failures = verify_staged(
                staging, tables, frictionless=frictionless, written=result.written
            )
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
