"""Datasette metadata for a package's SQLite copy: descriptions, facets, search, queries.

Built from the copy itself (``_aidecl_descriptions`` holds the DuckDB comments, which are
the schema's descriptions; ``_aidecl_meta`` the version and content hash), so the
explorer describes whatever tables the served package has. Facets are chosen by column
name: a table gets a facet for each of ``FACET_COLUMNS`` it has (the annotation tables'
``act`` and ``theme`` included, once they exist); ``clause_search`` facets on the JSON
arrays of countries, acts and themes.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from aidecl_data.explore.queries import CANNED
from aidecl_data.explore.sqlite_export import DESCRIPTIONS_TABLE, META_TABLE, SEARCH_TABLE

DATABASE = "aidecl"
FACET_COLUMNS = (
    "document_title",
    "document_id",
    "language",
    "document_type",
    "year",
    "iso3",
    "role",
    "entity_type",
    "act",
    "theme",
    "actor",
    "primary_act",
    "kind",
    "precision",
    "initiative_name",
)
MAX_FACETS = 5
ARRAY_FACETS = ("countries", "acts", "themes")
SEARCH_DESCRIPTION = (
    "Search the texts: every clause with its document's title, language, type and year, "
    "its section heading, the countries that signed its document and (when the package "
    "has them) its acts and themes. Type words in the search box (accents optional); "
    "narrow down with the facets; click a clause id to read it in its document."
)


def read_meta(con: sqlite3.Connection) -> dict[str, str]:
    return dict(con.execute(f"SELECT key, value FROM {META_TABLE}").fetchall())


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]


def _facets(con: sqlite3.Connection, table: str) -> list[Any]:
    """The table's facet columns, its own single-column primary key aside."""
    info = con.execute(f'PRAGMA table_info("{table}")').fetchall()
    pk = [r[1] for r in info if r[5]]
    columns = [r[1] for r in info if [r[1]] != pk]
    return [c for c in FACET_COLUMNS if c in columns][:MAX_FACETS]


def build_metadata(con: sqlite3.Connection) -> dict[str, Any]:
    meta = read_meta(con)
    tables: dict[str, dict[str, Any]] = {}
    materialized = {
        r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    for kind, name, col, text in con.execute(
        f"SELECT kind, name, col, description FROM {DESCRIPTIONS_TABLE}"
    ):
        entry = tables.setdefault(name, {"columns": {}})
        if col:
            entry["columns"][col] = text
        else:
            copied = kind == "view" and name in materialized  # a table here, a view in DuckDB
            entry["description"] = ("View, materialized: " if copied else "") + text
    for name, entry in tables.items():
        entry["facets"] = _facets(con, name)
    search_cols = _columns(con, SEARCH_TABLE)
    if search_cols:
        tables[SEARCH_TABLE] = {
            "title": "Search the texts",
            "description": SEARCH_DESCRIPTION,
            "fts_table": f"{SEARCH_TABLE}_fts",
            "fts_pk": "rowid",
            "facets": [
                c
                for c in ("document_title", "language", "document_type", "year")
                if c in search_cols
            ]
            + [{"array": c} for c in ARRAY_FACETS if c in search_cols],
        }
    tables[META_TABLE] = {"hidden": True}
    tables[DESCRIPTIONS_TABLE] = {"hidden": True}
    queries = {name: dict(q) for name, q in CANNED.items()}
    return {
        "title": "aidecl-data: diplomatic texts on artificial intelligence",
        "description_html": (
            "Declarations, joint statements and roadmaps on AI and digital cooperation, "
            "parsed clause by clause. "
            + (f"Version {meta.get('version')}" if meta.get("version") else "")
        ),
        "license": "ODC-BY-1.0",
        "license_url": "https://opendatacommons.org/licenses/by/1-0/",
        "source": "The texts' publishers (see the documents table)",
        "source_url": f"/{DATABASE}/documents",
        "databases": {DATABASE: {"tables": tables, "queries": queries}},
    }
