"""Parse many documents at once: reuse cached parses, parallelize the rest.

Used by the Dagster assets (and through them by the CLI). A document whose parse raises is
turned into a rejection with the file and the reason, so one bad text never costs the
documents beside it.

Where the time goes, and why the code is shaped this way (profiles in
``benchmarks/README.md``):

- With a cache, each worker process parses, encodes and writes its cache entries itself
  and sends back only ids and rejections. Sending parsed documents back to the parent
  cost the parent an unpickle and a pickle per document (about 1 ms with the file write),
  serial work that competed with the workers for the same cores.
- Parsed documents (new or cached) are loaded from the cache only when ``documents`` is
  read: the ``parsed_documents`` asset never reads them, the core tables read them once.
- The first document is parsed in the parent before the pool starts, so the lazily built
  indexes (country names, gazetteer patterns) are built once and inherited by the forked
  workers instead of being built again in each of them.
- Small chunks (at most 16 documents) keep both workers busy until the end: with chunks of
  ``n / (8 * workers)`` documents, one worker could be left alone with a chunk of 600.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from aidecl_data.cache import ParseCache, encode
from aidecl_data.document import parse_document
from aidecl_data.model import ParsedDocument
from aidecl_data.sources import RejectedDocument, SourceFile

# Below this many documents to parse, a process pool costs more than it saves.
PARALLEL_THRESHOLD = 64
MAX_CHUNK = 16


class BatchResult:
    """What ``parse_batch`` did: ids parsed now, ids reused, rejections, and the documents.

    ``documents`` (in input order, rejected ones left out) is loaded from the cache on first
    access; an entry that vanished or is unreadable by then is parsed again.
    """

    def __init__(self, cache: ParseCache | None = None):
        self.parsed: list[str] = []  # ids parsed now
        self.reused: list[str] = []  # ids taken from the cache
        self.rejected: list[RejectedDocument] = []
        self._cache = cache
        self._slots: list[ParsedDocument | SourceFile | None] = []
        self._documents: list[ParsedDocument] | None = None

    @property
    def documents(self) -> list[ParsedDocument]:
        if self._documents is None:
            out = []
            for slot in self._slots:
                if isinstance(slot, SourceFile):
                    slot = self._load(slot)
                if slot is not None:
                    out.append(slot)
            self._documents = out
            self._slots = []
        return self._documents

    def _load(self, src: SourceFile) -> ParsedDocument | None:
        hit = self._cache.get(src.document_id, src.sha256) if self._cache else None
        if hit is not None:
            return hit
        res = _parse_one(src)  # the entry vanished or was unreadable: parse it again
        if src.document_id in self.reused:
            self.reused.remove(src.document_id)
            self.parsed.append(src.document_id)
        if isinstance(res, RejectedDocument):
            self.rejected.append(res)
            return None
        if self._cache:
            self._cache.put(res)
        return res


def _parse_one(src: SourceFile) -> ParsedDocument | RejectedDocument:
    try:
        return parse_document(src.load(), src.document_id, os.path.basename(src.path))
    except RejectedDocument as exc:
        return exc
    except Exception as exc:  # a parser bug must not cost the other documents
        return RejectedDocument(src.path, f"parser error: {type(exc).__name__}: {exc}")


def _parse_and_store(args: tuple[SourceFile, ParseCache]) -> RejectedDocument | None:
    """In a worker: parse one document into the cache; only a rejection travels back."""
    src, cache = args
    res = _parse_one(src)
    if isinstance(res, RejectedDocument):
        return res
    cache.put(res)
    return None


def _parse_encode_store(args: tuple[SourceFile, ParseCache | None]) -> bytes | RejectedDocument:
    """In a worker: parse one document, store its cache entry, send the entry's bytes back.

    The bytes are what the parent needs anyway (rows as tuples, ``cache.decode_rows``):
    sending them costs the parent one unpickle, where re-reading the entry from disk cost
    a file open and read on top of it (measured in ``assemble``'s docstring).
    """
    src, cache = args
    res = _parse_one(src)
    if isinstance(res, RejectedDocument):
        return res
    data = encode(res)
    if cache is not None:
        cache.put_bytes(res, data)
    return data


def parse_encoded(
    sources: list[SourceFile], cache: ParseCache | None = None, workers: int | None = None
) -> Iterator[bytes | RejectedDocument]:
    """Parse every source (no cache lookup), storing entries: entry bytes or rejections.

    Yielded in input order as they come, so the caller can use a result while the pool
    parses the next ones; in a process pool when there are many (see the module docstring).
    """
    workers = default_workers() if workers is None else workers
    args = [(src, cache) for src in sources]
    if workers <= 1 or len(args) < PARALLEL_THRESHOLD:
        yield from map(_parse_encode_store, args)
        return
    yield _parse_encode_store(args[0])  # warms the parser's indexes before the fork
    rest = args[1:]
    chunk = max(1, min(MAX_CHUNK, len(rest) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_parse_encode_store, rest, chunksize=chunk)


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def parse_batch(
    sources: list[SourceFile], cache: ParseCache | None = None, workers: int | None = None
) -> BatchResult:
    """Parse ``sources`` (cache hits reused), in parallel when there are many."""
    out = BatchResult(cache)
    slots: list[ParsedDocument | SourceFile | None] = list(sources)
    todo: list[int] = []
    for i, src in enumerate(sources):
        if cache is not None and cache.has(src.document_id, src.sha256):
            out.reused.append(src.document_id)  # loaded when ``documents`` is read
        else:
            todo.append(i)
    workers = default_workers() if workers is None else workers
    results: list[ParsedDocument | RejectedDocument | None]
    if workers > 1 and len(todo) >= PARALLEL_THRESHOLD:
        first = _parse_one(sources[todo[0]])  # warms the parser's indexes before the fork
        rest = [sources[i] for i in todo[1:]]
        chunk = max(1, min(MAX_CHUNK, len(rest) // (workers * 4)))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            if cache is not None:
                args = ((src, cache) for src in rest)
                results = [first, *pool.map(_parse_and_store, args, chunksize=chunk)]
            else:
                results = [first, *pool.map(_parse_one, rest, chunksize=chunk)]
    else:
        results = [_parse_one(sources[i]) for i in todo]
    for i, res in zip(todo, results, strict=True):
        if isinstance(res, RejectedDocument):
            out.rejected.append(res)
            slots[i] = None
            continue
        out.parsed.append(sources[i].document_id)
        if isinstance(res, ParsedDocument):
            slots[i] = res
            if cache is not None:
                cache.put(res)
        # else: a worker stored it; the slot keeps the source, loaded from the cache
    out._slots = slots
    return out
