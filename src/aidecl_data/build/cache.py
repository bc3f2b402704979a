"""The incremental state: parsed documents kept by content hash and parser version.

A build parses a document only when no entry exists for (parser version, document id,
content sha256). The parser version is a hash of the parsing code (``aidecl_data.build.version``),
so a new release never reuses a parse made by older code. Entries are written atomically
(temp file + rename), so a killed build leaves at worst an unused temp file, never a
truncated entry, and several worker processes can fill the cache at once.

Entries hold each row as a tuple of its field values (``encode``/``decode``), not pickled
dataclass instances: a 10,000-document build writes and reads every entry once, and rows
as tuples pickle several times faster both ways. Entries written as a pickled
``ParsedDocument`` are still read.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import pickle
from operator import attrgetter
from pathlib import Path

from aidecl_data.atomic import write_atomic
from aidecl_data.build.version import PARSER_VERSION
from aidecl_data.parse import model
from aidecl_data.parse.model import ParsedDocument

_FORMAT = "aidecl-rows-1"


def _init_fields(cls) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


@functools.cache
def _row_getter(cls) -> tuple[int, attrgetter]:
    """How many attributes a plain instance of ``cls`` has, and a getter of them as a tuple.

    Cached per class: ``dataclasses.fields`` on every row cost more than the rest of
    ``encode``.
    """
    names = _init_fields(cls)
    return len(names), attrgetter(*names) if len(names) > 1 else (lambda o: (getattr(o, names[0]),))


def _rows(values: list, cls) -> list[tuple]:
    size, get = _row_getter(cls)
    out = []
    for v in values:
        # state outside __init__ (an attribute added later): keep the object as it is
        if type(v) is not cls or len(getattr(v, "__dict__", ())) != size:
            raise TypeError(cls)
        out.append(get(v))
    return out


_PARSED_FIELDS = tuple(f.name for f in dataclasses.fields(ParsedDocument))


def encode(parsed: ParsedDocument) -> bytes:
    """``parsed`` as bytes: rows as tuples of field values (fast to pickle and unpickle)."""
    try:
        parts = []
        for name in _PARSED_FIELDS:
            value = getattr(parsed, name)
            if isinstance(value, list):
                cls = type(value[0]) if value else None
                if cls is not None and not dataclasses.is_dataclass(cls):
                    raise TypeError(name)
                parts.append((name, cls, _rows(value, cls) if value else []))
            else:
                if not dataclasses.is_dataclass(type(value)):
                    raise TypeError(name)
                parts.append((name, type(value), _rows([value], type(value))[0]))
        payload = (_FORMAT, parts)
    except TypeError:
        payload = parsed
    return pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)


def decode(data: bytes) -> ParsedDocument:
    """The inverse of ``encode``; raises on bytes that are not an entry."""
    payload = pickle.loads(data)
    if isinstance(payload, ParsedDocument):
        return payload
    if not (isinstance(payload, tuple) and len(payload) == 2 and payload[0] == _FORMAT):
        raise pickle.UnpicklingError("not a parse cache entry")
    kwargs = {}
    for name, cls, rows in payload[1]:
        if isinstance(rows, list):
            kwargs[name] = [cls(*r) for r in rows] if cls is not None else []
        else:
            kwargs[name] = cls(*rows)
    return ParsedDocument(**kwargs)


# The row class each ``ParsedDocument`` field holds, and the getter of its fields as a tuple
# (for entries written as a pickled ``ParsedDocument``).
ROW_CLASSES: dict[str, type] = {
    "document": model.DocumentRow,
    "sections": model.SectionRow,
    "clauses": model.ClauseRow,
    "notes": model.NoteRow,
    "signatories": model.SignatoryRow,
    "initiatives": model.InitiativeRow,
    "initiative_mentions": model.MentionRow,
    "dates": model.DateRow,
    "clause_acts": model.ClauseActRow,
    "clause_themes": model.ClauseThemeRow,
    "texts": model.TextRow,
    "problems": model.Problem,
    "document_warnings": model.WarningRow,
}
assert list(ROW_CLASSES) == [f.name for f in dataclasses.fields(ParsedDocument)]
_ROW_GETTERS = {name: attrgetter(*_init_fields(cls)) for name, cls in ROW_CLASSES.items()}


def decode_rows(data: bytes) -> dict[str, list[tuple]]:
    """An entry's rows as tuples of field values, keyed by ``ParsedDocument`` field.

    ``document`` is a one-row list. No dataclass is built: the core tables are made from
    tuples (unpickling the strings is most of the cost of this and ``decode``). Raises,
    like ``decode``, on bytes that are not an entry, and on an entry whose rows are not of
    the expected classes.
    """
    payload = pickle.loads(data)
    if isinstance(payload, ParsedDocument):
        return {
            name: [get(r) for r in (v if isinstance(v, list) else [v])]
            for name, get in _ROW_GETTERS.items()
            for v in [getattr(payload, name)]
        }
    if not (isinstance(payload, tuple) and len(payload) == 2 and payload[0] == _FORMAT):
        raise pickle.UnpicklingError("not a parse cache entry")
    out: dict[str, list[tuple]] = {}
    for name, cls, rows in payload[1]:
        if cls is not None and cls is not ROW_CLASSES.get(name):
            raise TypeError(f"{name}: rows of {cls}, not {ROW_CLASSES.get(name)}")
        out[name] = rows if isinstance(rows, list) else [rows]
    if out.keys() != ROW_CLASSES.keys():
        raise ValueError("entry without every field of ParsedDocument")
    return out


_BAD_ENTRY = (
    pickle.UnpicklingError,
    EOFError,
    AttributeError,
    ImportError,
    TypeError,
    ValueError,
    IndexError,
)


# File systems allow 255 bytes per name; a document id is a file's stem, which can be
# nearly that long (and a non-ASCII stem's id may be as long in bytes).
_MAX_NAME = 255
_ID_PREFIX = 64


def entry_name(document_id: str, sha256: str) -> str:
    """The file name of an entry: content hash and document id, readable when listing.

    An id that would make the name too long for the file system (a 250-character file
    name made the whole build fail with ENAMETOOLONG) is cut and completed by a digest
    of the whole id, so the name stays one per (id, content).
    """
    name = f"{sha256}--{document_id}.pickle"
    if len(name.encode("utf-8", "surrogatepass")) <= _MAX_NAME:
        return name
    digest = hashlib.sha256(document_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{sha256}--{document_id[:_ID_PREFIX]}-{digest}.pickle"


class ParseCache:
    """Content-addressed store of parsed documents under ``state_dir``."""

    def __init__(self, state_dir: Path | str, parser_version: str = PARSER_VERSION):
        self.root = Path(state_dir)
        self.parser_version = parser_version
        self._dir = self.root / "parsed" / parser_version

    def _path(self, document_id: str, sha256: str) -> Path:
        return self._dir / sha256[:2] / entry_name(document_id, sha256)

    def has(self, document_id: str, sha256: str) -> bool:
        return self._path(document_id, sha256).exists()

    def _read(self, document_id: str, sha256: str, decoder):
        """``decoder`` of the entry's bytes, or None: a missing entry is a miss, and an
        unreadable one is removed and a miss too."""
        p = self._path(document_id, sha256)
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return decoder(data)
        except _BAD_ENTRY:
            p.unlink(missing_ok=True)
            return None

    def get(self, document_id: str, sha256: str) -> ParsedDocument | None:
        """The cached parse, or None (a missing or unreadable entry is a miss)."""
        return self._read(document_id, sha256, decode)

    def get_rows(self, document_id: str, sha256: str) -> dict[str, list[tuple]] | None:
        """The cached parse as ``decode_rows`` gives it, or None (missing or unreadable)."""
        return self._read(document_id, sha256, decode_rows)

    def put(self, parsed: ParsedDocument) -> None:
        self.put_bytes(parsed, encode(parsed))

    def put_bytes(self, parsed: ParsedDocument, data: bytes) -> None:
        """Store ``data`` (``encode(parsed)``, made by the caller who needs it too)."""
        doc = parsed.document
        # Not durable (no fsync): an entry torn by a power cut fails to decode when read,
        # which is a miss (``_read``), and an fsync per document would cost more than
        # the parse it saves. The write is still atomic.
        write_atomic(self._path(doc.document_id, doc.source_sha256), data, durable=False)
