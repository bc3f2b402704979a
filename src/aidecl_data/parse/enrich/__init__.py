"""Clause enrichment: the acts each clause performs and the themes it is about.

Rules and lexicons for French and English (``acts.py``, ``themes.py``, ``lexicon/``),
run per document inside ``parse_document`` so the parse cache keeps the result.
``document_rows`` turns a document's clause regions into ``clause_acts`` and
``clause_themes`` rows with spans in the decoded source.
"""

from aidecl_data.parse.enrich.document import document_rows

__all__ = ["document_rows"]
