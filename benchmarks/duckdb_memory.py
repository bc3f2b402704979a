"""What writing the DuckDB database costs in memory beside the tables, with and without
``publish.database.WRITE_MEMORY_LIMIT``.

Why a script of its own: in a whole build the database is written in a thread beside the
CSV and Parquet renderings, so the build's memory timeline cannot tell its share apart.
Here the tables of a built package are read back, then ``write_duckdb`` runs alone while
a thread samples the process's RSS every 50 ms.

    uv run python benchmarks/duckdb_memory.py --package P            # the limit as set
    uv run python benchmarks/duckdb_memory.py --package P --no-limit
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path

from aidecl_data.publish import database
from aidecl_data.publish.checks.package import read_package_tables


def rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package", type=Path, required=True, help="a built package folder")
    ap.add_argument("--no-limit", action="store_true", help="write without the memory limit")
    args = ap.parse_args(argv)
    if args.no_limit:
        database.WRITE_MEMORY_LIMIT = "80%"  # DuckDB's default
    tables = read_package_tables(args.package)
    before = rss_mb()
    samples = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            samples.append(rss_mb())
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        database.write_duckdb(tables, Path(tmp) / "aidecl.duckdb")
        seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    result = {
        "memory_limit": database.WRITE_MEMORY_LIMIT,
        "tables_rss_mb": before,
        "peak_rss_mb": max(samples),
        "added_mb": max(samples) - before,
        "seconds": round(seconds, 2),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
