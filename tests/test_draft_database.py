"""The DuckDB database drafted while the blocking checks run (``publish/draft.py``): taken
only for the very tables published, the same rows as a database written at publication,
and never left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from aidecl_data.publish import database, draft, package, publish_package
from aidecl_data.publish.commit import draft_name, remove_own_staging
from aidecl_data.publish.schema import TABLES
from aidecl_data.publish.tables import build_tables
from tests.conftest import SEEDS
from tests.fixtures_publish import doc_a, doc_b, sample_docs


def _rows(path: Path) -> dict[str, list]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t.name: sorted(map(repr, con.execute(f"FROM {t.name}").fetchall())) for t in TABLES}


def _drafts(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f"{out.name}.draft-*"))


@pytest.fixture(autouse=True)
def _clean():
    yield
    draft.discard_all()


def test_the_draft_of_the_published_tables_is_the_database(tmp_path: Path, monkeypatch):
    out = tmp_path / "pkg"
    tables = build_tables(sample_docs())
    draft.enable(out)
    assert draft.start(tables, out)

    def written_again(*args, **kwargs):
        raise AssertionError("the drafted database was written again")

    monkeypatch.setattr(package, "write_duckdb", written_again)
    publish_package(tables, out, frictionless=False)
    monkeypatch.undo()
    database.write_duckdb(tables, tmp_path / "fresh.duckdb")
    assert _rows(out / "aidecl.duckdb") == _rows(tmp_path / "fresh.duckdb")
    assert not _drafts(out)


def test_other_tables_get_their_own_database_and_the_draft_is_deleted(tmp_path: Path):
    out = tmp_path / "pkg"
    draft.enable(out)
    assert draft.start(build_tables([doc_a(), doc_b()]), out)
    other = build_tables([doc_b()])  # other table objects, other rows
    publish_package(other, out, frictionless=False)
    database.write_duckdb(other, tmp_path / "fresh.duckdb")
    assert _rows(out / "aidecl.duckdb") == _rows(tmp_path / "fresh.duckdb")
    assert _drafts(out)  # not taken: still there until discarded
    draft.discard_all()
    assert not _drafts(out)


def test_a_failed_draft_is_written_anew(tmp_path: Path, monkeypatch):
    def full(tables, path):
        path.write_bytes(b"half")
        raise duckdb.IOException("No space left on device")

    monkeypatch.setattr(draft, "write_duckdb", full)
    out = tmp_path / "pkg"
    tables = build_tables(sample_docs())
    draft.enable(out)
    assert draft.start(tables, out)
    publish_package(tables, out, frictionless=False)
    database.write_duckdb(tables, tmp_path / "fresh.duckdb")
    assert _rows(out / "aidecl.duckdb") == _rows(tmp_path / "fresh.duckdb")
    assert not _drafts(out)


def test_no_draft_unless_enabled_and_small(tmp_path: Path, monkeypatch):
    out = tmp_path / "pkg"
    tables = build_tables(sample_docs())
    assert not draft.start(tables, out)
    draft.enable(out)
    monkeypatch.setattr(database, "SMALL_DATA_BYTES", 0)
    assert not draft.start(tables, out)
    assert not _drafts(out)


def test_drafts_of_dead_builds_are_removed_and_others_kept(tmp_path: Path):
    out = tmp_path / "pkg"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead = tmp_path / f"pkg.draft-1-{int(gone.stdout)}"
    alive = tmp_path / f"pkg.draft-1-{os.getppid()}"
    for folder in (dead, alive):
        folder.mkdir()
    draft.enable(out)
    assert not dead.exists() and alive.exists()
    remove_own_staging(out)  # not this process's: kept
    assert alive.exists()
    own = draft_name(out)
    own.mkdir()
    remove_own_staging(out)  # this process's: deleted
    assert not own.exists()


def test_a_first_build_leaves_no_draft(tmp_path: Path):
    out = tmp_path / "pkg"
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "build", "--documents", str(SEEDS),
         "--out", str(out), "--state", str(tmp_path / "state")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (out / "aidecl.duckdb").is_file()
    assert not _drafts(out)
