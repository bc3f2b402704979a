"""The DuckDB database of the package: typed tables with keys and comments, and views."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from aidecl_data.schema import TABLES, create_views_sql, duckdb_ddl
from aidecl_data.schema.duckdb import sql_string

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


def write_duckdb(tables: Mapping[str, pa.Table], path: Path) -> None:
    """Create ``path`` (which must not exist) holding every table and view."""
    import duckdb

    if path.exists():
        raise FileExistsError(path)
    con = duckdb.connect(":memory:")
    try:
        blocks = block_size(tables)
        con.execute(f"ATTACH {sql_string(str(path))} AS aidecl (BLOCK_SIZE {blocks})")
        con.execute("USE aidecl")
        con.execute(duckdb_ddl())
        for t in TABLES:  # dependency order: parents before children
            con.register("_aidecl_source", tables[t.name])
            columns = ", ".join(tables[t.name].column_names)
            con.execute(f"INSERT INTO {t.name} ({columns}) SELECT {columns} FROM _aidecl_source")
            con.unregister("_aidecl_source")
        for statement in create_views_sql():
            con.execute(statement)
        con.execute("CHECKPOINT aidecl")
        con.execute("USE memory")
        con.execute("DETACH aidecl")
    finally:
        con.close()
