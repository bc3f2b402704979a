"""DuckDB views over the entity tables: who signed what, and where each initiative appears.

``ENTITY_VIEWS`` is a list of ``(view_name, description, sql)``; ``aidecl_data.publish.schema``
publishes them in ``aidecl.duckdb`` next to the core views. The SQL only reads the
published tables (documents, signatories, initiatives, initiative_mentions, clauses).
"""

from __future__ import annotations

ENTITY_VIEWS: list[tuple[str, str, str]] = [
    (
        "document_signatories",
        "Signatories and parties of each document, in the order they are listed, with the "
        "document's title and date.",
        """
SELECT s.document_id, d.title AS document_title, d.date AS document_date, s.ordinal,
       s.role, s.name, s.name_en, s.iso3, s.entity_type, s.entity_id, s.initiative_id
FROM signatories s
JOIN documents d ON d.document_id = s.document_id
ORDER BY s.document_id, s.ordinal
""",
    ),
    (
        "initiative_documents",
        "One row per initiative and document mentioning it: the document's title and "
        "date, the number of mentions and the clauses they are in.",
        """
SELECT i.initiative_id, i.name AS initiative_name, i.kind, m.document_id,
       d.title AS document_title, d.date AS document_date,
       count(*) AS mentions,
       string_agg(DISTINCT m.clause_id, ', ' ORDER BY m.clause_id)
           FILTER (WHERE m.clause_id IS NOT NULL AND m.clause_id <> '') AS clause_ids
FROM initiatives i
JOIN initiative_mentions m ON m.initiative_id = i.initiative_id
JOIN documents d ON d.document_id = m.document_id
GROUP BY i.initiative_id, i.name, i.kind, m.document_id, d.title, d.date
ORDER BY i.initiative_id, d.date NULLS LAST, m.document_id
""",
    ),
    (
        "initiative_countries",
        "Countries linked to each initiative: the states that signed or are parties to a "
        "document mentioning it (or founded it), with the documents and their dates.",
        """
SELECT i.initiative_id, i.name AS initiative_name, s.iso3, min(s.name_en) AS name_en,
       string_agg(DISTINCT s.role, ', ' ORDER BY s.role) AS roles,
       count(DISTINCT s.document_id) AS documents,
       string_agg(DISTINCT s.document_id, ', ' ORDER BY s.document_id) AS document_ids,
       min(d.date) AS first_date, max(d.date) AS last_date
FROM initiatives i
JOIN signatories s
  ON s.initiative_id = i.initiative_id
  OR (s.role IN ('party', 'signatory')
      AND s.document_id IN (SELECT m.document_id FROM initiative_mentions m
                            WHERE m.initiative_id = i.initiative_id))
JOIN documents d ON d.document_id = s.document_id
WHERE s.iso3 IS NOT NULL AND s.iso3 <> ''
GROUP BY i.initiative_id, i.name, s.iso3
ORDER BY i.initiative_id, s.iso3
""",
    ),
]

# Example for the documentation: which countries signed (or are parties to) texts that
# mention the Hiroshima AI process, and when.
EXAMPLE_HIROSHIMA_SQL = """
SELECT DISTINCT s.iso3, s.name_en, s.role, d.document_id, d.date
FROM initiative_mentions m
JOIN documents d ON d.document_id = m.document_id
JOIN signatories s ON s.document_id = m.document_id
WHERE m.initiative_id = 'processus-hiroshima-ia'
  AND s.role IN ('party', 'signatory') AND s.iso3 <> ''
ORDER BY d.date, s.iso3
"""
