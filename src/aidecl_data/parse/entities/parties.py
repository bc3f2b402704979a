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

import re
from dataclasses import dataclass

from aidecl_data.parse.entities.countries import Entity, demonym_index, find_names, lookup, state
from aidecl_data.parse.entities.folding import may_hold
from aidecl_data.parse.entities.lists import name_chains
from aidecl_data.parse.model import Region
from aidecl_data.parse.text import fold_for_match

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
# Office + adjective: "le Président français", "la Première ministre japonaise".
_OFFICE_ADJ = re.compile(_OFFICE + r"\s+(?P<adj>[^\W\d_]+)\b", re.IGNORECASE)
_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")

# A piece of every spelling of every ``_OFFICE``, lower-cased ("Président" -> "sident"):
# most opening paragraphs name no office, which ``may_hold`` tells in C.
_OFFICE_PIECES = (
    "sident", "minist", "chancel", "roi", "reine", "mir", "prince", "chef", "gouvernement",
    "government", "king", "queen", "ambassad", "embass",
)  # fmt: skip


@dataclass(frozen=True)
class PartyHit:
    region_index: int
    start: int
    end: int
    entity: Entity
    written_name: bool  # the country's name itself (preferred as the row's name)


def opening_regions(regions: list[Region]) -> list[int]:
    """Indexes of the regions that make up the opening of the text."""
    out = []
    clauses = 0
    for i, r in enumerate(regions):
        if r.kind == "clause":
            clauses += 1
            if clauses > OPENING_CLAUSES:
                break
            out.append(i)
        elif r.kind in _FRONT_KINDS and clauses == 0:
            out.append(i)
    return out


def _compound_hits(text: str) -> list[tuple[int, int, str]]:
    if "-" not in text:
        return []  # the pattern needs one (measured 0.08 -> 0.04 ms per document)
    combining, adjective = demonym_index()
    out = []
    for m in _COMPOUND.finditer(text):
        parts = m.group().split("-")
        keys = [fold_for_match(p) for p in parts]
        isos = [combining.get(k) for k in keys[:-1]] + [adjective.get(keys[-1])]
        if any(i is None for i in isos):
            # "India-France Joint Statement": a compound of state names
            ents = [lookup(p) for p in parts]
            isos = [e.iso3 if e and e.entity_type == "state" else None for e in ents]
        if any(i is None for i in isos) or len(set(isos)) < 2:
            continue
        pos = m.start()
        for part, iso in zip(parts, isos, strict=True):
            out.append((pos, pos + len(part), iso))
            pos += len(part) + 1
    return out


def find_parties(regions: list[Region]) -> list[PartyHit]:
    """Every party hit in the opening, in reading order (an entity may recur)."""
    hits: list[PartyHit] = []
    _, adjective = demonym_index()
    for i in opening_regions(regions):
        text = regions[i].text.text
        office = may_hold(text, _OFFICE_PIECES)
        for s, e, iso in _compound_hits(text):
            hits.append(PartyHit(i, s, e, state(iso), False))
        for chain in name_chains(text):
            for h in chain:
                if h.entity.entity_type != "organisation":
                    hits.append(PartyHit(i, h.start, h.end, h.entity, True))
        for h in find_names(text) if office else ():
            if _OFFICE_OF.search(text, max(0, h.start - 40), h.start):
                hits.append(PartyHit(i, h.start, h.end, h.entity, True))
        for m in _OFFICE_ADJ.finditer(text) if office else ():
            iso = adjective.get(fold_for_match(m.group("adj")))
            if iso:
                hits.append(PartyHit(i, m.start("adj"), m.end("adj"), state(iso), False))
    hits.sort(key=lambda h: (h.region_index, h.start))
    return hits
