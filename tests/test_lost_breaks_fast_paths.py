"""``lost_breaks._glued`` tries ``_GLUED`` only where a match can start: the same matches
as ``_GLUED.finditer``, empty ones included (a signature mark or a party phrase glued to
what precedes it is an empty match; ``finditer`` may find a non-empty one right after
it at the same position)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidecl_data.parse.layout import lost_breaks

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "documents").iterdir())]
LINES = [ln for t in TEXTS for ln in t.splitlines() if ln.strip()]
TRICKY = [
    "culturelles.Elles", "Berne, le 20 novembre 1952.Monsieur le Ministre,Me référant",
    "1738L'Ambassade", "commun,     Sont convenus", "1993no. 1738", "*Pays-Bas**à**Luxembourg*",
    "Turquie;Désireux", "1994   *Ministère", "J. P. PRONK(s.) FELDMANN", "X (w.g.) Y",
    "*PRONK*(s.) X", "AB*Pour le Gouvernement", "ABC  Pour la France", "DE\tFor the King",
    "X)Voor het Koninkrijk", "texte (zoals in Nr. I) suite", "texte\t(as in No. 2)",
    "No. 39.658 L'Ambassade", "no 12 Le", "Nr. 3 Hier", "n**x", "N**Y", "9**Z",
    "a\u00a0\u00a0B", "a \u00a0 B", "fin.\u00abAlors", "fin.„Alors", "Q:*Emph*", "(x)**y",
    "Pour le Roi", "For the Queen", "", " ", "(s.)", "A(s.)(w.g.)", "AB  (s.) C",
]  # fmt: skip


def _plain(text: str) -> list:
    return [(m.span(), m.lastgroup) for m in lost_breaks._GLUED.finditer(text)]


@pytest.mark.parametrize("text", TRICKY + TEXTS)
def test_glued_matches_the_plain_finditer(text: str) -> None:
    assert [(m.span(), m.lastgroup) for m in lost_breaks._glued(text)] == _plain(text)


def test_glued_on_every_line_of_the_corpus() -> None:
    for line in LINES:
        assert [(m.span(), m.lastgroup) for m in lost_breaks._glued(line)] == _plain(line), line


def test_the_tricky_texts_hold_every_kind_of_cut() -> None:
    kinds = {m.lastgroup for t in TRICKY for m in lost_breaks._glued(t)}
    assert kinds == {"punct", "gap", "num", "stars", "sig", "party", "dbnote", "numlead"}
    # an empty match (the signature mark glued to the name) is found
    assert [m.span() for m in lost_breaks._glued("J. P. PRONK(s.) FELDMANN")] == [(11, 11)]
