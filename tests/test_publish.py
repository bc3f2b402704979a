"""Staging, checking and publishing the package built from two hand-made documents."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aidecl_data import __version__
from aidecl_data.publish import (
    CommitError,
    PublishError,
    check_foreign_keys,
    check_package,
    check_primary_key,
    check_tables,
    publish_package,
    recover_interrupted_publish,
    stage_package,
    validate_table,
    verify_staged,
)
from aidecl_data.publish.checks import Failure, flatten
from aidecl_data.publish.schema import TABLES
from aidecl_data.publish.tables import build_tables
from tests.fixtures_publish import doc_a, doc_b, package_files, sample_docs

# Fields of a Failure the tests compare (frictionless-style flattening).
FULL = ("table", "column", "kind", "count", "examples")
WHERE = ("file", "table", "kind")

# Frictionless takes about a second per package, so each package is built once per module.


@pytest.fixture(scope="module")
def validated_log(tmp_path_factory) -> Path:
    """Names of the resources Frictionless found valid while publishing, one a line.

    Frictionless runs in forked worker processes (one resource each): the spy, inherited
    by them, appends to a file rather than to a list of this process."""
    return tmp_path_factory.mktemp("spy") / "validated.txt"


@pytest.fixture(scope="module")
def staged(tmp_path_factory, validated_log: Path) -> Path:
    """A package published the whole way (in-memory checks, staging, check_package, swap)."""
    import frictionless

    root = tmp_path_factory.mktemp("published") / "datapackage"
    original = frictionless.Resource.validate

    def spy(self, *args, **kwargs):
        report = original(self, *args, **kwargs)
        with open(validated_log, "a", encoding="utf-8") as f:
            f.writelines(f"{t.name}\n" for t in report.tasks if t.valid)
        return report

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(frictionless.Resource, "validate", spy)
        publish_package(build_tables(sample_docs()), root)
    return root


@pytest.fixture(scope="module")
def broken_failures(tmp_path_factory) -> list[Failure]:
    """check_package on files holding a duplicate primary key and a dangling foreign key."""
    doc = doc_a()
    doc.clauses.append(dataclasses.replace(doc.clauses[0], ordinal=9))
    doc.notes[0].clause_id = "a_decl/para_404"
    root = tmp_path_factory.mktemp("broken") / "pkg"
    # stage_package writes whatever it is given (DuckDB aside): the file checks must catch it.
    stage_package(build_tables([doc, doc_b()]), root, database=False)
    return check_package(root)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _duplicate_clause():
    doc = doc_a()
    doc.clauses.append(dataclasses.replace(doc.clauses[0], ordinal=9))
    return build_tables([doc, doc_b()])


def _dangling_section():
    doc = doc_a()
    doc.clauses[0].section_id = "a_decl/sec_9"
    return build_tables([doc, doc_b()])


def test_package_files(staged: Path):
    names = {str(p.relative_to(staged)) for p in staged.rglob("*") if p.is_file()}
    expected = {"datapackage.json", "README.md", "aidecl.duckdb"}
    expected |= {f"data/{t.name}.{ext}" for t in TABLES for ext in ("csv", "parquet")}
    assert names == expected


def test_descriptor_names_version_sources_licenses(staged: Path):
    d = json.loads((staged / "datapackage.json").read_text(encoding="utf-8"))
    assert d["name"] == "aidecl-data"
    assert d["version"] == __version__
    assert d["licenses"][0]["name"] == "ODC-BY-1.0"
    a = doc_a().document
    assert d["sources"][0] == {
        "title": a.title,
        "path": a.source_path,
        "publisher": a.publisher,
        "sha256": a.source_sha256,
        "document_id": a.document_id,
    }
    assert "publisher" not in d["sources"][1]  # b names no publisher
    assert "created" not in d  # no clock in the descriptor


def test_every_resource_carries_bytes_and_sha256_of_its_file(staged: Path):
    d = json.loads((staged / "datapackage.json").read_text(encoding="utf-8"))
    assert len(d["resources"]) == 2 * len(TABLES)
    for r in d["resources"]:
        data = (staged / r["path"]).read_bytes()
        integrity = r if r["format"] == "csv" else r["integrity"]
        assert integrity["bytes"] == len(data)
        assert integrity["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()


@pytest.mark.integration
def test_frictionless_command_line_validates(staged: Path):
    exe = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(exe), "validate", str(staged / "datapackage.json")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert result.stdout.count("VALID") == 2 * len(TABLES)


def test_publishing_validated_every_csv_resource_with_frictionless(staged: Path, validated_log):
    # publish_package verified the staged folder with Frictionless on the
    # eight CSV resources; each Parquet file is proven equal to its validated CSV instead.
    validated = validated_log.read_text(encoding="utf-8").split()
    assert sorted(validated) == sorted(t.name for t in TABLES)


def test_parquet_that_differs_from_its_csv_fails(tmp_path: Path):
    import pyarrow.parquet as pq

    root = tmp_path / "pkg"
    stage_package(build_tables(sample_docs()), root)
    path = root / "data" / "clauses.parquet"
    table = pq.read_table(path)
    pq.write_table(table.slice(0, table.num_rows - 1), path)
    failures = check_package(root)
    assert ("data/clauses.parquet", "clauses", "sha256") in flatten(failures, WHERE)


def test_readme_is_the_data_dictionary(staged: Path):
    text = (staged / "README.md").read_text(encoding="utf-8")
    assert text.startswith("# aidecl-data: data dictionary")
    assert "- Rows: 4" in text  # clauses


def test_csv_spelling(staged: Path):
    csv = (staged / "data" / "dates.csv").read_text(encoding="utf-8")
    assert "\r" not in csv
    # NULL clause_id is an empty cell; booleans are true/false; dates ISO.
    assert "a_decl/date_2,a_decl,,mars 2023,2023-03-01,2023-03-31,month,false," in csv


def test_two_stagings_are_byte_identical(tmp_path: Path):
    first, second = tmp_path / "one", tmp_path / "two"
    stage_package(build_tables(sample_docs()), first)
    stage_package(build_tables([doc_b(), doc_a()]), second)
    a, b = package_files(first), package_files(second)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_duplicate_clause, ("clauses", "", "primary_key_duplicate", 1, ("a_decl/para_1",))),
        (_dangling_section, ("clauses", "section_id", "foreign_key", 1, ("a_decl/sec_9",))),
    ],
    ids=["pk_duplicate", "fk_dangling"],
)
def test_broken_tables_fail_in_memory_checks(make, expected):
    failures = check_tables(make())
    assert expected in flatten(failures, FULL), failures


@pytest.mark.parametrize(
    ("resource", "error"),
    [
        ("clauses", "primary-key"),
        ("notes", "foreign-key"),
    ],
)
def test_broken_files_fail_check_package(broken_failures: list[Failure], resource, error):
    assert any(f.table == resource and f.row and f.kind == error for f in broken_failures), (
        broken_failures
    )


def test_broken_files_fail_the_pure_checks_too(broken_failures: list[Failure]):
    found = flatten(broken_failures, FULL)
    assert ("clauses", "", "primary_key_duplicate", 1, ("a_decl/para_1",)) in found
    assert ("notes", "clause_id", "foreign_key") in flatten(broken_failures)
    assert ("aidecl.duckdb", "", "database_missing") in flatten(broken_failures, WHERE)


def test_pure_checks_per_table():
    good = build_tables(sample_docs())
    assert check_primary_key("clauses", good["clauses"]) == []
    assert check_foreign_keys(good) == []
    dup = _duplicate_clause()
    assert flatten(check_primary_key("clauses", dup["clauses"]), FULL) == [
        ("clauses", "", "primary_key_duplicate", 1, ("a_decl/para_1",))
    ]
    bad = _dangling_section()
    assert flatten(check_foreign_keys(bad, only="clauses"), FULL) == [
        ("clauses", "section_id", "foreign_key", 1, ("a_decl/sec_9",))
    ]
    assert check_foreign_keys(bad, only="dates") == []
    missing = check_foreign_keys({"clauses": bad["clauses"]}, only="clauses")
    assert flatten(missing) == [("clauses", "", "parent_missing")] * 2  # parents missing
    assert [f.message for f in missing] == [
        "cannot check ['document_id']: table documents missing",
        "cannot check ['section_id']: table sections missing",
    ]


def test_validate_table_uses_frictionless():
    good = build_tables(sample_docs())
    assert validate_table("clauses", good["clauses"]) == []
    doc = doc_a()
    doc.clauses[0].kind = "sentence"
    failures = validate_table("clauses", build_tables([doc])["clauses"])
    assert flatten(failures) == [("clauses", "kind", "constraint-error")]


def test_validate_table_in_chunks_reports_whole_table_rows(monkeypatch):
    """Large tables are validated in parallel chunks; row numbers stay the table's own."""
    from aidecl_data.publish import checks

    doc = doc_a()
    doc.clauses[-1].kind = "sentence"
    table = build_tables([doc])["clauses"]
    whole = validate_table("clauses", table)
    monkeypatch.setattr(checks.frictionless_csv, "CHUNK_ROWS", 1)
    chunked = validate_table("clauses", table, workers=2)
    assert table.num_rows > 1 and len(whole) == 1
    assert chunked == whole


def test_tampered_file_fails_check_package(tmp_path: Path, staged: Path):
    copy = tmp_path / "pkg"
    shutil.copytree(staged, copy)
    path = copy / "data" / "clauses.csv"
    path.write_bytes(path.read_bytes().replace(b"chercheurs", b"chercheuses"))
    failures = check_package(copy)
    assert ("data/clauses.csv", "clauses", "sha256") in flatten(failures, WHERE)


def test_publish_then_republish(tmp_path: Path, staged: Path, monkeypatch):
    import aidecl_data.publish.package as package

    monkeypatch.setattr(package, "verify_staged", lambda *_, **__: [])  # tested above
    out = tmp_path / "datapackage"
    shutil.copytree(staged, out)
    result = publish_package(build_tables([doc_b()]), out)
    assert result.path == out.absolute()
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert sorted(f["path"] for f in result.files) == sorted(on_disk)
    d = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert [s["document_id"] for s in d["sources"]] == ["b_roadmap"]
    assert (
        out / "data" / "notes.csv"
    ).read_bytes() == b"note_id,document_id,label,text,clause_id,char_start,char_end\n"
    # Nothing left beside the package but the lock file.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".datapackage.lock", "datapackage"]


@pytest.mark.parametrize("make", [_duplicate_clause, _dangling_section])
def test_failed_publish_leaves_the_old_package_untouched(tmp_path: Path, staged: Path, make):
    out = tmp_path / "datapackage"
    shutil.copytree(staged, out)
    before = _snapshot(out)
    with pytest.raises(PublishError) as err:
        publish_package(make(), out)
    assert err.value.failures
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datapackage"]


def test_failed_file_checks_leave_the_old_package_untouched(tmp_path: Path, staged, monkeypatch):
    out = tmp_path / "datapackage"
    shutil.copytree(staged, out)
    before = _snapshot(out)
    import aidecl_data.publish.package as package

    broken = [Failure("clauses", "rows_differ", "broken on disk", file="data/clauses.csv")]
    monkeypatch.setattr(package, "verify_staged", lambda *_, **__: broken)
    with pytest.raises(PublishError, match="broken on disk"):
        publish_package(build_tables([doc_b()]), out)
    assert _snapshot(out) == before
    assert not list(tmp_path.glob("datapackage.tmp-*"))


def test_refuses_to_replace_a_folder_that_is_not_a_package(tmp_path: Path):
    out = tmp_path / "notes"
    out.mkdir()
    (out / "thesis.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(CommitError, match="not a data package"):
        publish_package(build_tables(sample_docs()), out)
    assert (out / "thesis.txt").read_text(encoding="utf-8") == "precious"
    assert not list(tmp_path.glob("notes.tmp-*"))


def test_recovery_puts_back_a_package_set_aside(tmp_path: Path, staged: Path):
    # The state a kill between the two renames of the fallback swap leaves behind.
    out = tmp_path / "datapackage"
    shutil.copytree(staged, tmp_path / "datapackage.old-1-1")
    (tmp_path / "datapackage.tmp-2-2").mkdir()
    done = recover_interrupted_publish(out, remove_staging=True)
    assert done[0] == "restored datapackage from datapackage.old-1-1"
    assert _snapshot(out) == _snapshot(staged)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datapackage"]


@pytest.mark.skipif(
    not (sys.platform.startswith("linux") or sys.platform == "darwin"),
    reason="atomic directory exchange is a Linux/macOS system call",
)
def test_directories_are_exchanged_in_one_call(tmp_path: Path):
    from aidecl_data.publish.commit import _exchange

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "from_a").write_text("a", encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "from_b").write_text("b", encoding="utf-8")
    assert _exchange(tmp_path / "a", tmp_path / "b")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["from_b"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["from_a"]


@pytest.mark.parametrize(
    ("table", "mutate", "expected"),
    [
        (
            "clauses",
            lambda d: setattr(d.clauses[0], "char_end", 10_000),
            ("clauses", "", "span_outside", 1, ("a_decl/para_1",)),
        ),
        (
            "dates",
            lambda d: setattr(d.dates[0], "char_start", d.dates[0].char_end + 1),
            ("dates", "", "span_order", 1, ("a_decl/date_1",)),
        ),
        (
            "signatories",
            lambda d: setattr(d.signatories[0], "iso3", "fr"),
            ("signatories", "iso3", "pattern", 1, ("fr",)),
        ),
        (
            "documents",
            lambda d: setattr(d.document, "title", ""),
            ("documents", "title", "required", 1, ()),
        ),
        (
            "clauses",
            lambda d: setattr(d.clauses[1], "parent_clause_id", "a_decl/para_7"),
            ("clauses", "parent_clause_id", "foreign_key", 1, ("a_decl/para_7",)),
        ),
    ],
    ids=["span_past_end", "span_reversed", "pattern", "required", "self_reference"],
)
def test_in_memory_checks_catch(table, mutate, expected):
    doc = doc_a()
    mutate(doc)
    failures = check_tables(build_tables([doc, doc_b()]))
    assert expected in flatten(failures, FULL), failures


def test_stage_then_commit(tmp_path: Path, staged: Path):
    from aidecl_data.publish import commit_package

    out = tmp_path / "datapackage"
    shutil.copytree(staged, out)
    staging = tmp_path / "datapackage.tmp-manual"
    stage_package(build_tables([doc_b()]), staging)
    commit_package(staging, out)
    assert not staging.exists()
    d = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert [s["document_id"] for s in d["sources"]] == ["b_roadmap"]
    with pytest.raises(CommitError, match="beside"):
        commit_package(tmp_path / "elsewhere" / "x", out)


def test_verify_staged_accepts_the_files_of_its_tables(tmp_path: Path):
    tables = build_tables(sample_docs())
    root = tmp_path / "pkg"
    stage_package(tables, root)
    assert verify_staged(root, tables) == []
    assert verify_staged(root, tables, frictionless=True) == []


def test_verify_staged_finds_tables_that_are_not_the_files(tmp_path: Path):
    tables = build_tables(sample_docs())
    root = tmp_path / "pkg"
    stage_package(tables, root)
    other = dict(tables)
    other["clauses"] = tables["clauses"].slice(0, tables["clauses"].num_rows - 1)
    failures = verify_staged(root, other)
    assert ("data/clauses.parquet", "clauses", "rows_differ") in flatten(failures, WHERE)
    assert ("aidecl.duckdb", "clauses", "row_count") in flatten(failures, WHERE)


def test_verify_staged_finds_a_tampered_file(tmp_path: Path):
    tables = build_tables(sample_docs())
    root = tmp_path / "pkg"
    stage_package(tables, root)
    csv = root / "data" / "dates.csv"
    csv.write_bytes(csv.read_bytes().replace(b"2024", b"2025", 1))
    assert flatten(verify_staged(root, tables), WHERE) == [("data/dates.csv", "dates", "sha256")]


def test_prechecked_publish_gives_the_same_package(tmp_path: Path, staged: Path):
    out = tmp_path / "pkg"
    publish_package(build_tables(sample_docs()), out, frictionless=False, prechecked=True)
    assert package_files(out) == package_files(staged)


def test_parquet_equals_compares_batch_by_batch(tmp_path: Path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from aidecl_data.publish.checks.package import parquet_equals

    table = pa.table({"n": pa.array(range(10), pa.int64()), "s": [str(i) for i in range(10)]})
    path = tmp_path / "t.parquet"
    pq.write_table(table, path, row_group_size=3)
    assert parquet_equals(path, table, batch_rows=4)
    changed = table.set_column(0, "n", pa.array([*range(9), 99], pa.int64()))
    assert not parquet_equals(path, changed, batch_rows=4)  # differs in the last batch
    assert not parquet_equals(path, table.slice(0, 9), batch_rows=4)
    retyped = table.set_column(0, "n", pa.array(range(10), pa.int32()))
    assert not parquet_equals(path, retyped, batch_rows=4)
