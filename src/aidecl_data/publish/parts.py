"""Parquet tables as parts: runs of documents cut where the document ids say.

Why: a table written as one Parquet file is rewritten whole when one document is added
(at 10,000 documents that was most of publishing an added document, docs/scaling.md).
Written as parts, each part holding the rows of a run of documents, adding a document
rewrites the one part it falls in; the others are taken over unchanged (hard-linked) from
the package being replaced.

How parts are cut. Every per-document table is ordered by ``document_id`` first, so the
documents of a package, in that order, are cut into runs, and each table's part is the
block of rows of one run. A document starts a new run when the first 8 bytes of the
sha256 of its id, as a number, are a multiple of ``PART_DOCUMENTS`` (content-defined
chunking): the cuts depend on the ids alone, never on the order documents arrived in, so
the same documents always give the same parts (deterministic), about ``PART_DOCUMENTS``
documents each, and a new document changes only the run it falls in (or splits it in two,
when it starts a run itself). Parts listed in order are the table in order, so a reader
concatenates them; a hash bucket would have scattered each part's rows over the table.

A part is named after its first document (``part-<sha256 of its id, 12 hex>``), so its
name stays when other parts change. Below ``MIN_PARTED_DOCUMENTS`` documents each table
is one file, ``data/<table>.parquet``, as before (the committed package of the corpus
among them); the cross-document ``initiatives`` table is always one file.

In the descriptor, a parted resource has ``"path": [part paths, in order]`` (Data Package
v1 multipart) and, under ``integrity``, ``bytes`` (the sum) and ``parts``: each part's
``path``, ``bytes``, ``hash`` (``sha256:``) and ``rows``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

PART_DOCUMENTS = 1000
MIN_PARTED_DOCUMENTS = 2 * PART_DOCUMENTS
UNPARTED_TABLES = frozenset({"initiatives"})


def _digest(doc_id: str) -> bytes:
    return hashlib.sha256(doc_id.encode("utf-8")).digest()


def starts_part(doc_id: str) -> bool:
    """Does this document start a part (whatever the other documents are)?"""
    return int.from_bytes(_digest(doc_id)[:8], "big") % PART_DOCUMENTS == 0


@dataclass(frozen=True)
class Part:
    name: str  # part-<12 hex of the sha256 of its first document id>
    documents: tuple[str, ...]  # its document ids, in table order


def plan_parts(doc_ids: Sequence[str]) -> list[Part] | None:
    """The parts of a package of these documents (ids in any order), in table order;
    None when every table is one file (fewer than ``MIN_PARTED_DOCUMENTS`` documents)."""
    ids = sorted(set(doc_ids), key=lambda d: d.encode("utf-8"))  # Arrow's byte order
    if len(ids) < MIN_PARTED_DOCUMENTS:
        return None
    runs: list[list[str]] = []
    for doc_id in ids:
        if not runs or starts_part(doc_id):
            runs.append([])
        runs[-1].append(doc_id)
    return [Part(f"part-{_digest(run[0]).hex()[:12]}", tuple(run)) for run in runs]


def is_parted(table: str, parts: list[Part] | None) -> bool:
    return parts is not None and table not in UNPARTED_TABLES


def part_path(table: str, part: Part) -> str:
    return f"data/{table}/{part.name}.parquet"


def part_row_ranges(table: pa.Table, parts: list[Part]) -> list[tuple[int, int]]:
    """(first row, row count) of each part's block in ``table`` (ordered by document_id)."""
    import pyarrow.compute as pc

    counts: dict[str, int] = {}
    if table.num_rows:
        runs = pc.run_end_encode(table.column("document_id").combine_chunks())
        ends = runs.run_ends.to_pylist()
        values = runs.values.to_pylist()
        start = 0
        for doc_id, end in zip(values, ends, strict=True):
            counts[doc_id] = counts.get(doc_id, 0) + end - start
            start = end
    out, at = [], 0
    ids = table.column("document_id")
    for part in parts:
        n = sum(counts.get(d, 0) for d in part.documents)
        # The block must hold this part's documents: the table is ordered by document_id.
        if n and not {ids[at].as_py(), ids[at + n - 1].as_py()} <= set(part.documents):
            raise ValueError(f"rows not ordered by document_id around row {at}")
        out.append((at, n))
        at += n
    if at != table.num_rows:
        raise ValueError(f"{at} rows in the parts' documents, {table.num_rows} in the table")
    return out


def resource_files(resource: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each file of a descriptor resource: ``path``, and ``bytes``/``hash`` when listed
    (top level for CSV, under ``integrity`` for Parquet, per part for a parted one)."""
    integrity = resource.get("integrity", resource)
    path = resource.get("path", "")
    if isinstance(path, list):
        parts = {p.get("path"): p for p in integrity.get("parts", []) if isinstance(p, dict)}
        return [
            {"path": p, **{k: v for k, v in parts.get(p, {}).items() if k != "path"}} for p in path
        ]
    out: dict[str, Any] = {"path": path}
    for key in ("bytes", "hash"):
        if key in integrity:
            out[key] = integrity[key]
    return [out]


def parquet_resource(descriptor: Mapping[str, Any], table: str) -> Mapping[str, Any] | None:
    return next(
        (r for r in descriptor.get("resources", []) if r.get("name") == f"{table}_parquet"),
        None,
    )


def parquet_paths(package_dir: Path, table: str, descriptor: Mapping | None = None) -> list[str]:
    """The Parquet files of ``table`` in a package folder, in table order: as its
    descriptor lists them, else ``data/<table>.parquet``, else its parts (any order)."""
    if descriptor is not None:
        res = parquet_resource(descriptor, table)
        if res is not None:
            return [f["path"] for f in resource_files(res)]
    single = f"data/{table}.parquet"
    if (package_dir / single).is_file():
        return [single]
    found = (package_dir / "data" / table).glob("*.parquet")
    return sorted(p.relative_to(package_dir).as_posix() for p in found)


def read_parquet_table(
    package_dir: Path,
    table: str,
    descriptor: Mapping | None = None,
    read=None,
) -> pa.Table:
    """The whole table from its Parquet file or parts (``read(rel) -> bytes``, default
    reads the file). Parts the descriptor lists are in order; parts found on disk are put
    in order by a stable sort on ``document_id``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    paths = parquet_paths(package_dir, table, descriptor)
    if not paths:
        raise FileNotFoundError(package_dir / f"data/{table}.parquet")

    def one(rel: str) -> pa.Table:
        if read is None:
            return pq.read_table(package_dir / rel)
        return pq.read_table(pa.BufferReader(read(rel)))

    if len(paths) == 1:
        return one(paths[0])
    tables = [one(rel) for rel in paths]
    out = pa.concat_tables(tables)
    listed = descriptor is not None and parquet_resource(descriptor, table) is not None
    if not listed and "document_id" in out.column_names:
        import pyarrow.compute as pc  # sort_indices is stable: each part keeps its order

        out = out.take(pc.sort_indices(out, sort_keys=[("document_id", "ascending")]))
    return out
