"""What a package *holds*, as one hash, and where its texts come from, summarized.

``content_hash`` is computed from the descriptor alone: for every CSV resource, its path,
the sha256 of its bytes and its Table Schema. The CSV files are the canonical form of the
data (the Parquet files and the DuckDB database are derived from the same tables, and
their bytes may vary with the writer's version), so two packages with the same hash hold
the same rows under the same schema. Nothing else enters: not the version, not the
release date (``created``), not the descriptor's prose. The same inputs therefore give the
same hash, the committed package stays byte-stable, and a release of unchanged data can be
recognised and refused.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

HASH_PREFIX = "sha256:"


def _csv_resources(descriptor: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [r for r in descriptor.get("resources", []) if r.get("format", "csv") == "csv"]


def content_hash(descriptor: Mapping[str, Any]) -> str:
    """``sha256:<hex>`` of the CSV resources' paths, file hashes and schemas."""
    parts = []
    for res in sorted(_csv_resources(descriptor), key=lambda r: r["path"]):
        file_hash = res.get("hash") or res.get("integrity", {}).get("hash", "")
        parts.append({"path": res["path"], "hash": file_hash, "schema": res.get("schema", {})})
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return HASH_PREFIX + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def source_entry(row: Mapping[str, Any]) -> dict[str, Any]:
    """One document as a Data Package source: title, file, publisher, url, licence, sha256.

    ``source_url`` and ``licence`` are read when the documents table has them (older
    packages do not), so the same code serves every version of the schema.
    """
    src: dict[str, Any] = {"title": row["title"], "path": row["source_path"]}
    if row.get("publisher"):
        src["publisher"] = row["publisher"]
    if row.get("source_url"):
        src["url"] = row["source_url"]
    if row.get("licence"):
        src["licence"] = row["licence"]
    src["sha256"] = row["source_sha256"]
    src["document_id"] = row["document_id"]
    return src


def summarize_sources(sources: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Counts of documents per licence and per publisher (``unknown`` when not stated)."""
    sources = list(sources)
    licences = Counter(s.get("licence") or "unknown" for s in sources)
    publishers = Counter(s.get("publisher") or "unknown" for s in sources)
    with_url = sum(1 for s in sources if s.get("url"))

    def ordered(c: Counter) -> list[dict[str, Any]]:
        return [
            {"name": k, "documents": n} for k, n in sorted(c.items(), key=lambda x: (-x[1], x[0]))
        ]

    return {
        "documents": len(sources),
        "with_url": with_url,
        "licences": ordered(licences),
        "publishers": ordered(publishers),
    }
