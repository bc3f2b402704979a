"""Try the package as hive-partitioned Parquet, locally: write, rewrite one bucket, query.

Why: ``docs/scaling.md`` proposes publishing the large tables as Parquet partitioned by a
prefix of the document id's hash, so that adding a document rewrites one file per table,
and reading them with DuckDB's ``read_parquet(..., hive_partitioning = true)``. This script
measures that plan on a package built here (local disk; no object storage, no ``httpfs``):

- time to write every table partitioned into ``--buckets`` buckets;
- time to rewrite the one bucket a new document falls in (what an incremental publish
  would do), against rewriting the whole table;
- a DuckDB query over the partitioned files against the same query over the package's
  single Parquet files (same result, both timed best of 3 after an untimed warm-up run,
  so that the first query does not pay DuckDB's first use and a cold file cache alone).

    uv run python benchmarks/partitioned_parquet.py --package /tmp/pkg --out /tmp/parts
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from aidecl_data.publish.package import PARQUET_OPTIONS

QUERY = """
SELECT d.language, count(*) AS clauses, count(DISTINCT c.document_id) AS documents
FROM {clauses} c JOIN {documents} d USING (document_id)
GROUP BY ALL ORDER BY ALL
"""
QUERY_RUNS = 3  # each query is timed best of 3, after one untimed run


def bucket_of(document_id: str, buckets: int) -> str:
    """The partition of a document: a prefix of its id's sha256 (even whatever the ids)."""
    digest = hashlib.sha256(document_id.encode("utf-8")).digest()
    return f"{int.from_bytes(digest[:4], 'big') % buckets:03d}"


def with_bucket(table: pa.Table, buckets: int) -> pa.Table:
    ids = table.column("document_id").to_pylist()
    cache: dict[str, str] = {}
    col = [cache.setdefault(i, bucket_of(i, buckets)) for i in ids]
    return table.append_column("bucket", pa.array(col, pa.string()))


def write_partitioned(table: pa.Table, root: Path) -> None:
    ds.write_dataset(
        table,
        root,
        format="parquet",
        partitioning=ds.partitioning(pa.schema([("bucket", pa.string())]), flavor="hive"),
        existing_data_behavior="delete_matching",
        basename_template="part-{i}.parquet",
        # the package's own Parquet settings, so sizes and times compare
        file_options=ds.ParquetFileFormat().make_write_options(**PARQUET_OPTIONS),
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--package", type=Path, required=True, help="a published package folder")
    p.add_argument("--out", type=Path, required=True, help="folder for the partitioned copy")
    p.add_argument("--buckets", type=int, default=256)
    args = p.parse_args(argv)
    data = args.package / "data"
    shutil.rmtree(args.out, ignore_errors=True)
    out: dict = {"buckets": args.buckets, "tables": {}}
    tables = {f.stem: pq.read_table(f) for f in sorted(data.glob("*.parquet"))}
    t_all = time.perf_counter()
    for name, table in tables.items():
        if "document_id" not in table.column_names:
            continue
        t0 = time.perf_counter()
        write_partitioned(with_bucket(table, args.buckets), args.out / name)
        files = list((args.out / name).rglob("*.parquet"))
        out["tables"][name] = {
            "rows": table.num_rows,
            "files": len(files),
            "write_s": round(time.perf_counter() - t0, 3),
            "mb": round(sum(f.stat().st_size for f in files) / 2**20, 2),
            "single_file_mb": round((data / f"{name}.parquet").stat().st_size / 2**20, 2),
        }
    out["write_all_s"] = round(time.perf_counter() - t_all, 3)

    # One new document: rewrite its bucket of the largest table, versus the whole file.
    clauses = with_bucket(tables["clauses"], args.buckets)
    one = clauses.column("document_id")[0].as_py()
    bucket = bucket_of(one, args.buckets)
    rows = clauses.filter(pc.equal(clauses.column("bucket"), bucket))
    t0 = time.perf_counter()
    write_partitioned(rows, args.out / "clauses")
    out["rewrite_one_bucket_s"] = round(time.perf_counter() - t0, 4)
    out["rewrite_one_bucket_rows"] = rows.num_rows
    t0 = time.perf_counter()
    pq.write_table(tables["clauses"], args.out / "clauses_single.parquet", **PARQUET_OPTIONS)
    out["rewrite_single_file_s"] = round(time.perf_counter() - t0, 3)

    con = duckdb.connect()
    single = {n: f"read_parquet('{data / (n + '.parquet')}')" for n in ("clauses", "documents")}
    parts = {
        n: f"read_parquet('{args.out / n}/*/*.parquet', hive_partitioning = true)"
        for n in ("clauses", "documents")
    }
    timings = {}
    results = {}
    for label, src in (("single_files", single), ("partitioned", parts)):
        sql = QUERY.format(**src)
        results[label] = con.execute(sql).fetchall()  # warm-up: first use and file cache
        times = []
        for _ in range(QUERY_RUNS):
            t0 = time.perf_counter()
            con.execute(sql).fetchall()
            times.append(time.perf_counter() - t0)
        timings[label] = round(min(times), 4)
    out["duckdb_query_s"] = timings
    out["same_result"] = results["single_files"] == results["partitioned"]
    out["result"] = results["partitioned"]
    print(json.dumps(out, indent=1, ensure_ascii=False))
    return 0 if out["same_result"] else 1


if __name__ == "__main__":
    sys.exit(main())
