"""What a new package may take over, unchanged, from the package it replaces.

Why: adding one document to 10,000 rewrote every CSV and Parquet file (about a quarter
of the build's CPU, docs/scaling.md). The rows of a document in every per-document table
are a function of its id, file name and content, of the library's code and, for the
documents table, of the provenance manifest; so when the package in place was published
by this very library (``freshness.published_here``), the rows of every document it lists
with the same file name and sha256 are the rows a new build makes. Their Parquet parts
(``parts.py``) are hard-linked from it and their CSV bytes copied from it, by byte range,
instead of being rendered again; only the parts holding new, changed or removed
documents are rendered. The result is byte for byte the package a build from scratch
writes (``tests/test_incremental_publish.py``).

The byte ranges of each part in the published CSV files are kept in the publication
record of the state folder (``csv_index``); a CSV file is trusted for them only while
its descriptor hash and its ``stat`` (size, modification time in ns) are the ones
recorded right after the swap (a copy that keeps times, ``cp -a``, keeps them too);
anything else renders the file again.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aidecl_data.publish.parts import Part, parquet_resource, plan_parts, resource_files


@dataclass
class PublishBase:
    """The package being replaced, as far as a new one may reuse it."""

    package_dir: Path
    descriptor: dict
    documents_same: bool = True  # same provenance inputs: the documents rows carry over
    csv_index: dict[str, Any] = field(default_factory=dict)  # from the publication record
    database_stat: list[int] | None = None  # [size, mtime ns] of its database, recorded
    _parts: dict[str, Part] | None = field(default=None, repr=False, compare=False)

    def sources(self) -> dict[str, tuple[str, str]]:
        """document_id -> (file name, sha256) of the documents it was published from."""
        return {
            s["document_id"]: (s.get("path", ""), s.get("sha256", ""))
            for s in self.descriptor.get("sources", [])
            if isinstance(s, dict) and "document_id" in s
        }

    def parts(self) -> dict[str, Part]:
        """Its parts by name (none for a package of single files); planned once."""
        if self._parts is None:
            self._parts = {p.name: p for p in plan_parts(list(self.sources())) or []}
        return self._parts

    def parquet_entries(self, table: str) -> dict[str, dict[str, Any]]:
        """Path -> ``{path, bytes, hash, rows}`` of each Parquet part of ``table``."""
        res = parquet_resource(self.descriptor, table)
        if res is None or not isinstance(res.get("path"), list):
            return {}
        return {f["path"]: f for f in resource_files(res) if "hash" in f and "bytes" in f}

    def csv_ranges(self, table: str) -> dict[str, tuple[int, int]] | None:
        """Part name -> (start, end) of its rows in the published CSV of ``table``, when
        that file is still exactly the one recorded; else None."""
        entry = self.csv_index.get(table)
        res = next(
            (r for r in self.descriptor.get("resources", []) if r.get("name") == table), None
        )
        if not isinstance(entry, dict) or res is None:
            return None
        try:
            st = os.stat(self.package_dir / res["path"])
            if entry.get("hash") != res.get("hash"):
                return None
            if entry.get("stat") != [st.st_size, st.st_mtime_ns]:
                return None
            return {name: (int(a), int(b)) for name, a, b in entry["parts"]}
        except (OSError, KeyError, TypeError, ValueError):
            return None

    def database_intact(self) -> bool:
        """Is its DuckDB database still the file recorded right after the swap (same size
        and modification time in ns)? Then ``database.update_duckdb`` need not compare the
        rows of unchanged documents."""
        from aidecl_data.publish.database import DATABASE_FILE

        try:
            st = os.stat(self.package_dir / DATABASE_FILE)
        except OSError:
            return False
        return self.database_stat == [st.st_size, st.st_mtime_ns]


def unchanged_documents(base: PublishBase | None, sources: list[Mapping[str, Any]]) -> set[str]:
    """The documents of ``sources`` (the new package's) published in ``base`` from the
    same file name and sha256."""
    if base is None:
        return set()
    old = base.sources()
    return {
        s["document_id"]
        for s in sources
        if old.get(s["document_id"]) == (s.get("path", ""), s.get("sha256", ""))
    }


def database_stat(package_dir: Path) -> list[int] | None:
    """[size, mtime ns] of the package's database as published (``PublishBase.database_stat``)."""
    from aidecl_data.publish.database import DATABASE_FILE

    try:
        st = os.stat(package_dir / DATABASE_FILE)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def stat_csv_index(package_dir: Path, index: Mapping[str, Any]) -> dict[str, Any]:
    """``index`` (from ``PublishResult.csv_index``) with each CSV file's ``stat`` as now
    published in ``package_dir``: what ``PublishBase.csv_ranges`` will require."""
    out = {}
    for table, entry in index.items():
        try:
            st = os.stat(package_dir / entry["path"])
        except OSError:
            continue
        out[table] = {**entry, "stat": [st.st_size, st.st_mtime_ns]}
    return out
