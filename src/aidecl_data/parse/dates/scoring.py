"""Gold files for dates, and how an extractor is scored against them.

Used by the corpus test (``tests/test_dates_corpus.py``) and the benchmark
(``benchmarks/dates_vs_dateparser.py``), so both score the same way.

Gold file (``tests/gold/dates/<document_id>.json``), written by reading the text::

    {"document_id", "source" (path from the project root), "language", "reference"
     (ISO date of the document's dateline, or null when the text has none),
     "dates": [{"text" (as written), "context" (a longer quote holding it, unique in the
     document), "start_date", "end_date" (ISO or null), "precision", "is_relative"}]}

Texts are scored with every white-space run collapsed to one space (the PDF texts are
hard-wrapped; the grammar accepts line breaks anyway, but a flat text gives one offset
system for gold and predictions). Apostrophes are folded (’ -> ') only to *locate* gold
quotes; offsets stay those of the collapsed text.

Matching, one to one, in text order: a prediction matches a gold date when (a) the spans
are identical, or else (b) the spans overlap and start and end dates are equal (so "le 31
mars dernier" matches "31 mars dernier", both unresolved). Precision = matched /
predicted, recall = matched / gold. A match whose predicted precision is finer than the
gold's (a day where only a month is written) counts as *invented*.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from aidecl_data.parse.text import fold_apostrophes

_WS = re.compile(r"\s+")
RANK = {"year": 0, "month": 1, "day": 2}


def collapse_whitespace(text: str) -> str:
    """Every run of white space (line breaks, non-breaking spaces) as one space."""
    return _WS.sub(" ", text)


@dataclass(frozen=True)
class Span:
    """A date expression located in the collapsed text (gold or predicted)."""

    start: int
    end: int
    text: str
    start_date: dt.date | None
    end_date: dt.date | None
    precision: str
    is_relative: bool = False


@dataclass
class GoldDocument:
    document_id: str
    source: Path
    language: str
    reference: dt.date | None
    text: str  # collapsed
    dates: list[Span]


def _date(v: str | None) -> dt.date | None:
    return dt.date.fromisoformat(v) if v else None


def load_gold(path: Path, root: Path) -> GoldDocument:
    """Read a gold file and locate each expression in the collapsed source text."""
    data = json.loads(path.read_text(encoding="utf-8"))
    source = (root / data["source"]).resolve()
    text = collapse_whitespace(source.read_text(encoding="utf-8"))
    folded = fold_apostrophes(text)
    spans = []
    for item in data["dates"]:
        ctx = fold_apostrophes(item["context"])
        at = folded.find(ctx)
        if at < 0 or folded.find(ctx, at + 1) >= 0:
            raise ValueError(f"{path.name}: context not found once: {item['context']!r}")
        expr = fold_apostrophes(item["text"])
        k = ctx.find(expr)
        if k < 0 or ctx.find(expr, k + 1) >= 0:
            raise ValueError(f"{path.name}: {item['text']!r} not once in its context")
        s = at + k
        spans.append(
            Span(
                s,
                s + len(expr),
                text[s : s + len(expr)],
                _date(item["start_date"]),
                _date(item["end_date"]),
                item["precision"],
                bool(item["is_relative"]),
            )
        )
    spans.sort(key=lambda g: g.start)
    return GoldDocument(
        data["document_id"],
        source,
        data["language"],
        _date(data.get("reference")),
        text,
        spans,
    )


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    invented: int = 0  # matched with a finer precision than written
    wrong_dates: int = 0  # same span, different dates
    missed: list[Span] | None = None
    spurious: list[Span] | None = None

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> Score:
        return Score(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.matched + other.matched,
            self.invented + other.invented,
            self.wrong_dates + other.wrong_dates,
            (self.missed or []) + (other.missed or []),
            (self.spurious or []) + (other.spurious or []),
        )


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def score(gold: list[Span], predicted: list[Span]) -> Score:
    """One-to-one matching of ``predicted`` against ``gold`` (see the module docstring)."""
    free = list(gold)
    sc = Score(len(gold), len(predicted), missed=[], spurious=[])
    for p in sorted(predicted, key=lambda s: s.start):
        hit = next((g for g in free if (g.start, g.end) == (p.start, p.end)), None)
        if hit is None:
            hit = next(
                (
                    g
                    for g in free
                    if _overlap(g, p) and (g.start_date, g.end_date) == (p.start_date, p.end_date)
                ),
                None,
            )
        if hit is None:
            sc.spurious.append(p)  # type: ignore[union-attr]
            continue
        free.remove(hit)
        sc.matched += 1
        if RANK[p.precision] > RANK[hit.precision]:
            sc.invented += 1
        if (p.start_date, p.end_date) != (hit.start_date, hit.end_date):
            sc.wrong_dates += 1
    sc.missed = free
    return sc
