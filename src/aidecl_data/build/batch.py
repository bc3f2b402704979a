"""Parse many documents at once: reuse cached parses, parallelize the rest.

Used by the Dagster assets (and through them by the CLI). A document whose parse raises is
turned into a rejection with the file and the reason, so one bad text never costs the
documents beside it.

Where the time goes, and why the code is shaped this way (profiles in
``benchmarks/README.md``):

- Each worker process parses, encodes and writes its cache entries itself and sends back
  the entry's bytes (or a rejection). Sending parsed documents back to the parent cost
  the parent an unpickle and a pickle per document (and the file write), serial work
  that competed with the workers for the same cores.
- ``parse_batch`` (the ``parsed_documents`` asset) only fills the cache and reports; the
  core tables read each entry once (``assemble``).
- The first document is parsed in the parent before the pool starts, so the lazily built
  indexes (country names, gazetteer patterns) are built once and inherited by the forked
  workers instead of being built again in each of them.
- Small chunks (at most 16 documents) keep both workers busy until the end: with chunks of
  ``n / (8 * workers)`` documents, one worker could be left alone with a chunk of 600.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from aidecl_data.build.cache import ParseCache, encode
from aidecl_data.build.names import source_name
from aidecl_data.build.version import PARSER_VERSION
from aidecl_data.parse.document import parse_document
from aidecl_data.parse.model import ParsedDocument
from aidecl_data.parse.sources import RejectedDocument, SourceFile
from aidecl_data.workers import die_with_parent

# Below this many documents to parse, a process pool costs more than it saves.
PARALLEL_THRESHOLD = 64
MAX_CHUNK = 16


@dataclass
class BatchResult:
    """What ``parse_batch`` did, ids in input order. The parses are in the cache (the
    ``parsed_documents`` asset only reports; ``assemble_tables`` reads them)."""

    parsed: list[str] = field(default_factory=list)  # ids parsed now
    reused: list[str] = field(default_factory=list)  # ids already in the cache
    rejected: list[RejectedDocument] = field(default_factory=list)


def _parse_one(src: SourceFile, ocr: bool = False) -> ParsedDocument | RejectedDocument:
    try:
        name = source_name(src.path)
        if ocr:
            return parse_document(src.load(), src.document_id, name, ocr=True)
        return parse_document(src.load(), src.document_id, name)
    except RejectedDocument as exc:
        return exc
    except Exception as exc:  # a parser bug must not cost the other documents
        return RejectedDocument(src.path, f"parser error: {type(exc).__name__}: {exc}")


def _parse_encode_store(
    args: tuple[SourceFile, ParseCache | None, bool],
) -> bytes | RejectedDocument:
    """In a worker: parse one document, store its cache entry, send the entry's bytes back.

    The bytes are what the parent needs anyway (rows as tuples, ``cache.decode_rows``):
    sending them costs the parent one unpickle, where re-reading the entry from disk cost
    a file open and read on top of it.
    """
    src, cache, ocr = args
    res = _parse_one(src, ocr)
    if isinstance(res, RejectedDocument):
        return res
    data = encode(res)
    if cache is not None:
        cache.put_bytes(res, data)
    return data


def parse_encoded(
    sources: list[SourceFile],
    cache: ParseCache | None = None,
    workers: int | None = None,
    ocr: bool = False,
) -> Iterator[bytes | RejectedDocument]:
    """Parse every source (no cache lookup), storing entries: entry bytes or rejections.

    Yielded in input order as they come, so the caller can use a result while the pool
    parses the next ones; in a process pool when there are many (see the module docstring).
    Nothing starts before the first result is asked for.
    """
    yield from Parsing(sources, cache, workers, ocr).results()


class Parsing:
    """The parse of ``sources`` under way (``parse_encoded``): ``results()`` yields entry
    bytes or rejections in input order, once.

    Made with many sources, it parses the first one here and hands the rest to the
    workers at once, so they parse while this process does something else: the CLI starts
    one before it imports Dagster and sets up the run that takes it (``headstart``).
    """

    def __init__(
        self,
        sources: list[SourceFile],
        cache: ParseCache | None = None,
        workers: int | None = None,
        ocr: bool = False,
    ) -> None:
        self.sources = list(sources)
        workers = default_workers() if workers is None else workers
        if multiprocessing.current_process().daemon:
            workers = 1  # a daemonic process (a Celery or Dask worker's) may not have children
        args = [(src, cache, ocr) for src in self.sources]
        self._pool: ProcessPoolExecutor | None = None
        if workers <= 1 or len(args) < PARALLEL_THRESHOLD:
            self._results: Iterator = map(_parse_encode_store, args)
            return
        first = _parse_encode_store(args[0])  # warms the parser's indexes before the fork
        rest = args[1:]
        chunk = max(1, min(MAX_CHUNK, len(rest) // (workers * 4)))
        # Objects of the parent that exist at the fork are moved out of the collector's
        # reach, so a worker's garbage collections do not write to (and copy) every page
        # it inherited: the workers' private memory stays what they allocate themselves.
        gc.freeze()
        self._pool = ProcessPoolExecutor(
            max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)
        )
        try:
            # ``map`` submits every chunk now: the workers start at once.
            later = self._pool.map(_parse_encode_store, rest, chunksize=chunk)
        except BaseException:
            self.stop()
            raise
        self._results = itertools.chain([first], later)

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    def results(self) -> Iterator[bytes | RejectedDocument]:
        try:
            yield from self._results
        except BaseException:
            # Interrupted (Ctrl-C, a run terminated from the Dagster UI, the consumer
            # gone): the workers' remaining chunks are of no use to anyone, and a worker
            # blocked on a full result pipe would wait for ever. Kill them rather than
            # drain them.
            self.stop()
            raise
        finally:
            self.close()

    def stop(self) -> None:
        """Kill the workers (their results are not wanted) and close."""
        if self._pool is not None:
            kill_workers(self._pool)
            _unjam_results(self._pool)
        self.close()

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
            gc.unfreeze()


def kill_workers(pool: ProcessPoolExecutor) -> None:
    """SIGKILL every live worker process of ``pool`` (nothing they hold is worth saving:
    each cache entry is written atomically, so a killed write leaves no partial entry)."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        if proc.is_alive():
            proc.kill()


def parser_version_for(ocr: bool, version: str = PARSER_VERSION) -> str:
    """The cache's parser version: parses made with ``--ocr`` are kept apart (their PDFs'
    scanned pages were read, so their rows differ)."""
    return f"{version}+ocr" if ocr else version


def _unjam_results(pool: ProcessPoolExecutor, seconds: float = 5.0) -> None:
    """Let the pool's manager thread see that its workers are gone, so shutdown returns.

    A worker killed while it was sending a result leaves half a message in the result
    pipe; the manager thread then waits in ``recv`` for the rest, for ever, and
    ``shutdown`` (or the interpreter's exit, which joins it) with it (seen under load: a
    stopped build that never exited). The parent holds the pipe's write end too: zeros
    written there complete the message, its unpickling fails, and the manager thread takes
    the pool for broken and cleans up, as it does for any dead worker. The feeder thread
    of the task queue, stuck writing tasks to the dead workers, is not waited for (the
    tasks are of no use). Private attributes
    of CPython's ProcessPoolExecutor (3.11-3.13), used only when present.
    """
    calls = getattr(pool, "_call_queue", None)
    if calls is not None:  # its feeder thread may be stuck writing to the dead workers
        calls.cancel_join_thread()
    manager = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)
    if manager is None or results is None or not manager.is_alive():
        return
    fd = results._writer.fileno()
    os.set_blocking(fd, False)
    zeros = bytes(1 << 16)
    deadline = time.monotonic() + seconds
    while manager.is_alive() and time.monotonic() < deadline:
        with contextlib.suppress(BlockingIOError, BrokenPipeError):
            os.write(fd, zeros)
        manager.join(0.01)


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def parse_batch(
    sources: list[SourceFile],
    cache: ParseCache | None = None,
    workers: int | None = None,
    ocr: bool = False,
) -> BatchResult:
    """Parse the ``sources`` the cache lacks into it (``parse_encoded``), in parallel when
    there are many; say which were parsed, reused or rejected.

    Without a cache (benchmarks) each parse is still encoded, a small part of the parse's
    cost, against a pickled ``ParsedDocument`` sent back from each worker before.
    """
    out = BatchResult()
    todo: list[SourceFile] = []
    for src in sources:
        if cache is not None and cache.has(src.document_id, src.sha256):
            out.reused.append(src.document_id)
        else:
            todo.append(src)
    for src, res in zip(todo, parse_encoded(todo, cache, workers, ocr), strict=True):
        if isinstance(res, RejectedDocument):
            out.rejected.append(res)
        else:
            out.parsed.append(src.document_id)
    return out
