"""A head start for the parse of a build that must parse the whole corpus.

``aidecl build`` from an empty state spent its first second on what is not parsing:
importing Dagster, the ephemeral instance and the run's set-up (a third of a build of the
245 real texts, docs/scaling.md, "A first build of the real corpus"), while the parse
workers it would start next sat idle. Started before all that, the workers parse from the start and
the run's ``core_tables`` step takes their results as its own parse: the same results,
in the same order, reported as parsed by that step.

Only a build with no row store to reuse gets one (a first build, or a new parser
version): what it must parse is then exactly what the parse cache lacks, which a
listing tells; with a row store, what it keeps is known only once the store is read, in
the step. A head start nobody takes (the run failed to start, or the step saw other
sources) is stopped: its workers killed, its results thrown away (the cache entries it
wrote are valid entries). The library never imports Dagster; the CLI starts and drops it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from aidecl_data.build.batch import PARALLEL_THRESHOLD, Parsing, parser_version_for
from aidecl_data.build.cache import ParseCache
from aidecl_data.build.rowchunks import ChunkRows
from aidecl_data.build.rowstore import RowStore
from aidecl_data.parse.sources import RejectedDocument, SourceFile

# The one head start of this process: (state folder, parser version) -> its parse.
_STARTED: dict[tuple[str, str], Parsing] = {}


def _key(state_dir: str | Path, parser_version: str) -> tuple[str, str]:
    return (str(Path(state_dir).absolute()), parser_version)


def start(
    sources: list[SourceFile], state_dir: str | Path, workers: int | None, ocr: bool = False
) -> bool:
    """Start parsing the ``sources`` the parse cache lacks, when no row store exists and
    they are many enough for the process pool; True when started."""
    drop()
    version = parser_version_for(ocr)
    if RowStore(state_dir, version).present():
        return False
    cache = ParseCache(state_dir, version)
    todo = [s for s in sources if not cache.has(s.document_id, s.sha256)]
    if len(todo) < PARALLEL_THRESHOLD:
        return False
    parsing = Parsing(todo, cache, workers, ocr, rows=True)
    if not parsing.parallel:  # a serial parse gains nothing by starting early
        return False
    _STARTED[_key(state_dir, version)] = parsing
    return True


def claimed(cache: ParseCache) -> set[tuple[str, str]]:
    """The (document id, sha256) the head start for ``cache`` is parsing: the step treats
    them as to be parsed even where the workers already wrote their cache entries."""
    parsing = _STARTED.get(_key(cache.root, cache.parser_version))
    if parsing is None:
        return set()
    return {(s.document_id, s.sha256) for s in parsing.sources}


def take(
    sources: list[SourceFile], cache: ParseCache
) -> Iterator[bytes | ChunkRows | RejectedDocument] | None:
    """The results of the head start for ``cache``, if it parses exactly ``sources`` (in
    this order); else None, and a head start there was is stopped."""
    parsing = _STARTED.pop(_key(cache.root, cache.parser_version), None)
    if parsing is None:
        return None
    same = [(s.document_id, s.sha256, s.path) for s in parsing.sources] == [
        (s.document_id, s.sha256, s.path) for s in sources
    ]
    if not same:
        parsing.stop()
        return None
    return parsing.results()


def drop() -> None:
    """Stop every head start not taken (its workers killed, nothing left running)."""
    while _STARTED:
        _, parsing = _STARTED.popitem()
        parsing.stop()
