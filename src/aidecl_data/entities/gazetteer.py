"""The curated initiative gazetteer (``data/initiatives.csv``) and its matcher.

Every alias is reduced to a *key* (``initiative_key``: folded, articles and elisions
dropped, "d'" read as "de"), and compiled into one regex that tolerates the variants the
key forgets (an article or not, "d'" or "de ", any case, accents, apostrophe style, line
breaks). A match is mapped back to its entry through the key of the matched text, so the
same initiative gets the same id whatever the variant. Aliases written in capitals
("G7", "OCDE", "4P") are acronyms and must match in capitals.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from aidecl_data.entities.countries import DATA_DIR
from aidecl_data.text import fold_for_match


@dataclass(frozen=True)
class Initiative:
    initiative_id: str
    name: str
    kind: str
    name_en: str


_ELISION = re.compile(r"\b([dl])'\s*")
_ARTICLES = re.compile(r"\b(?:le|la|les|l|the)\b")
_DE = re.compile(r"\b(?:du|des)\b")
_NON_WORD = re.compile(r"[^\w]+")


def initiative_key(text: str) -> str:
    """Variant-proof key: 'processus d'Hiroshima' == 'Processus de  hiroshima'."""
    t = fold_for_match(text)
    t = _ELISION.sub(lambda m: "de " if m.group(1) == "d" else " ", t)
    t = _NON_WORD.sub(" ", t.replace("&", " and "))
    t = _ARTICLES.sub(" ", t)
    t = _DE.sub("de", t)
    return " ".join(t.split())


def slugify(key: str, limit: int = 80) -> str:
    """A stable id from a key: ascii words joined by '-' (cut at a word boundary)."""
    slug = "-".join(key.split())
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


@cache
def _fold_char(c: str) -> str:
    f = fold_for_match(c)
    if len(f) == 1:
        return f
    low = c.lower()
    return low if len(low) == 1 else c


def fold_same_length(text: str) -> str:
    """``fold_for_match`` one character at a time, so offsets are kept (for regex search)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in unicodedata.normalize("NFC", text))


# Between two words of an alias: separators, then possibly an article the key dropped.
_GAP = r"(?:(?<=')|[\s\-/]+)(?:(?:le|la|les|the)\s+|l'\s*)?"


def _word_pattern(word: str) -> str:
    if word == "de":
        return r"d(?:e|u|es|')"  # de / du / des / d'
    return re.escape(word)


def alias_pattern(alias: str) -> str:
    """Regex (over ``fold_same_length`` text) for every variant of an alias."""
    words = initiative_key(alias).split()
    return _GAP.join(_word_pattern(w) for w in words)


def _is_acronym(alias: str) -> bool:
    return len(alias) <= 8 and alias.upper() == alias and any(c.isalpha() for c in alias)


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, Initiative]  # key -> initiative
    acronyms: frozenset[str]  # keys that must be matched in capitals
    regex: re.Pattern[str]


@cache
def gazetteer() -> Gazetteer:
    """Load the CSV once and compile one alternation, longest aliases first."""
    entries: dict[str, Initiative] = {}
    acronyms: set[str] = set()
    with (DATA_DIR / "initiatives.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            ini = Initiative(row["initiative_id"], row["name"], row["kind"], row["name_en"])
            names = [row["name"], row["name_en"], *row["aliases"].split("|")]
            for alias in (a.strip() for a in names):
                key = initiative_key(alias)
                if not key:
                    continue
                entries.setdefault(key, ini)
                if _is_acronym(alias):
                    acronyms.add(key)
    keys = sorted(entries, key=lambda k: (-len(k), k))
    alternation = "|".join(alias_pattern(k) for k in keys)
    regex = re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")
    return Gazetteer(entries, frozenset(acronyms), regex)


@dataclass(frozen=True)
class GazHit:
    start: int
    end: int
    initiative: Initiative


def find_known(text: str) -> list[GazHit]:
    """Gazetteer matches in ``text`` (non-overlapping, leftmost-longest)."""
    gz = gazetteer()
    folded = fold_same_length(text)
    hits: list[GazHit] = []
    for m in gz.regex.finditer(folded):
        written = text[m.start() : m.end()]
        key = initiative_key(written)
        ini = gz.entries.get(key)
        if ini is None:
            continue
        if key in gz.acronyms and not written.isupper():
            continue
        hits.append(GazHit(m.start(), m.end(), ini))
    return hits
