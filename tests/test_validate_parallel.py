"""``verify_package`` runs Frictionless one resource per process, foreign keys left to the
Arrow checks: it must report exactly what the sequential ``Package(...).validate()`` of
every CSV resource, foreign keys included, reported before, on good and broken packages."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pytest

from aidecl_data.publish import check_package, stage_package
from aidecl_data.publish.checks.frictionless_csv import (
    CsvValidation,
    _csv_descriptor,
    _flatten_report,
)
from aidecl_data.publish.tables import build_tables
from tests.fixtures_publish import doc_a, doc_b, sample_docs


def sequential_verify(root: Path) -> list:
    """``verify_package`` as it was: Frictionless on the whole package in one process,
    with foreign keys, then the Arrow checks, the CSV/Parquet comparison and DuckDB."""
    from frictionless import Package

    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    report = Package(_csv_descriptor(descriptor), basepath=str(root)).validate()
    return _flatten_report(report) + check_package(root, frictionless=False)


def _rehash(root: Path) -> None:
    """Make the descriptor agree with the files again (sizes, sha256), so that the checks
    past the file checks run on an edited file."""
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for r in descriptor["resources"]:
        data = (root / r["path"]).read_bytes()
        integrity = r.get("integrity", r)
        integrity["bytes"] = len(data)
        integrity["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _good(root: Path) -> None:
    stage_package(build_tables(sample_docs()), root)


def _pk_and_fk(root: Path) -> None:
    doc = doc_a()
    doc.clauses.append(dataclasses.replace(doc.clauses[0], ordinal=9))
    doc.notes[0].clause_id = "a_decl/para_404"
    stage_package(build_tables([doc, doc_b()]), root, database=False)


def _fk_only(root: Path) -> None:
    doc = doc_a()
    doc.notes[0].clause_id = "a_decl/para_404"
    stage_package(build_tables([doc, doc_b()]), root, database=False)


def _edited_csv(old: bytes, new: bytes, table: str):
    def make(root: Path) -> None:
        stage_package(build_tables(sample_docs()), root)
        csv = root / "data" / f"{table}.csv"
        data = csv.read_bytes()
        assert old in data
        csv.write_bytes(data.replace(old, new, 1))
        _rehash(root)

    return make


CASES = {
    "good": _good,
    "pk_and_fk": _pk_and_fk,
    "fk_only": _fk_only,
    # A dangling reference in the CSV file only (its Parquet file is right).
    "csv_dangling_reference": _edited_csv(
        b",a_decl/para_1__list_1__point_2,", b",a_decl/para_77,", "notes"
    ),
    # A value Frictionless rejects (a date that is not one), in the CSV file only.
    "csv_bad_date": _edited_csv(b"2023-03-01", b"2023-13-01", "dates"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_failures_as_the_sequential_validation(case, tmp_path: Path):
    root = tmp_path / "pkg"
    CASES[case](root)
    before = sequential_verify(root)
    after = check_package(root)
    assert after == before
    assert bool(after) == (case != "good")


def test_broken_package_keeps_frictionless_foreign_key_rows(tmp_path: Path):
    root = tmp_path / "pkg"
    _fk_only(root)
    kinds = {(f.table, f.kind) for f in check_package(root) if f.row}
    assert ("notes", "foreign-key") in kinds


def test_without_foreign_keys_every_row_is_still_validated(tmp_path: Path):
    root = tmp_path / "pkg"
    _edited_csv(b"2023-03-01", b"2023-13-01", "dates")(root)
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    found = CsvValidation(root, descriptor, foreign_keys=False).result()
    assert [(f.table, f.kind) for f in found if f.row] == [("dates", "type-error")]


def test_unloadable_descriptor_is_one_failure(tmp_path: Path):
    root = tmp_path / "pkg"
    _good(root)
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"] = {"fields": "not a list"}
    found = CsvValidation(root, descriptor).result()
    from frictionless import Package

    try:
        report = Package(_csv_descriptor(descriptor), basepath=str(root)).validate()
        expected = _flatten_report(report)
    except Exception as exc:
        expected = [("descriptor_invalid", type(exc).__name__)]
        assert [(f.kind, f.message.split(":")[0]) for f in found] == expected
        return
    assert found == expected
