"""Read-only SQL over a package: three output formats, one-line errors, no writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aidecl_data.explore.query import QueryError, format_rows, run_query
from aidecl_data.publish import stage_package
from aidecl_data.publish.tables import build_tables
from tests.fixtures_publish import sample_docs


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("query") / "datapackage"
    stage_package(build_tables(sample_docs()), root)
    return root


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


SQL = "SELECT document_id, ordinal, iso3 FROM signatories ORDER BY ordinal"


def test_table_format(package: Path):
    assert run_query(package, SQL).splitlines() == [
        "document_id | ordinal | iso3",
        "------------+---------+-----",
        "a_decl      |       1 | FRA",
        "a_decl      |       2 | DEU",
        "(2 rows)",
    ]


def test_csv_format(package: Path):
    assert (
        run_query(package, SQL, fmt="csv") == "document_id,ordinal,iso3\na_decl,1,FRA\na_decl,2,DEU"
    )


def test_json_format_types(package: Path):
    out = run_query(
        package,
        "SELECT date_id, start_date, is_relative, clause_id FROM dates ORDER BY date_id",
        fmt="json",
    )
    rows = json.loads(out)
    assert rows[0] == {
        "date_id": "a_decl/date_1",
        "start_date": "2024-02-10",
        "is_relative": False,
        "clause_id": None,
    }
    assert len(rows) == 3


def test_count_answers(package: Path):
    assert json.loads(run_query(package, "select count(*) as n from clauses", fmt="json")) == [
        {"n": 4}
    ]


def test_views_are_queryable(package: Path):
    rows = json.loads(
        run_query(package, "SELECT document_id, clauses, dates FROM document_summary", fmt="json")
    )
    assert rows == [
        {"document_id": "a_decl", "clauses": 3, "dates": 2},
        {"document_id": "b_roadmap", "clauses": 1, "dates": 1},
    ]
    timeline = json.loads(run_query(package, "SELECT expression FROM timeline", fmt="json"))
    assert [r["expression"] for r in timeline] == ["mars 2023", "10 février 2024", "2025"]


def test_table_format_cuts_long_cells_and_shows_null():
    out = format_rows(["a", "b"], [("x" * 200, None)], "table").splitlines()
    assert out[2].startswith("x" * 79 + "…")
    assert out[2].endswith("NULL")


def test_json_keeps_duplicate_column_names_apart():
    assert json.loads(format_rows(["n", "n"], [(1, 2)], "json")) == [{"n": 1, "n_2": 2}]


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("selec 1", "Parser Error"),
        ("SELECT * FROM nowhere", "Catalog Error"),
        ("SELECT nope FROM clauses", "Binder Error"),
        ("", "empty query"),
        ("   ", "empty query"),
    ],
)
def test_bad_sql_is_a_one_line_error(package: Path, sql, message):
    with pytest.raises(QueryError) as err:
        run_query(package, sql)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO initiatives VALUES ('x', 'X', 'other')",
        "UPDATE clauses SET text = 'x'",
        "DELETE FROM documents",
        "DROP TABLE clauses",
        "CREATE TABLE t AS SELECT 1",
        "CREATE VIEW v AS SELECT 1",
        "ALTER TABLE clauses ADD COLUMN x INTEGER",
        "COPY (SELECT 1) TO '{out}/leak.csv'",
        "ATTACH '{out}/other.duckdb' AS other",
        "SET enable_external_access = true",
        "SELECT * FROM read_csv('{out}/../datapackage/data/clauses.csv')",
        "INSTALL httpfs",
    ],
)
def test_writes_and_file_access_are_rejected(package: Path, tmp_path: Path, sql):
    before = _snapshot(package)
    with pytest.raises(QueryError):
        run_query(package, sql.format(out=tmp_path))
    assert _snapshot(package) == before
    assert list(tmp_path.iterdir()) == []


def test_query_without_the_database_uses_the_parquet_files(package: Path, tmp_path: Path):
    copy = tmp_path / "pkg"
    shutil.copytree(package, copy)
    (copy / "aidecl.duckdb").unlink()
    before = _snapshot(copy)
    assert run_query(copy, SQL, fmt="csv") == run_query(package, SQL, fmt="csv")
    with pytest.raises(QueryError, match="read-only"):
        run_query(copy, "DELETE FROM clauses")
    assert _snapshot(copy) == before


@pytest.mark.parametrize("what", ["missing", "empty"])
def test_no_package_is_a_clear_error(tmp_path: Path, what):
    folder = tmp_path / "nothing"
    if what == "empty":
        folder.mkdir()
    with pytest.raises(QueryError, match="no data package"):
        run_query(folder, "SELECT 1")


def test_unknown_format(package: Path):
    with pytest.raises(QueryError, match="unknown format"):
        run_query(package, "SELECT 1", fmt="xml")
