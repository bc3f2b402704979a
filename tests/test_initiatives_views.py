"""The entity views run on small in-memory DuckDB tables and answer their questions."""

from __future__ import annotations

import duckdb
import pytest

from aidecl_data.parse.entities.views import ENTITY_VIEWS, EXAMPLE_HIROSHIMA_SQL


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    c.execute("CREATE TABLE documents (document_id VARCHAR, title VARCHAR, date DATE)")
    c.execute(
        "CREATE TABLE signatories (document_id VARCHAR, ordinal INT, name VARCHAR, "
        "name_en VARCHAR, iso3 VARCHAR, entity_type VARCHAR, role VARCHAR, entity_id VARCHAR, "
        "initiative_id VARCHAR, clause_id VARCHAR, char_start INT, char_end INT)"
    )
    c.execute("CREATE TABLE initiatives (initiative_id VARCHAR, name VARCHAR, kind VARCHAR)")
    c.execute(
        "CREATE TABLE initiative_mentions (mention_id VARCHAR, initiative_id VARCHAR, "
        "document_id VARCHAR, clause_id VARCHAR, text VARCHAR, char_start INT, char_end INT)"
    )
    c.execute("CREATE TABLE clauses (clause_id VARCHAR, document_id VARCHAR, text VARCHAR)")
    c.execute("CREATE TABLE dates (date_id VARCHAR, document_id VARCHAR, start_date DATE)")
    c.execute(
        "INSERT INTO documents VALUES ('a', 'Déclaration A', '2025-02-11'), "
        "('b', 'Déclaration B', '2025-04-01'), ('c', 'Texte C', NULL)"
    )
    c.execute(
        "INSERT INTO signatories VALUES "
        "('a', 1, 'Japon', 'Japan', 'JPN', 'state', 'signatory', 'JPN', NULL, NULL, 0, 5), "
        "('a', 2, 'Union européenne', 'European Union', NULL, 'organisation', 'signatory', "
        "'org-european-union', NULL, NULL, 6, 9), "
        "('a', 3, 'Kenya', 'Kenya', 'KEN', 'state', 'founding_member', 'KEN', 'x-init', "
        "NULL, 10, 15), "
        "('b', 1, 'France', 'France', 'FRA', 'state', 'party', 'FRA', NULL, NULL, 0, 6), "
        "('b', 2, 'Inde', 'India', 'IND', 'state', 'party', 'IND', NULL, NULL, 9, 13), "
        "('c', 1, 'Chine', 'China', 'CHN', 'state', 'party', 'CHN', NULL, NULL, 0, 5)"
    )
    c.execute(
        "INSERT INTO initiatives VALUES ('processus-hiroshima-ia', 'Processus d''Hiroshima', "
        "'process'), ('x-init', 'Initiative X', 'initiative')"
    )
    c.execute(
        "INSERT INTO initiative_mentions VALUES "
        "('a/mention_1', 'processus-hiroshima-ia', 'a', 'a/para_1', 'processus', 0, 9), "
        "('a/mention_2', 'processus-hiroshima-ia', 'a', 'a/para_2', 'processus', 20, 29), "
        "('b/mention_1', 'processus-hiroshima-ia', 'b', NULL, 'processus', 0, 9)"
    )
    for name, _, sql in ENTITY_VIEWS:
        c.execute(f"CREATE VIEW {name} AS {sql}")
    return c


def test_views_are_described_and_named_uniquely() -> None:
    names = [n for n, _, _ in ENTITY_VIEWS]
    assert len(names) == len(set(names))
    assert all(d and s.strip().upper().startswith("SELECT") for _, d, s in ENTITY_VIEWS)


def test_document_signatories(con) -> None:
    rows = con.execute(
        "SELECT document_id, ordinal, role, iso3 FROM document_signatories"
    ).fetchall()
    assert rows[:2] == [("a", 1, "signatory", "JPN"), ("a", 2, "signatory", None)]
    assert len(rows) == 6


def test_initiative_documents(con) -> None:
    rows = con.execute(
        "SELECT document_id, CAST(document_date AS VARCHAR), mentions, clause_ids "
        "FROM initiative_documents WHERE initiative_id = 'processus-hiroshima-ia'"
    ).fetchall()
    assert rows == [("a", "2025-02-11", 2, "a/para_1, a/para_2"), ("b", "2025-04-01", 1, None)]


def test_initiative_countries(con) -> None:
    rows = con.execute(
        "SELECT initiative_id, iso3, roles FROM initiative_countries ORDER BY 1, 2"
    ).fetchall()
    assert rows == [
        ("processus-hiroshima-ia", "FRA", "party"),
        ("processus-hiroshima-ia", "IND", "party"),
        ("processus-hiroshima-ia", "JPN", "signatory"),
        ("x-init", "KEN", "founding_member"),
    ]


def test_hiroshima_example(con) -> None:
    rows = con.execute(EXAMPLE_HIROSHIMA_SQL).fetchall()
    assert [(r[0], r[3]) for r in rows] == [("JPN", "a"), ("FRA", "b"), ("IND", "b")]


def test_views_compile_against_the_published_schema() -> None:
    from aidecl_data.publish.schema import duckdb_ddl

    c = duckdb.connect()
    c.execute(duckdb_ddl())
    for name, _, sql in ENTITY_VIEWS:
        c.execute(f"CREATE VIEW {name} AS {sql}")
        assert c.execute(f"SELECT count(*) FROM {name}").fetchone() == (0,)
