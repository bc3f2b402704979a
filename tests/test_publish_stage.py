"""Staging details that the speed work introduced: DuckDB block size, files written by
threads, and each file hashed from the bytes written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from aidecl_data.publish import check_package, stage_package
from aidecl_data.publish import database as db
from aidecl_data.publish.schema import TABLES
from aidecl_data.publish.tables import build_tables
from tests.fixtures_publish import doc_a, doc_b, package_files, sample_docs


def _block_size(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]


def test_block_size_follows_the_amount_of_data():
    small = build_tables(sample_docs())
    assert db.block_size(small) == db.BLOCK_SIZE  # the committed package stays light in git
    big = dict(small, notes=pa.table({"text": ["x" * 1000] * (db.LARGE_DATA_BYTES // 1000)}))
    assert db.block_size(big) == db.LARGE_BLOCK_SIZE


@pytest.mark.parametrize("large", [False, True])
def test_both_block_sizes_make_a_valid_package(tmp_path: Path, monkeypatch, large: bool):
    if large:
        monkeypatch.setattr(db, "LARGE_DATA_BYTES", 0)
    root = tmp_path / "pkg"
    stage_package(build_tables(sample_docs()), root)
    want = db.LARGE_BLOCK_SIZE if large else db.BLOCK_SIZE
    assert _block_size(root / "aidecl.duckdb") == want
    assert check_package(root, frictionless=False) == []


def test_result_lists_every_file_with_the_hash_of_its_bytes(tmp_path: Path):
    root = tmp_path / "pkg"
    result = stage_package(build_tables(sample_docs()), root)
    on_disk = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert sorted(e["path"] for e in result.files) == on_disk
    assert result.files[-1]["path"] == "datapackage.json"
    for e in result.files:
        data = (root / e["path"]).read_bytes()
        assert (e["bytes"], e["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())


def test_one_thread_or_many_give_the_same_files(tmp_path: Path, monkeypatch):
    import aidecl_data.publish.package as package

    tables = build_tables(sample_docs())
    stage_package(tables, tmp_path / "many")
    monkeypatch.setattr(package, "STAGE_THREADS", 1)
    stage_package(tables, tmp_path / "one")
    one, many = package_files(tmp_path / "one"), package_files(tmp_path / "many")
    assert one.keys() == many.keys()
    for name in one:
        assert one[name] == many[name], name


def test_an_error_in_a_writer_thread_reaches_the_caller(tmp_path: Path):
    doc = doc_a()
    doc.notes[0].clause_id = "a_decl/para_404"  # DuckDB refuses the dangling foreign key
    with pytest.raises(duckdb.ConstraintException):
        stage_package(build_tables([doc, doc_b()]), tmp_path / "pkg")
    assert not (tmp_path / "pkg" / "datapackage.json").exists()


def test_foreign_key_levels_put_every_parent_first():
    seen: set[str] = set()
    for level in db.fk_levels():
        for t in level:
            assert {fk.parent for fk in t.foreign_keys} - {t.name} <= seen, t.name
        seen |= {t.name for t in level}
    assert len(seen) == len(TABLES)


def test_one_connection_and_one_per_table_write_the_same_rows(tmp_path: Path, monkeypatch):
    tables = build_tables(sample_docs())
    db.write_duckdb(tables, tmp_path / "small.duckdb")  # one connection, levels side by side
    monkeypatch.setattr(db, "SMALL_DATA_BYTES", 0)
    db.write_duckdb(tables, tmp_path / "large.duckdb")  # a connection per table
    rows = []
    for name in ("small", "large"):
        with duckdb.connect(str(tmp_path / f"{name}.duckdb"), read_only=True) as con:
            rows.append({t.name: sorted(map(repr, con.execute(f"FROM {t.name}").fetchall()))
                         for t in TABLES})  # fmt: skip
    assert rows[0] == rows[1]
    assert sum(map(len, rows[0].values())) > 0
