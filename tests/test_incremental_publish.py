"""Parquet in parts, and publishing that takes unchanged parts over (issue 17).

The part size is lowered for these tests (``PART_DOCUMENTS``), so a few dozen documents
make a parted package, as 10,000 do with the real settings."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from aidecl_data.publish import parts
from aidecl_data.publish.checks import check_package, read_package_tables
from aidecl_data.publish.parts import plan_parts, starts_part
from pipelines.cli import run_build
from pipelines.resources import AideclSettings
from tests.conftest import make_variants

pytestmark = pytest.mark.integration


@pytest.fixture
def small_parts(monkeypatch):
    monkeypatch.setattr(parts, "PART_DOCUMENTS", 5)
    monkeypatch.setattr(parts, "MIN_PARTED_DOCUMENTS", 10)


def _settings(root: Path, docs: Path) -> AideclSettings:
    return AideclSettings(
        documents_dir=str(docs), out_dir=str(root / "pkg"), state_dir=str(root / "state")
    )


def _files(pkg: Path) -> dict[str, bytes]:
    """Every file a package publishes but its DuckDB database (whose physical row order
    follows its history: same rows, checked by count below)."""
    return {
        p.relative_to(pkg).as_posix(): p.read_bytes()
        for p in sorted(pkg.rglob("*"))
        if p.is_file() and p.name != "aidecl.duckdb"
    }


def _inodes(pkg: Path) -> dict[str, int]:
    return {p.relative_to(pkg).as_posix(): p.stat().st_ino for p in pkg.rglob("*.parquet")}


def _new_name(docs: Path, *, starts: bool) -> str:
    """A file name whose document id starts a part, or does not."""
    for i in range(1000, 5000):
        name = f"doc_{i:05d}"
        if starts_part(name) == starts:
            return name
    raise AssertionError("no such id")


def test_plan_parts_cuts_by_content_and_keeps_order(small_parts):
    ids = [f"d{i:03d}" for i in range(60)]
    plan = plan_parts(list(reversed(ids)))
    assert plan is not None and len(plan) > 1
    assert [d for p in plan for d in p.documents] == sorted(ids)
    # A cut depends on the id alone: removing documents moves no other cut.
    fewer = plan_parts([d for d in ids if d != plan[1].documents[-1]])
    assert [p.name for p in fewer] == [p.name for p in plan]
    assert plan_parts(ids[:9]) is None  # a small package: one file per table


def test_add_one_rewrites_one_part_and_equals_a_build_from_scratch(tmp_path, small_parts):
    docs = tmp_path / "documents"
    make_variants(docs, 30)
    settings = _settings(tmp_path / "inc", docs)
    first = run_build(settings)
    assert first.success, first.failures
    pkg = tmp_path / "inc" / "pkg"
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    clauses = next(r for r in descriptor["resources"] if r["name"] == "clauses_parquet")
    assert isinstance(clauses["path"], list) and len(clauses["path"]) > 2
    assert all(p["hash"].startswith("sha256:") for p in clauses["integrity"]["parts"])
    before = _inodes(pkg)

    name = _new_name(docs, starts=False)
    shutil.copyfile(docs / "doc_00003.txt", docs / f"{name}.txt")
    with open(docs / f"{name}.txt", "a", encoding="utf-8") as fh:
        fh.write("\nUne phrase de plus.\n")
    second = run_build(settings)
    assert second.success, second.failures
    assert (second.parsed, second.reused) == (1, 30)
    after = _inodes(pkg)
    for table in ("clauses", "documents", "texts", "dates"):
        old = {k: v for k, v in before.items() if k.startswith(f"data/{table}/")}
        new = {k: v for k, v in after.items() if k.startswith(f"data/{table}/")}
        rewritten = [k for k in new if old.get(k) != new[k]]
        assert len(rewritten) == 1, (table, rewritten)
        assert len(new) == len(old)

    scratch = _settings(tmp_path / "scratch", docs)
    fresh = run_build(scratch)
    assert fresh.success and fresh.parsed == 31
    assert _files(pkg) == _files(tmp_path / "scratch" / "pkg")
    assert check_package(pkg) == []

    # A removed document and a new one that starts a part of its own: still the bytes
    # of a build from scratch.
    os.remove(docs / "doc_00007.txt")
    starter = _new_name(docs, starts=True)
    shutil.copyfile(docs / "doc_00004.txt", docs / f"{starter}.txt")
    with open(docs / f"{starter}.txt", "a", encoding="utf-8") as fh:
        fh.write("\nEncore une phrase.\n")
    assert run_build(settings).success
    shutil.rmtree(tmp_path / "scratch")
    assert run_build(scratch).success
    assert _files(pkg) == _files(tmp_path / "scratch" / "pkg")
    assert read_package_tables(pkg)["clauses"].equals(
        read_package_tables(tmp_path / "scratch" / "pkg")["clauses"]
    )


def descriptor_paths(pkg: Path, table: str) -> list[str]:
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in descriptor["resources"] if r["name"] == f"{table}_parquet")
    return res["path"] if isinstance(res["path"], list) else [res["path"]]


def test_validate_names_the_part_with_an_error(tmp_path, small_parts):
    docs = tmp_path / "documents"
    make_variants(docs, 20)
    settings = _settings(tmp_path, docs)
    assert run_build(settings).success
    pkg = tmp_path / "pkg"
    target = descriptor_paths(pkg, "clauses")[1]
    table = pq.read_table(pkg / target)
    i = table.column_names.index("ordinal")
    ordinals = table.column("ordinal").to_pylist()
    table = table.set_column(i, table.schema.field(i), pa.array([-5, *ordinals[1:]], pa.int64()))
    pq.write_table(table, pkg / target)
    # The descriptor made to agree with the altered part: only its rows are wrong now.
    path = pkg / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    res = next(r for r in descriptor["resources"] if r["name"] == "clauses_parquet")
    entry = next(e for e in res["integrity"]["parts"] if e["path"] == target)
    data = (pkg / target).read_bytes()
    entry.update(bytes=len(data), hash="sha256:" + hashlib.sha256(data).hexdigest())
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    failures = check_package(pkg)
    assert failures and all(f.table == "clauses" for f in failures), failures
    assert {"rows_differ"} <= {f.kind for f in failures}


def _with_value(table: pa.Table, column: str, row: int, value) -> pa.Table:
    i = table.column_names.index(column)
    values = table.column(column).to_pylist()
    values[row] = value
    return table.set_column(i, table.schema.field(i), pa.array(values, table.schema.field(i).type))


def test_changed_rows_check_looks_at_new_documents_and_keys_across_all():
    from aidecl_data.publish.checks.changed import check_table_changed
    from aidecl_data.publish.tables import build_tables
    from tests.fixtures_publish import sample_docs

    clauses = build_tables(sample_docs())["clauses"]
    ids = clauses.column("document_id").to_pylist()
    kept, new = ids[0], ids[-1]
    assert kept != new
    everything_new = pa.array([], pa.string())
    only_kept = pa.array([kept], pa.string())
    # A broken row of a document that passed before is not looked at again...
    bad_kept = _with_value(clauses, "ordinal", ids.index(kept), -1)
    assert check_table_changed("clauses", bad_kept, only_kept) == []
    assert check_table_changed("clauses", bad_kept, everything_new) != []
    # ...a broken row of a new document is.
    bad_new = _with_value(clauses, "ordinal", ids.index(new), -1)
    assert [f.kind for f in check_table_changed("clauses", bad_new, only_kept)] == ["minimum"]
    # A new row whose key a kept row already holds: a duplicate key.
    clash = _with_value(clauses, "clause_id", ids.index(new), clauses["clause_id"][0].as_py())
    found = check_table_changed("clauses", clash, only_kept)
    assert [f.kind for f in found] == ["primary_key_duplicate"]
    # A kept row duplicated (by a bug of assembly): the key is checked on every row.
    twice = pa.concat_tables([clauses, clauses.slice(0, 1)])
    assert [f.kind for f in check_table_changed("clauses", twice, only_kept)] == [
        "primary_key_duplicate"
    ]


def test_part_rows_must_be_blocks_of_their_documents(small_parts):
    from aidecl_data.publish.parts import part_row_ranges

    ids = [f"d{i:03d}" for i in range(40)]
    plan = plan_parts(ids)
    rows = pa.table({"document_id": [d for d in ids for _ in range(2)]})
    ranges = part_row_ranges(rows, plan)
    assert [n for _, n in ranges] == [2 * len(p.documents) for p in plan]
    assert sum(n for _, n in ranges) == rows.num_rows
    with pytest.raises(ValueError, match="ordered"):
        part_row_ranges(rows.take(list(range(rows.num_rows))[::-1]), plan)
