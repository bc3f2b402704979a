"""Akoma Ntoso element ids (eIds) kept unique within one document.

Sections, clauses and notes draw from one registry, in that order, so a clash between a
section label and a clause label is settled the same way on every run: the later one gets
``_2``, ``_3`` ... appended.
"""

from __future__ import annotations


class EidRegistry:
    """The eIds already given in one document."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, eid: str) -> str:
        """``eid``, or ``eid_2``, ``eid_3`` ... when it is already taken; marks it taken."""
        out, k = eid, 2
        while out in self.used:
            out = f"{eid}_{k}"
            k += 1
        self.used.add(out)
        return out
