"""The DuckDB database of the package: typed tables with keys and comments, and views."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from aidecl_data.publish.schema import TABLES, Table, create_views_sql, duckdb_ddl
from aidecl_data.publish.schema.duckdb import sql_string

DATABASE_FILE = "aidecl.duckdb"
# Small blocks for a small package: DuckDB's default 256 kB block per table makes a 2.6 MB
# file of 100 kB of data, a heavy blob in git. Past a few MB of data the default block is
# the one to use: on the 10,000-document package (178 MB in memory) 16 kB blocks took
# 10.5 s CPU and made a 109 MB file, 256 kB blocks 3.1 s and 83 MB.
BLOCK_SIZE = 16384
LARGE_BLOCK_SIZE = 262144
LARGE_DATA_BYTES = 8 << 20


def block_size(tables: Mapping[str, pa.Table]) -> int:
    """The DuckDB block size for ``tables``: small below LARGE_DATA_BYTES, else the default."""
    data = sum(t.nbytes for t in tables.values())
    return BLOCK_SIZE if data < LARGE_DATA_BYTES else LARGE_BLOCK_SIZE


# DuckDB's own memory while it writes the database: by default up to 80% of the machine,
# and it took 371-382 MB beside the tables at 10,000 documents (the peak of a first
# build); 128 MB took 204 MB and 0.6 s more (benchmarks/duckdb_memory.py). What cannot
# fit (large key indexes) raises an error (out of memory, or a commit that could not
# allocate), and the database is then written again without the limit: a bounded peak
# when it can be, never a build failed by it (an error that is not about memory is raised
# again by the retry).
WRITE_MEMORY_LIMIT = "128MB"


def write_duckdb(tables: Mapping[str, pa.Table], path: Path) -> None:
    """Create ``path`` (which must not exist) holding every table and view."""
    import duckdb

    if path.exists():
        raise FileExistsError(path)
    try:
        _write_duckdb(tables, path, WRITE_MEMORY_LIMIT)
    except duckdb.Error:  # out of memory, raised as such or as a failed commit
        for leftover in (path, path.with_name(path.name + ".wal")):
            leftover.unlink(missing_ok=True)
        _write_duckdb(tables, path, None)


# Below this much data the database is written in one connection, and beside the CSV and
# Parquet files (``package.stage_package``): the per-table connections and the write after
# the files are there for the memory of a large package (10,000 documents: 178 MB of
# tables), and on the 245 real texts (16 MB) the database took 0.67 s so, 0.42 s in one
# connection and 0.36 s with the levels side by side (``benchmarks/duckdb_write.py``,
# best of 5).
SMALL_DATA_BYTES = 64 << 20


def is_small(tables: Mapping[str, pa.Table]) -> bool:
    return sum(t.nbytes for t in tables.values()) < SMALL_DATA_BYTES


def _write_duckdb(tables: Mapping[str, pa.Table], path: Path, memory_limit: str | None) -> None:
    """The database written table by table, each in a connection of its own (attach,
    insert, checkpoint, detach): what DuckDB holds for one table is let go before the
    next, where one connection for all of them held about 190 MB beside the tables at
    10,000 documents under the limit, against about 110 MB so
    (``benchmarks/duckdb_memory.py``); the first build's peak is this write. A small
    package (``is_small``) is written in one connection, the tables of each level of
    ``fk_levels`` side by side."""
    import duckdb

    small = is_small(tables)
    groups = [list(TABLES)] if small else [[t] for t in TABLES]
    for i, group in enumerate(groups):  # dependency order: parents before children
        con = duckdb.connect(":memory:")
        try:
            if memory_limit is not None:
                con.execute(f"SET memory_limit = {sql_string(memory_limit)}")
            blocks = f" (BLOCK_SIZE {block_size(tables)})" if i == 0 else ""
            con.execute(f"ATTACH {sql_string(str(path))} AS aidecl{blocks}")
            con.execute("USE aidecl")
            if i == 0:
                # One transaction for the tables and their 118 comments: 0.046 s, against
                # 0.084 s with each statement in a transaction of its own
                # (``benchmarks/duckdb_write.py``, ``ddl_*``).
                con.execute("BEGIN TRANSACTION")
                con.execute(duckdb_ddl())
                con.execute("COMMIT")
            if small:
                _insert_by_level(con, tables)
            else:
                for t in group:
                    _insert(con, t.name, tables[t.name])
            if i == len(groups) - 1:
                for statement in create_views_sql():
                    con.execute(statement)
            con.execute("CHECKPOINT aidecl")
            con.execute("USE memory")
            con.execute("DETACH aidecl")
        finally:
            con.close()


def _insert(con, name: str, table: pa.Table) -> None:
    con.register("_aidecl_source", table)
    columns = ", ".join(table.column_names)
    con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM _aidecl_source")
    con.unregister("_aidecl_source")


def fk_levels() -> list[list[Table]]:
    """The tables by depth in the foreign-key graph (self-references aside): every table a
    level references is in an earlier one."""
    depth: dict[str, int] = {}
    for t in TABLES:  # publishing order: parents first
        parents = [fk.parent for fk in t.foreign_keys if fk.parent != t.name]
        depth[t.name] = 1 + max((depth[p] for p in parents), default=-1)
    levels: list[list[Table]] = [[] for _ in range(max(depth.values()) + 1)]
    for t in TABLES:
        levels[depth[t.name]].append(t)
    return levels


def _insert_by_level(con, tables: Mapping[str, pa.Table]) -> None:
    """Insert every table, those of one ``fk_levels`` level at once, each in a cursor of
    its own (DuckDB appends to different tables concurrently, and checks their foreign
    keys against the levels already committed): faster than one table after the other
    (``benchmarks/duckdb_write.py``, figures in docs/scaling.md)."""
    from concurrent.futures import ThreadPoolExecutor

    def insert(t: Table) -> None:
        cur = con.cursor()
        try:
            cur.execute("USE aidecl")
            _insert(cur, t.name, tables[t.name])
        finally:
            cur.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        for level in fk_levels():
            largest_first = sorted(level, key=lambda t: -tables[t.name].num_rows)
            list(pool.map(insert, largest_first))


def table_fingerprint(con, relation: str) -> tuple[int, int]:
    """(row count, sum of row hashes): equal for two relations holding the same rows in
    any order (the multiset of rows), whatever their physical order."""
    return con.execute(
        f"SELECT count(*), coalesce(sum(hash(r)::HUGEINT), 0) FROM {relation} r"
    ).fetchone()


def _same_rows(con, t, table: pa.Table, base_intact: bool) -> bool:
    """Does table ``t`` of the updated database hold the rows of ``table`` (registered as
    ``n_<name>``)? See ``update_duckdb`` for ``base_intact``."""
    if not base_intact or "document_id" not in t.fields:
        return table_fingerprint(con, t.name) == table_fingerprint(con, f"n_{t.name}")
    (count,) = con.execute(f"SELECT count(*) FROM {t.name}").fetchone()
    if count != table.num_rows:
        return False
    fresh = "WHERE document_id IN (SELECT * FROM _fresh)"
    return table_fingerprint(con, f"(SELECT * FROM {t.name} {fresh})") == table_fingerprint(
        con, f"(SELECT * FROM n_{t.name} {fresh})"
    )


def update_duckdb(
    tables: Mapping[str, pa.Table], base: Path, path: Path, *, base_intact: bool = False
) -> bool:
    """Write ``path`` as a copy of the database ``base`` brought to ``tables``; True if done.

    For a package that differs from the one in ``base`` by a few documents: rebuilding the
    database costs most in its primary and foreign keys; copying it and replacing the rows
    of the documents that changed costs a fraction of that.
    Valid only when ``base`` was written by this library (the rows of a document are then a
    function of its id, file name and content, which is how changed documents are found);
    the caller guarantees that. Rows of removed or changed documents are deleted (children
    before parents), new rows inserted (parents before children), in the tables' order,
    and the cross-document ``initiatives`` table is diffed row by row. The result is then
    compared with ``tables``, table by table, by row count and sum of row hashes: on any
    difference or error ``path`` is removed and False returned, and the caller writes the
    database from scratch.

    ``base_intact``: the caller knows ``base`` to be the very file this library published
    (its size and modification time are the ones recorded after the swap, as for the CSV
    byte ranges of ``publish/incremental.py``). Then the rows of unchanged documents are
    the rows published and the update never touches them, so the comparison is made on
    the row counts of every table, the rows of the new and changed documents and the
    whole ``initiatives`` table: hashing every row of both sides was half the update's
    time at 10,000 documents. Without it, every row is compared.

    Rows keep their insertion order, so the physical order of a table can differ from a
    fresh build's (query with ORDER BY, as SQL requires anyway).
    """
    import duckdb

    if path.exists():
        raise FileExistsError(path)
    try:
        shutil.copyfile(base, path)
        con = duckdb.connect(":memory:")
    except (OSError, duckdb.Error):
        path.unlink(missing_ok=True)
        return False
    try:
        con.execute(f"ATTACH {sql_string(str(path))} AS aidecl")
        con.execute("USE aidecl")
        for t in TABLES:
            con.register(f"n_{t.name}", tables[t.name])
        same = "o.source_sha256 = n.source_sha256 AND o.source_path = n.source_path"
        con.execute(
            "CREATE TEMP TABLE _stale AS SELECT document_id FROM documents o WHERE NOT EXISTS "
            f"(SELECT 1 FROM n_documents n WHERE n.document_id = o.document_id AND {same})"
        )
        con.execute(
            "CREATE TEMP TABLE _fresh AS SELECT document_id FROM n_documents n WHERE NOT EXISTS "
            f"(SELECT 1 FROM documents o WHERE o.document_id = n.document_id AND {same})"
        )
        children = [t for t in TABLES if "document_id" in t.fields and t.name != "documents"]
        for t in reversed(children):
            con.execute(f"DELETE FROM {t.name} WHERE document_id IN (SELECT * FROM _stale)")
        # initiatives: new ones in, changed names and kinds updated (children still point
        # at them), vanished ones out once no child row references them.
        cols = {t.name: ", ".join(tables[t.name].column_names) for t in TABLES}
        con.execute(
            f"INSERT INTO initiatives ({cols['initiatives']}) SELECT {cols['initiatives']} "
            "FROM n_initiatives WHERE initiative_id NOT IN (SELECT initiative_id FROM initiatives)"
        )
        values = [c for c in tables["initiatives"].column_names if c != "initiative_id"]
        con.execute(
            "UPDATE initiatives SET "
            + ", ".join(f"{c} = n.{c}" for c in values)
            + " FROM n_initiatives n WHERE initiatives.initiative_id = n.initiative_id AND ("
            + " OR ".join(f"initiatives.{c} IS DISTINCT FROM n.{c}" for c in values)
            + ")"
        )
        con.execute("DELETE FROM documents WHERE document_id IN (SELECT * FROM _stale)")
        for t in [TABLES[0], *children]:  # documents first, then the tables that need it
            con.execute(
                f"INSERT INTO {t.name} ({cols[t.name]}) SELECT {cols[t.name]} FROM n_{t.name} "
                "WHERE document_id IN (SELECT * FROM _fresh)"
            )
        con.execute(
            "DELETE FROM initiatives WHERE initiative_id NOT IN "
            "(SELECT initiative_id FROM n_initiatives)"
        )
        same_rows = all(_same_rows(con, t, tables[t.name], base_intact) for t in TABLES)
        con.execute("CHECKPOINT aidecl")
        con.execute("USE memory")
        con.execute("DETACH aidecl")
    except duckdb.Error:
        same_rows = False
    finally:
        con.close()
    if not same_rows:
        path.unlink(missing_ok=True)
        Path(f"{path}.wal").unlink(missing_ok=True)
    return same_rows
