"""Canned queries for the explorer: the README's questions in SQLite SQL, and a few more.

The README asks them in DuckDB SQL; here ``ILIKE``/``strip_accents`` become ``LIKE`` (case-
insensitive for ASCII), ``string_agg`` becomes ``group_concat`` over ordered subqueries,
and ``ORDER BY x`` becomes ``ORDER BY x IS NULL, x`` (DuckDB puts NULLs last, SQLite first).
``tests/test_explore.py`` runs each against the SQLite copy of a package.
"""

from __future__ import annotations

CANNED: dict[str, dict[str, str]] = {
    "hiroshima_signatories": {
        "title": "Which countries signed texts that mention the Hiroshima process, and when?",
        "sql": """SELECT DISTINCT s.iso3, s.name_en, s.role, d.document_id, d.date
FROM initiative_mentions m
JOIN initiatives i ON i.initiative_id = m.initiative_id
JOIN signatories s ON s.document_id = m.document_id
JOIN documents d ON d.document_id = m.document_id
WHERE i.name LIKE '%hiroshima%' AND s.iso3 IS NOT NULL
ORDER BY d.date IS NULL, d.date, s.iso3""",
    },
    "initiatives_in_several_texts": {
        "title": "Which initiatives are named in more than one text?",
        "sql": """SELECT name, kind, count(*) AS documents,
       group_concat(document_id, ', ') AS in_documents
FROM (SELECT DISTINCT i.name, i.kind, m.document_id
      FROM initiatives i JOIN initiative_mentions m USING (initiative_id)
      ORDER BY m.document_id)
GROUP BY name, kind
HAVING count(*) > 1
ORDER BY documents DESC, name""",
    },
    "open_source_clauses": {
        "title": "Every clause on open source or open models, with its document and section",
        "sql": """SELECT c.clause_id, d.title, s.heading, c.text
FROM clauses c
JOIN documents d USING (document_id)
LEFT JOIN sections s ON s.section_id = c.section_id
WHERE c.text LIKE '%source ouverte%'
   OR c.text LIKE '%ouverts%'
   OR c.text LIKE '%open source%'
ORDER BY c.document_id, c.ordinal""",
    },
    "dated_in_2025": {
        "title": "What was dated in 2025, in chronological order?",
        "sql": """SELECT start_date, end_date, precision, text, document_id, clause_id
FROM dates
WHERE start_date BETWEEN '2025-01-01' AND '2025-12-31'
ORDER BY start_date, document_id""",
    },
    "parties_of_bilateral_texts": {
        "title": "Who are the parties of each bilateral text, and how many clauses does it have?",
        "sql": """SELECT d.document_id, d.title, d.date,
       (SELECT group_concat(iso3, ', ') FROM (SELECT s.iso3 FROM signatories s
         WHERE s.document_id = d.document_id AND s.role = 'party' ORDER BY s.iso3)) AS parties,
       (SELECT count(*) FROM clauses c WHERE c.document_id = d.document_id) AS clauses
FROM documents d
WHERE EXISTS (SELECT 1 FROM signatories s WHERE s.document_id = d.document_id
              AND s.role = 'party')
ORDER BY d.date IS NULL, d.date""",
    },
    "texts_of_a_country": {
        "title": "The texts a country signed or is party to (type its name or ISO code)",
        "sql": """SELECT DISTINCT d.date, d.document_id, d.title, s.role
FROM signatories s JOIN documents d USING (document_id)
WHERE s.iso3 = upper(:country) OR s.name_en LIKE :country OR s.name LIKE :country
ORDER BY d.date, d.document_id""",
    },
    "documents_using_a_word": {
        "title": "Which documents use a word, and how often (accents optional)",
        "sql": """SELECT s.document_id, s.document_title, count(*) AS clauses
FROM clause_search s
WHERE s.rowid IN (SELECT rowid FROM clause_search_fts WHERE clause_search_fts MATCH :word)
GROUP BY s.document_id, s.document_title
ORDER BY clauses DESC, s.document_id""",
    },
}
