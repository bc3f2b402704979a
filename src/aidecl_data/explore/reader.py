"""The document reader: one document's clauses in reading order, with what was extracted.

``read_document(con, document_id, row_url)`` gathers, from the SQLite copy, everything the
page shows: the document's metadata, its headings and clauses in reading order (list items
indented under their lead-in), footnotes under their clause, and every row that points at a
clause with a span (``dates``, ``initiative_mentions``, ``signatories``, and whichever
annotation tables the package has, such as ``clause_acts`` and ``clause_themes``),
marked in the clause's text and listed beside it, each linked to its own row. Rows without
a clause (a dateline's date, a list of signatories) are listed at the top.

Nothing here knows Datasette: ``row_url(table, row)`` builds the links, so the module is
tested on a plain ``sqlite3`` connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from aidecl_data.explore.highlights import Highlight, marked_html, place

RowUrl = Callable[[str, dict[str, Any]], str]
STRUCTURE = {"documents", "sections", "clauses", "notes", "clause_search"}
# What each table's highlight says, and which words it quotes; other tables fall back
# on their first label-like column.
LABELS: dict[str, tuple[str, str]] = {
    "dates": ("date", "text"),
    "initiative_mentions": ("initiative", "text"),
    "signatories": ("signatory", "name"),
    "clause_acts": ("act", "cue"),
    "clause_themes": ("theme", "evidence"),
}
QUOTE_COLUMNS = ("text", "cue", "evidence", "name")
LABEL_COLUMNS = ("act", "theme", "label", "category", "kind", "name", "text")


def _rows(con: sqlite3.Connection, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]


def span_tables(con: sqlite3.Connection) -> list[str]:
    """Tables whose rows point at a clause with a span: the highlight sources."""
    views = {r[0] for r in con.execute("SELECT name FROM _aidecl_descriptions WHERE kind = 'view'")}
    names = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%' "
            "AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name"
        )
    ]
    need = {"clause_id", "document_id", "char_start", "char_end"}
    return [
        n for n in names if n not in STRUCTURE and n not in views and need <= set(_columns(con, n))
    ]


def _label(table: str, row: dict[str, Any], initiatives: dict[str, str]) -> str:
    if table == "dates":
        when = row.get("start_date") or "unresolved"
        if row.get("end_date") and row["end_date"] != row.get("start_date"):
            when += f" to {row['end_date']}"
        return f"{row['text']} = {when}"
    if table == "initiative_mentions":
        return initiatives.get(row.get("initiative_id") or "", row.get("text") or "")
    if table == "signatories":
        who = row.get("name_en") or row.get("name") or ""
        code = f" ({row['iso3']})" if row.get("iso3") else ""
        return f"{who}{code}, {row.get('role') or ''}".rstrip(", ")
    label = next((row[c] for c in LABEL_COLUMNS if row.get(c)), "")
    quote = next((row[c] for c in QUOTE_COLUMNS if row.get(c)), "")
    return f"{label}: “{quote}”" if quote and quote != label else str(label)


def _highlights(
    con: sqlite3.Connection, document_id: str, row_url: RowUrl
) -> dict[str, list[Highlight]]:
    """Every span row of the document, by clause id ("" for rows outside the clauses)."""
    initiatives = {}
    if "initiatives" in {r[0] for r in con.execute("SELECT name FROM sqlite_master")}:
        initiatives = dict(con.execute("SELECT initiative_id, name FROM initiatives"))
    out: dict[str, list[Highlight]] = {}
    for table in span_tables(con):
        cols = _columns(con, table)
        quote_col = LABELS.get(table, ("", ""))[1] or next(
            (c for c in QUOTE_COLUMNS if c in cols), None
        )
        for row in _rows(
            con,
            f'SELECT rowid AS rowid, * FROM "{table}" WHERE document_id = ? ORDER BY char_start',
            (document_id,),
        ):
            h = Highlight(
                table=table,
                label=_label(table, row, initiatives),
                quote=str(row.get(quote_col) or "") if quote_col else "",
                char_start=int(row["char_start"] or 0),
                href=row_url(table, row),
            )
            out.setdefault(row["clause_id"] or "", []).append(h)
    return out


def _depths(clauses: list[dict[str, Any]]) -> dict[str, int]:
    parent = {c["clause_id"]: c["parent_clause_id"] for c in clauses}
    depth: dict[str, int] = {}
    for cid in parent:
        d, p, seen = 0, parent[cid], set()
        while p and p in parent and p not in seen:
            seen.add(p)
            d, p = d + 1, parent[p]
        depth[cid] = d
    return depth


def _chip(h: Highlight, clause: dict[str, Any]) -> dict[str, Any]:
    """A highlight's label under its clause; ``inside``: its source span lies within the
    clause's (else its words are elsewhere, e.g. a footnote listing the members)."""
    start, end = int(clause["char_start"] or 0), int(clause["char_end"] or 0)
    return {
        "table": h.table,
        "label": h.label,
        "href": h.href,
        "inline": h.start is not None,
        "inside": start <= h.char_start < end,
    }


def anchor(clause_id: str) -> str:
    """The HTML id of a clause in the reader: ``c-`` + its eId."""
    return "c-" + clause_id.split("/", 1)[-1]


def read_document(
    con: sqlite3.Connection, document_id: str, row_url: RowUrl
) -> dict[str, Any] | None:
    """Everything the reader page shows, or None when there is no such document."""
    docs = _rows(
        con, "SELECT rowid AS rowid, * FROM documents WHERE document_id = ?", (document_id,)
    )
    if not docs:
        return None
    doc = docs[0]
    sections = _rows(
        con, "SELECT * FROM sections WHERE document_id = ? ORDER BY ordinal", (document_id,)
    )
    clauses = _rows(
        con, "SELECT * FROM clauses WHERE document_id = ? ORDER BY ordinal", (document_id,)
    )
    notes = _rows(
        con,
        "SELECT rowid AS rowid, * FROM notes WHERE document_id = ? ORDER BY char_start",
        (document_id,),
    )
    by_clause = _highlights(con, document_id, row_url)
    depth = _depths(clauses)
    notes_of: dict[str, list[dict[str, Any]]] = {}
    for i, n in enumerate(notes, 1):
        n["anchor"] = f"note-{i}"
        n["href"] = row_url("notes", n)
        notes_of.setdefault(n.get("clause_id") or "", []).append(n)
    events: list[tuple[int, int, dict[str, Any]]] = []
    for s in sections:
        events.append(
            (
                int(s["char_start"] or 0),
                0,
                {
                    "type": "heading",
                    "level": min(int(s["level"] or 1) + 1, 6),
                    "label": s["label"] or "",
                    "heading": s["heading"],
                    "href": row_url("sections", s),
                },
            )
        )
    counts: dict[str, int] = {}
    for c in clauses:
        marks = by_clause.get(c["clause_id"], [])
        place(c["text"] or "", int(c["char_start"] or 0), marks)
        for h in marks:
            counts[h.table] = counts.get(h.table, 0) + 1
        events.append(
            (
                int(c["char_start"] or 0),
                1,
                {
                    "type": "clause",
                    "clause_id": c["clause_id"],
                    "anchor": anchor(c["clause_id"]),
                    "href": row_url("clauses", c),
                    "label": c["label"] or "",
                    "kind": c["kind"],
                    "depth": depth.get(c["clause_id"], 0),
                    "html": marked_html(c["text"] or "", marks),
                    "chips": [_chip(h, c) for h in marks],
                    "notes": notes_of.get(c["clause_id"], []),
                },
            )
        )
    outside = by_clause.get("", [])
    for h in outside:
        counts[h.table] = counts.get(h.table, 0) + 1
    return {
        "document": doc,
        "document_href": row_url("documents", doc),
        "blocks": [e[2] for e in sorted(events, key=lambda e: (e[0], e[1]))],
        "notes": notes,
        "outside": [{"table": h.table, "label": h.label, "href": h.href} for h in outside],
        "legend": sorted(counts.items()),
        "clause_count": len(clauses),
    }
