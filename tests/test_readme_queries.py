"""The example queries of README.md: each runs and answers something, and the questions
of the "Querying" section give the facts the seed texts state.

Queries on the clause act and theme tables (``clause_acts``, ``clause_themes``,
``clause_profile``) run on a package built here from ``documents/`` (the committed
package is rebuilt by the lead after merging); the others on the committed package. The
five first questions are checked against what the five seed texts of ``documents/`` say,
read in the gold files (``tests/gold/structure``, ``dates``, ``entities``), never against
the parser: rows of other documents (the real corpus) are left out of the comparison, so
the facts hold however many texts the package holds.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
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
PACKAGE = ROOT / "datapackage"
GOLD = ROOT / "tests" / "gold"
SEEDS = sorted(p.stem for p in (GOLD / "structure").glob("0*.json"))  # the five seed texts


def _gold(kind: str, doc_id: str) -> dict:
    return json.loads((GOLD / kind / f"{doc_id}.json").read_text(encoding="utf-8"))


def _entities(name: str) -> dict:
    return json.loads((GOLD / "entities" / f"{name}.json").read_text(encoding="utf-8"))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split()).casefold()


def _rows(sql: str) -> list[dict]:
    return json.loads(run_query(PACKAGE, sql, fmt="json"))


def _seed_rows(sql: str) -> list[dict]:
    return [r for r in _rows(sql) if r["document_id"] in SEEDS]


def _date(doc_id: str) -> str | None:
    return _gold("structure", doc_id)["date"] or None


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


def test_hiroshima_signatories():
    """001 and 004 mention the Hiroshima process; every coded signatory row of them, once."""
    mentions = _entities("initiatives")["cross_document"]["processus-hiroshima-ia"]
    docs = sorted(d for d in mentions if d in SEEDS)
    assert docs == ["001_1a389439d4f9db67", "004_93c8d6fe22a95fba"]
    sig = _entities("signatories")
    expected = Counter(
        (s["iso3"] if isinstance(s, dict) else s, role, doc, _date(doc))
        for doc in docs
        for role, rows in sig[doc].items()
        for s in rows
        if (s["iso3"] if isinstance(s, dict) else s)
    )
    assert sum(expected.values()) == 58 + 2 + 9 + 2  # signatories, co-chairs, founders; FRA, JPN
    got = Counter(
        (r["iso3"], r["role"], r["document_id"], r["date"]) for r in _seed_rows(_query("hiroshima"))
    )
    assert got == expected


# (document, mention as written there) -> the seed texts that name the same initiative.
MULTI_DOCUMENT = {
    ("000_bc9b0feb0189aed7", "Charte des Nations Unies"): {"000", "002", "003"},
    ("000_bc9b0feb0189aed7", "Sommet pour l'action sur l'intelligence artificielle"): {
        "000",
        "001",
        "004",
    },
    ("001_1a389439d4f9db67", "G7"): {"001", "003", "004"},
    ("001_1a389439d4f9db67", "G20"): {"001", "003", "004"},
    ("004_93c8d6fe22a95fba", "Organisation des Nations Unies"): {"002", "003", "004"},
    ("001_1a389439d4f9db67", "Organisation de coopération et de développement économiques"): {
        "001",
        "004",
    },
    ("001_1a389439d4f9db67", "objectifs de développement durable"): {"001", "002"},
    ("001_1a389439d4f9db67", "Pacte de Paris pour les peuples et la planète"): {"001", "002"},
    ("001_1a389439d4f9db67", "processus de Hiroshima sur l'intelligence artificielle"): {
        "001",
        "004",
    },
    (
        "001_1a389439d4f9db67",
        "recommandation de l'UNESCO sur l'éthique de l'intelligence artificielle",
    ): {"001", "002"},
    ("001_1a389439d4f9db67", "Conférence mondiale sur l'IA"): {"001", "002"},
    ("001_1a389439d4f9db67", "dialogue mondial sur la gouvernance de l'IA"): {"001", "004"},
}


def test_initiatives_named_in_several_texts():
    """The twelve initiatives that two or more seed texts name (gold mentions), each with
    exactly its seed texts; "Nations unies", "Nations Unies" and "Organisation des Nations
    Unies" are the same body."""
    gold_mentions = _entities("initiatives")["mentions"]
    for doc, text in MULTI_DOCUMENT:  # the expectations are read in the gold mentions
        assert _fold(text) in {_fold(m["text"]) for m in gold_mentions[doc]}
    for key, docs in _entities("initiatives")["cross_document"].items():
        assert {d[:3] for d in docs if d in SEEDS} in MULTI_DOCUMENT.values(), key

    seed_docs = {
        r["name"]: {d[:3] for d in r["in_documents"].split(", ") if d in SEEDS}
        for r in _rows(_query("HAVING count(DISTINCT m.document_id) > 1"))
    }
    seed_docs = {name: docs for name, docs in seed_docs.items() if len(docs) > 1}
    mention_rows = _rows(
        "SELECT m.document_id, m.text, i.name FROM initiative_mentions m "
        "JOIN initiatives i USING (initiative_id)"
    )
    name_of = {(r["document_id"], _fold(r["text"])): r["name"] for r in mention_rows}
    for (doc, text), docs in MULTI_DOCUMENT.items():
        name = name_of.get((doc, _fold(text)))
        assert name is not None, f"no mention {text!r} in {doc}"
        assert seed_docs.get(name) == docs, (text, name, seed_docs.get(name))
    assert len(seed_docs) == len(MULTI_DOCUMENT), sorted(seed_docs)


def test_open_source_clauses():
    """Read in the texts: "ouverts" in 000's second research item and in 001's first
    paragraph, "source ouverte" in 000's last item; no other clause of the seeds says
    "ouverts", "source ouverte" or "open source"."""
    expected = {
        "000_bc9b0feb0189aed7/para_5__list_1__point_2": "pour approfondir les partenariats",
        "000_bc9b0feb0189aed7/para_5__list_1__point_6": "pour continuer de soutenir",
        "001_1a389439d4f9db67/para_1": "Les participants de plus de 100 pays",
    }
    for clause_id, first in expected.items():  # the clause ids are the gold eids
        doc, eid = clause_id.split("/")
        gold = {c["eid"]: c["first"] for c in _gold("structure", doc)["clauses"]}
        assert _fold(gold[eid]).startswith(_fold(first))
    rows = [r for r in _rows(_query("open source")) if r["clause_id"].split("/")[0] in SEEDS]
    assert [r["clause_id"] for r in rows] == sorted(expected)
    for r in rows:
        assert _fold(r["text"]).startswith(_fold(expected[r["clause_id"]]))
        gold_title = _gold("structure", r["clause_id"].split("/")[0])["title"]
        assert _fold(r["title"]) == _fold(gold_title)
        assert r["heading"] is None


def test_dates_of_2025():
    """Every date expression of the seeds that starts in 2025, as in the dates gold."""
    expected = Counter(
        (d["start_date"], d["end_date"], d["precision"], d["text"], doc)
        for doc in SEEDS
        for d in _gold("dates", doc)["dates"]
        if (d["start_date"] or "").startswith("2025")
    )
    assert sum(expected.values()) == 10
    rows = _seed_rows(_query("DATE '2025-01-01'"))
    got = Counter(
        (r["start_date"], r["end_date"], r["precision"], r["text"], r["document_id"]) for r in rows
    )
    assert got == expected
    assert [r["start_date"] for r in rows] == sorted(r["start_date"] for r in rows)


def test_parties_and_clause_counts_of_bilateral_texts():
    """The four bilateral seeds: their two parties, date and number of clauses (gold)."""
    sig = _entities("signatories")
    expected = {
        doc: (
            ", ".join(sorted(sig[doc]["party"])),
            _date(doc),
            len(_gold("structure", doc)["clauses"]),
        )
        for doc in SEEDS
        if sig[doc]["party"]
    }
    assert expected == {
        "000_bc9b0feb0189aed7": ("FRA, IND", "2025-02-12", 18),
        "002_005aedb553b34193": ("CHN, FRA", "2024-05-07", 13),
        "003_d31d5ff027f99deb": ("FRA, IND", None, 42),
        "004_93c8d6fe22a95fba": ("FRA, JPN", None, 18),
    }
    rows = _seed_rows(_query("s.role = 'party'"))
    got = {r["document_id"]: (r["parties"], r["date"], r["clauses"]) for r in rows}
    assert got == expected
    dated = [r["date"] for r in rows if r["date"]]
    assert dated == sorted(dated) and rows[-1]["date"] is None  # ORDER BY date, undated last
