"""Parties of a bilateral (or plurilateral) text, read from how its opening names them.

A text's parties are named in its title and first paragraphs, in one of these forms:

- a demonym compound: "Déclaration franco-indienne", "FEUILLE DE ROUTE FRANCO-INDIENNE"
  ("franco" -> FRA, "indienne" -> IND, from ``data/demonyms.csv``), "Indo-French", or a
  compound of names, "India-France Joint Statement";
- a coordination of names: "La France et l'Inde", "la France et la Chine";
- an office holder: "le Président de la République française", "la Première ministre du
  Japon", or in an exchange of notes the embassy and the ministry that write them
  ("L'Ambassade du Royaume des Pays-Bas présente ses compliments au Ministère des
  Affaires étrangères du Grand-Duché de Luxembourg"), "M. Xi Jinping, Président de la
  République populaire de Chine", or with an adjective, "le Président français et la
  Première ministre japonaise".

Only the *opening* is read (title, meta lines and headings before the body, then the
first two body paragraphs), so the countries a text merely mentions later are not
parties. A text with a signatory list is multilateral and has no parties.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from aidecl_data.parse.entities.countries import (
    Entity,
    NameHit,
    demonym_index,
    find_names,
    lookup,
    state,
)
from aidecl_data.parse.entities.folding import Cues
from aidecl_data.parse.entities.leaders import leader_chains
from aidecl_data.parse.entities.lists import name_chains, names_after
from aidecl_data.parse.model import Region
from aidecl_data.parse.text import fold_for_match, substring_starts

OPENING_CLAUSES = 2
_FRONT_KINDS = {"title", "heading", "meta", "dateline"}

# The leading lookahead holds the first letter of every title: one class test per
# position instead of a try of each alternative (measured 0.18 -> 0.09 ms per document).
_OFFICE = (
    r"(?=[PCRÉEMVGKQA])"
    r"(?:Pr[ée]sident(?:e)?|Premi(?:er|ère)\s+ministre|Chancel(?:ier|ière)|Roi|Reine|"
    r"[ÉE]mir|Prince|Ministre|Vice-pr[ée]sident(?:e)?|Chef\s+de\s+l['’][ÉE]tat|"
    r"Gouvernement|President|Prime\s+Minister|Chancellor|King|Queen|Minister|Government|"
    r"Ambassade(?:\s+royale)?|Embassy|Minist[èe]re\s+des\s+Affaires\s+[ÉEée]trang[èe]res|"
    r"Ministry\s+of\s+Foreign\s+Affairs)"
)
# Office + preposition just before a name: "Président de la République française".
_OFFICE_OF = re.compile(
    _OFFICE
    + r"(?:\s+(?:f[ée]d[ée]rale?|populaire))?"
    + r"\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’]|of\s+the|of)\s*$",
    re.IGNORECASE,
)
# Office + the holder's name + "of": "Prime Minister Narendra Modi of India", "President
# Joe Biden of the United States", "His Majesty King Abdullah II of Jordan".
_OFFICE_NAMED_OF = re.compile(
    _OFFICE + r"(?:[ \t\u00a0\n]+(?:[A-ZÀ-Ý][\w’'.-]*|von|van|der|de|da|bin|al)){1,5}"
    r"(?:,[ \t\u00a0\n]+(?:Jr|Sr)\.?)?[ \t\u00a0\n]+of[ \t\u00a0\n]+(?:the[ \t\u00a0\n]+)?$"
)
# Office + adjective: "le Président français", "la Première ministre japonaise".
_OFFICE_ADJ = re.compile(_OFFICE + r"\s+(?P<adj>[^\W\d_]+)\b", re.IGNORECASE)
# A compound adjective or compound of names; a part may be a dotted abbreviation
# ("U.S.-Israel").
_COMPOUND = re.compile(
    r"(?<![\w.-])(?:(?:[A-Z]\.){2,}|[^\W\d_]+)(?:-(?:(?:[A-Z]\.){2,}|[^\W\d_]+))+(?![\w-])"
)

# A piece of every spelling of every ``_OFFICE``, lower-cased ("Président" -> "sident"):
# most opening paragraphs name no office, which ``Cues.holds`` tells in C.
_OFFICE_PIECES = (
    "sident", "minist", "chancel", "roi", "reine", "mir", "prince", "chef", "gouvernement",
    "government", "king", "queen", "ambassad", "embass", "taoiseach",
)  # fmt: skip


# The lower-case start of every alternative of ``_OFFICE`` (its letters up to the first
# white space, a class spelled out): where a match of ``_OFFICE_OF``, ``_OFFICE_NAMED_OF``
# or ``_OFFICE_ADJ`` can start. Why: those patterns have no literal prefix, so a search
# tries their ~20 alternatives at every position (the lookahead of ``_OFFICE`` passes
# most letters under IGNORECASE); tried only where ``str.find`` (in C) sees one of these,
# they give the same matches (tests/test_party_office_starts.py). Measured on the real
# corpus: the three patterns 0.10 -> 0.03 ms per document, ``_party_rows`` 0.30 -> 0.24.
_OFFICE_STARTS = (
    "présiden", "presiden", "premi", "chancel", "roi", "reine", "émir", "emir", "prince",
    "minist", "vice-pr", "chef", "gouvernement", "prime", "king", "queen", "government",
    "ambassade", "embassy",
)  # fmt: skip


def _office_starts(text: str, cues: Cues) -> list[int] | None:
    """Sorted positions of ``text`` where an office may start (see ``_OFFICE_STARTS``);
    None when the lower-cased text cannot tell: a character that case-insensitive
    matching reads as an ASCII letter although ``lower`` does not give it (``Cues.odd``),
    or one whose lower case is longer (positions would shift)."""
    low = cues.low
    if cues.odd or len(low) != len(text):
        return None
    return sorted(substring_starts(low, _OFFICE_STARTS))


def _office_search(
    pattern: re.Pattern[str], text: str, starts: list[int] | None, lo: int, hi: int
) -> bool:
    """``pattern.search(text, lo, hi) is not None``, for a pattern opening with
    ``_OFFICE``: a match starts at one of ``starts``."""
    if starts is None:
        return pattern.search(text, lo, hi) is not None
    for k in range(bisect.bisect_left(starts, lo), len(starts)):
        s = starts[k]
        if s >= hi:
            return False
        if pattern.match(text, s, hi) is not None:
            return True
    return False


def _office_adjectives(text: str, starts: list[int] | None) -> list[re.Match[str]]:
    """``list(_OFFICE_ADJ.finditer(text))``: each match is the first at or after the end
    of the one before, and starts at one of ``starts``."""
    if starts is None:
        return list(_OFFICE_ADJ.finditer(text))
    out: list[re.Match[str]] = []
    end = 0
    for s in starts:
        if s < end:
            continue
        m = _OFFICE_ADJ.match(text, s)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


@dataclass(frozen=True)
class PartyHit:
    region_index: int
    start: int
    end: int
    entity: Entity
    written_name: bool  # the country's name itself (preferred as the row's name)


def opening_regions(regions: list[Region]) -> list[int]:
    """Indexes of the regions that make up the opening of the text, in reading order.

    Regions come grouped by kind (headings, clauses, then title and front matter, see
    ``structure.emit_rows``), so they are read here in the order of their place in the
    source: the title first, then the headings before the body, then its first
    paragraphs (a heading further down is not the opening). Clauses come in reading order
    among themselves, so only the first ones and the front regions are placed (a text of
    100,000 clauses is not sorted)."""
    clauses: list[int] = []
    front: list[int] = []
    for i, r in enumerate(regions):
        if r.kind == "clause":
            if len(clauses) <= OPENING_CLAUSES:
                clauses.append(i)
        elif r.kind in _FRONT_KINDS:
            front.append(i)
    # the body starts at the first clause; the third one is past the opening
    body = regions[clauses[0]].text.source_start(0) if clauses else None
    kept = [i for i in front if body is None or regions[i].text.source_start(0) < body] + clauses[
        :OPENING_CLAUSES
    ]
    return sorted(kept, key=lambda k: regions[k].text.source_start(0))


# On the opening regions of the real corpus: 0.05 -> 0.01 ms per document (a scratch
# timer of this function against ``list(_COMPOUND.finditer(text))``).
def _compounds(text: str) -> list[re.Match[str]]:
    """``list(_COMPOUND.finditer(text))``, searched only in the stretches between two
    spaces or line ends that hold a hyphen. Why: the pattern has no literal prefix, so
    ``finditer`` tried it at every position of the text, where a match (letters, dots
    and hyphens) holds a hyphen and never a space or a line end: the matches of each such
    stretch are those of the whole text there (the lookbehind sees the space before the
    stretch, and the lookahead at its end sees the end as it saw the space or line end)."""
    out: list[re.Match[str]] = []
    n = len(text)
    lo = 0  # the stretches before ``lo`` are read
    k = text.find("-")
    while k >= 0:
        before = text.rfind(" ", lo, k)
        start = max(lo, before + 1, text.rfind("\n", max(lo, before), k) + 1)
        end = text.find(" ", k)
        end = n if end < 0 else end
        newline = text.find("\n", k, end)
        end = end if newline < 0 else newline
        out.extend(_COMPOUND.finditer(text, start, end))
        lo = end
        k = text.find("-", end)
    return out


def _compound_hits(text: str, title: bool = False) -> list[tuple[int, int, Entity]]:
    if "-" not in text:
        return []  # the pattern needs one (measured 0.08 -> 0.04 ms per document)
    combining, adjective = demonym_index()
    out = []
    for m in _compounds(text):
        parts = m.group().split("-")
        keys = [fold_for_match(p) for p in parts]
        isos = [combining.get(k) for k in keys[:-1]] + [adjective.get(keys[-1])]
        if all(i is not None for i in isos):
            ents = [state(i) for i in isos]
        else:
            # "India-France Joint Statement", "U.S.-EU Trade and Technology Council": a
            # compound of names, states or organisations (one state at least)
            ents = [lookup(p) for p in parts]
            if not any(e is not None and e.entity_type == "state" for e in ents):
                continue
        if any(e is None for e in ents) or len({e.entity_id for e in ents}) < 2:
            continue
        if len(parts) > 2 and not title:
            continue  # "the U.S.-Mexico-Canada Agreement": an instrument's name
        pos = m.start()
        for part, ent in zip(parts, ents, strict=True):
            out.append((pos, pos + len(part), ent))
            pos += len(part) + 1
    return out


# Names given as examples are not the list of parties: "allies and partners – including
# the European Union, the United Kingdom, and NATO – are joining the United States".
_EXAMPLES = re.compile(
    r"(?i:\b(?:including|such\s+as|notably|like|y\s+compris|notamment|tels?\s+que|"
    r"telles?\s+que|comme|dont))[\s,:–—-]*(?i:(?:the|la|le|les)\s+|l['’]\s*)?$"
)
# The addressee of a diplomatic note: "... présente ses compliments à l'Organisation
# internationale du café", "presents its compliments to the Ministry of ...".
_COMPLIMENTS = re.compile(
    r"(?i:pr[ée]sente\s+ses\s+compliments|presents\s+(?:its|his|her)\s+compliments)"
    r"\s+(?i:à\s+|au\s+|aux\s+|a\s+|to\s+)"
)
_COMPLIMENTS_PIECES = ("compliments",)
# An organisation named by its head noun when the index does not know it ("Organisation
# internationale du café"): the head and the words after it, up to a conjunction, a
# punctuation mark or the end.
_ORG_NAME = re.compile(
    r"(?:(?i:la|le|les|the)\s+|(?i:l)['’]\s*)?"
    r"(?P<name>(?:Organisation|Organization|Union|Agence|Agency|Office|Bureau|Fonds|Fund|"
    r"Banque|Bank|Commission|Conseil|Council|Secr[ée]tariat|Secretariat|Institut|Institute|"
    r"Centre|Center|Comit[ée]|Committee|Cour|Court|Tribunal)\b[^,;.()\n]*?)"
    r"(?=\s+(?:et|and|a|has|est|is)\s|\s*[,;.()\n]|\s*$)"
)
_NO_ENTITY = Entity("", "", "", "organisation")


def _addressee(text: str) -> list[tuple[int, int, Entity]]:
    """The addressee of a note ("présente ses compliments à ..."): a known name (an
    office followed by a name is read as an office), else an organisation by its head."""
    out = []
    for m in _COMPLIMENTS.finditer(text):
        named = names_after(text, m.end())
        if named:
            out.append((named[0].start, named[0].end, named[0].entity))
            continue
        org = _ORG_NAME.match(text, m.end())
        if org is not None:
            ent = lookup(org.group("name")) or _NO_ENTITY
            out.append((org.start("name"), org.end("name"), ent))
    return out


def _opening_chains(text: str) -> list[list[NameHit]]:
    """Chains of names that may name the parties: not a chain of examples, and with an
    organisation only beside a state ("The United States and the European Union")."""
    out = []
    for chain in name_chains(text):
        if _EXAMPLES.search(text, max(0, chain[0].start - 40), chain[0].start):
            continue
        if not any(h.entity.entity_type != "organisation" for h in chain):
            continue
        out.append(chain)
    return out


def _hyphenated_names(text: str, title: bool = False) -> list[tuple[int, int, Entity]]:
    """Two names of several words joined by a hyphen: "United States-Republic of Korea
    Leaders’ Joint Statement" (the compound pattern reads one word on each side)."""
    if "-" not in text and "–" not in text:
        return []
    out: list[tuple[int, int, Entity]] = []
    run: list[NameHit] = []
    for h in [*find_names(text), None]:
        gap = text[run[-1].end : h.start] if h is not None and run else ""
        if gap in ("-", "–") or (title and gap.strip() in ("-", "–")):
            # "United States-Republic of Korea"; in a title also spaced: "United States –
            # Switzerland – Liechtenstein Agreement"
            run.append(h)
            continue
        ids = {x.entity.entity_id for x in run}
        if (
            len(ids) == len(run) >= 2
            and (title or len(run) == 2)  # "the United States-Mexico-Canada Agreement"
            and any(x.entity.entity_type == "state" for x in run)
        ):
            out += [(x.start, x.end, x.entity) for x in run]
        run = [h] if h is not None else []
    return out


def find_parties(regions: list[Region], opening: list[int] | None = None) -> list[PartyHit]:
    """Every party hit in the opening, in reading order (an entity may recur).

    The title is read first: when it names two parties or more ("Joint Statement between
    the United States and the European Commission", "Japan-U.S. Joint Leaders’
    Statement"), they are the parties, and the countries its first paragraphs go on to
    name ("... on Ukraine", "... with Australia and India") are not. ``opening``: the
    indexes ``opening_regions`` gives, when the caller has them."""
    if opening is None:
        opening = opening_regions(regions)
    titles = [i for i in opening if regions[i].kind == "title"]
    read: dict[int, list[PartyHit]] = {}  # region index -> its hits (a title is read once)
    found = _hits(regions, titles, read)
    named = {h.entity.entity_id for h in found}
    if len(named) < 2 or "" in named:
        return _hits(regions, opening, read)
    # the title's parties, with their names as the opening writes them out
    rest = [i for i in opening if regions[i].kind != "title"]
    return found + [h for h in _hits(regions, rest, read) if h.entity.entity_id in named]


def _region_hits(regions: list[Region], i: int) -> list[PartyHit]:
    """The party hits of region ``i``, in the order they are found."""
    hits: list[PartyHit] = []
    _, adjective = demonym_index()
    text = regions[i].text.text
    cues = Cues(text)  # lower-cased once for both tests
    office = cues.holds(_OFFICE_PIECES)
    for s, e, ent in _compound_hits(text, regions[i].kind == "title"):
        hits.append(PartyHit(i, s, e, ent, False))
    for s, e, ent in _hyphenated_names(text, regions[i].kind == "title"):
        hits.append(PartyHit(i, s, e, ent, False))
    for chain in _opening_chains(text):
        for h in chain:
            hits.append(PartyHit(i, h.start, h.end, h.entity, True))
    starts = _office_starts(text, cues) if office else None
    for h in find_names(text) if office else ():
        if _office_search(_OFFICE_OF, text, starts, max(0, h.start - 40), h.start) or (
            _office_search(_OFFICE_NAMED_OF, text, starts, max(0, h.start - 90), h.start)
        ):
            hits.append(PartyHit(i, h.start, h.end, h.entity, True))
    for m in _office_adjectives(text, starts) if office else ():
        iso = adjective.get(fold_for_match(m.group("adj")))
        if iso:
            hits.append(PartyHit(i, m.start("adj"), m.end("adj"), state(iso), False))
    for h in leader_chains(text) if office else ():
        hits.append(PartyHit(i, h.start, h.end, h.entity, False))
    if cues.holds(_COMPLIMENTS_PIECES):
        for s, e, ent in _addressee(text):
            hits.append(PartyHit(i, s, e, ent, True))
    return hits


def _hits(
    regions: list[Region], indexes: list[int], read: dict[int, list[PartyHit]] | None = None
) -> list[PartyHit]:
    """The party hits of the regions ``indexes``, in reading order; ``read``: the hits
    of the regions already read, by index (filled here)."""
    read = {} if read is None else read
    hits: list[PartyHit] = []
    for i in indexes:
        if i not in read:
            read[i] = _region_hits(regions, i)
        hits += read[i]
    hits.sort(key=lambda h: (regions[h.region_index].text.source_start(h.start), h.start))
    return hits
