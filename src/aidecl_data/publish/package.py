"""Writing the package: stage every file in a folder, check it, swap it in.

``publish_package`` is the whole path: in-memory checks, stage beside ``out_dir``,
``check_package`` on the staged files, atomic swap (see ``commit.py``). When any check
fails it raises ``PublishError`` and ``out_dir`` is left exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from aidecl_data import __version__
from aidecl_data.publish.checks import check_package, check_tables
from aidecl_data.publish.commit import (
    StepHook,
    check_replaceable,
    publish_lock,
    recover_interrupted_publish,
    staging_name,
    swap_in,
)
from aidecl_data.publish.csvio import table_to_csv_bytes
from aidecl_data.publish.database import DATABASE_FILE, write_duckdb
from aidecl_data.schema import (
    TABLES,
    arrow_schema,
    data_dictionary_markdown,
    frictionless_descriptor,
    resource_path,
)

DESCRIPTOR_FILE = "datapackage.json"
DICTIONARY_FILE = "README.md"

# Fixed Parquet writer options: same table, same pyarrow -> same bytes.
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "store_schema": True,
}


class PublishError(RuntimeError):
    """Checks failed; nothing was published. ``failures`` lists them, one line each."""

    def __init__(self, failures: Sequence[str]):
        self.failures = list(failures)
        head = "; ".join(self.failures[:3])
        more = f" (+{len(self.failures) - 3} more)" if len(self.failures) > 3 else ""
        super().__init__(f"{len(self.failures)} check(s) failed: {head}{more}")


@dataclass
class PublishResult:
    path: Path
    files: list[dict[str, Any]] = field(default_factory=list)  # path, bytes, sha256
    row_counts: dict[str, int] = field(default_factory=dict)


def _file_entry(root: Path, rel: str) -> dict[str, Any]:
    data = (root / rel).read_bytes()
    return {"path": rel, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def sources_from_documents(documents: pa.Table) -> list[dict[str, Any]]:
    """The descriptor's ``sources``: each document's title, file, publisher and sha256."""
    out = []
    for row in documents.to_pylist():
        src = {"title": row["title"], "path": row["source_path"]}
        if row.get("publisher"):
            src["publisher"] = row["publisher"]
        src["sha256"] = row["source_sha256"]
        src["document_id"] = row["document_id"]
        out.append(src)
    return out


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def stage_package(
    tables: Mapping[str, pa.Table],
    staging_dir: str | Path,
    *,
    version: str = __version__,
    sources: Sequence[Mapping[str, Any]] | None = None,
    database: bool = True,
) -> PublishResult:
    """Write every file of the package into ``staging_dir`` (created; must be empty).

    ``sources`` defaults to the documents table (title, path, publisher, sha256). The files
    are written as given, unchecked (``check_package`` checks them); only the DuckDB
    database refuses broken keys, so ``database=False`` skips it (for tests of the checks).
    """
    root = Path(staging_dir)
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty")
    tables = {t.name: tables[t.name].cast(arrow_schema(t)) for t in TABLES}
    stats: dict[str, dict[str, Any]] = {}
    for t in TABLES:
        csv_rel = resource_path(t.name, "csv")
        _write(root / csv_rel, table_to_csv_bytes(tables[t.name]))
        pq_rel = resource_path(t.name, "parquet")
        pq.write_table(tables[t.name], root / pq_rel, **PARQUET_OPTIONS)
        for rel in (csv_rel, pq_rel):
            stats[rel] = _file_entry(root, rel)
    if sources is None:
        sources = sources_from_documents(tables["documents"])
    descriptor = frictionless_descriptor(files=stats, sources=sources, version=version)
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    row_counts = {t.name: tables[t.name].num_rows for t in TABLES}
    _write(root / DICTIONARY_FILE, data_dictionary_markdown(row_counts).encode("utf-8"))
    if database:
        write_duckdb(tables, root / DATABASE_FILE)
    # The descriptor is written last: a folder with datapackage.json is a complete package.
    _write(root / DESCRIPTOR_FILE, text.encode("utf-8"))
    files = sorted(
        [
            *stats.values(),
            *(
                _file_entry(root, f)
                for f in (DICTIONARY_FILE, DATABASE_FILE)
                if (root / f).exists()
            ),
        ],
        key=lambda e: e["path"],
    )
    files.append(_file_entry(root, DESCRIPTOR_FILE))
    return PublishResult(root, files, row_counts)


def publish_package(
    tables: Mapping[str, pa.Table],
    out_dir: str | Path,
    *,
    version: str = __version__,
    sources: Sequence[Mapping[str, Any]] | None = None,
    on_step: StepHook = None,
    frictionless: bool = True,
) -> PublishResult:
    """Check, stage beside ``out_dir``, check the files, swap in; or raise PublishError.

    On failure ``out_dir`` is untouched and the staging folder removed. ``frictionless``
    is passed to ``check_package`` (False when every table already passed Frictionless).
    """
    out_dir = Path(out_dir).absolute()
    failures = check_tables(tables)
    if failures:
        raise PublishError(failures)
    check_replaceable(out_dir)
    with publish_lock(out_dir):
        recover_interrupted_publish(out_dir, remove_staging=True)
        staging = staging_name(out_dir)
        try:
            result = stage_package(tables, staging, version=version, sources=sources)
            if on_step:
                on_step("staged")
            failures = check_package(staging, frictionless=frictionless)
            if failures:
                raise PublishError(failures)
            if on_step:
                on_step("checked")
            swap_in(staging, out_dir, on_step)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    result.path = out_dir
    return result
