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
from dataclasses import dataclass
from functools import cache, lru_cache

from aidecl_data.parse.entities.countries import DATA_DIR
from aidecl_data.parse.entities.folding import fold_same_length
from aidecl_data.parse.text import fold_for_match, trie_pattern


@dataclass(frozen=True)
class Initiative:
    initiative_id: str
    name: str
    kind: str
    name_en: str


# The published pattern of ``initiative_id`` (see ``aidecl_data.publish.schema.fields``).
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")
_ELISION = re.compile(r"\b([dl])'\s*")
_ARTICLES = re.compile(r"\b(?:le|la|les|l|the)\b")
_DE = re.compile(r"\b(?:du|des)\b")
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=8192)
def initiative_key(text: str) -> str:
    """Variant-proof key: 'processus d'Hiroshima' == 'Processus de  hiroshima'.

    Memoized: the same names are keyed in every document."""
    t = fold_for_match(text)
    t = _ELISION.sub(lambda m: "de " if m.group(1) == "d" else " ", t)
    t = _NON_WORD.sub(" ", t.replace("&", " and "))
    t = _ARTICLES.sub(" ", t)
    t = _DE.sub("de", t)
    return " ".join(t.split())


_SLUG_TAIL = {"de", "sur", "pour", "en", "dans", "et", "a", "au", "aux", "of", "on", "for", "and"}


def slugify(key: str, limit: int = 80) -> str:
    """A stable id from a key: ascii words joined by '-' (cut at a word boundary)."""
    words = key.split()
    while len("-".join(words)) > limit:
        words.pop()
    while len(words) > 1 and words[-1] in _SLUG_TAIL:
        words.pop()  # a cut name never ends on "de", "sur", ...
    return "-".join(words)


# Between two words of an alias: separators, then possibly an article the key dropped.
_GAP = r"(?:(?<=')|[\s\-/]+)(?:(?:le|la|les|the)\s+|l'\s*)?"


def _word_pattern(word: str) -> str:
    if word == "and":
        return r"(?:and|&)"
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
    # first word of a key -> the alias patterns starting with it, longest first
    by_first_word: dict[str, list[re.Pattern[str]]]


@cache
def gazetteer() -> Gazetteer:
    """Load the CSV once; compile each alias, indexed by its first word."""
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
    by_first: dict[str, list[re.Pattern[str]]] = {}
    for key in sorted(entries, key=lambda k: (-len(k), k)):
        by_first.setdefault(key.split()[0], []).append(re.compile(rf"{alias_pattern(key)}(?![\w])"))
    return Gazetteer(entries, frozenset(acronyms), by_first)


@dataclass(frozen=True)
class GazHit:
    start: int
    end: int
    initiative: Initiative


_WORD = re.compile(r"[^\W_]+")


def _acronym_ok(text: str, start: int, end: int) -> bool:
    """An acronym is written in capitals, in a text that is not itself all capitals
    ("UN" in "UN SOMMET" is the article)."""
    around = text[max(0, start - 30) : start] + text[end : end + 30]
    return text[start:end].isupper() and any(c.islower() for c in around)


@cache
def _first_words_rx() -> re.Pattern[str]:
    """The words of a text (``_WORD``) that start an alias, found in one regex pass (a
    trie, bounded by non-word characters) instead of a Python loop over every word.

    The pattern consumes the non-word character before the word (``find_known`` searches
    the text behind a space): a pattern that starts with a character class lets the
    engine skip in C over the letters inside words, where a leading lookbehind tried the
    trie at every position."""
    words = [w for w in gazetteer().by_first_word if _WORD.fullmatch(w)]
    if not words:
        return re.compile(r"(?!)")
    return re.compile(rf"[\W_]({trie_pattern(words)})(?![^\W_])")


def find_known(text: str) -> list[GazHit]:
    """Gazetteer matches in ``text`` (non-overlapping, leftmost-longest).

    Only the aliases whose first word starts at a word of the text are tried there.
    """
    gz = gazetteer()
    folded = fold_same_length(text)
    hits: list[GazHit] = []
    pos = 0
    for w in _first_words_rx().finditer(" " + folded):
        start = w.start(1) - 1  # in ``folded``
        if start < pos:
            continue
        for pattern in gz.by_first_word.get(w.group(1), ()):
            m = pattern.match(folded, start)
            if not m:
                continue
            written = text[m.start() : m.end()]
            key = initiative_key(written)
            ini = gz.entries.get(key)
            if ini is None or (key in gz.acronyms and not _acronym_ok(text, m.start(), m.end())):
                continue
            hits.append(GazHit(m.start(), m.end(), ini))
            pos = m.end()
            break
    return hits
