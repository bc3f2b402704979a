"""The DuckDB database updated from the previous one holds exactly the new tables."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest

from aidecl_data.publish import stage_package
from aidecl_data.publish.checks import check_package
from aidecl_data.publish.database import table_fingerprint, update_duckdb, write_duckdb
from aidecl_data.publish.schema import TABLES
from aidecl_data.publish.tables import build_tables
from tests.fixtures_publish import doc_a, doc_b


def _rows(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t.name: sorted(con.execute(f"SELECT * FROM {t.name}").fetchall(), key=repr)
                for t in TABLES}  # fmt: skip


def _changed_a():
    doc = doc_a()
    doc.document = dataclasses.replace(doc.document, source_sha256="f" * 64)
    doc.clauses[0] = dataclasses.replace(doc.clauses[0], text="Texte changé.")
    return doc


def _renamed_initiative():
    doc = doc_b()
    doc.initiatives = [dataclasses.replace(doc.initiatives[0], name="Le PMIA")]
    return doc


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ([doc_a, doc_b], [doc_b]),  # a document removed (its initiative rows too)
        ([doc_b], [doc_a, doc_b]),  # one added, with a new initiative
        ([doc_a, doc_b], [_changed_a, doc_b]),  # one changed
        ([doc_b], [_renamed_initiative]),  # an initiative's canonical name changed
        ([doc_a, doc_b], [doc_a, doc_b]),  # nothing changed
    ],
    ids=["removed", "added", "changed", "renamed_initiative", "same"],
)
@pytest.mark.parametrize("base_intact", [False, True])
def test_update_equals_a_fresh_write(tmp_path: Path, before, after, base_intact):
    base, fresh, updated = tmp_path / "base.duckdb", tmp_path / "fresh.duckdb", tmp_path / "u"
    write_duckdb(build_tables([d() for d in before]), base)
    tables = build_tables([d() for d in after])
    write_duckdb(tables, fresh)
    base_rows = _rows(base)
    assert update_duckdb(tables, base, updated, base_intact=base_intact)
    assert _rows(updated) == _rows(fresh)
    assert _rows(base) == base_rows  # the base itself is untouched


def test_an_intact_base_still_has_its_counts_and_changed_rows_compared(tmp_path: Path):
    base, out = tmp_path / "base.duckdb", tmp_path / "out.duckdb"
    write_duckdb(build_tables([doc_b()]), base)
    with duckdb.connect(str(base)) as con:  # a row missing for an unchanged document
        assert con.execute("DELETE FROM texts WHERE document_id = 'b_roadmap'").fetchone()[0]
    assert not update_duckdb(build_tables([doc_a(), doc_b()]), base, out, base_intact=True)
    assert not out.exists()


def test_a_database_touched_after_its_publication_is_not_intact(tmp_path: Path):
    import os

    from aidecl_data.publish.incremental import PublishBase, database_stat

    write_duckdb(build_tables([doc_b()]), tmp_path / "aidecl.duckdb")
    base = PublishBase(tmp_path, {}, database_stat=database_stat(tmp_path))
    assert base.database_intact()
    st = os.stat(tmp_path / "aidecl.duckdb")
    os.utime(tmp_path / "aidecl.duckdb", ns=(st.st_atime_ns, st.st_mtime_ns + 1000))
    assert not base.database_intact()
    assert not PublishBase(tmp_path, {}).database_intact()  # nothing recorded


def test_a_base_that_lies_is_not_used(tmp_path: Path):
    base, out = tmp_path / "base.duckdb", tmp_path / "out.duckdb"
    tables = build_tables([doc_a(), doc_b()])
    write_duckdb(tables, base)
    with duckdb.connect(str(base)) as con:  # an unchanged document's row altered by hand
        con.execute("UPDATE clauses SET text = 'falsifié' WHERE document_id = 'b_roadmap'")
    assert not update_duckdb(tables, base, out)
    assert not out.exists()


def test_an_unreadable_base_is_not_used(tmp_path: Path):
    base, out = tmp_path / "base.duckdb", tmp_path / "out.duckdb"
    base.write_bytes(b"not a database")
    assert not update_duckdb(build_tables([doc_a()]), base, out)
    assert not out.exists()


def test_fingerprint_ignores_order_but_not_content():
    con = duckdb.connect()
    con.execute("CREATE TABLE a AS SELECT * FROM (VALUES (1, 'x'), (2, NULL)) t(i, s)")
    con.execute("CREATE TABLE b AS SELECT * FROM (VALUES (2, NULL), (1, 'x')) t(i, s)")
    con.execute("CREATE TABLE c AS SELECT * FROM (VALUES (2, 'x'), (1, NULL)) t(i, s)")
    assert table_fingerprint(con, "a") == table_fingerprint(con, "b")
    assert table_fingerprint(con, "a") != table_fingerprint(con, "c")


def test_staging_with_a_base_database(tmp_path: Path):
    old = stage_package(build_tables([doc_a(), doc_b()]), tmp_path / "old")
    assert not old.database_reused
    new = stage_package(
        build_tables([doc_b()]), tmp_path / "new", base_database=tmp_path / "old" / "aidecl.duckdb"
    )
    assert new.database_reused
    assert check_package(tmp_path / "new", frictionless=False) == []


def test_a_database_over_the_memory_limit_is_written_without_it(tmp_path: Path, monkeypatch):
    from aidecl_data.publish import database

    tables = build_tables([doc_a(), doc_b()])
    limited, unlimited = tmp_path / "limited.duckdb", tmp_path / "unlimited.duckdb"
    with pytest.raises(duckdb.Error, match="allocate"):
        database._write_duckdb(tables, tmp_path / "tiny.duckdb", "256KB")
    monkeypatch.setattr(database, "WRITE_MEMORY_LIMIT", "256KB")
    write_duckdb(tables, limited)  # out of memory under the limit, then written without it
    monkeypatch.setattr(database, "WRITE_MEMORY_LIMIT", "128MB")
    write_duckdb(tables, unlimited)
    assert _rows(limited) == _rows(unlimited)
    assert not limited.with_name(limited.name + ".wal").exists()
