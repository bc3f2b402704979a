"""PLACEHOLDER (owned by the entities work; to be replaced).

    extract_initiatives(regions, document_id, language) -> (list[InitiativeRow], list[MentionRow])

``initiative_id`` is a pure function of the canonical name, so the same initiative gets the
same id in every document without a cross-document pass.
"""

from __future__ import annotations

from aidecl_data.model import InitiativeRow, MentionRow, Region


def extract_initiatives(
    regions: list[Region], document_id: str, language: str
) -> tuple[list[InitiativeRow], list[MentionRow]]:
    return [], []
