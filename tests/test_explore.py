"""The explorer's pieces without a browser: the SQLite copy, highlights, the reader, the
metadata Datasette gets, the canned queries and the overview's charts."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import duckdb
import pytest

from aidecl_data.explore.datasette_metadata import build_metadata
from aidecl_data.explore.highlights import Highlight, locate, marked_html, place, segments
from aidecl_data.explore.overview import build_charts, figures
from aidecl_data.explore.queries import CANNED
from aidecl_data.explore.reader import read_document
from aidecl_data.explore.sqlite_export import ensure_sqlite
from tests.conftest import CORPUS
from tests.release_fixtures import DECL_A, ROADMAP_B, build_package, build_package_from_files


def row_url(table: str, row: dict) -> str:
    return f"/{table}/{row.get('rowid') or row.get('clause_id') or row.get('document_id')}"


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("explore") / "pkg"
    return build_package(root, {"decl_a": DECL_A, "roadmap_b": ROADMAP_B})


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "pkg"
    return ensure_sqlite(build_package_from_files(root, sorted(CORPUS.glob("*.txt"))))


def _names(con: sqlite3.Connection, kind: str = "table") -> set[str]:
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def test_sqlite_copy_holds_every_table_and_view(small):
    path = ensure_sqlite(small)
    assert path == small / "aidecl.sqlite"
    duck = duckdb.connect(str(small / "aidecl.duckdb"), read_only=True)
    tables = {r[0] for r in duck.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    views = {
        r[0]
        for r in duck.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    }
    duck.close()
    con = sqlite3.connect(path)
    assert tables | views <= _names(con) | _names(con, "view")
    # views SQLite runs alike stay views (no copy of the clauses' text), others are tables
    assert {"clause_context", "document_signatories"} <= _names(con, "view")
    assert "document_summary" in _names(con)  # count_star(): DuckDB only
    for table in tables:
        want = duckdb.connect(str(small / "aidecl.duckdb"), read_only=True).execute(
            f'SELECT count(*) FROM "{table}"'
        )
        assert con.execute(f'SELECT count(*) FROM "{table}"').fetchone() == want.fetchone()
    # foreign keys carried over: Datasette links a clause's document_id to its document
    fks = con.execute("PRAGMA foreign_key_list(clauses)").fetchall()
    assert ("documents", "document_id", "document_id") in {(f[2], f[3], f[4]) for f in fks}


def test_sqlite_copy_is_deterministic_and_follows_the_package(small, tmp_path):
    first = ensure_sqlite(small).read_bytes()
    ensure_sqlite(small).unlink()
    assert ensure_sqlite(small).read_bytes() == first
    other = build_package(tmp_path / "other", {"decl_a": DECL_A})
    assert (
        hashlib.sha256(ensure_sqlite(other).read_bytes()).digest() != hashlib.sha256(first).digest()
    )
    # the package changes in place: its copy is rebuilt
    shutil.rmtree(other)
    shutil.copytree(small, other)
    assert ensure_sqlite(other).read_bytes() == first


def test_full_text_search_folds_accents(small):
    con = sqlite3.connect(ensure_sqlite(small))
    hits = con.execute(
        "SELECT s.clause_id FROM clause_search s JOIN clause_search_fts f ON f.rowid = s.rowid "
        "WHERE clause_search_fts MATCH 'cybersecurite'"
    ).fetchall()
    assert hits == [("roadmap_b/para_1",)]
    row = con.execute(
        "SELECT document_title, language, year, countries FROM clause_search "
        "WHERE clause_id = 'roadmap_b/para_1'"
    ).fetchone()
    assert row == (
        "Feuille de route franco-japonaise sur le numérique",
        "fr",
        "2025",
        '["FRA","JPN"]',
    )


@pytest.mark.parametrize(
    ("text", "quote", "expected", "span"),
    [
        ("Le 3 mars et le 3 mars.", "3 mars", 14, (16, 22)),  # the occurrence nearest
        ("Le 3 mars et le 3 mars.", "3 mars", 0, (3, 9)),
        ("le **Partenariat mondial**", "Partenariat\nmondial", 3, (5, 24)),  # wraps, markup
        ("rien ici", "G7", 0, None),
        ("x", "…", 0, None),
    ],
)
def test_locate(text, quote, expected, span):
    assert locate(text, quote, expected) == span


def test_overlapping_highlights_split_into_segments():
    a = Highlight("dates", "2025", "mars 2025", 0, "/d/1")
    b = Highlight("clause_themes", "safety", "2025 sûr", 0, "/t/1")
    text = "En mars 2025 sûr."
    assert place(text, 0, [a, b]) == []
    segs = [(s.text, [h.table for h in s.marks]) for s in segments(text, [a, b])]
    assert segs == [
        ("En ", []),
        ("mars ", ["dates"]),
        ("2025", ["dates", "clause_themes"]),
        (" sûr", ["clause_themes"]),
        (".", []),
    ]
    c = Highlight("dates", "x", "b", 0, "/d?x=1&y=2")
    place("a < b", 0, [c])
    html = marked_html("a < b", [c])
    assert html == 'a &lt; <a class="hl hl-dates" href="/d?x=1&amp;y=2" title="dates: x">b</a>'


def test_reader_puts_each_extraction_on_its_words(small):
    con = sqlite3.connect(ensure_sqlite(small))
    page = read_document(con, "decl_a", row_url)
    clauses = [b for b in page["blocks"] if b["type"] == "clause"]
    assert [b["clause_id"] for b in clauses] == [f"decl_a/para_{i}" for i in (1, 2, 3)]
    chips = {b["clause_id"]: [(c["table"], c["label"]) for c in b["chips"]] for b in clauses}
    assert chips["decl_a/para_1"] == [
        ("clause_acts", "COMMIT: “s'engagent”"),
        ("signatories", "France (FRA), party"),
        ("signatories", "India (IND), party"),
    ]
    assert chips["decl_a/para_2"] == [
        ("clause_acts", "SUPPORT_WELCOME: “saluent”"),
        ("initiative_mentions", "Partenariat mondial sur l'intelligence artificielle"),
    ]
    assert chips["decl_a/para_3"] == [
        ("clause_acts", "AGREE_DECIDE: “conviennent”"),
        ("dates", "2026 = 2026-01-01 to 2026-12-31"),
    ]
    assert '<a class="hl hl-dates" href="/dates/' in clauses[2]["html"]
    assert ">2026</a>." in clauses[2]["html"]
    # the dateline's date is not in a clause: listed above the text
    assert [(o["table"], o["label"]) for o in page["outside"]] == [
        ("dates", "3 mars 2025 = 2025-03-03")
    ]
    assert read_document(con, "nothing", row_url) is None


def test_reader_shows_headings_items_and_notes(corpus_db):
    con = sqlite3.connect(corpus_db)

    def page_of(table: str) -> dict:
        doc = con.execute(
            f"SELECT document_id FROM {table} GROUP BY 1 ORDER BY count(*) DESC, 1"
        ).fetchone()[0]
        return read_document(con, doc, row_url)

    blocks = page_of("sections")["blocks"]
    headings = [i for i, b in enumerate(blocks) if b["type"] == "heading"]
    assert headings and headings[-1] < len(blocks) - 1  # clauses follow their heading
    noted = [n for b in page_of("notes")["blocks"] if b["type"] == "clause" for n in b["notes"]]
    assert noted and all(n["anchor"].startswith("note-") for n in noted)
    items = page_of("clauses")["blocks"]
    assert any(b.get("depth", 0) > 0 for b in items)  # list items under their lead-in
    # every extraction whose span lies in its clause is marked on its words in the text
    inside = 0
    for d in [r[0] for r in con.execute("SELECT document_id FROM documents")]:
        for b in read_document(con, d, row_url)["blocks"]:
            if b["type"] == "clause":
                lost = [c for c in b["chips"] if c["inside"] and not c["inline"]]
                assert not lost, (b["clause_id"], lost)
                inside += sum(c["inside"] for c in b["chips"])
    assert inside > 100


def test_annotation_tables_get_facets_highlights_and_charts(small, tmp_path):
    """The explorer shows ``clause_acts``/``clause_themes`` rows it did not know of: a
    theme written into the package by hand gets its facet, highlight and chart."""
    pkg = tmp_path / "pkg"
    shutil.copytree(small, pkg)
    (pkg / "aidecl.sqlite").unlink(missing_ok=True)
    duck = duckdb.connect(str(pkg / "aidecl.duckdb"))
    duck.execute("DELETE FROM clause_themes")
    start = DECL_A.index("coopérer")
    duck.execute(
        "INSERT INTO clause_themes VALUES ('decl_a/para_1', 'decl_a', 'research_science', "
        "'coopérer', ?, ?)",
        [start, start + len("coopérer")],
    )
    duck.close()
    con = sqlite3.connect(ensure_sqlite(pkg))
    assert con.execute(
        "SELECT themes FROM clause_search WHERE clause_id = 'decl_a/para_1'"
    ).fetchone() == ('["research_science"]',)
    meta = build_metadata(con)["databases"]["aidecl"]["tables"]
    assert meta["clause_themes"]["facets"] == ["document_id", "theme"]
    assert {"array": "themes"} in meta["clause_search"]["facets"]
    page = read_document(con, "decl_a", row_url)
    first = page["blocks"][0]
    assert ("clause_themes", "research_science: “coopérer”") in [
        (c["table"], c["label"]) for c in first["chips"]
    ]
    assert 'class="hl hl-clause_themes"' in first["html"]
    assert "clause_themes" in [c.name for c in build_charts(con)]


def test_metadata_describes_tables_and_columns(small):
    con = sqlite3.connect(ensure_sqlite(small))
    meta = build_metadata(con)
    tables = meta["databases"]["aidecl"]["tables"]
    assert tables["clauses"]["description"].startswith("The body text in reading order")
    assert "Akoma Ntoso" in tables["clauses"]["columns"]["clause_id"]
    assert tables["document_summary"]["description"].startswith("View, materialized: ")
    assert tables["clause_context"]["description"].startswith("Every clause with its")
    assert tables["documents"]["facets"] == ["language", "document_type"]
    assert tables["signatories"]["facets"] == ["document_id", "iso3", "role", "entity_type"]
    assert tables["clause_search"]["fts_table"] == "clause_search_fts"
    assert tables["_aidecl_meta"] == {"hidden": True}
    assert set(meta["databases"]["aidecl"]["queries"]) == set(CANNED)


@pytest.mark.parametrize("name", sorted(CANNED))
def test_canned_queries_run(corpus_db, name):
    con = sqlite3.connect(corpus_db)
    params = {"country": "India", "word": "cybersecurite"}
    rows = con.execute(CANNED[name]["sql"], params).fetchall()
    assert rows, name  # each question has answers in the corpus


def test_canned_queries_match_the_readme_answers(corpus_db):
    """The SQLite translations give the DuckDB answers of the README's questions."""
    con = sqlite3.connect(corpus_db)
    duck = duckdb.connect(str(corpus_db.parent / "aidecl.duckdb"), read_only=True)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```sql\n")[1:6]
    duck_sql = [b.split("```", 1)[0] for b in blocks]
    names = [
        "hiroshima_signatories",
        "initiatives_in_several_texts",
        "open_source_clauses",
        "dated_in_2025",
        "parties_of_bilateral_texts",
    ]
    for name, sql in zip(names, duck_sql, strict=True):
        want = [tuple(str(v) for v in r) for r in duck.execute(sql).fetchall()]
        got = [tuple(str(v) for v in r) for r in con.execute(CANNED[name]["sql"]).fetchall()]
        assert sorted(got) == sorted(want), name  # the README's ORDER BY leaves ties


def test_overview_charts_are_svg(corpus_db):
    con = sqlite3.connect(corpus_db)
    charts = build_charts(con)
    assert [c.name for c in charts] == [
        "documents_by_year",
        "top_signatories",
        "cosignatures",
        "top_initiatives",
        "clause_acts",
        "clause_themes",
    ]
    assert all(c.svg.startswith("<svg") and c.rows for c in charts)
    assert dict(figures(con))["documents"] == 5
    top = charts[1].rows[0]
    assert (top["iso3"], top["documents"]) == ("FRA", 5)  # France signs all five texts


def test_serve_refuses_a_folder_without_a_package(tmp_path, capsys):
    from pipelines.cli import main

    assert main(["serve", "--package", str(tmp_path), "--port", "1"]) == 1
    assert "not a package folder, release folder or release archive" in capsys.readouterr().err


def test_serve_opens_a_release_archive(small, tmp_path, monkeypatch):
    """``--package`` takes a release: the archive is unpacked and served as it was cited."""
    import datetime as dt

    cache = tmp_path / "tmp"
    cache.mkdir()
    monkeypatch.setenv("AIDECL_CACHE_DIR", str(cache))  # the unpack cache, not the user's

    from aidecl_data.explore.serve import unpack_release
    from aidecl_data.publish.release import make_release

    result = make_release(small, tmp_path / "rel", now=dt.datetime(2026, 12, 6, tzinfo=dt.UTC))
    folder = unpack_release(result.path)
    con = sqlite3.connect(ensure_sqlite(folder))
    meta = dict(con.execute("SELECT key, value FROM _aidecl_meta").fetchall())
    assert (meta["version"], meta["created"]) == ("2026.12.0", "2026-12-06T00:00:00Z")
    assert unpack_release(result.archive) == folder
    unpacked = [p.name for p in (cache / "releases").iterdir()]
    assert unpacked == [folder.parent.name]  # no partial unpack left
