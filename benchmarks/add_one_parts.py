"""Where the CPU of "one document added" goes, step by step, on a built package.

Why: a profile of ``aidecl build`` sees the main thread only, and on a loaded machine its
times are mostly waiting; the staging threads (CSV, Parquet, DuckDB) are invisible to it.
This script runs, one at a time and in this process, each step a one-document build runs
after parsing, on the tables of a package built by ``aidecl build`` (its Parquet files),
and reports the CPU seconds of each (``time.process_time``: every thread of the process),
beside the wall time and ``os.getloadavg()``:

- ``row_store_load`` / ``row_store_save``: the row store of the state folder;
- ``check_tables``: the blocking checks (``schema_valid``, ``references_resolve``);
- ``csv``/``parquet``: rendering every table's CSV / Parquet bytes (what staging rewrites);
- ``duckdb_update``: the database updated from the published one (one document changed);
- ``verify_staged``: the staged files read back and compared;
- ``descriptor``: the descriptor JSON (one ``sources`` entry per document) and the record.

    uv run python benchmarks/add_one_parts.py --package PKG --state STATE
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
    p.add_argument("--package", required=True)
    p.add_argument("--state", required=True)
    args = p.parse_args(argv)

    import pyarrow as pa
    import pyarrow.parquet as pq

    from aidecl_data.build.rowstore import RowStore
    from aidecl_data.publish.checks import check_tables, verify_staged
    from aidecl_data.publish.csvio import table_to_csv_bytes
    from aidecl_data.publish.database import update_duckdb
    from aidecl_data.publish.package import PARQUET_OPTIONS, sources_from_documents, stage_package
    from aidecl_data.publish.schema import TABLES, frictionless_descriptor, resource_path

    package = Path(args.package)
    out: dict = {"load_before": os.getloadavg()}
    tables = {t.name: pq.read_table(package / resource_path(t.name, "parquet")) for t in TABLES}
    out["rows"] = {name: t.num_rows for name, t in tables.items()}
    store = RowStore(args.state)
    stored = _timed(out, "row_store_load", store.load)
    _timed(out, "check_tables", lambda: check_tables(tables))
    for t in TABLES:
        _timed(out, f"csv.{t.name}", lambda t=t: table_to_csv_bytes(tables[t.name]))

    def parquet(name: str) -> None:
        sink = pa.BufferOutputStream()
        pq.write_table(tables[name], sink, **PARQUET_OPTIONS)

    for t in TABLES:
        _timed(out, f"parquet.{t.name}", lambda t=t: parquet(t.name))
    with tempfile.TemporaryDirectory(dir=package.parent) as tmp:
        _timed(
            out,
            "duckdb_update",
            lambda: update_duckdb(tables, package / "aidecl.duckdb", Path(tmp) / "db.duckdb"),
        )
        staged = Path(tmp) / "staged"
        _timed(
            out,
            "stage_package",
            lambda: stage_package(tables, staged, base_database=package / "aidecl.duckdb"),
        )
        _timed(out, "verify_staged", lambda: verify_staged(staged, tables))
        sources = _timed(out, "sources", lambda: sources_from_documents(tables["documents"]))

        def descriptor() -> bytes:
            d = frictionless_descriptor(files={}, sources=sources)
            return (json.dumps(d, indent=2, ensure_ascii=False) + "\n").encode()

        _timed(out, "descriptor", descriptor)
        if stored is not None:
            copy = Path(tmp) / "state"
            _timed(out, "row_store_save", lambda: RowStore(copy).save(stored))
        shutil.rmtree(staged, ignore_errors=True)
    out["csv_total_cpu_s"] = round(sum(v["cpu_s"] for k, v in out.items() if k[:4] == "csv."), 3)
    out["parquet_total_cpu_s"] = round(
        sum(v["cpu_s"] for k, v in out.items() if k.startswith("parquet.")), 3
    )
    out["load_after"] = os.getloadavg()
    json.dump(out, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
