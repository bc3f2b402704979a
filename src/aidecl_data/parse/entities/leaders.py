"""Heads of state and government named by office and name, and the state they lead.

A joint statement often names its parties only through their leaders: "President Andrés
Manuel López Obrador, President Joseph R. Biden, and Prime Minister Justin Trudeau met in
Mexico City", "Joint Statement by President Joe Biden and Taoiseach Micheál Martin",
"... His Majesty King Abdullah II of Jordan". ``data/leaders.csv`` lists office holders
(office, name as usually printed, the state's ISO code or an organisation's id).

A name is read only right after the office it is listed with, so "Martin" or "Harris"
alone is nothing, and "Taoiseach Harris" is not "Vice President Harris". The capitalized
words after the office (initials, particles and a roman numeral included) are matched
folded: the longest run of them that is a listed name wins ("Joseph R. Biden Jr." ->
"Joseph R. Biden", "Lula da Silva", "Andrés Manuel López Obrador" -> "López Obrador").
French offices read as their English form ("le Président Macron").
"""

from __future__ import annotations

import csv
import re
from functools import cache

from aidecl_data.parse.entities.countries import DATA_DIR, Entity, NameHit, name_index, state
from aidecl_data.parse.text import fold_for_match

_OFFICE = re.compile(
    r"(?<![\w])(?P<office>Vice[ -]President|President|Prime\s+Minister|Chancellor|Taoiseach|"
    r"King|Queen|Emir|Crown\s+Prince|Pr[ée]sident(?:e)?|Premi(?:er|ère)\s+[Mm]inistre|"
    r"Chancel(?:ier|ière)|Roi|Reine)[ \t\u00a0]+"
)
# French offices and spelling variants -> the office as ``leaders.csv`` writes it.
_OFFICE_FORMS = {
    "vice-president": "vice president",
    "presidente": "president",
    "premier ministre": "prime minister",
    "premiere ministre": "prime minister",
    "chancelier": "chancellor",
    "chanceliere": "chancellor",
    "roi": "king",
    "reine": "queen",
}
# One word of a person's name: capitalized (initials and hyphens included), a roman
# numeral, or a particle.
_NAME_WORD = re.compile(r"(?:[A-ZÀ-Ý][\w’'-]*\.?|(?:von|der|van|de|da|bin|al|el)(?![\w’'-]))")
_GAP = re.compile(r"[ \t\u00a0]+|[ \t]*\n[ \t]*(?=\S)")
_POSSESSIVE = re.compile(r"[’']s$")
_MAX_WORDS = 6


def _office_key(office: str) -> str:
    key = " ".join(fold_for_match(office).split())
    return _OFFICE_FORMS.get(key, key)


def _name_key(words: list[str]) -> str:
    return fold_for_match(" ".join(words)).rstrip(".")


@cache
def leader_index() -> dict[tuple[str, str], Entity]:
    """(office, folded name) -> the state or organisation the office holder leads."""
    orgs = {e.entity_id: e for e in name_index().values() if e.entity_type != "state"}
    out: dict[tuple[str, str], Entity] = {}
    with (DATA_DIR / "leaders.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            eid = row["entity_id"]
            ent = state(eid) if row["entity_type"] == "state" else orgs.get(eid)
            if ent is not None:
                out[(_office_key(row["office"]), _name_key(row["name"].split()))] = ent
    return out


def find_leaders(text: str) -> list[NameHit]:
    """Every listed office holder named in ``text``: the span runs from the office to the
    end of the name ("President Joseph R. Biden"), the entity is the state led."""
    index = leader_index()
    out: list[NameHit] = []
    for m in _OFFICE.finditer(text):
        office = _office_key(m.group("office"))
        words: list[tuple[int, int]] = []
        pos = m.end()
        while len(words) < _MAX_WORDS:
            w = _NAME_WORD.match(text, pos)
            if w is None:
                break
            words.append(w.span())
            gap = _GAP.match(text, w.end())
            if gap is None:
                break
            pos = gap.end()
        found = _longest(text, words, office, index)
        if found is not None:
            _, e, ent = found
            out.append(NameHit(m.start(), e, text[m.start() : e], ent))
    return out


# What may stand between two leaders of one coordination: "President A, President B,
# and Prime Minister C", "President Biden and Iraqi Prime Minister Kadhimi", "President
# Biden and His Majesty King Abdullah II".
_JOINED = re.compile(
    r"\s*(?:,\s*(?:and\s+|et\s+)?|\s(?:and|et|&)\s+)"
    r"(?:(?:His|Her|Sa|Son)\s+(?:Majesty|Excellency|Royal\s+Highness|Majesté|Excellence)\s+)?"
    r"(?:(?:the|le|la)\s+)?(?:[A-Z][a-z]+\s+)?"
)


def leader_chains(text: str) -> list[NameHit]:
    """The leaders ``find_leaders`` names that stand in a coordination with another one
    ("President Andrés Manuel López Obrador, President Joseph R. Biden, and Prime
    Minister Justin Trudeau met"): the leaders who meet or speak together, not one leader
    a text mentions ("condemn President Putin's war")."""
    hits = find_leaders(text)
    keep: set[int] = set()
    for k in range(len(hits) - 1):
        a, b = hits[k], hits[k + 1]
        if _JOINED.fullmatch(text, a.end, b.start):
            keep |= {k, k + 1}
    return [h for k, h in enumerate(hits) if k in keep]


def _longest(text, words, office, index) -> tuple[int, int, Entity] | None:
    for n in range(len(words), 0, -1):
        for k in range(len(words) - n + 1):
            span = words[k : k + n]
            names = [text[a:b] for a, b in span]
            end = span[-1][1]
            poss = _POSSESSIVE.search(names[-1])
            if poss:  # "President Trump’s meeting"
                names[-1] = names[-1][: poss.start()]
                end -= len(poss.group())
            ent = index.get((office, _name_key(names)))
            if ent is not None:
                if names[-1].endswith(".") and len(names[-1]) > 2:
                    end -= 1  # "President Biden." ends a sentence
                return span[0][0], end, ent
    return None
