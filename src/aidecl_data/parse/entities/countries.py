"""Names of states, organisations and subnational entities -> stable entity ids.

States are resolved to ISO 3166-1 alpha-3 codes through pycountry's English names (short,
common and official) and their French translations (the ``iso3166-1`` gettext domain
shipped with pycountry), plus the curated ``data/country_aliases.csv`` for the forms
diplomatic texts use that ISO does not ("République de Corée", "Vatican", "Nigéria") and
for organisations and subnational entities. Everything is compared after
``fold_for_match`` (case, accents, apostrophes) with a leading article removed, so
"l'Inde", "la France" and "FRANCE" all resolve. The index is built once, on first use.

Nothing is guessed: a name that is not in the index resolves to ``None``.
"""

from __future__ import annotations

import csv
import gettext
import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pycountry

from aidecl_data.parse.entities.folding import fold_same_length
from aidecl_data.parse.text import fold_for_match

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Leading articles dropped before lookup ("la France", "l'Inde", "the Netherlands").
_ARTICLE = re.compile(r"^(?:(?:la|le|les|the)\s+|l'\s*)")
# Linear on any name: a match never starts inside a run of white space (it would start
# at the run's first character anyway), and ``name_key`` only searches up to the last
# ")" (a "(" with no ")" after it would scan to the end, for every "(").
_PARENS = re.compile(r"(?=[\s(])(?:(?<!\s)|(?!\s))\s*\([^)]*\)")
# Trailing dots, marks and spaces, read on the reversed key (``[...]+$`` searched forwards
# is quadratic on a long run of them that does not end the key).
_TRAIL_REVERSED = re.compile(r"[\s.;,:*]+")


@dataclass(frozen=True)
class Entity:
    """A resolved party: ``entity_id`` is the iso3 for a state, a slug or ISO 3166-2 code
    for the others."""

    entity_id: str
    iso3: str
    name_en: str
    entity_type: str  # state | organisation | subnational


def name_key(name: str) -> str:
    """The lookup key of a name: folded, without a leading article or trailing dots."""
    close = name.rfind(")")
    if close >= 0:
        name = _PARENS.sub("", name[: close + 1]) + name[close + 1 :]
    key = fold_for_match(name)
    trail = _TRAIL_REVERSED.match(key[::-1])
    if trail:
        key = key[: len(key) - trail.end()]
    key = _ARTICLE.sub("", key, count=1)
    return key.strip()


def _inverted(name: str) -> str | None:
    """ISO writes some names inverted ("Corée, République de"): give the natural order."""
    if ", " not in name:
        return None
    head, tail = name.split(", ", 1)
    sep = "" if tail.endswith("'") else " "
    return f"{tail}{sep}{head}"


def _variants(name: str) -> set[str]:
    out = {name}
    bare = _PARENS.sub("", name).strip()
    out.add(bare)
    for n in (name, bare):
        inv = _inverted(n)
        if inv:
            out.add(inv)
    return out


@cache
def name_index() -> dict[str, Entity]:
    """Folded name -> entity, from pycountry (English and French) and the alias CSV."""
    index: dict[str, Entity] = {}
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    for c in pycountry.countries:
        ent = Entity(c.alpha_3, c.alpha_3, c.name, "state")
        names = [c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")]
        names += [fr.gettext(n) for n in names if n]
        for n in names:
            for v in _variants(n) if n else ():
                index.setdefault(name_key(v), ent)
    # "République tunisienne", "République populaire hongroise": a state's official
    # French name as "République" and its adjective (feminine), from the demonyms.
    _, adjective = demonym_index()
    known = {e.iso3 for e in index.values()}
    for adj, iso in adjective.items():
        if iso in known and not adj.endswith("s"):
            ent = Entity(iso, iso, _iso_name(iso), "state")
            for form in (f"republique {adj}", f"republique populaire {adj}"):
                index.setdefault(form, ent)
    # Curated aliases override pycountry (they are reviewed by hand).
    with (DATA_DIR / "country_aliases.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            etype = row["entity_type"]
            iso3 = row["entity_id"] if etype == "state" else ""
            index[name_key(row["alias"])] = Entity(row["entity_id"], iso3, row["name_en"], etype)
    index.pop("", None)
    return index


def _iso_name(iso3: str) -> str:
    c = pycountry.countries.get(alpha_3=iso3)
    return c.name if c else ""


@lru_cache(maxsize=16384)
def lookup(name: str) -> Entity | None:
    """The entity a name denotes, or ``None`` (never a guess).

    Memoized: ``find_names`` and the list readers ask for the same few hundred spans
    ("France", "République de Corée") in every document, and ``name_key`` (Unicode
    normalization, folding) is not cheap. Most names asked are no name at all (the
    windows ``find_names`` tries, the items of a sentence split on commas): an ASCII one
    is turned down by its words first (``_may_be_key``), about 5x cheaper."""
    if name.isascii() and "(" not in name and not _may_be_key(name):
        return None
    return name_index().get(name_key(name))


_ARTICLE_TOKENS = frozenset(("la", "le", "les", "the", "l"))


@cache
def _key_shapes() -> frozenset[tuple[str, ...]]:
    """The words (``_TOKEN``) of every indexed key, in order."""
    return frozenset(tuple(_TOKEN.findall(key)) for key in name_index())


def _may_be_key(name: str) -> bool:
    """False only when ``name_key(name)`` is surely not indexed; for an ASCII name with
    no "(" only. There ``name_key`` lower-cases, collapses white space, trims trailing
    marks and drops a leading article ("la", "le", "les", "the", "l'"), none of which
    changes a word but the article it drops: the key's words are the name's, lower-cased,
    maybe without the first, and must be the words of an indexed key."""
    words = tuple(_TOKEN.findall(name.lower()))
    shapes = _key_shapes()
    if words in shapes:
        return True
    return bool(words) and words[0] in _ARTICLE_TOKENS and words[1:] in shapes


@cache
def _first_words() -> dict[str, int]:
    """First token of every indexed name -> the most tokens a name starting with it has.

    ``find_names`` only tries the windows a known name could fill, which keeps it linear.
    """
    out: dict[str, int] = {}
    for key in name_index():
        toks = _TOKEN.findall(key)
        if toks:
            out[toks[0]] = max(out.get(toks[0], 0), len(toks))
    return out


@dataclass(frozen=True)
class NameHit:
    start: int
    end: int
    text: str
    entity: Entity


# Word tokens; an apostrophe or a hyphen separates tokens so "l'Inde" yields "Inde".
_TOKEN = re.compile(r"[^\W_]+")


def find_names(text: str) -> list[NameHit]:
    """Every known entity name in ``text`` (see ``_find_names``); cached per text."""
    return list(_find_names(text))


# A token that may be capitalized: it starts with an ASCII capital or a non-ASCII
# character outside Latin-1's lower-case letters ("ß".."ÿ") and symbols, that is a word
# character (first lookbehind: "’" in "l’Inde" must not swallow the "I") at the start of a
# word (second lookbehind). ``str.isupper`` decides afterwards. The leading character class
# lets the regex engine skip ahead in C over the lower-case words.
_CAPITALIZED = re.compile(r"[A-Z\u00c0-\u00de\u0100-\U0010ffff](?<=[^\W_])(?<![^\W_]{2})[^\W_]*")


@lru_cache(maxsize=256)
def _find_names(text: str) -> tuple[NameHit, ...]:
    """Every known entity name in ``text``, longest match first, left to right.

    A name starts at a capitalized token (names are proper nouns), so common words such
    as "chine" in lower case, or "france" inside a URL, are not read as states. A leading
    article is not part of the hit ("la France" -> "France").

    Only capitalized tokens that start an indexed name are tried, and there only the
    windows of up to as many tokens as the longest such name (``_first_words``), about one
    token in eight, instead of walking every token of the text in Python.
    """
    first = _first_words()
    folded = fold_same_length(text)
    hits: list[NameHit] = []
    pos = 0
    for m in _CAPITALIZED.finditer(text):
        s, e0 = m.span()
        if s < pos or not text[s].isupper():
            continue  # inside a hit, or not a capital
        width = first.get(folded[s:e0], 0)
        if not width:
            continue
        ends = [t.end() for t in itertools.islice(_TOKEN.finditer(text, s), width)]
        for e in reversed(ends):
            ent = lookup(text[s:e])
            if ent is not None:
                if text[e : e + 1] == "." and "." in text[s:e]:
                    e += 1  # "U.S.": an abbreviation keeps its last dot
                hits.append(NameHit(s, e, text[s:e], ent))
                pos = e
                break
    return tuple(hits)


# --- demonym adjectives ------------------------------------------------------------------


@cache
def demonym_index() -> tuple[dict[str, str], dict[str, str]]:
    """(combining form -> iso3, adjective -> iso3) from ``data/demonyms.csv``.

    Adjectives are indexed in the four French forms (masc./fem., sing./plural) and in
    English; combining forms are the first parts of compounds ("franco-", "sino-").
    """
    combining: dict[str, str] = {}
    adjective: dict[str, str] = {}
    with (DATA_DIR / "demonyms.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            iso = row["iso3"]
            combining[fold_for_match(row["combining_form"])] = iso
            for form in (row["masculine"], row["feminine"]):
                k = fold_for_match(form)
                adjective.setdefault(k, iso)
                adjective.setdefault(k if k.endswith("s") else k + "s", iso)
            adjective.setdefault(fold_for_match(row["english"]), iso)
    return combining, adjective


def state(iso3: str) -> Entity:
    """The state entity of an ISO alpha-3 code (for demonyms)."""
    c = pycountry.countries.get(alpha_3=iso3)
    return Entity(iso3, iso3, c.name if c else "", "state")
