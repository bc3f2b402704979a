"""Parse many documents at once: reuse cached parses, parallelize the rest.

Used by the Dagster assets (and through them by the CLI). A document whose parse raises is
turned into a rejection with the file and the reason, so one bad text never costs the
documents beside it.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from aidecl_data.cache import ParseCache
from aidecl_data.document import parse_document
from aidecl_data.model import ParsedDocument
from aidecl_data.sources import RejectedDocument, SourceFile

# Below this many documents to parse, a process pool costs more than it saves.
PARALLEL_THRESHOLD = 64


@dataclass
class BatchResult:
    documents: list[ParsedDocument] = field(default_factory=list)  # in input order
    parsed: list[str] = field(default_factory=list)  # ids parsed now
    reused: list[str] = field(default_factory=list)  # ids taken from the cache
    rejected: list[RejectedDocument] = field(default_factory=list)


def _parse_one(src: SourceFile) -> ParsedDocument | RejectedDocument:
    try:
        return parse_document(src.raw, src.document_id, os.path.basename(src.path))
    except RejectedDocument as exc:
        return exc
    except Exception as exc:  # a parser bug must not cost the other documents
        return RejectedDocument(src.path, f"parser error: {type(exc).__name__}: {exc}")


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def parse_batch(
    sources: list[SourceFile], cache: ParseCache | None = None, workers: int | None = None
) -> BatchResult:
    """Parse ``sources`` (cache hits reused), in parallel when there are many."""
    out = BatchResult()
    slots: list[ParsedDocument | None] = [None] * len(sources)
    todo: list[int] = []
    for i, src in enumerate(sources):
        hit = cache.get(src.document_id, src.sha256) if cache else None
        if hit is not None:
            slots[i] = hit
            out.reused.append(src.document_id)
        else:
            todo.append(i)
    workers = default_workers() if workers is None else workers
    if workers > 1 and len(todo) >= PARALLEL_THRESHOLD:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(todo) // (workers * 8))
            results = list(pool.map(_parse_one, (sources[i] for i in todo), chunksize=chunk))
    else:
        results = [_parse_one(sources[i]) for i in todo]
    for i, res in zip(todo, results, strict=True):
        if isinstance(res, RejectedDocument):
            out.rejected.append(res)
            continue
        slots[i] = res
        out.parsed.append(sources[i].document_id)
        if cache:
            cache.put(res)
    out.documents = [d for d in slots if d is not None]
    return out
