"""The DuckDB database of the package: typed tables with keys and comments, and views."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from aidecl_data.schema import TABLES, create_views_sql, duckdb_ddl
from aidecl_data.schema.duckdb import sql_string

DATABASE_FILE = "aidecl.duckdb"
BLOCK_SIZE = 16384


def write_duckdb(tables: Mapping[str, pa.Table], path: Path) -> None:
    """Create ``path`` (which must not exist) holding every table and view."""
    import duckdb

    if path.exists():
        raise FileExistsError(path)
    con = duckdb.connect(":memory:")
    try:
        # Small blocks: the default 256 kB block per table makes a 2.6 MB file of 100 kB of
        # data, a heavy blob in git.
        con.execute(f"ATTACH {sql_string(str(path))} AS aidecl (BLOCK_SIZE {BLOCK_SIZE})")
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
