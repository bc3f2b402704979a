"""PLACEHOLDER (owned by the entities work; to be replaced).

    extract_signatories(regions, document_id, language) -> (list[SignatoryRow], list[Problem])
"""

from __future__ import annotations

from aidecl_data.model import Problem, Region, SignatoryRow


def extract_signatories(
    regions: list[Region], document_id: str, language: str
) -> tuple[list[SignatoryRow], list[Problem]]:
    return [], []
