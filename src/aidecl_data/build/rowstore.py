"""The row store: the rows of every published document, kept between builds.

Why: the parse cache holds one file per document, so assembling 10,000 documents read
10,000 entries even when one document was added. The row store keeps the last build's
rows per table in a few Arrow IPC files (typed, in publishing order; initiatives un-merged
with their document id; problems too), so unchanged documents are taken back with one
vectorized filter on ``document_id``, and only new or changed documents go through the
parse cache or the parser.

Trust rules (a row store that breaks any of them is ignored: the build falls back to the
parse cache and the parser, and writes a good store at the end):

- It is keyed by a fingerprint of the parser version, of the row store format, of the
  schema (columns, types, keys, row order) and of the source of the modules that turn
  rows into Arrow (``tables``, ``rowstore``, ``assemble``): a store written by other code
  is never read.
- Atomic by generation: a build writes its files in a temporary folder, renames the
  folder to ``gen-<random>``, then replaces ``CURRENT`` (a small JSON naming the
  generation with the size, row count and CRC-32 of each file, computed from the bytes
  as they are written) through temp + rename + fsync. A killed build leaves at worst an
  unreferenced folder (removed by the next write); it can never leave a ``CURRENT``
  naming files it did not finish. The data files are not fsynced (waiting for the whole
  store to reach the disk was a noticeable part of a build that changes one document,
  docs/scaling.md): after a power loss, a ``CURRENT`` whose files did not reach the disk names
  files of the wrong size or CRC, which the load refuses (below), and the build falls
  back to the parse cache.
- On load, every file must have the recorded size and CRC-32 (cheap next to the build),
  the expected schema and row count; anything else (missing, truncated, flipped bytes,
  unreadable JSON) means "no store".

Writers take an exclusive ``flock`` on ``rows/.lock``, so two builds never interleave their
``CURRENT`` swap and the clean-up; readers need no lock (a generation is never modified,
only removed once no ``CURRENT`` names it, and an open mapping survives the removal).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import uuid
import zlib
from pathlib import Path

import pyarrow as pa

from aidecl_data.atomic import atomic_writer
from aidecl_data.build.version import PARSER_VERSION
from aidecl_data.publish.schema import TABLES, arrow_schema

FORMAT = "aidecl-rowstore-1"
_LIBRARY = Path(__file__).resolve().parents[1]
# Modules whose code decides what the stored rows are (beyond the parser).
_CODE = ("publish/tables.py", "build/rowstore.py", "build/assemble.py", "build/rowchunks.py")

INITIATIVE_ROWS = "initiative_rows"
MAX_CHUNKS = 64
PROBLEMS = "problems"


def _strings(*names: str) -> pa.Schema:
    return pa.schema([pa.field(n, pa.string(), nullable=False) for n in names])


# What a store holds: the published per-document tables, the initiatives of each document
# before the merge (raw values: "" stays "", as ``canonical_initiatives`` counts it), and
# the problems of each document.
STORE_SCHEMAS: dict[str, pa.Schema] = {
    **{t.name: arrow_schema(t) for t in TABLES if t.name != "initiatives"},
    INITIATIVE_ROWS: _strings("document_id", "initiative_id", "name", "kind", "name_en", "name_fr"),
    PROBLEMS: _strings("document_id", "kind", "message"),
}


def store_key(parser_version: str) -> str:
    """What a store must have been written with to be read (see the module docstring)."""
    h = hashlib.sha256()
    h.update(f"{FORMAT}\0{parser_version}\0".encode())
    for name, schema in STORE_SCHEMAS.items():
        h.update(name.encode())
        h.update(schema.serialize().to_pybytes())
    for t in TABLES:
        h.update(repr(t.sort_key).encode())
    for name in _CODE:
        p = _LIBRARY / name
        h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()[:24]


class _Crc32Sink:
    """A binary file that keeps the CRC-32 and size of what is written to it."""

    def __init__(self, fh) -> None:
        self.fh, self.crc, self.size = fh, 0, 0

    def write(self, data) -> int:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(memoryview(data).cast("B"))
        return self.fh.write(data)

    def flush(self) -> None:
        self.fh.flush()

    def close(self) -> None:
        self.fh.flush()

    @property
    def closed(self) -> bool:
        return self.fh.closed


def _crc32(path: Path) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while block := fh.read(1 << 22):
            crc = zlib.crc32(block, crc)
    return crc


class RowStore:
    """The row store under ``state_dir/rows`` for one parser version."""

    def __init__(self, state_dir: Path | str, parser_version: str = PARSER_VERSION):
        self.root = Path(state_dir) / "rows"
        self.parser_version = parser_version
        self.key = store_key(parser_version)

    @property
    def current_path(self) -> Path:
        return self.root / "CURRENT"

    def present(self) -> bool:
        """Does ``CURRENT`` name a store of this parser version (unchecked: ``load`` checks
        its files)? Cheap: one small read."""
        try:
            current = json.loads(self.current_path.read_text(encoding="utf-8"))
            return current.get("format") == FORMAT and current.get("key") == self.key
        except (OSError, ValueError, AttributeError):
            return False

    def load(self) -> dict[str, pa.Table] | None:
        """Every stored table, or None when there is no store we can trust."""
        try:
            current = json.loads(self.current_path.read_text(encoding="utf-8"))
            if current.get("format") != FORMAT or current.get("key") != self.key:
                return None
            folder = self.root / current["generation"]
            files = current["files"]
            if set(files) != set(STORE_SCHEMAS):
                return None
            out = {}
            for name, schema in STORE_SCHEMAS.items():
                meta = files[name]
                path = folder / f"{name}.arrow"
                if path.stat().st_size != meta["bytes"] or _crc32(path) != meta["crc32"]:
                    return None
                with pa.memory_map(str(path)) as source:
                    table = pa.ipc.open_file(source).read_all()
                if not table.schema.equals(schema, check_metadata=True):
                    return None
                if table.num_rows != meta["rows"]:
                    return None
                out[name] = table
            return out
        except (OSError, ValueError, KeyError, TypeError, AttributeError, pa.ArrowException):
            return None

    def save(self, tables: dict[str, pa.Table]) -> None:
        """Write ``tables`` (one per ``STORE_SCHEMAS`` entry) as the new current store."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            generation = f"gen-{uuid.uuid4().hex}"
            tmp = self.root / f".tmp-{generation}"
            tmp.mkdir()
            try:
                files = {}
                for name, schema in STORE_SCHEMAS.items():
                    table = tables[name]
                    if not table.schema.equals(schema, check_metadata=True):
                        raise ValueError(f"row store: {name} has schema {table.schema}")
                    if table.num_columns and table.column(0).num_chunks > MAX_CHUNKS:
                        table = table.combine_chunks()  # inserted blocks pile up otherwise
                    path = tmp / f"{name}.arrow"
                    with open(path, "wb", buffering=1 << 20) as fh:
                        sink = _Crc32Sink(fh)
                        with pa.ipc.new_file(pa.PythonFile(sink, mode="w"), schema) as writer:
                            writer.write_table(table)
                    if path.stat().st_size != sink.size:
                        raise OSError(f"row store: {path} has not the size written")
                    files[name] = {"rows": table.num_rows, "bytes": sink.size, "crc32": sink.crc}
                os.rename(tmp, self.root / generation)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            body = {
                "format": FORMAT,
                "key": self.key,
                "parser_version": self.parser_version,
                "generation": generation,
                "files": files,
            }
            with atomic_writer(self.current_path, "w", encoding="utf-8") as fh:
                json.dump(body, fh, indent=1)
            for old in self.root.iterdir():  # earlier generations and killed builds' leftovers
                if old.name not in {generation, "CURRENT", ".lock"}:
                    if old.is_dir():
                        shutil.rmtree(old, ignore_errors=True)
                    else:
                        old.unlink(missing_ok=True)
