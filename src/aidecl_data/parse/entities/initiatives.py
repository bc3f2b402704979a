"""Named initiatives and their mentions, with ids that join across documents.

    extract_initiatives(regions, document_id, language) -> (list[InitiativeRow], list[MentionRow])

Two sources, in order of trust: the curated gazetteer (``gazetteer.py``), then the general
patterns (``patterns.py``: resolution codes, French heads with a distinctive complement;
``english.py``: English title-case names read whole around their head). A pattern name
that overlaps a known one is dropped, unless it holds the known names whole and is
longer, with them before its head ("U.S.-EU Trade and Technology Council"), in its
complement ("Convention-cadre du Conseil de l'Europe sur l'IA"), in its parenthesis
("Group of Seven (G7)": the known id) or as its start ("Paris Call for Trust and
Security": the known id): the longer name is then the one mention, as a reader writes it
(a name inside a name is not a mention of its own). A known name in apposition wins
("l'initiative French Tech Tickets").

``initiative_id`` is a pure function of the name's key (``gazetteer.initiative_key``:
folded, articles and inner years dropped, plural heads made singular): the gazetteer id
when the key, or a key one letter away, is known (``gazetteer.resolve``), else the slug
of the key, so the same initiative gets the same id in every document without a
cross-document pass. An acronym the text defines ("Global Partnership on AI (GPAI)") is
tied to its name for the whole document: its bare mentions get the name's id.

Regions read: clauses, notes, meta and datelines (everything); section headings
(gazetteer only). Titles (the document naming itself) and signatory lists are not read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from aidecl_data.parse.entities import gazetteer as gz
from aidecl_data.parse.entities.countries import lookup
from aidecl_data.parse.entities.english import find_english_names
from aidecl_data.parse.entities.gazetteer import find_known, initiative_key, resolve, slugify
from aidecl_data.parse.entities.lists import looks_like_name_list
from aidecl_data.parse.entities.patterns import (
    PatternHit,
    Rejected,
    find_french,
    find_groupings,
    find_resolutions,
)
from aidecl_data.parse.model import InitiativeRow, MentionRow, Problem, Region
from aidecl_data.parse.text import fold_apostrophes

SKIPPED_KINDS = {"title", "name_list"}
GAZETTEER_ONLY_KINDS = {"heading"}

# After a known name, the start of its complement: the longer name is the same initiative.
_EXTENDS = re.compile(r"\s+(?:for|on|of|against|to|de|du|des|d['’]|sur|pour)[\s'’]", re.IGNORECASE)
_OF = re.compile(r"\s+(?:de|du|des|d['’]|of)[\s'’]", re.IGNORECASE)
_PAREN = re.compile(r"\s*\(([^()\n]{1,12})\)")
# A known name inside a longer one must sit in its complement ("Convention-cadre *du*
# Conseil de l'Europe"), not stand in apposition ("l'initiative French Tech Tickets").
_COMPLEMENT_LINK = re.compile(
    r"\s(?:d['’]|(?:de|du|des|of|sur|pour|on|for|to|against|instituant|portant|relati(?:f|ve)"
    r"|concernant|[ée]tablissant|cr[ée]ant)[\s'’])",
    re.IGNORECASE,
)


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
    name_en: str = ""
    name_fr: str = ""


class _Spans:
    """Spans sorted by (start, end), asked which of them overlap a span.

    Mentions never overlap one another, so their ends are sorted too and a query is two
    bisections; should they ever not be, a query scans them all (the same answer).
    """

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        if not spans:  # two of the three a region makes start empty
            self.items, self.starts, self.ends = [], [], []
            self.sorted_ends = True
            return
        self.items = sorted(spans)
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


def _known(s: int, e: int, ini: gz.Initiative) -> Found:
    return Found(s, e, ini.initiative_id, ini.name, ini.kind, ini.name_en, ini.name_fr)


def _pattern_found(
    text: str, s: int, e: int, kind: str, language: str, prefix: Found | None = None
) -> Found | None:
    written = text[s:e]
    core = _drop_trailing_paren(written)
    key = initiative_key(core)
    if not key:
        return None
    known = resolve(key)
    if known is None and core != written:
        acronym = written[len(core) :].strip()[1:-1]
        if _defines(core, acronym):
            known = resolve(initiative_key(acronym))
    if known:
        return _known(s, e, known)
    if prefix is not None and _EXTENDS.match(text, prefix.end, e):
        # "Paris Call for Trust and Security": a known name with its complement written out
        return Found(
            s, e, prefix.initiative_id, prefix.name, prefix.kind, prefix.name_en, prefix.name_fr
        )
    name = fold_apostrophes(" ".join(core.split()))  # one spelling whatever the source
    name = name[0].upper() + name[1:]
    en, fr = (name, "") if language == "en" else ("", name)
    return Found(s, e, slugify(key), name, kind, en, fr)


def find_mentions(region: Region, language: str = "fr") -> list[Found]:
    """Every initiative mention in one region, left to right."""
    return list(_find_in_text(region.text.text, region.kind, language, gz.enabled())[0])


def _english_hits(text: str, rejected: list[Rejected]) -> list[PatternHit]:
    return [
        PatternHit(n.start, n.end, n.kind, True, n.head) for n in find_english_names(text, rejected)
    ]


@lru_cache(maxsize=512)
def _find_in_text(
    text: str, kind: str, language: str, use_gazetteer: bool
) -> tuple[tuple[Found, ...], tuple[Rejected, ...]]:
    """``find_mentions`` on a region's text and kind, and the pattern candidates turned
    down there that no mention covers (cached: signatories ask again; the gazetteer
    switch is part of the key)."""
    rejected: list[Rejected] = []
    found = _find(text, kind, language, rejected)
    if rejected and found:
        rejected = [
            r for r in rejected if not any(f.start < r.end and r.start < f.end for f in found)
        ]
    return found, tuple(rejected)


def _find(text: str, kind: str, language: str, rejected: list[Rejected]) -> tuple[Found, ...]:
    if kind in SKIPPED_KINDS or (kind == "clause" and looks_like_name_list(text)):
        return ()  # a signatory list the layout left as a clause is still a list
    found: list[Found] = []
    spans: list[tuple[int, int]] = []
    skip_until = -1
    dropped: set[tuple[int, int]] = set()
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
        elif (
            p
            and p.group(1).isupper()
            and not any(x.start == p.start(1) for x in hits)
            and _defines(text[h.start : h.end], p.group(1))
        ):
            end = p.end()  # "... (OCDE)": an acronym of that name, not "(PFUE)" after it
        found.append(_known(h.start, end, h.initiative))
        spans.append((h.start, end))
    if kind not in GAZETTEER_ONLY_KINDS:
        pattern_hits = find_resolutions(text) + find_groupings(text)
        if language == "fr":
            french = find_french(text, rejected)
            lower = [h for h in french if not h.capital]
            # a capitalized name inside a lower-case one's complement is part of it
            # ("règlement général de l'Union européenne sur la protection des données")
            capital = [
                h
                for h in french
                if h.capital and not any(o.start < h.start and h.end <= o.end for o in lower)
            ]
            # leftmost-longest between English and capitalized French names ("Réseau
            # européen ... (European Public Administration Network – EUPAN)")
            pattern_hits += sorted(
                _english_hits(text, rejected) + capital, key=lambda h: (h.start, -h.end)
            )
            pattern_hits += lower
        else:
            pattern_hits += _english_hits(text, rejected)
        if not pattern_hits:
            return tuple(found)  # most regions: nothing to merge
        # Overlap queries in log time (a region may hold thousands of mentions): the
        # known spans, the pattern spans added, and those of them that are not also
        # known spans.
        known, known_set = _Spans(spans), set(spans)
        known_at = {f.start: f for f in found}
        added, added_unknown = _Spans(), _Spans()
        for h in pattern_hits:
            # A longer name may contain known ones, whole. Those before its head are part
            # of it ("U.S.-EU Trade and Technology Council", "G7 Hiroshima AI Process
            # Friends Group"); those in its complement stay mentions of their own
            # ("Convention-cadre du Conseil de l'Europe sur l'IA"); a known name in
            # apposition wins ("l'initiative French Tech Tickets").
            inner = known.overlapping(h.start, h.end)
            if inner and all(
                h.start <= a and b <= h.end and (a, b) != (h.start, h.end) for a, b in inner
            ):
                if added_unknown.overlaps(h.start, h.end):
                    continue
                # "Group of Seven (G7)": a known acronym in the name's parenthesis names
                # the same initiative (``_pattern_found`` gives it that id)
                # (not a body's: "Conseil de l'Union européenne sur le site": what it does)
                prefix = next(
                    (
                        x
                        for x in inner
                        if x[0] == h.start
                        and _EXTENDS.match(text, x[1], h.end)
                        and (
                            known_at[x[0]].kind not in {"organisation", "body"}
                            or _OF.match(text, x[1])  # "Conseil européen de Luxembourg"
                        )
                    ),
                    None,
                )
                first = min(a for a, _ in inner)
                if not all(
                    text[b : h.end].strip() == ")"  # "Group of Seven (G7)"
                    or b <= h.head  # "U.S.-EU Trade and Technology Council"
                    or (a, b) == prefix  # "Paris Call for Trust and Security"
                    for a, b in inner
                ) and not _COMPLEMENT_LINK.search(text, h.start, first):
                    continue  # "l'initiative French Tech Tickets": the known name wins
                dropped.update(inner)
            elif known.overlaps(h.start, h.end) or added.overlaps(h.start, h.end):
                continue
            f = _pattern_found(text, h.start, h.end, h.kind, language, known_at.get(h.start))
            if f:
                found.append(f)
                added.add(h.start, h.end)
                if (h.start, h.end) not in known_set:
                    added_unknown.add(h.start, h.end)
    if dropped:
        found = [f for f in found if (f.start, f.end) not in dropped]
    if found and text.count(",") >= 4:
        found = [f for f in found if not _in_state_list(text, f.start, f.end)]
    found.sort(key=lambda f: f.start)
    return tuple(found)


_LIST_ITEM_LEAD = re.compile(
    r"^\s*(?:(?:and|et|or|ou)\s+)?(?:the\s+|la\s+|le\s+|les\s+|l['’])?", re.I
)


def _list_item(item: str) -> str:
    return " ".join(item[_LIST_ITEM_LEAD.match(item).end() :].split())


def _in_state_list(text: str, start: int, end: int) -> bool:
    """The mention is one item of a list of states ("Chad, the Council of Europe, Denmark,
    the ECOWAS Commission, Finland"): a member named in a members' or signatories' list,
    which is not read for initiatives (as a signatory list region is not)."""
    left = text.rfind(",", max(0, start - 60), start)
    right = text.find(",", end, end + 60)
    if left < 0 or right < 0 or text[left + 1 : start].strip() not in ("", "the", "la", "le", "l'"):
        return False
    if text[end:right].strip():
        return False
    before = text.rfind(",", max(0, left - 60), left)
    after = text.find(",", right + 1, right + 61)
    if before < 0 or after < 0:
        return False
    states = 0
    for item in (text[before + 1 : left], text[right + 1 : after]):
        ent = lookup(_list_item(item))
        states += ent is not None and ent.entity_type == "state"
    return states == 2


_DASH_DEFINED = re.compile(r"[ \t]*[–—-][ \t]*([A-Z][A-Za-z0-9&.+\-]{1,11})\)")
_DEFINED = re.compile(r"\(([A-Z][A-Za-z0-9&.+\-]{1,11})\)\s*$")


def _defines(name: str, acronym: str) -> bool:
    """Whether ``acronym`` abbreviates ``name``: its letters, in order, are letters of the
    name and it starts with the name's first letter ("GPAI" for "Global Partnership on
    AI", "TTC" for "Trade and Technology Council"; not "2021" nor "EU" for "Quad")."""
    letters = [c for c in acronym.lower() if c.isalpha()]
    if len(letters) < 2 or sum(c.isupper() for c in acronym) < 2:
        return False
    words = fold_apostrophes(name).lower().split()
    firsts = {w[0] for w in words if w[:1].isalpha()}
    if letters[0] not in firsts:
        return False
    flat = iter("".join(words))
    return all(c in flat for c in letters)


def _acronyms(regions: list[Region], found: list[list[Found]]) -> dict[str, Found]:
    """Acronyms the document defines in parentheses after a name, mapped to that name."""
    out: dict[str, Found] = {}
    for region, fs in zip(regions, found, strict=True):
        source = region.text.text
        for f in fs:
            if f.name.endswith(")") or f.end == f.start:
                continue  # the name itself ends in a parenthesis: nothing defined
            written = source[f.start : f.end]
            m = _DEFINED.search(written) if written.endswith(")") else None
            if m and _defines(_drop_trailing_paren(written), m.group(1)):
                out.setdefault(m.group(1), f)
            # "(European Public Administration Network – EUPAN)": name and acronym inside
            # one parenthesis
            d = _DASH_DEFINED.match(source, f.end)
            if d and _defines(written, d.group(1)):
                out.setdefault(d.group(1), f)
    return out


def _acronym_spans(text: str, acronyms: tuple[str, ...]) -> list[tuple[int, int]]:
    """What ``re.compile("(A|B|...)(?![\\w-])").finditer(text)`` gives for ``acronyms``
    (longest first), found with ``str.find``: at each place the first acronym written
    there and not followed by a word character or a hyphen, left to right, never
    overlapping. A document defines its own acronyms: a regex of them was compiled for
    nearly every document; the character before is checked by the caller."""
    first: dict[int, int] = {}  # place -> the end of the first acronym matching there
    for a in acronyms:
        i = text.find(a)
        while i >= 0:
            e = i + len(a)
            if i not in first and not _WORD_OR_DASH.match(text, e):
                first[i] = e
            i = text.find(a, i + 1)
    out = []
    end = 0
    for s in sorted(first):
        if s >= end:
            end = first[s]
            out.append((s, end))
    return out


_WORD_OR_DASH = re.compile(r"[\w-]")


def _acronym_mentions(
    text: str, defined: dict[str, Found], acronyms: tuple[str, ...], taken: tuple[Found, ...]
) -> list[Found]:
    """Bare mentions of defined acronyms in ``text`` outside the mentions already there."""
    out = []
    for s, e in _acronym_spans(text, acronyms):
        if (s and _WORD_OR_DASH.match(text, s - 1)) or any(
            f.start < e and s < f.end for f in taken
        ):
            continue
        d = defined[text[s:e]]
        out.append(Found(s, e, d.initiative_id, d.name, d.kind, d.name_en, d.name_fr))
    return out


def _report_rejected(regions, scans, document_id: str, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for region, (_, rejected) in zip(regions, scans, strict=True):
        for r in rejected:
            written = " ".join(region.text.text[r.start : r.end].split())
            if written in seen:
                continue
            seen.add(written)
            s, e = region.text.source_span(r.start, r.end)
            problems.append(
                Problem(
                    document_id,
                    "initiative_rejected",
                    f"initiative candidate {written!r} rejected: {r.reason}",
                    s,
                    e,
                )
            )


def extract_initiatives(
    regions: list[Region],
    document_id: str,
    language: str,
    use_gazetteer: bool | None = None,
    problems: list[Problem] | None = None,
) -> tuple[list[InitiativeRow], list[MentionRow]]:
    """Initiatives named in a document (one row each) and every mention, in reading order.

    ``use_gazetteer=False`` finds them with the general patterns only (the default,
    ``None``, follows ``gazetteer.disabled()``). ``problems``: where to add an
    ``initiative_rejected`` problem for each candidate name the patterns saw and turned
    down (a generic phrase, a company, one state's office...), once per wording."""
    if use_gazetteer is False and gz.enabled():
        with gz.disabled():
            return extract_initiatives(regions, document_id, language, problems=problems)
    scans = [
        _find_in_text(region.text.text, region.kind, language, gz.enabled()) for region in regions
    ]
    per_region = [found for found, _ in scans]
    if problems is not None:
        _report_rejected(regions, scans, document_id, problems)
    defined = _acronyms(regions, per_region)
    if defined:
        acronyms = tuple(sorted(defined, key=lambda a: (-len(a), a)))
        for k, region in enumerate(regions):
            if region.kind in SKIPPED_KINDS or region.kind in GAZETTEER_ONLY_KINDS:
                continue
            text = region.text.text
            extra = _acronym_mentions(text, defined, acronyms, per_region[k])
            if extra:
                per_region[k] = tuple(sorted((*per_region[k], *extra), key=lambda f: f.start))
    rows: dict[str, InitiativeRow] = {}
    mentions: list[MentionRow] = []
    for region, fs in zip(regions, per_region, strict=True):
        for f in fs:
            s, e = region.text.source_span(f.start, f.end)
            rows.setdefault(
                f.initiative_id,
                InitiativeRow(f.initiative_id, f.name, f.kind, f.name_en, f.name_fr),
            )
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
