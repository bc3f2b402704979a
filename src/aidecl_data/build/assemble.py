"""Current documents -> the eight published tables, reusing all the work of the last build.

``assemble_tables`` is what the ``core_tables`` asset runs. Each document's rows come from
the cheapest place that is still right for its content (document id, sha256 and file name)
and the parser version:

1. the row store (``aidecl_data.build.rowstore``): the rows of every document the last build
   published, taken back with one ``pc.is_in`` filter per table;
2. the parse cache (``aidecl_data.build.cache``): one entry per document, read as row tuples
   (``decode_rows``: no dataclass per row);
3. the parser, in a process pool whose workers store the cache entry and send its bytes
   back (``batch.parse_encoded``).

Then the new rows are typed column by column (``tables.table_from_tuples``), concatenated
with the kept ones, initiatives are merged across documents and every table is sorted; the
result equals ``build_tables`` over the same documents parsed from scratch (tests check it).
The row store is rewritten (atomically) whenever the set of documents changed.

Workers send their entry's bytes back rather than having the parent re-read the file
they wrote: it cost the parent no more CPU, and the simpler path also works with an
unwritable cache. (Figures for this module: docs/scaling.md.)
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from operator import itemgetter

import pyarrow as pa
import pyarrow.compute as pc

from aidecl_data.build import headstart
from aidecl_data.build.batch import parse_encoded, parser_version_for
from aidecl_data.build.cache import ROW_CLASSES, ParseCache, decode_rows
from aidecl_data.build.names import source_name
from aidecl_data.build.rowstore import INITIATIVE_ROWS, PROBLEMS, STORE_SCHEMAS, RowStore
from aidecl_data.build.version import PARSER_VERSION
from aidecl_data.parse.model import DocumentRow, Problem
from aidecl_data.parse.sources import RejectedDocument, SourceFile
from aidecl_data.publish.schema import TABLES
from aidecl_data.publish.tables import (
    DOCUMENT_TABLES,
    ROW_ATTRIBUTE,
    TableBuildError,
    initiatives_table,
    insert_documents,
    remove_documents,
    sort_table,
    table_from_tuples,
    transpose,
)


@dataclass
class Assembly:
    """The tables, and where each document's rows came from (ids in input order)."""

    tables: dict[str, pa.Table]
    parsed: list[str] = field(default_factory=list)  # parsed now
    reused: list[str] = field(default_factory=list)  # from the row store or the parse cache
    rejected: list[RejectedDocument] = field(default_factory=list)  # rejected by the parser
    problems: list[Problem] = field(default_factory=list)  # documents in input order
    from_row_store: int = 0
    from_parse_cache: int = 0
    row_store_error: str = ""  # why the row store could not be written ("" when it was)
    saving: threading.Thread | None = field(default=None, repr=False, compare=False)

    def wait_row_store(self) -> str:
        """Wait until the row store written in the background is saved
        (``assemble_tables(..., background=True)``); why it could not be ("" if it was)."""
        if self.saving is not None:
            self.saving.join()
            self.saving = None
        return self.row_store_error


def _strings_table(name: str, rows: list[tuple]) -> pa.Table:
    schema = STORE_SCHEMAS[name]
    if not rows:
        return schema.empty_table()
    cols = transpose(rows, len(schema), name)
    for values in cols:
        bad = {type(v) for v in values} - {str}
        if bad:
            raise TableBuildError(f"{name}: values of type {sorted(t.__name__ for t in bad)}")
    return pa.Table.from_arrays([pa.array(c, type=pa.string()) for c in cols], schema=schema)


def _reorders() -> dict[str, itemgetter | None]:
    """Per ``ParsedDocument`` field: how to put a cache tuple (dataclass field order) in the
    column order of its table, None when the orders agree (today, for every table)."""
    targets = {ROW_ATTRIBUTE[t.name]: [f.name for f in t.columns] for t in DOCUMENT_TABLES}
    targets["initiatives"] = STORE_SCHEMAS[INITIATIVE_ROWS].names[1:]
    targets["problems"] = STORE_SCHEMAS[PROBLEMS].names
    out: dict[str, itemgetter | None] = {}
    for attr, columns in targets.items():
        fields = [f.name for f in dataclasses.fields(ROW_CLASSES[attr]) if f.init]
        out[attr] = None if fields == columns else itemgetter(*map(fields.index, columns))
    return out


_REORDER = _reorders()


def _rows(doc: dict[str, list[tuple]], attr: str) -> list[tuple]:
    reorder = _REORDER[attr]
    return doc[attr] if reorder is None else list(map(reorder, doc[attr]))


class _NewRows:
    """Rows of documents read from the parse cache or parsed now, typed in batches.

    A batch of ``BATCH`` documents becomes Arrow tables as soon as it is complete, so the
    row tuples of the whole corpus never pile up in memory.

    With ``presort`` each batch's per-document tables are sorted as they are made (and the
    unsorted batch freed). Documents come in id order (the scan's), and every such table
    is ordered by ``document_id`` first, so the batches end to end are then the whole table
    sorted, without the copy of everything a sort at the end makes (the first build's peak
    memory); ``tables`` checks it at each batch boundary and names the tables it holds
    for ``sorted``.
    """

    BATCH = 500

    def __init__(self, presort: bool = False) -> None:
        self.count = 0
        self.presort = presort
        self.sorted: set[str] = set()  # tables that ``tables`` returned sorted
        self._pending: list[tuple[str, dict[str, list[tuple]]]] = []
        self._done: list[dict[str, pa.Table]] = []

    def add(self, doc_id: str, rows: dict[str, list[tuple]]) -> None:
        self.count += 1
        self._pending.append((doc_id, rows))
        if len(self._pending) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        rows: dict[str, list[tuple]] = {name: [] for name in STORE_SCHEMAS}
        for doc_id, doc in self._pending:
            for t in DOCUMENT_TABLES:
                rows[t.name].extend(_rows(doc, ROW_ATTRIBUTE[t.name]))
            rows[INITIATIVE_ROWS].extend((doc_id, *r) for r in _rows(doc, "initiatives"))
            rows[PROBLEMS].extend(_rows(doc, "problems"))
        self._pending = []
        out = {t.name: table_from_tuples(t, rows.pop(t.name)) for t in DOCUMENT_TABLES}
        if self.presort:
            out = {t.name: sort_table(t, out[t.name]) for t in DOCUMENT_TABLES}
        out[INITIATIVE_ROWS] = _strings_table(INITIATIVE_ROWS, rows[INITIATIVE_ROWS])
        out[PROBLEMS] = _strings_table(PROBLEMS, rows[PROBLEMS])
        self._done.append(out)

    def tables(self) -> dict[str, pa.Table]:
        """Every row added, one table per ``STORE_SCHEMAS`` entry (in no particular order).

        Hands the batches over (this object forgets them), so the caller can free each
        table once it has sorted it.
        """
        if self._pending or not self._done:
            self._flush()
        done, self._done = self._done, []
        if self.presort:
            self.sorted = {
                t.name for t in DOCUMENT_TABLES if _in_order(t, [d[t.name] for d in done])
            }
        if len(done) == 1:
            return done[0]
        return {name: pa.concat_tables([d.pop(name) for d in done]) for name in STORE_SCHEMAS}


def _in_order(table, batches: list[pa.Table]) -> bool:
    """Are these sorted batches, end to end, sorted? True when the table is ordered by
    ``document_id`` first, no id is NULL and each batch's ids come strictly after the
    previous batch's (a tie across batches would leave the order to the other keys)."""
    if table.sort_key[0] != "document_id":
        return len(batches) == 1
    last = None
    for b in batches:
        if b.num_rows == 0:
            continue
        ids = b.column("document_id")
        if ids.null_count:
            return False
        first = ids[0].as_py()
        if last is not None and not last < first:
            return False
        last = ids[-1].as_py()
    return True


def _kept(stored: dict[str, pa.Table], dropped: set[str]) -> dict[str, pa.Table]:
    """The stored rows without those of ``dropped`` (deleted, changed or renamed documents)."""
    if not dropped:
        return stored
    out = {t.name: remove_documents(t, stored[t.name], dropped) for t in DOCUMENT_TABLES}
    value_set = pa.array(sorted(dropped), type=pa.string())
    for name in (INITIATIVE_ROWS, PROBLEMS):
        table = stored[name]
        out[name] = table.filter(pc.invert(pc.is_in(table.column("document_id"), value_set)))
    return out


def _problems(table: pa.Table, order: list[str]) -> list[Problem]:
    by_doc: dict[str, list[Problem]] = defaultdict(list)
    cols = [table.column(n).to_pylist() for n in ("document_id", "kind", "message")]
    for doc_id, kind, message in zip(*cols, strict=True):
        by_doc[doc_id].append(Problem(doc_id, kind, message))
    return [p for doc_id in order for p in by_doc.get(doc_id, ())]


_SOURCE_PATH = [f.name for f in dataclasses.fields(DocumentRow)].index("source_path")


def _named(document_row: tuple, source_path: str) -> tuple:
    """A document row (as a tuple) with ``source_path`` set."""
    return (*document_row[:_SOURCE_PATH], source_path, *document_row[_SOURCE_PATH + 1 :])


def assemble_tables(
    sources: list[SourceFile],
    state_dir: str | os.PathLike,
    workers: int | None = None,
    *,
    parser_version: str = PARSER_VERSION,
    ocr: bool = False,
    background: bool = False,
) -> Assembly:
    """The eight tables of ``sources`` (rejected documents left out), kept incremental.

    ``state_dir`` holds the parse cache and the row store; ``parser_version`` is for tests
    and benchmarks that pin it. Raises ``TableBuildError`` on a value of the wrong type.

    ``background``: the row store is written in a thread while the caller goes on with the
    tables (checks, publishing: they only read them); the caller must call
    ``Assembly.wait_row_store`` before it ends. For a build that adds one document to a
    large corpus, writing the whole store was otherwise in its way (docs/scaling.md).
    """
    parser_version = parser_version_for(ocr, parser_version)
    cache = ParseCache(state_dir, parser_version)
    store = RowStore(state_dir, parser_version)
    stored = store.load()
    index: dict[str, tuple[str, str]] = {}
    if stored is not None:
        docs = stored["documents"]
        index = dict(
            zip(
                docs.column("document_id").to_pylist(),
                zip(
                    docs.column("source_sha256").to_pylist(),
                    docs.column("source_path").to_pylist(),
                    strict=True,
                ),
                strict=True,
            )
        )
    out = Assembly(tables={})
    keep: list[str] = []
    new_rows = _NewRows(presort=stored is None)
    to_parse: list[SourceFile] = []
    where: dict[str, str] = {}  # document id -> where its rows come from
    # Documents a head start is parsing (``headstart``): parsed, whatever the cache has
    # of them by now (its workers write the entries as they go).
    ahead = headstart.claimed(cache) if stored is None else set()
    for src in sources:
        doc_id = src.document_id
        if index.get(doc_id) == (src.sha256, source_name(src.path)):
            keep.append(doc_id)
            where[doc_id] = "store"
            continue
        if (doc_id, src.sha256) in ahead:
            to_parse.append(src)
            continue
        rows = cache.get_rows(doc_id, src.sha256)
        if rows is not None:
            # The cache is keyed by id and content: a file renamed x.txt -> x.md keeps
            # both, and only its document row names the file (parse_document uses the
            # name for nothing else).
            rows["document"] = [_named(rows["document"][0], source_name(src.path))]
            new_rows.add(doc_id, rows)
            where[doc_id] = "cache"
        else:
            to_parse.append(src)
    results = headstart.take(to_parse, cache) if ahead else None
    if results is None:
        results = parse_encoded(to_parse, cache, workers, ocr)
    for src, res in zip(to_parse, results, strict=True):
        if isinstance(res, RejectedDocument):
            out.rejected.append(res)
        else:
            new_rows.add(src.document_id, decode_rows(res))
            where[src.document_id] = "parsed"
    order = [s.document_id for s in sources if s.document_id in where]
    for doc_id in order:
        (out.parsed if where[doc_id] == "parsed" else out.reused).append(doc_id)
    out.from_row_store = len(keep)
    out.from_parse_cache = sum(1 for w in where.values() if w == "cache")

    new = new_rows.tables()
    if stored is None:
        # One table at a time, the unsorted one let go as soon as its sorted copy exists:
        # sorting them all at once held every table twice (the build's peak memory).
        combined = {}
        for t in DOCUMENT_TABLES:
            table = new.pop(t.name)
            combined[t.name] = table if t.name in new_rows.sorted else sort_table(t, table)
        combined.update(new)
        changed = True
    else:
        dropped = index.keys() - set(keep)
        kept = _kept(stored, dropped)
        changed = new_rows.count > 0 or bool(dropped)
        # Kept rows are in order already (a filter keeps the order): insert the new ones.
        combined = {t.name: insert_documents(t, kept[t.name], new[t.name]) for t in DOCUMENT_TABLES}
        for name in (INITIATIVE_ROWS, PROBLEMS):
            combined[name] = pa.concat_tables([kept[name], new[name]])

    def save() -> None:
        try:
            store.save(combined)
        except OSError as exc:  # a cache: the next build reads the parse cache instead
            out.row_store_error = f"{type(exc).__name__}: {exc}"

    if changed and background:
        out.saving = threading.Thread(target=save, name="aidecl-row-store")
        out.saving.start()
    elif changed:
        save()
    tables = {}
    for t in TABLES:
        if t.name == "initiatives":
            tables[t.name] = initiatives_table(combined[INITIATIVE_ROWS])
        else:
            tables[t.name] = combined[t.name]
    out.tables = tables
    out.problems = _problems(combined[PROBLEMS], order)
    return out
