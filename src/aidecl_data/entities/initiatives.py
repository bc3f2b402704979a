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

import re
from dataclasses import dataclass
from functools import lru_cache

from aidecl_data.entities.gazetteer import find_known, gazetteer, initiative_key, slugify
from aidecl_data.entities.lists import looks_like_name_list
from aidecl_data.entities.patterns import find_english, find_french, find_resolutions
from aidecl_data.model import InitiativeRow, MentionRow, Region
from aidecl_data.text import fold_apostrophes

SKIPPED_KINDS = {"title", "name_list"}
GAZETTEER_ONLY_KINDS = {"heading"}

_PAREN = re.compile(r"\s*\(([^()\n]{1,12})\)")
# A known name inside a longer one must sit in its complement ("Convention-cadre *du*
# Conseil de l'Europe"), not stand in apposition ("l'initiative French Tech Tickets").
_COMPLEMENT_LINK = re.compile(r"\s(?:de|du|des|d['’]|of|sur|pour|on|for)[\s'’]", re.IGNORECASE)
_TRAIL_PAREN = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass(frozen=True)
class Found:
    """One mention inside a region's text."""

    start: int
    end: int
    initiative_id: str
    name: str
    kind: str


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(s < b and a < e for a, b in spans)


def _pattern_found(text: str, s: int, e: int, kind: str) -> Found | None:
    written = text[s:e]
    core = _TRAIL_PAREN.sub("", written)
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
        known_spans = list(spans)
        for h in pattern_hits:
            # A longer name may contain known ones ("Convention-cadre du Conseil de
            # l'Europe sur l'IA"): it is kept, and so are they, when its head is its own.
            inner = [(a, b) for a, b in known_spans if h.start < b and a < h.end]
            if (
                inner
                and all(h.start < a and b <= h.end for a, b in inner)
                and _COMPLEMENT_LINK.search(text, h.start, min(a for a, _ in inner))
            ):
                if _overlaps([sp for sp in spans if sp not in known_spans], h.start, h.end):
                    continue
            elif _overlaps(spans, h.start, h.end):
                continue
            f = _pattern_found(text, h.start, h.end, h.kind)
            if f:
                found.append(f)
                spans.append((h.start, h.end))
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
