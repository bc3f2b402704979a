"""A SQLite copy of a package, for Datasette: tables, views, descriptions, full-text search.

Datasette reads SQLite, the package ships DuckDB; ``ensure_sqlite(package_dir)`` writes
``aidecl.sqlite`` next to ``aidecl.duckdb`` from the DuckDB database itself, so whatever
tables and views a package holds (those of today and those other branches add) are
copied without a list kept here:

- every table, with its primary and foreign keys (Datasette links a ``clause_id`` cell to
  its clause) and an index on each foreign key column;
- every view: as a SQLite view when its SQL runs in SQLite with the same rows, else
  materialized as a table of the same name;
- ``clause_search``: each clause (its id and text first, as a search result reads) with
  its document's title, section heading, year, language and type, and as JSON arrays the
  countries that signed its document and the labels of the ``clause_*`` annotation tables
  present (``acts``, ``themes``); its text indexed for full-text search (FTS5, accents
  folded: ``securite`` finds "sécurité");
- ``_aidecl_meta`` (version, content hash) and ``_aidecl_descriptions`` (the table, view
  and column comments of the DuckDB database, i.e. the schema's descriptions).

The copy is rebuilt when the package's content hash or this exporter changes, and is
deterministic: one DuckDB thread, rows in the package's order, one transaction, written to
a temporary file and renamed into place. When the package folder is read-only the copy
goes to a cache folder instead.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from aidecl_data.atomic import atomic_output
from aidecl_data.publish.content import content_hash

SQLITE_FILE = "aidecl.sqlite"
EXPORT_FORMAT = "7"  # bump when the copy's layout changes: older copies are rebuilt
SEARCH_TABLE = "clause_search"
META_TABLE = "_aidecl_meta"
DESCRIPTIONS_TABLE = "_aidecl_descriptions"
# Label columns of annotation tables (``clause_acts.act``, ``clause_themes.theme``).
LABEL_COLUMNS = ("act", "theme", "label", "category")
_TYPES = {"BIGINT": "INTEGER", "INTEGER": "INTEGER", "BOOLEAN": "INTEGER", "DOUBLE": "REAL"}


class ExportError(RuntimeError):
    pass


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_value(column: str, duck_type: str) -> str:
    """DuckDB SQL turning ``column`` into what SQLite stores: dates as ISO text, booleans as
    0/1, decimals as floats, lists and structs as JSON text. Done in DuckDB, vectorized,
    rather than cell by cell in Python (docs/scaling.md has the cost)."""
    col = _q(column)
    t = duck_type.upper()
    if t in ("VARCHAR", "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "DOUBLE", "FLOAT"):
        return col
    if t == "BOOLEAN":
        return f"CAST({col} AS INTEGER)"
    if t.startswith("DECIMAL"):
        return f"CAST({col} AS DOUBLE)"
    if t.endswith("[]") or t.startswith(("STRUCT", "MAP", "LIST", "JSON")):
        return f"CAST(to_json({col}) AS VARCHAR)"
    return f"CAST({col} AS VARCHAR)"  # DATE -> 2025-02-11, and anything else as text


def _as_sqlite(duck, select: str) -> str:
    """``select`` wrapped so every column comes out as SQLite stores it."""
    described = duck.execute(f"SELECT * FROM ({select}) LIMIT 0").description
    cols = ", ".join(f"{_sqlite_value(d[0], str(d[1]))} AS {_q(d[0])}" for d in described)
    return f"SELECT {cols} FROM ({select})"


def package_hash(package_dir: Path) -> str:
    return content_hash(_descriptor(package_dir)) + f"+export{EXPORT_FORMAT}"


def _stored_hash(path: Path) -> str | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'source'").fetchone()
        finally:
            con.close()
        return row[0] if row else None
    except sqlite3.Error:
        return None


def cache_dir() -> Path:
    """The explorer's cache of the user (``$AIDECL_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/aidecl``, else ``~/.cache/aidecl``): SQLite copies of read-only
    packages and unpacked release archives, kept for the next ``aidecl serve`` (a copy of
    a large package takes a while to make) and never in the temp folder, which a server's
    exit would then leave behind."""
    own = os.environ.get("AIDECL_CACHE_DIR")
    if own:
        return Path(own)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "aidecl"


def sqlite_path(package_dir: Path) -> Path:
    """Next to the DuckDB file when the folder is writable, else in the user's cache."""
    if os.access(package_dir, os.W_OK):
        return package_dir / SQLITE_FILE
    cache = cache_dir() / "explore"
    key = hashlib.sha256(str(package_dir.resolve()).encode()).hexdigest()[:16]
    (cache / key).mkdir(parents=True, exist_ok=True)
    return cache / key / SQLITE_FILE  # same file name: Datasette names the database by it


def ensure_sqlite(package_dir: str | Path) -> Path:
    """The package's SQLite copy, (re)built when missing or stale; returns its path."""
    package_dir = Path(package_dir)
    if not (package_dir / "aidecl.duckdb").is_file():
        raise ExportError(f"no data package at {package_dir} (no aidecl.duckdb)")
    want = package_hash(package_dir)
    target = sqlite_path(package_dir)
    if target.is_file() and _stored_hash(target) == want:
        return target
    import duckdb

    try:
        with atomic_output(target, durable=False) as tmp:  # a copy, made again when in doubt
            export(package_dir, tmp, want)
    except (duckdb.Error, sqlite3.Error) as exc:  # corrupt, truncated, locked by a writer
        reason = next((ln.strip() for ln in str(exc).splitlines() if ln.strip()), repr(exc))
        raise ExportError(f"{package_dir / 'aidecl.duckdb'}: cannot be read: {reason}") from None
    return target


def _descriptor(package_dir: Path) -> dict[str, Any]:
    from aidecl_data.publish.snapshot import SnapshotError, load_descriptor

    path = package_dir / "datapackage.json"
    try:
        return load_descriptor(path.read_bytes(), str(path))
    except FileNotFoundError:
        raise ExportError(f"{path}: missing") from None
    except SnapshotError as exc:
        raise ExportError(str(exc)) from None


def _keys(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Table name -> {"pk": [...], "fks": [(cols, parent, parent_cols)]} (CSV resources)."""
    out = {}
    for res in descriptor.get("resources", []):
        if res.get("format", "csv") != "csv":
            continue
        schema = res.get("schema", {})
        pk = schema.get("primaryKey", [])
        fks = []
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            parent = ref.get("resource") or res["name"]
            as_list = lambda v: [v] if isinstance(v, str) else list(v)  # noqa: E731
            fks.append((as_list(fk["fields"]), parent, as_list(ref["fields"])))
        out[res["name"]] = {"pk": [pk] if isinstance(pk, str) else list(pk), "fks": fks}
    return out


def _columns(duck, name: str) -> list[tuple[str, str, str | None]]:
    return duck.execute(
        "SELECT column_name, data_type, comment FROM duckdb_columns() "
        "WHERE table_name = ? ORDER BY column_index",
        [name],
    ).fetchall()


def _copy_rows(duck, con: sqlite3.Connection, name: str, select: str, width: int) -> None:
    cur = duck.execute(_as_sqlite(duck, select))
    marks = ", ".join("?" * width)
    while batch := cur.fetchmany(20000):
        con.executemany(f"INSERT INTO {_q(name)} VALUES ({marks})", batch)


def _create(
    con: sqlite3.Connection,
    name: str,
    columns: Iterable[tuple[str, str, Any]],
    pk: list[str],
    fks: list[tuple[list[str], str, list[str]]],
) -> None:
    defs = [f"{_q(c)} {_TYPES.get(t, 'TEXT')}" for c, t, _ in columns]
    if pk:
        defs.append(f"PRIMARY KEY ({', '.join(map(_q, pk))})")
    for cols, parent, parent_cols in fks:
        defs.append(
            f"FOREIGN KEY ({', '.join(map(_q, cols))}) "
            f"REFERENCES {_q(parent)} ({', '.join(map(_q, parent_cols))})"
        )
    con.execute(f"CREATE TABLE {_q(name)} ({', '.join(defs)})")
    for cols, _parent, _pc in fks:
        index = f"idx_{name}_{'_'.join(cols)}"
        con.execute(f"CREATE INDEX {_q(index)} ON {_q(name)} ({', '.join(map(_q, cols))})")


def _same_view(duck, con: sqlite3.Connection, view: str, sql: str) -> bool:
    """Create ``view`` as a SQLite view when its DuckDB SQL runs in SQLite with the very
    same rows in the same order; else leave nothing behind (the caller materializes it).

    A view that SQLite can run costs no space: ``clause_context`` repeats every clause's
    text, 150 MB of the copy of a 10,000-document package. The rows are compared in
    full, so a view that SQLite would answer differently (another NULL order, integer
    division, a function missing) is never kept.
    """
    body = re.sub(r"^\s*CREATE\s+VIEW\s+\S+\s+AS\s+", "", sql or "", flags=re.I).rstrip("; \n")
    try:
        con.execute(f"CREATE VIEW {_q(view)} AS {body}")
        mine = con.execute(f"SELECT * FROM {_q(view)}")
    except sqlite3.Error:
        con.execute(f"DROP VIEW IF EXISTS {_q(view)}")
        return False
    theirs = duck.execute(_as_sqlite(duck, f"SELECT * FROM {_q(view)}"))
    names = [d[0] for d in theirs.description]
    same = names == [d[0] for d in mine.description]
    while same:
        a, b = theirs.fetchmany(20000), mine.fetchmany(20000)
        same = a == b
        if not a:
            break
    if not same:
        con.execute(f"DROP VIEW {_q(view)}")
    return same


def _search_select(duck, tables: list[str]) -> str:
    """The ``clause_search`` rows, in DuckDB SQL over the package's tables."""
    extra = []
    for table in tables:
        if not table.startswith("clause_") or table == SEARCH_TABLE:
            continue
        cols = {c for c, _, _ in _columns(duck, table)}
        label = next((c for c in LABEL_COLUMNS if c in cols), None)
        if label and "clause_id" in cols:
            alias = table.removeprefix("clause_")
            extra.append(
                f"(SELECT to_json(list(DISTINCT x.{_q(label)} ORDER BY x.{_q(label)})) "
                f"FROM {_q(table)} x WHERE x.clause_id = c.clause_id) AS {_q(alias)}"
            )
    extra_sql = "".join(f",\n       {e}" for e in extra)
    return f"""
SELECT c.clause_id, c.text, d.title AS document_title, s.heading AS section_heading,
       substr(CAST(d.date AS VARCHAR), 1, 4) AS year, d.language, d.document_type,
       (SELECT to_json(list(DISTINCT x.iso3 ORDER BY x.iso3)) FROM signatories x
         WHERE x.document_id = c.document_id AND x.iso3 IS NOT NULL) AS countries{extra_sql},
       c.document_id, c.ordinal
FROM clauses c
JOIN documents d ON d.document_id = c.document_id
LEFT JOIN sections s ON s.section_id = c.section_id
ORDER BY c.document_id, c.ordinal
"""


def export(package_dir: Path, target: Path, source_hash: str) -> None:
    """Write the SQLite copy of ``package_dir`` to ``target`` (which must not exist)."""
    import duckdb

    descriptor = _descriptor(package_dir)
    keys = _keys(descriptor)
    duck = duckdb.connect(str(package_dir / "aidecl.duckdb"), read_only=True)
    con = sqlite3.connect(target, isolation_level=None)
    try:
        duck.execute("SET threads = 1")  # one thread: ties in an ORDER BY come out the same
        duck.execute("SET enable_progress_bar = false")
        con.execute("PRAGMA page_size = 4096")
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("BEGIN")
        tables = [r[0] for r in duck.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY table_name"
        ).fetchall()]  # fmt: skip
        ordered = [t for t in keys if t in tables] + [t for t in tables if t not in keys]
        views = duck.execute(
            "SELECT view_name, comment, sql FROM duckdb_views() WHERE NOT internal "
            "AND schema_name = 'main' ORDER BY view_name"
        ).fetchall()
        descriptions: list[tuple[str, str, str, str]] = []
        for table in ordered:
            cols = _columns(duck, table)
            info = keys.get(table, {"pk": [], "fks": []})
            fks = [fk for fk in info["fks"] if fk[1] in tables]
            _create(con, table, cols, info["pk"], fks)
            order = ", ".join(map(_q, info["pk"])) if info["pk"] else "ALL"
            _copy_rows(duck, con, table, f"SELECT * FROM {_q(table)} ORDER BY {order}", len(cols))
            comment = duck.execute(
                "SELECT comment FROM duckdb_tables() WHERE table_name = ?", [table]
            ).fetchone()[0]
            descriptions.append(("table", table, "", comment or ""))
            descriptions += [("table", table, c, d or "") for c, _, d in cols]
        for view, comment, sql in views:
            cols = _columns(duck, view)
            if not _same_view(duck, con, view, sql):
                _create(con, view, cols, [], [])
                _copy_rows(duck, con, view, f"SELECT * FROM {_q(view)}", len(cols))
            descriptions.append(("view", view, "", comment or ""))
            descriptions += [("view", view, c, d or "") for c, _, d in cols]
        if {"clauses", "documents", "sections", "signatories"} <= set(tables):
            _write_search(duck, con, tables)
        con.execute(f"CREATE TABLE {DESCRIPTIONS_TABLE} (kind, name, col, description)")
        con.executemany(f"INSERT INTO {DESCRIPTIONS_TABLE} VALUES (?, ?, ?, ?)", descriptions)
        con.execute(f"CREATE TABLE {META_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
        meta = {
            "source": source_hash,
            "content_hash": content_hash(descriptor),
            "version": str(descriptor.get("version", "")),
            "created": str(descriptor.get("created", "")),
            "title": str(descriptor.get("title", "")),
        }
        con.executemany(f"INSERT INTO {META_TABLE} VALUES (?, ?)", sorted(meta.items()))
        con.execute("COMMIT")
        if SEARCH_TABLE in _sqlite_tables(con):
            _index_search(con)
    finally:
        con.close()
        duck.close()


def _sqlite_tables(con: sqlite3.Connection) -> set[str]:
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _index_search(con: sqlite3.Connection) -> None:
    """FTS5 over the clauses' text (a hit is a clause whose own words match), accents
    folded, as an external-content index of ``clause_search``: what Datasette's search
    box queries. sqlite-utils writes it the way Datasette expects to find it."""
    import sqlite_utils

    sqlite_utils.Database(con)[SEARCH_TABLE].enable_fts(
        ["text"], fts_version="FTS5", tokenize="unicode61 remove_diacritics 2"
    )


def _write_search(duck, con: sqlite3.Connection, tables: list[str]) -> None:
    select = _search_select(duck, tables)
    names = [d[0] for d in duck.execute(f"SELECT * FROM ({select}) LIMIT 0").description]
    con.execute(
        f"CREATE TABLE {SEARCH_TABLE} ("
        + ", ".join(f"{_q(n)} {'INTEGER' if n == 'ordinal' else 'TEXT'}" for n in names)
        + ")"
    )
    _copy_rows(duck, con, SEARCH_TABLE, select, len(names))
    # A rowid table in reading order: Datasette lists it (and its search results) so.
    for col in ("clause_id", "document_id", "language", "document_type", "year"):
        con.execute(f"CREATE INDEX idx_search_{col} ON {SEARCH_TABLE} ({_q(col)})")
