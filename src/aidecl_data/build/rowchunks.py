"""Rows of parsed documents typed as Arrow tables, a chunk of documents at a time.

Why a module of its own: the build process used to receive each parse from the workers as
a pickled cache entry, unpickle its rows into Python tuples and type them as Arrow: serial
work on the one process that also runs the build, beside the two workers, and the row
tuples of a whole batch held in it (benchmarks/README.md, "Round 5"). A worker now types
the rows of its chunk of documents itself (``typed``), from the tuples it has just encoded
for the cache, and sends them as Arrow IPC streams (``RowChunk.to_wire``); the build
process only slices, concatenates and sorts them. ``assemble._NewRows`` uses the same
``typed`` for rows read from the parse cache.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from operator import itemgetter

import pyarrow as pa

from aidecl_data.build.cache import ROW_CLASSES
from aidecl_data.build.rowstore import INITIATIVE_ROWS, PROBLEMS, STORE_SCHEMAS
from aidecl_data.publish.tables import (
    DOCUMENT_TABLES,
    ROW_ATTRIBUTE,
    TableBuildError,
    table_from_tuples,
    transpose,
)


def strings_table(name: str, rows: list[tuple]) -> pa.Table:
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


@dataclass
class RowChunk:
    """The rows of some documents as one Arrow table per ``STORE_SCHEMAS`` entry, in
    document order; ``offsets[name][i]`` is the first row of document ``i`` in that table
    (and the last entry the table's length)."""

    tables: dict[str, pa.Table]
    offsets: dict[str, list[int]]

    def to_wire(self) -> tuple[list[bytes], dict[str, list[int]]]:
        """The chunk as a worker sends it: each table as an Arrow IPC stream (cheaper to
        write and read back than the tables pickled, ``first_build_parts.py``)."""
        streams = []
        for table in self.tables.values():
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, table.schema) as writer:
                writer.write_table(table)
            streams.append(sink.getvalue().to_pybytes())
        return streams, self.offsets

    @classmethod
    def from_wire(cls, wire: tuple[list[bytes], dict[str, list[int]]]) -> RowChunk:
        streams, offsets = wire
        tables = {}
        for (name, schema), data in zip(STORE_SCHEMAS.items(), streams, strict=True):
            table = pa.ipc.open_stream(data).read_all()
            # An empty table comes back without chunks; ``typed`` made it with one, empty
            # (the batches keep the layout of tables typed in this process).
            tables[name] = table if table.num_rows else schema.empty_table()
        return cls(tables, offsets)

    def rows_of(self, start: int, stop: int) -> dict[str, pa.Table]:
        """The rows of documents ``start`` to ``stop - 1`` (zero-copy slices)."""
        out = {}
        for name, table in self.tables.items():
            first, last = self.offsets[name][start], self.offsets[name][stop]
            out[name] = table.slice(first, last - first)
        return out


@dataclass(frozen=True)
class ChunkRows:
    """One document's rows: document ``index`` of ``chunk`` (a parse worker's result)."""

    chunk: RowChunk
    index: int


def typed(docs: list[tuple[str, dict[str, list[tuple]]]]) -> RowChunk:
    """The rows of ``docs`` ((document id, rows as ``cache.decode_rows`` gives them)),
    typed as Arrow in document order (unsorted). Raises ``TableBuildError`` on a value of
    the wrong type."""
    rows: dict[str, list[tuple]] = {name: [] for name in STORE_SCHEMAS}
    offsets: dict[str, list[int]] = {name: [0] for name in STORE_SCHEMAS}
    for doc_id, doc in docs:
        for t in DOCUMENT_TABLES:
            rows[t.name].extend(_rows(doc, ROW_ATTRIBUTE[t.name]))
        rows[INITIATIVE_ROWS].extend((doc_id, *r) for r in _rows(doc, "initiatives"))
        rows[PROBLEMS].extend(_rows(doc, "problems"))
        for name, done in rows.items():
            offsets[name].append(len(done))
    tables = {t.name: table_from_tuples(t, rows.pop(t.name)) for t in DOCUMENT_TABLES}
    tables[INITIATIVE_ROWS] = strings_table(INITIATIVE_ROWS, rows[INITIATIVE_ROWS])
    tables[PROBLEMS] = strings_table(PROBLEMS, rows[PROBLEMS])
    return RowChunk(tables, offsets)
