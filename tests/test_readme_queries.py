"""Every example query of README.md runs and answers something.

Queries on the clause act and theme tables (``clause_acts``, ``clause_themes``,
``clause_profile``) run on a package built here from ``documents/`` (the committed
package is rebuilt by the lead after merging); the others on the committed package.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aidecl_data.explore.query import run_query
from aidecl_data.parse.document import parse_document
from aidecl_data.publish import publish_package
from aidecl_data.publish.tables import build_tables
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Example queries are the ```sql blocks of README; each must return at least one row.
QUERIES = re.findall(r"```sql\n(.*?)```", README, flags=re.S)


def test_readme_has_five_example_queries():
    assert len(QUERIES) >= 5


CLAUSE_TABLES = re.compile(r"\bclause_(?:acts|themes|profile)\b")


@pytest.fixture(scope="module")
def fresh_package(tmp_path_factory):
    """The package of ``documents/`` as this branch builds it."""
    docs = [
        parse_document(p.read_bytes(), p.stem.lower(), p.name)
        for p in sorted((ROOT / "documents").glob("*.txt"))
    ]
    out = tmp_path_factory.mktemp("readme") / "datapackage"
    publish_package(build_tables(docs), out)
    return out


def _run(sql: str, fresh: Path) -> list[dict]:
    package = fresh if CLAUSE_TABLES.search(sql) else ROOT / "datapackage"
    return json.loads(run_query(package, sql, fmt="json"))


@pytest.mark.parametrize("sql", QUERIES, ids=[f"query_{i + 1}" for i in range(len(QUERIES))])
def test_readme_query_answers(sql: str, fresh_package):
    rows = _run(sql, fresh_package)
    assert rows, f"README query returned no row:\n{sql}"


def _query(words: str) -> str:
    found = [q for q in QUERIES if words in q]
    assert len(found) == 1, f"no single README query with {words!r}"
    return found[0]


def test_commitments_on_ai_safety(fresh_package):
    rows = _run(_query("list_contains(p.themes, 'safety')"), fresh_package)
    assert all(r["primary_act"] in ("COMMIT", "AGREE_DECIDE", "INTEND") for r in rows)
    by_text = {r["text"][:60]: r for r in rows}
    # read in the texts: France and China commit to face the risks of AI (7 May 2024) ...
    china = next(r for t, r in by_text.items() if t.startswith("Les deux pays reconnaissent pl"))
    assert (china["primary_act"], china["actor"], china["date"]) == (
        "COMMIT",
        "collective",
        "2024-05-07",
    )
    assert china["signatories"] == "China, France"
    assert china["evidence"] == "s'engagent"
    # ... and the Paris summit's "Nous continuerons de traiter les risques" (11 Feb 2025)
    paris = next(r for t, r in by_text.items() if t.startswith("Pour que nous puissions"))
    assert (paris["primary_act"], paris["evidence"], paris["date"]) == (
        "INTEND",
        "continuerons",
        "2025-02-11",
    )
    assert "India" in paris["signatories"] and "France" in paris["signatories"]
    # a clause about skills that merely says "safe" is not on safety
    assert not any("compétences" in r["text"] and "sûr" not in r["text"] for r in rows)


def test_clauses_signed_by_country_and_act(fresh_package):
    rows = {
        r["iso3"]: r for r in _run(_query("FILTER (WHERE p.primary_act = 'COMMIT')"), fresh_package)
    }
    acts = (
        "COMMIT",
        "AGREE_DECIDE",
        "INTEND",
        "CALL_FOR",
        "ENCOURAGE",
        "SUPPORT_WELCOME",
        "RECOGNIZE_AFFIRM",
        "NOTE",
        "NONE",
    )
    for r in rows.values():
        assert sum(r[a] for a in acts) == r["clauses"]
    # France is a party to all five texts (18 + 16 + 13 + 42 + 18 clauses), India to three
    assert rows["FRA"]["clauses"] == 107
    assert rows["IND"]["clauses"] == 18 + 16 + 42
    assert rows["CHN"]["clauses"] == 16 + 13  # the Paris summit and the 2024 joint text
    # the France-China text commits ("s'engagent", "sont pleinement engagés") in 3 clauses
    assert rows["CHN"]["COMMIT"] >= 3
    assert next(iter(rows)) == "FRA"
