"""Where the CPU of a first build goes besides ``parse_document``, step by step.

Why: on 2 cores a first build of 10,000 documents spends about 54 s of CPU in
``parse_document`` and 20 s more around it (issue 17, round 5): encoding each parse,
writing its cache entry, sending it to the build process, turning rows into Arrow there,
then the blocking checks and the package. A profile of the build sees the main thread, and
on a loaded machine mostly waiting; this runs each step alone, in this process, and
reports CPU seconds (``time.process_time``: every thread of the process).

Two parts:

- ``--docs DIR --sample N``: the per-document path of a parse worker and of the build
  process on the first N documents of DIR, in ms of CPU per document: loading the file,
  ``parse_document``, ``encode``, the cache entry's write, ``decode_rows`` and the rows
  typed as Arrow in batches of 500 (``assemble._NewRows``: the build process, before
  round 5), and, where the code has them, the rows typed in a worker's chunks
  (``rowchunks.typed``) and cut into the same batches by the build process;
- ``--docs DIR --pool N``: the CPU of the two parse workers over N documents parsed the
  way the core tables ask for them, before round 5 (entries' bytes sent back) and after
  (rows typed in the workers), alternately;
- ``--state S``: the publishing steps on the tables of a built state's row
  store (a first build of N documents published them to P): row store write, blocking
  checks, each table's CSV and Parquet, the database, verification of the staged files;
  and the database written with one DuckDB thread, without its foreign keys, without any
  key (what DuckDB's key checks cost: the package keeps them).

    uv run python benchmarks/first_build_parts.py --docs /tmp/c/docs10000 --sample 500 \
        --state /tmp/c/w/state --json benchmarks/results/2026-12-06-round5/parts.json
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


def _timed(out: dict, name: str, fn, per: int = 0):
    t0, c0 = time.perf_counter(), time.process_time()
    value = fn()
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    out[name] = {"cpu_s": round(cpu, 3), "wall_s": round(wall, 3)}
    if per:
        out[name]["cpu_ms_per_document"] = round(1000 * cpu / per, 3)
    return value


def per_document(docs: Path, sample: int) -> dict:
    from aidecl_data.build import assemble
    from aidecl_data.build.cache import ParseCache, decode_rows, encode
    from aidecl_data.parse.document import parse_document
    from aidecl_data.parse.sources import scan_documents

    sources, _ = scan_documents(docs)
    sources = sources[:sample]
    out: dict = {"documents": len(sources)}
    parse_document(sources[0].load(), sources[0].document_id, "warm.txt")  # lazy indexes
    texts = _timed(out, "load", lambda: [s.load() for s in sources], len(sources))
    parsed = _timed(
        out,
        "parse_document",
        lambda: [
            parse_document(t, s.document_id, os.path.basename(s.path))
            for s, t in zip(sources, texts, strict=True)
        ],
        len(sources),
    )
    entries = _timed(out, "encode", lambda: [encode(p) for p in parsed], len(sources))
    with tempfile.TemporaryDirectory() as tmp:
        cache = ParseCache(tmp)
        _timed(
            out,
            "cache_write",
            lambda: [cache.put_bytes(p, e) for p, e in zip(parsed, entries, strict=True)],
            len(sources),
        )
    rows = _timed(out, "decode_rows", lambda: [decode_rows(e) for e in entries], len(sources))

    def to_arrow():
        new = assemble._NewRows(presort=True)
        for s, r in zip(sources, rows, strict=True):
            new.add(s.document_id, r)
        return new.tables()

    def first_use():  # Arrow's first use in a process (then untimed)
        warm = assemble._NewRows(presort=True)
        for s, r in list(zip(sources, rows, strict=True))[:20]:
            warm.add(s.document_id, r)
        return warm.tables()

    _timed(out, "arrow_first_use_20_documents", first_use)
    _timed(out, "rows_to_arrow", to_arrow, len(sources))
    try:  # round 5: the workers type their chunk's rows (``rowchunks``)
        from aidecl_data.build.batch import MAX_ROWS_CHUNK
        from aidecl_data.build.rowchunks import typed
    except ImportError:
        return out
    docs = [(s.document_id, r) for s, r in zip(sources, rows, strict=True)]

    def in_chunks():
        return [typed(docs[i : i + MAX_ROWS_CHUNK]) for i in range(0, len(docs), MAX_ROWS_CHUNK)]

    chunks = _timed(out, "rows_typed_in_worker_chunks", in_chunks, len(sources))
    for size in (16, 500):  # the chunk size chosen (``batch.MAX_ROWS_CHUNK``) against others
        _timed(
            out,
            f"rows_typed_in_chunks_of_{size}",
            lambda n=size: [typed(docs[i : i + n]) for i in range(0, len(docs), n)],
            len(sources),
        )

    def from_chunks():
        from aidecl_data.build.rowchunks import ChunkRows

        new = assemble._NewRows(presort=True)
        ids = iter(d for d, _ in docs)
        for chunk in chunks:
            for i in range(len(chunk.offsets["documents"]) - 1):
                new.add(next(ids), ChunkRows(chunk, i))
        return new.tables()

    _timed(out, "chunks_to_batches", from_chunks, len(sources))

    # What the pool's pipe carries per document: the entry's bytes, or a share of a chunk.
    from multiprocessing.reduction import ForkingPickler

    sent = _timed(
        out, "send_entries", lambda: [ForkingPickler.dumps(e) for e in entries], len(sources)
    )
    _timed(out, "receive_entries", lambda: [ForkingPickler.loads(b) for b in sent], len(sources))
    sent = _timed(
        out, "send_chunks_pickled", lambda: [ForkingPickler.dumps(c) for c in chunks], len(sources)
    )
    _timed(
        out, "receive_chunks_pickled", lambda: [ForkingPickler.loads(b) for b in sent], len(sources)
    )
    if hasattr(chunks[0], "to_wire"):
        from aidecl_data.build.rowchunks import RowChunk

        sent = _timed(
            out,
            "send_chunks_ipc",
            lambda: [ForkingPickler.dumps(c.to_wire()) for c in chunks],
            len(sources),
        )
        _timed(
            out,
            "receive_chunks_ipc",
            lambda: [RowChunk.from_wire(ForkingPickler.loads(b)) for b in sent],
            len(sources),
        )
    return out


def pool(docs: Path, count: int, rounds: int) -> dict:
    """The CPU of the two parse workers (``RUSAGE_CHILDREN``) and of this process over
    ``count`` documents parsed by the pool as the core tables ask for them: each entry's
    bytes sent back (before round 5: this process would then unpickle and type them,
    ``decode_rows`` and ``rows_to_arrow`` above) or the chunks' rows typed by the workers
    (``rows=True``), alternately ``rounds`` times, without a cache."""
    import resource

    from aidecl_data.build import batch
    from aidecl_data.parse.sources import scan_documents

    sources, _ = scan_documents(docs)
    sources = sources[:count]
    out: dict = {"documents": len(sources), "runs": []}
    for _ in range(rounds):
        for rows in (False, True):
            kids, cpu = resource.getrusage(resource.RUSAGE_CHILDREN), time.process_time()
            for _res in batch.Parsing(sources, None, 2, False, rows=rows).results():
                pass
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            spent = after.ru_utime - kids.ru_utime + after.ru_stime - kids.ru_stime
            out["runs"].append(
                {
                    "rows": rows,
                    "workers_cpu_s": round(spent, 2),
                    "this_process_cpu_s": round(time.process_time() - cpu, 2),
                    "load": round(os.getloadavg()[0], 2),
                }
            )
    return out


def _duckdb_variant(tables, path: Path, variant: str) -> None:
    """The database written as ``write_duckdb`` does (a connection per table, its memory
    limit), but with one DuckDB thread, or without the foreign keys, or without any key:
    what DuckDB's key checks cost (not a package: the published database keeps them)."""
    import re

    import duckdb

    from aidecl_data.publish.database import LARGE_BLOCK_SIZE, WRITE_MEMORY_LIMIT, _insert
    from aidecl_data.publish.schema import TABLES, duckdb_ddl

    ddl = duckdb_ddl()
    if variant in ("no_foreign_keys", "no_keys"):
        ddl = re.sub(r",\s*FOREIGN KEY \([^)]*\) REFERENCES \w+ ?\([^)]*\)", "", ddl)
    if variant == "no_keys":
        ddl = re.sub(r",\s*PRIMARY KEY \([^)]*\)", "", ddl)
    for i, t in enumerate(TABLES):
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"SET memory_limit = '{WRITE_MEMORY_LIMIT}'")
            if variant == "threads_1":
                con.execute("SET threads = 1")
            blocks = f" (BLOCK_SIZE {LARGE_BLOCK_SIZE})" if i == 0 else ""
            con.execute(f"ATTACH '{path}' AS aidecl{blocks}")
            con.execute("USE aidecl")
            if i == 0:
                con.execute(ddl)
            _insert(con, t.name, tables[t.name])
            con.execute("CHECKPOINT aidecl")
        finally:
            con.close()


def publishing(state: Path) -> dict:
    from aidecl_data.build.rowstore import RowStore
    from aidecl_data.publish.checks import verify_staged
    from aidecl_data.publish.csvio import table_to_csv_bytes
    from aidecl_data.publish.database import write_duckdb
    from aidecl_data.publish.package import _parquet_bytes, stage_package
    from aidecl_data.publish.schema import TABLES
    from aidecl_data.publish.tables import initiatives_table
    from pipelines.steps import evaluate_checks

    out: dict = {}
    store = RowStore(state)
    stored = _timed(out, "row_store_load", store.load)
    if stored is None:
        raise SystemExit(f"no row store of this code in {state}")
    tables = {
        t.name: initiatives_table(stored["initiative_rows"])
        if t.name == "initiatives"
        else stored[t.name]
        for t in TABLES
    }
    out["rows"] = {name: t.num_rows for name, t in tables.items()}
    out["table_mb"] = round(sum(t.nbytes for t in tables.values()) / 1e6, 1)
    with tempfile.TemporaryDirectory(dir=state.parent) as tmp:
        tmp = Path(tmp)
        copy = RowStore(tmp / "state")
        _timed(out, "row_store_save", lambda: copy.save(stored))
        _timed(out, "blocking_checks", lambda: list(evaluate_checks(tables)))
        for t in TABLES:
            _timed(out, f"csv.{t.name}", lambda t=t: table_to_csv_bytes(tables[t.name]))
            _timed(out, f"parquet.{t.name}", lambda t=t: _parquet_bytes(tables[t.name]))
        _timed(out, "duckdb_write", lambda: write_duckdb(tables, tmp / "db.duckdb"))
        for variant in ("threads_1", "no_foreign_keys", "no_keys"):
            _timed(
                out,
                f"duckdb_write.{variant}",
                lambda v=variant: _duckdb_variant(tables, tmp / f"{v}.duckdb", v),
            )
        result = _timed(
            out, "stage_package", lambda: stage_package(tables, tmp / "pkg", database=True)
        )
        _timed(
            out, "verify_staged", lambda: verify_staged(tmp / "pkg", tables, written=result.written)
        )
        shutil.rmtree(tmp / "pkg", ignore_errors=True)
    for kind in ("csv", "parquet"):
        out[f"{kind}_total_cpu_s"] = round(
            sum(v["cpu_s"] for k, v in out.items() if k.startswith(f"{kind}.")), 3
        )
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", type=Path, help="a corpus folder (per-document steps)")
    p.add_argument("--sample", type=int, default=500)
    p.add_argument("--state", type=Path, help="a built state folder (publishing steps)")
    p.add_argument("--pool", type=int, default=0, help="documents of --docs for the pool")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--json", type=Path)
    args = p.parse_args(argv)
    out: dict = {"load_before": os.getloadavg()}
    if args.docs:
        out["per_document"] = per_document(args.docs, args.sample)
    if args.docs and args.pool:
        out["pool"] = pool(args.docs, args.pool, args.rounds)
    if args.state:
        out["publishing"] = publishing(args.state)
    out["load_after"] = os.getloadavg()
    text = json.dumps(out, indent=1)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
