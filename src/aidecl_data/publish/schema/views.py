"""DuckDB views published in ``aidecl.duckdb``: the joins a researcher writes first.

Views are plain SQL over the published tables, so they work in any DuckDB holding them.
The entity views (``aidecl_data.parse.entities.views.ENTITY_VIEWS``, a list of
``(name, description, sql)``) are added when that module exists.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class View:
    name: str
    description: str
    sql: str


CORE_VIEWS: tuple[View, ...] = (
    View(
        "document_summary",
        "One row per document: its metadata and how many clauses, notes, signatories, "
        "initiative mentions and dates were extracted from it.",
        """
SELECT d.document_id, d.title, d.document_type, d.language, d.date, d.place,
       d.source_format,
       (SELECT count(*) FROM sections x WHERE x.document_id = d.document_id) AS sections,
       (SELECT count(*) FROM clauses x WHERE x.document_id = d.document_id) AS clauses,
       (SELECT count(*) FROM notes x WHERE x.document_id = d.document_id) AS notes,
       (SELECT count(*) FROM signatories x WHERE x.document_id = d.document_id)
           AS signatories,
       (SELECT count(*) FROM initiative_mentions x WHERE x.document_id = d.document_id)
           AS initiative_mentions,
       (SELECT count(*) FROM dates x WHERE x.document_id = d.document_id) AS dates
FROM documents d
ORDER BY d.date NULLS LAST, d.document_id
""",
    ),
    View(
        "clause_context",
        "Every clause with its document's title and date and its section heading, in "
        "reading order.",
        """
SELECT c.clause_id, c.document_id, d.title AS document_title, d.date AS document_date,
       d.language, c.ordinal, c.kind, c.label, s.heading AS section_heading,
       c.parent_clause_id, c.text
FROM clauses c
JOIN documents d ON d.document_id = c.document_id
LEFT JOIN sections s ON s.section_id = c.section_id
ORDER BY c.document_id, c.ordinal
""",
    ),
    View(
        "state_participation",
        "One row per state (ISO 3166-1 alpha-3): in how many documents it appears as a "
        "party or signatory, with which roles, and the documents.",
        """
SELECT s.iso3, min(s.name_en) AS name_en,
       count(DISTINCT s.document_id) AS documents,
       string_agg(DISTINCT s.role, ', ' ORDER BY s.role) AS roles,
       string_agg(DISTINCT s.document_id, ', ' ORDER BY s.document_id) AS document_ids
FROM signatories s
WHERE s.iso3 IS NOT NULL
GROUP BY s.iso3
ORDER BY documents DESC, s.iso3
""",
    ),
    View(
        "initiative_summary",
        "One row per named initiative: how often and in how many documents it is "
        "mentioned, and the dates of the first and last documents mentioning it.",
        """
SELECT i.initiative_id, i.name, i.kind,
       count(m.mention_id) AS mentions,
       count(DISTINCT m.document_id) AS documents,
       min(d.date) AS first_document_date,
       max(d.date) AS last_document_date
FROM initiatives i
LEFT JOIN initiative_mentions m ON m.initiative_id = i.initiative_id
LEFT JOIN documents d ON d.document_id = m.document_id
GROUP BY i.initiative_id, i.name, i.kind
ORDER BY mentions DESC, i.initiative_id
""",
    ),
    View(
        "timeline",
        "Every resolved date expression in chronological order, with its document and the "
        "clause it appears in.",
        """
SELECT t.start_date, t.end_date, t.precision, t.is_relative, t.text AS expression,
       t.document_id, d.title AS document_title, t.clause_id, c.text AS clause_text
FROM dates t
JOIN documents d ON d.document_id = t.document_id
LEFT JOIN clauses c ON c.clause_id = t.clause_id
WHERE t.start_date IS NOT NULL
ORDER BY t.start_date, t.end_date, t.date_id
""",
    ),
)


# One row per clause: what it does and what it is about (ANNOTATION.md section 3). The
# primary act is the signatories' act of highest strength, the first in the clause on a
# tie; acts whose actor is `other` (someone who is not a signatory: "Le Comité mixte
# veillera") are left out of primary_act, strength, is_commitment and hedged, and give
# the clause the actor `other` when it has no act of the signatories (primary act NONE).
# A clause without any act has NONE (strength NULL) and actor `none`.
CLAUSE_PROFILE = View(
    "clause_profile",
    "One row per clause: its primary act (the signatories' strongest act, NONE when they "
    "perform none), strength, is_commitment (COMMIT, AGREE_DECIDE or INTEND), hedged, "
    "actor (`other` for a clause whose only acts are those of someone who is not a "
    "signatory; their rows stay in clause_acts), its themes as a list, and its text.",
    """
SELECT c.clause_id, c.document_id, c.ordinal,
       coalesce(p.act, 'NONE') AS primary_act,
       p.strength,
       coalesce(p.act IN ('COMMIT', 'AGREE_DECIDE', 'INTEND'), false) AS is_commitment,
       coalesce(p.hedged, false) AS hedged,
       coalesce(p.actor, 'none') AS actor,
       coalesce(t.themes, CAST([] AS VARCHAR[])) AS themes,
       p.cue AS primary_cue,
       c.text
FROM clauses c
LEFT JOIN (
    SELECT clause_id, actor,
           CASE WHEN own THEN act END AS act,
           CASE WHEN own THEN strength END AS strength,
           CASE WHEN own THEN hedged END AS hedged,
           CASE WHEN own THEN cue END AS cue
    FROM (
        SELECT a.*, a.actor <> 'other' AS own, row_number() OVER (
            PARTITION BY a.clause_id
            ORDER BY a.actor = 'other', a.strength DESC, a.ordinal) AS rank
        FROM clause_acts a)
    WHERE rank = 1
) p ON p.clause_id = c.clause_id
LEFT JOIN (
    SELECT clause_id, list(theme ORDER BY char_start, theme) AS themes
    FROM clause_themes GROUP BY clause_id
) t ON t.clause_id = c.clause_id
ORDER BY c.document_id, c.ordinal
""",
)


def _entity_views() -> tuple[View, ...]:
    """The entity helper's views, if its module exists (it is optional for the schema)."""
    name = "aidecl_data.parse.entities.views"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return ()
        raise
    return tuple(View(n, d, s) for n, d, s in getattr(module, "ENTITY_VIEWS", ()))


def all_views() -> tuple[View, ...]:
    """Core views then entity views; a name used twice is an error."""
    views = (*CORE_VIEWS, CLAUSE_PROFILE, *_entity_views())
    seen: set[str] = set()
    for v in views:
        if v.name in seen:
            raise ValueError(f"view {v.name!r} defined twice")
        seen.add(v.name)
    return views


def create_views_sql(views: tuple[View, ...] | None = None) -> list[str]:
    """CREATE VIEW and COMMENT ON VIEW statements for every view."""
    from aidecl_data.publish.schema.duckdb import sql_string

    out = []
    for v in all_views() if views is None else views:
        out.append(f"CREATE VIEW {v.name} AS {v.sql.strip()};")
        out.append(f"COMMENT ON VIEW {v.name} IS {sql_string(v.description)};")
    return out
