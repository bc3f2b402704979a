"""How long writing the DuckDB database of a package takes, by way of writing it.

Why a script of its own: in a build the database is written in a thread beside other
work, so the build's timeline cannot tell its cost apart. Here the tables of a built
package are read back, then the database is written alone, best of ``--runs``, four ways:

- ``per_table``: a connection per table (attach, insert, checkpoint, detach), the way a
  large package is written (``publish.database``, for its peak memory);
- ``one_connection``: every table in one connection, one after the other;
- ``by_level``: one connection, the tables of each foreign-key level side by side (how a
  small package is written now: ``write_duckdb``);
- ``ddl_autocommit``: the DDL and its comments alone, each statement in a transaction of
  its own, against ``ddl_one_transaction``.

    uv run python benchmarks/duckdb_write.py --package datapackage
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import duckdb

from aidecl_data.publish import database
from aidecl_data.publish.checks.package import read_package_tables
from aidecl_data.publish.schema import TABLES, duckdb_ddl
from aidecl_data.publish.schema.duckdb import sql_string


def _connection(path: Path, tables) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute(f"SET memory_limit = {sql_string(database.WRITE_MEMORY_LIMIT)}")
    con.execute(
        f"ATTACH {sql_string(str(path))} AS aidecl (BLOCK_SIZE {database.block_size(tables)})"
    )
    con.execute("USE aidecl")
    return con


def one_connection(tables, path: Path) -> None:
    con = _connection(path, tables)
    con.execute("BEGIN TRANSACTION")
    con.execute(duckdb_ddl())
    con.execute("COMMIT")
    for t in TABLES:
        database._insert(con, t.name, tables[t.name])
    con.execute("CHECKPOINT aidecl")
    con.close()


def ddl(tables, path: Path, one_transaction: bool) -> None:
    con = _connection(path, tables)
    if one_transaction:
        con.execute("BEGIN TRANSACTION")
    con.execute(duckdb_ddl())
    if one_transaction:
        con.execute("COMMIT")
    con.close()


def per_table(tables, path: Path) -> None:
    saved = database.SMALL_DATA_BYTES
    database.SMALL_DATA_BYTES = 0  # the large package's way
    try:
        database.write_duckdb(tables, path)
    finally:
        database.SMALL_DATA_BYTES = saved


def by_level(tables, path: Path) -> None:
    saved = database.SMALL_DATA_BYTES
    database.SMALL_DATA_BYTES = 1 << 62  # the small package's way, whatever the size
    try:
        database.write_duckdb(tables, path)
    finally:
        database.SMALL_DATA_BYTES = saved


WAYS = {
    "per_table": per_table,
    "one_connection": one_connection,
    "by_level": by_level,
    "ddl_autocommit": lambda tables, path: ddl(tables, path, False),
    "ddl_one_transaction": lambda tables, path: ddl(tables, path, True),
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--package", default="datapackage", help="a built package folder")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--out", help="write the JSON result here too")
    args = p.parse_args(argv)
    tables = read_package_tables(Path(args.package))
    result = {
        "package": args.package,
        "rows": sum(t.num_rows for t in tables.values()),
        "megabytes": round(sum(t.nbytes for t in tables.values()) / 1e6, 1),
        "small_package": database.is_small(tables),
        "best_s": {},
    }
    times: dict[str, list[float]] = {name: [] for name in WAYS}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            for name, way in WAYS.items():  # alternate: a change of load hits all alike
                path = Path(tmp) / f"{name}-{run}.duckdb"
                t0 = time.perf_counter()
                way(tables, path)
                times[name].append(time.perf_counter() - t0)
                path.unlink()
    result["best_s"] = {name: round(min(ts), 3) for name, ts in times.items()}
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
