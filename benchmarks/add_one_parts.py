"""Where the CPU of "one document added" goes, step by step, on built packages.

Why: a profile of ``aidecl build`` sees the main thread only, and on a loaded machine its
times are mostly waiting; the staging threads (CSV, Parquet, DuckDB) are invisible to it.
This script runs, one at a time and in this process, each step publishing runs after
parsing, and reports the CPU seconds of each (``time.process_time``: every thread of the
process), beside the wall time and ``os.getloadavg()``.

Inputs: ``--package`` a package of N + 1 documents (its tables are "the new tables"),
``--base`` the package of the first N documents as ``aidecl build`` published it, with
its ``--state`` (the publication record: the base is reused only if this library
published it; the library must not have changed since). Steps:

- ``row_store_load``: the row store of the state folder;
- ``check_tables``: the blocking checks (``schema_valid``, ``references_resolve``) on
  every row;
- ``checks_changed_rows``: the same checks as the build now runs them, ``schema_valid`` on
  the rows of the new document only (``checks/changed.py``), references on whole tables;
- ``stage_full``: staging every file from scratch (what a build without a base does);
- ``duckdb_update``: the database updated from the base's (one document changed);
- ``stage.<table>``: CSV and Parquet of one table, reusing the base's unchanged parts;
- ``stage_incremental``: the whole staging with the base (threads, database included);
- ``verify_staged``: reading back the files written now.

    uv run python benchmarks/add_one_parts.py --package P1 --base P0 --state S0
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _timed(out: dict, name: str, fn):
    t0, c0 = time.perf_counter(), time.process_time()
    value = fn()
    out[name] = {
        "cpu_s": round(time.process_time() - c0, 3),
        "wall_s": round(time.perf_counter() - t0, 3),
    }
    return value


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--package", required=True, help="package of N + 1 documents")
    p.add_argument("--base", required=True, help="package of N documents (published)")
    p.add_argument("--state", required=True, help="state folder of the base")
    p.add_argument(
        "--any-library",
        action="store_true",
        help="use the base even if it was published by other code (the library changed)",
    )
    args = p.parse_args(argv)

    import pyarrow as pa

    from aidecl_data.build.freshness import published_here, published_record
    from aidecl_data.build.rowstore import RowStore
    from aidecl_data.publish.checks import (
        check_references,
        check_tables,
        read_package_tables,
        verify_staged,
    )
    from aidecl_data.publish.checks.changed import check_table_changed
    from aidecl_data.publish.database import update_duckdb
    from aidecl_data.publish.incremental import PublishBase, unchanged_documents
    from aidecl_data.publish.package import _stage_table, sources_from_documents, stage_package
    from aidecl_data.publish.parts import plan_parts
    from aidecl_data.publish.schema import TABLES

    base_dir = Path(args.base).absolute()
    out: dict = {"load_before": os.getloadavg()}
    tables = read_package_tables(Path(args.package))
    out["rows"] = {name: t.num_rows for name, t in tables.items()}
    descriptor = published_here(base_dir, args.state)
    if descriptor is None and args.any_library:
        descriptor = json.loads((base_dir / "datapackage.json").read_text(encoding="utf-8"))
    if descriptor is None:
        raise SystemExit(f"{base_dir} was not published by this library with {args.state}")
    record = published_record(args.state)
    base = PublishBase(base_dir, descriptor, csv_index=record.get("csv_index") or {})
    _timed(out, "row_store_load", RowStore(args.state).load)
    _timed(out, "check_tables", lambda: check_tables(tables))
    sources = sources_from_documents(tables["documents"])
    unchanged = pa.array(sorted(unchanged_documents(base, sources)), pa.string())

    def changed_checks() -> None:
        for t in TABLES:
            check_table_changed(t.name, tables[t.name], unchanged)
            check_references(tables, only=t.name)

    _timed(out, "checks_changed_rows", changed_checks)
    with tempfile.TemporaryDirectory(dir=base_dir.parent) as tmp:
        tmp = Path(tmp)
        _timed(out, "stage_full", lambda: stage_package(tables, tmp / "full", database=False))
        _timed(
            out,
            "duckdb_update",
            lambda: update_duckdb(tables, base_dir / "aidecl.duckdb", tmp / "db.duckdb"),
        )
        parts = plan_parts([s["document_id"] for s in sources])
        unchanged_ids = unchanged_documents(base, sources)
        (tmp / "tables" / "data").mkdir(parents=True)
        for t in TABLES:
            _timed(
                out,
                f"stage.{t.name}",
                lambda t=t: _stage_table(
                    tmp / "tables", t.name, tables[t.name], parts, base, unchanged_ids
                ),
            )
        result = _timed(
            out,
            "stage_incremental",
            lambda: stage_package(
                tables, tmp / "inc", base=base, base_database=base_dir / "aidecl.duckdb"
            ),
        )
        out["parquet_files_written"] = len(result.written)
        out["parquet_parts_reused"] = result.parts_reused
        _timed(
            out, "verify_staged", lambda: verify_staged(tmp / "inc", tables, written=result.written)
        )
        shutil.rmtree(tmp / "inc", ignore_errors=True)
    out["stage_tables_total_cpu_s"] = round(
        sum(v["cpu_s"] for k, v in out.items() if k.startswith("stage.")), 3
    )
    out["load_after"] = os.getloadavg()
    json.dump(out, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
