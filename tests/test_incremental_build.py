"""Incremental builds through the Dagster assets: only new and changed documents are parsed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.cli import run_build
from pipelines.resources import AideclSettings
from tests.conftest import make_variants

pytestmark = pytest.mark.integration


def _settings(tmp_path: Path, docs: Path) -> AideclSettings:
    return AideclSettings(
        documents_dir=str(docs), out_dir=str(tmp_path / "pkg"), state_dir=str(tmp_path / "state")
    )


def _published_ids(pkg: Path) -> list[str]:
    con = duckdb.connect()
    rows = con.execute(
        f"select document_id from read_csv('{pkg}/data/documents.csv', all_varchar=true) order by 1"
    ).fetchall()
    return [r[0] for r in rows]


def test_two_hundred_documents_then_one_added_one_changed_one_deleted(tmp_path: Path):
    docs = tmp_path / "documents"
    paths = make_variants(docs, 200)
    settings = _settings(tmp_path, docs)

    first = run_build(settings)
    assert first.success, first.failures
    assert (first.documents, first.parsed, first.reused, first.removed) == (200, 200, 0, 0)

    second = run_build(settings)
    assert second.success, second.failures
    assert (second.documents, second.parsed, second.reused, second.removed) == (200, 0, 200, 0)
    assert second.up_to_date  # nothing changed: the job did not even run

    csv_before = (tmp_path / "pkg" / "data" / "clauses.csv").read_bytes()
    forced = run_build(settings, force=True)
    assert forced.success and not forced.up_to_date
    assert (forced.documents, forced.parsed, forced.reused) == (200, 0, 200)
    assert (tmp_path / "pkg" / "data" / "clauses.csv").read_bytes() == csv_before

    paths[10].write_text(paths[10].read_text(encoding="utf-8") + "\nModifié.\n", encoding="utf-8")
    paths[20].unlink()
    (docs / "doc_10000.txt").write_text(
        "Déclaration conjointe.\n\nLa France et le Japon coopèrent.\n", encoding="utf-8"
    )
    third = run_build(settings)
    assert third.success, third.failures
    assert not third.up_to_date
    assert (third.documents, third.parsed, third.reused, third.removed) == (200, 2, 198, 1)
    ids = _published_ids(tmp_path / "pkg")
    assert len(ids) == 200 and "doc_00020" not in ids and "doc_10000" in ids
