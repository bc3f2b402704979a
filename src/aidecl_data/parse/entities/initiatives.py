"""Named initiatives and their mentions, with ids that join across documents.

    extract_initiatives(regions, document_id, language) -> (list[InitiativeRow], list[MentionRow])

Two sources, in order of trust: the curated gazetteer (``gazetteer.py``), then the general
patterns (``patterns.py``: resolution codes, capitalized heads, lower-case heads with a
distinctive complement, English capitalized names). A later source never overlaps an
earlier one. ``initiative_id`` is a pure function of the canonical key: the gazetteer id,
or the slug of the folded name (articles and elisions dropped, "d'" read as "de"), so
the same initiative gets the same id in every document without a cross-document pass.

Regions read: clauses, notes, meta and datelines (everything); section headings
(gazetteer only). Titles (the document naming itself) and signatory lists are not read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from aidecl_data.parse.entities.gazetteer import find_known, gazetteer, initiative_key, slugify
from aidecl_data.parse.entities.lists import looks_like_name_list
from aidecl_data.parse.entities.patterns import find_english, find_french, find_resolutions
from aidecl_data.parse.model import InitiativeRow, MentionRow, Region
from aidecl_data.parse.text import fold_apostrophes

SKIPPED_KINDS = {"title", "name_list"}
GAZETTEER_ONLY_KINDS = {"heading"}

_PAREN = re.compile(r"\s*\(([^()\n]{1,12})\)")
# A known name inside a longer one must sit in its complement ("Convention-cadre *du*
# Conseil de l'Europe"), not stand in apposition ("l'initiative French Tech Tickets").
_COMPLEMENT_LINK = re.compile(r"\s(?:de|du|des|d['’]|of|sur|pour|on|for)[\s'’]", re.IGNORECASE)


def _drop_trailing_paren(written: str) -> str:
    """``written`` without a final parenthesis ("... (G2IA)"), by string methods: the
    regex ``\\s*\\([^()]*\\)\\s*$`` is quadratic when searched over long runs of spaces."""
    t = written.rstrip()
    if not t.endswith(")"):
        return written
    i = t.rfind("(")
    if i < 0 or ")" in t[i + 1 : -1]:
        return written
    return t[:i].rstrip()


@dataclass(frozen=True)
class Found:
    """One mention inside a region's text."""

    start: int
    end: int
    initiative_id: str
    name: str
    kind: str


class _Spans:
    """Spans sorted by (start, end), asked which of them overlap a span.

    Mentions never overlap one another, so their ends are sorted too and a query is two
    bisections; should they ever not be, a query scans them all (the same answer).
    """

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self.items = sorted(spans or [])
        self.starts = [a for a, _ in self.items]
        self.ends = [b for _, b in self.items]
        self.sorted_ends = all(x <= y for x, y in zip(self.ends, self.ends[1:], strict=False))

    def add(self, s: int, e: int) -> None:
        k = bisect.bisect_left(self.items, (s, e))
        self.items.insert(k, (s, e))
        self.starts.insert(k, s)
        self.ends.insert(k, e)
        if (k and self.ends[k - 1] > e) or (k + 1 < len(self.ends) and e > self.ends[k + 1]):
            self.sorted_ends = False

    def overlapping(self, s: int, e: int) -> list[tuple[int, int]]:
        if not self.sorted_ends:
            return [(a, b) for a, b in self.items if s < b and a < e]
        lo = bisect.bisect_right(self.ends, s)
        hi = bisect.bisect_left(self.starts, e)
        return self.items[lo:hi]

    def overlaps(self, s: int, e: int) -> bool:
        if not self.sorted_ends:
            return any(s < b and a < e for a, b in self.items)
        lo = bisect.bisect_right(self.ends, s)
        return lo < len(self.starts) and self.starts[lo] < e


def _pattern_found(text: str, s: int, e: int, kind: str) -> Found | None:
    written = text[s:e]
    core = _drop_trailing_paren(written)
    key = initiative_key(core)
    if not key:
        return None
    known = gazetteer().entries.get(key)
    if known:
        return Found(s, e, known.initiative_id, known.name, known.kind)
    name = fold_apostrophes(" ".join(core.split()))  # one spelling whatever the source
    name = name[0].upper() + name[1:]
    return Found(s, e, slugify(key), name, kind)


def find_mentions(region: Region, language: str = "fr") -> list[Found]:
    """Every initiative mention in one region, left to right."""
    return list(_find_in_text(region.text.text, region.kind, language))


@lru_cache(maxsize=512)
def _find_in_text(text: str, kind: str, language: str) -> tuple[Found, ...]:
    """``find_mentions`` on a region's text and kind (cached: signatories ask again)."""
    if kind in SKIPPED_KINDS or (kind == "clause" and looks_like_name_list(text)):
        return ()  # a signatory list the layout left as a clause is still a list
    found: list[Found] = []
    spans: list[tuple[int, int]] = []
    skip_until = -1
    hits = find_known(text)
    for i, h in enumerate(hits):
        if h.start < skip_until:
            continue
        end = h.end
        # "Pacte ... (4P)": a parenthesised acronym of the same initiative joins the name.
        p = _PAREN.match(text, end)
        if p and i + 1 < len(hits):
            nxt = hits[i + 1]
            if (
                nxt.start == p.start(1)
                and nxt.end == p.end(1)
                and nxt.initiative.initiative_id == h.initiative.initiative_id
            ):
                end = p.end()
                skip_until = end
        elif p and p.group(1).isupper() and not any(x.start == p.start(1) for x in hits):
            end = p.end()
        ini = h.initiative
        found.append(Found(h.start, end, ini.initiative_id, ini.name, ini.kind))
        spans.append((h.start, end))
    if kind not in GAZETTEER_ONLY_KINDS:
        pattern_hits = find_resolutions(text)
        if language == "fr":
            french = find_french(text)
            pattern_hits += find_english(text)
            pattern_hits += [h for h in french if h.capital]
            pattern_hits += [h for h in french if not h.capital]
        else:
            pattern_hits += find_english(text)
        # Overlap queries in log time (a region may hold thousands of mentions): the
        # known spans, the pattern spans added, and those of them that are not also
        # known spans.
        known, known_set = _Spans(spans), set(spans)
        added, added_unknown = _Spans(), _Spans()
        for h in pattern_hits:
            # A longer name may contain known ones ("Convention-cadre du Conseil de
            # l'Europe sur l'IA"): it is kept, and so are they, when its head is its own.
            inner = known.overlapping(h.start, h.end)
            if (
                inner
                and all(h.start < a and b <= h.end for a, b in inner)
                and _COMPLEMENT_LINK.search(text, h.start, min(a for a, _ in inner))
            ):
                if added_unknown.overlaps(h.start, h.end):
                    continue
            elif known.overlaps(h.start, h.end) or added.overlaps(h.start, h.end):
                continue
            f = _pattern_found(text, h.start, h.end, h.kind)
            if f:
                found.append(f)
                added.add(h.start, h.end)
                if (h.start, h.end) not in known_set:
                    added_unknown.add(h.start, h.end)
    found.sort(key=lambda f: f.start)
    return tuple(found)


def extract_initiatives(
    regions: list[Region], document_id: str, language: str
) -> tuple[list[InitiativeRow], list[MentionRow]]:
    """Initiatives named in a document (one row each) and every mention, in reading order."""
    rows: dict[str, InitiativeRow] = {}
    mentions: list[MentionRow] = []
    for region in regions:
        for f in find_mentions(region, language):
            s, e = region.text.source_span(f.start, f.end)
            rows.setdefault(f.initiative_id, InitiativeRow(f.initiative_id, f.name, f.kind))
            mentions.append(
                MentionRow(
                    mention_id=f"{document_id}/mention_{len(mentions) + 1}",
                    initiative_id=f.initiative_id,
                    document_id=document_id,
                    clause_id=region.clause_id,
                    text=region.text.text[f.start : f.end],
                    char_start=s,
                    char_end=e,
                )
            )
    return list(rows.values()), mentions
