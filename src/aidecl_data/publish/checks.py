"""Checks that stand between a table and its publication.

Pure functions over pyarrow tables (``check_schema``, ``check_values``,
``check_primary_key``, ``check_foreign_keys``), usable as Dagster asset checks on in-memory
tables, plus ``validate_table`` (Frictionless on the table's CSV) and ``check_package``
(everything, on a package folder). Each returns a list of one-line failure messages,
empty when all is well; a message starts with the table or file it concerns.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import tempfile
from collections import Counter
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from aidecl_data.publish.csvio import table_to_csv_bytes
from aidecl_data.schema import TABLES, arrow_schema, get_table, resource_path, table_schema

MAX_EXAMPLES = 3
MAX_FAILURES_PER_CHECK = 20


def _examples(values: list[Any]) -> str:
    shown = ", ".join(repr(v) for v in values[:MAX_EXAMPLES])
    more = f" (+{len(values) - MAX_EXAMPLES} more)" if len(values) > MAX_EXAMPLES else ""
    return shown + more


def check_schema(table_name: str, table: pa.Table) -> list[str]:
    """The table has the schema's columns, in order, with the schema's types."""
    want = arrow_schema(table_name)
    if table.schema.names != want.names:
        return [f"{table_name}: columns {table.schema.names} differ from the schema {want.names}"]
    return [
        f"{table_name}.{f.name}: type {table.schema.field(f.name).type} is not {f.type}"
        for f in want
        if table.schema.field(f.name).type != f.type
    ]


def check_values(table_name: str, table: pa.Table) -> list[str]:
    """Required, enum, pattern and minimum constraints, and spans that end after they start.

    The same constraints Frictionless checks, without writing a file: fast enough to run on
    every table before staging.
    """
    out = []
    t = get_table(table_name)
    names = set(table.column_names)
    for f in t.columns:
        if f.name not in names:
            continue
        values = table.column(f.name).to_pylist()
        bad: list[Any] = []
        if f.required:
            nulls = sum(1 for v in values if v is None or v == "")
            if nulls:
                out.append(f"{table_name}.{f.name}: {nulls} empty value(s) in a required column")
        present = [v for v in values if v is not None and v != ""]
        if f.enum is not None:
            bad = sorted({v for v in present if v not in f.enum})
            if bad:
                out.append(f"{table_name}.{f.name}: values not in {list(f.enum)}: {_examples(bad)}")
        if f.pattern is not None:
            rx = re.compile(f.pattern)
            bad = sorted({v for v in present if not rx.fullmatch(str(v))})
            if bad:
                out.append(
                    f"{table_name}.{f.name}: values not matching {f.pattern}: {_examples(bad)}"
                )
        if f.minimum is not None:
            bad = sorted({v for v in present if v < f.minimum})
            if bad:
                out.append(f"{table_name}.{f.name}: values below {f.minimum}: {_examples(bad)}")
    if {"char_start", "char_end"} <= names:
        starts = table.column("char_start").to_pylist()
        ends = table.column("char_end").to_pylist()
        pk = table.column(t.primary_key[-1]).to_pylist() if t.primary_key[-1] in names else []
        bad = [
            k
            for k, s, e in zip(pk, starts, ends, strict=False)
            if s is not None and e is not None and e < s
        ]
        if bad:
            out.append(
                f"{table_name}: {len(bad)} span(s) ending before they start: {_examples(bad)}"
            )
    return out


def _key_tuples(table: pa.Table, fields: tuple[str, ...]) -> list[tuple]:
    cols = [table.column(f).to_pylist() for f in fields]
    return list(zip(*cols, strict=True)) if cols else []


def check_primary_key(table_name: str, table: pa.Table) -> list[str]:
    """Primary-key values are present and unique."""
    t = get_table(table_name)
    missing_cols = [k for k in t.primary_key if k not in table.column_names]
    if missing_cols:
        return [f"{table_name}: primary key column(s) missing: {missing_cols}"]
    keys = _key_tuples(table, t.primary_key)
    pk = ", ".join(t.primary_key)
    out = []
    nulls = [k for k in keys if any(v is None or v == "" for v in k)]
    if nulls:
        out.append(f"{table_name}: {len(nulls)} row(s) with an empty primary key ({pk})")
    dupes = sorted(k for k, n in Counter(keys).items() if n > 1 and k not in nulls)
    if dupes:
        shown = [k[0] if len(k) == 1 else k for k in dupes]
        out.append(f"{table_name}: duplicate primary key ({pk}): {_examples(shown)}")
    return out


def check_foreign_keys(tables: Mapping[str, pa.Table], only: str | None = None) -> list[str]:
    """Every non-empty foreign key resolves to a row of the table it references.

    ``only`` restricts the check to one child table (its parents must be in ``tables``).
    """
    out = []
    for t in TABLES:
        if (only is not None and t.name != only) or t.name not in tables:
            continue
        child = tables[t.name]
        for fk in t.foreign_keys:
            parent = tables.get(fk.parent)
            if parent is None:
                out.append(f"{t.name}: cannot check {list(fk.fields)}: table {fk.parent} missing")
                continue
            if not set(fk.fields) <= set(child.column_names) or not set(fk.parent_fields) <= set(
                parent.column_names
            ):
                out.append(f"{t.name}: foreign key columns {list(fk.fields)} missing")
                continue
            known = set(_key_tuples(parent, fk.parent_fields))
            dangling = sorted(
                {
                    k
                    for k in _key_tuples(child, fk.fields)
                    if not any(v is None or v == "" for v in k) and k not in known
                }
            )
            if dangling:
                shown = [k[0] if len(k) == 1 else k for k in dangling]
                target = ", ".join(f"{fk.parent}.{f}" for f in fk.parent_fields)
                out.append(
                    f"{t.name}.{', '.join(fk.fields)}: {len(dangling)} value(s) not found in "
                    f"{target}: {_examples(shown)}"
                )
    return out


def check_spans(tables: Mapping[str, pa.Table], only: str | None = None) -> list[str]:
    """Every span lies inside its document's decoded text (``char_end <= char_count``)."""
    docs = tables.get("documents")
    if docs is None or "char_count" not in docs.column_names:
        return []
    length = dict(
        zip(
            docs.column("document_id").to_pylist(),
            docs.column("char_count").to_pylist(),
            strict=True,
        )
    )
    out = []
    for t in TABLES:
        if (only is not None and t.name != only) or t.name not in tables:
            continue
        table = tables[t.name]
        if not {"document_id", "char_end"} <= set(table.column_names):
            continue
        pk = table.column(t.primary_key[-1]).to_pylist()
        bad = [
            k
            for k, d, e in zip(
                pk,
                table.column("document_id").to_pylist(),
                table.column("char_end").to_pylist(),
                strict=True,
            )
            if d in length and e is not None and length[d] is not None and e > length[d]
        ]
        if bad:
            out.append(
                f"{t.name}: {len(bad)} span(s) past the end of the document: {_examples(bad)}"
            )
    return out


def check_tables(tables: Mapping[str, pa.Table]) -> list[str]:
    """Every in-memory check on every table (no file written): run before staging."""
    out = []
    well_formed = {}
    for t in TABLES:
        if t.name not in tables:
            out.append(f"{t.name}: table missing")
            continue
        schema_failures = check_schema(t.name, tables[t.name])
        out += schema_failures
        if not schema_failures:
            well_formed[t.name] = tables[t.name]
            out += check_values(t.name, tables[t.name])
            out += check_primary_key(t.name, tables[t.name])
    for name in well_formed:
        parents = {fk.parent for fk in get_table(name).foreign_keys}
        if parents <= set(well_formed):
            out += check_foreign_keys(well_formed, only=name)
    out += check_spans(well_formed)
    return out


def _flatten_report(report, limit: int = MAX_FAILURES_PER_CHECK) -> list[str]:
    out = []
    for task in report.tasks:
        for err in task.errors[:limit]:
            where = []
            if getattr(err, "row_number", None):
                where.append(f"row {err.row_number}")
            if getattr(err, "field_name", None):
                where.append(f"field {err.field_name}")
            loc = f" ({', '.join(where)})" if where else ""
            out.append(f"{task.name}{loc}: {err.type}: {err.note}")
        if len(task.errors) > limit:
            out.append(f"{task.name}: {len(task.errors) - limit} more error(s)")
    for err in report.errors[:limit]:
        out.append(f"package: {err.type}: {err.note}")
    return out


# Frictionless checks rows in pure Python (about 5,000 rows/s here): a large table is
# validated in chunks by several processes, each chunk a CSV with the same header.
CHUNK_ROWS = 25_000


def _validate_csv(table_name: str, csv_bytes: bytes, first_row: int) -> list[str]:
    from frictionless import Resource

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{table_name}.csv"
        path.write_bytes(csv_bytes)
        resource = Resource(
            {
                "name": table_name,
                "path": path.name,
                "format": "csv",
                "encoding": "utf-8",
                "schema": table_schema(get_table(table_name), foreign_keys=False),
            },
            basepath=tmp,
        )
        report = resource.validate()
    failures = _flatten_report(report)
    if first_row:  # report row numbers of the whole table, not of the chunk
        failures = [
            re.sub(r"\(row (\d+)", lambda m: f"(row {int(m.group(1)) + first_row}", f)
            for f in failures
        ]
    return failures


def _validate_chunk(args: tuple[str, pa.Table, int]) -> list[str]:
    table_name, chunk, first_row = args
    return _validate_csv(table_name, table_to_csv_bytes(chunk), first_row)


def validate_table(table_name: str, table: pa.Table, workers: int | None = None) -> list[str]:
    """Frictionless validation of the table's CSV against its Table Schema (no foreign keys:
    ``check_foreign_keys`` checks those across tables; the primary key is checked within
    each chunk here and across the table by ``check_primary_key``)."""
    failures = check_schema(table_name, table)
    if failures:
        return failures
    if table.num_rows <= CHUNK_ROWS:
        return _validate_chunk((table_name, table, 0))
    workers = workers or max(1, min(os.cpu_count() or 1, 8))
    jobs = [
        (table_name, table.slice(start, CHUNK_ROWS), start)
        for start in range(0, table.num_rows, CHUNK_ROWS)
    ]
    ctx = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        return [f for part in pool.map(_validate_chunk, jobs) for f in part]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_package_tables(package_dir: Path) -> dict[str, pa.Table]:
    """The Parquet tables of a package folder, keyed by table name."""
    return {
        t.name: pq.read_table(package_dir / resource_path(t.name, "parquet"))
        for t in TABLES
        if (package_dir / resource_path(t.name, "parquet")).is_file()
    }


def check_package(package_dir: str | Path, *, frictionless: bool = True) -> list[str]:
    """Everything about a package folder; [] when it can be published.

    File sizes and sha256 against the descriptor; Frictionless validation of every CSV
    resource (types, constraints, primary and foreign keys); the pure checks on the Parquet
    tables; each Parquet file rendering to exactly the bytes of its CSV file; the DuckDB
    database holding the same row counts.

    Frictionless reads Parquet through pandas row by row, about 15 times slower than CSV
    (23 s against 1.7 s for a 200-document package), so the Parquet resources are proven
    by the byte equality with their validated CSV instead. ``frictionless=False`` skips
    the Frictionless pass for callers that already ran it on every table (the Dagster
    blocking checks); ``aidecl validate`` always runs it.
    """
    from frictionless import Package

    package_dir = Path(package_dir)
    descriptor_path = package_dir / "datapackage.json"
    if not descriptor_path.is_file():
        return [f"{descriptor_path}: missing"]
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{descriptor_path}: unreadable: {exc}"]
    out = []
    names = {r.get("name") for r in descriptor.get("resources", [])}
    for t in TABLES:
        for fmt, suffix in (("csv", ""), ("parquet", "_parquet")):
            if t.name + suffix not in names:
                out.append(f"datapackage.json: resource {t.name + suffix} missing")
            if not (package_dir / resource_path(t.name, fmt)).is_file():
                out.append(f"{resource_path(t.name, fmt)}: file missing")
    for r in descriptor.get("resources", []):
        path = package_dir / r.get("path", "")
        integrity = r.get("integrity", r)
        if path.is_file() and "hash" in integrity:
            if integrity["hash"] != f"sha256:{sha256_file(path)}":
                out.append(f"{r['path']}: sha256 differs from datapackage.json")
            if integrity.get("bytes") != path.stat().st_size:
                out.append(f"{r['path']}: size differs from datapackage.json")
    if out:
        return out
    if frictionless:
        csv_only = dict(descriptor)
        csv_only["resources"] = [
            r for r in descriptor.get("resources", []) if r.get("format", "csv") == "csv"
        ]
        try:
            report = Package(csv_only, basepath=str(package_dir)).validate()
        except Exception as exc:  # a descriptor Frictionless cannot even load
            return [f"datapackage.json: {type(exc).__name__}: {exc}"]
        out += _flatten_report(report)
    tables = read_package_tables(package_dir)
    out += check_tables(tables)
    for t in TABLES:
        csv_path = package_dir / resource_path(t.name, "csv")
        if table_to_csv_bytes(tables[t.name]) != csv_path.read_bytes():
            out.append(f"{resource_path(t.name, 'csv')}: rows differ from the Parquet file")
    out += _check_duckdb(package_dir, tables)
    return out


def _check_duckdb(package_dir: Path, tables: Mapping[str, pa.Table]) -> list[str]:
    import duckdb

    path = package_dir / "aidecl.duckdb"
    if not path.is_file():
        return ["aidecl.duckdb: missing"]
    out = []
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            for t in TABLES:
                n = con.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]
                want = tables[t.name].num_rows
                if n != want:
                    out.append(f"aidecl.duckdb: {t.name} has {n} rows, Parquet has {want}")
    except duckdb.Error as exc:
        out.append(f"aidecl.duckdb: {str(exc).splitlines()[0]}")
    return out
