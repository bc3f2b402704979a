"""Score initiative mentions against a gold list, on exact spans.

A found mention counts only when its ``[char_start, char_end)`` equals a gold span (no
containment, no "either text holds the other"); with ``check_ids`` it must also carry the
gold ``initiative_id`` when the gold gives one (``null`` in the gold: any id). The gold
files (``tests/gold/entities/*.json``) are written by reading the texts; their format:

    {"sources": {doc_id: path}, "mentions": {doc_id: [{"text", "char_start", "char_end",
     "initiative_id"}]}}

Used by ``tests/test_initiatives*.py`` and ``scripts/score_initiatives.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aidecl_data.parse.model import MentionRow


@dataclass
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp

    def __str__(self) -> str:
        return (
            f"recall {self.tp}/{self.tp + self.fn} = {self.recall:.3f}, "
            f"precision {self.tp}/{self.tp + self.fp} = {self.precision:.3f}"
        )


def score_document(
    found: list[MentionRow], gold: list[dict[str, Any]], check_ids: bool = True
) -> tuple[Score, list[dict[str, Any]], list[MentionRow]]:
    """(score, gold mentions missed, mentions found that are not in the gold)."""
    by_span = {(m.char_start, m.char_end): m for m in found}
    matched: set[tuple[int, int]] = set()
    missed = []
    for g in gold:
        span = (g["char_start"], g["char_end"])
        m = by_span.get(span)
        ok = m is not None and span not in matched
        if ok and check_ids and g.get("initiative_id") not in (None, m.initiative_id):
            ok = False
        if ok:
            matched.add(span)
        else:
            missed.append(g)
    extra = [m for m in found if (m.char_start, m.char_end) not in matched]
    return Score(len(matched), len(missed), len(extra)), missed, extra
