"""The curated initiative gazetteer (``data/initiatives.csv``) and its matcher.

The gazetteer can be switched off, to measure what the general patterns find on their
own: ``with gazetteer.disabled(): parse_document(...)`` (or ``extract_initiatives(...,
use_gazetteer=False)``).

Every alias is reduced to a *key* (``initiative_key``: folded, articles and elisions
dropped, "d'" read as "de"), and to a pattern that tolerates the variants the key forgets
(an article or not, "d'" or "de ", any case, accents, apostrophe style, line breaks),
matched word by word as that pattern matches (``alias_words``: compiling ~600 patterns
cost a fresh process more than its first documents), one regex of them all compiled
once a process has read enough text (``_alias_matches``). A match is mapped back to
its entry through the key of the matched text, so the same initiative gets the same id
whatever the variant. Aliases written in capitals ("G7", "OCDE", "4P") are acronyms and
must match in capitals.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress

from aidecl_data.parse.entities.alias_words import FirstWord, FullAliases, match_alias, match_leaf
from aidecl_data.parse.entities.countries import DATA_DIR
from aidecl_data.parse.entities.english import HEADS_EN
from aidecl_data.parse.entities.folding import fold_same_length
from aidecl_data.parse.entities.patterns import HEADS
from aidecl_data.parse.text import fold_for_match, trie_pattern

_STATE = {"enabled": True}


def enabled() -> bool:
    """Whether the curated gazetteer is used (it is, unless inside ``disabled()``)."""
    return _STATE["enabled"]


@contextmanager
def disabled() -> Iterator[None]:
    """Inside this block, initiatives are found by the general patterns alone: no curated
    name, alias, acronym or misspelling is used (ids are then the slugs of the names as
    written). For measuring the patterns; not thread-safe."""
    before = _STATE["enabled"]
    _STATE["enabled"] = False
    try:
        yield
    finally:
        _STATE["enabled"] = before


@dataclass(frozen=True)
class Initiative:
    initiative_id: str
    name: str  # the French name when there is one, else the English one
    kind: str
    name_en: str
    name_fr: str


# The published pattern of ``initiative_id`` (see ``aidecl_data.publish.schema.fields``).
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")
_ELISION = re.compile(r"\b([dl])'\s*")
_ARTICLES = re.compile(r"\b(?:le|la|les|l|the)\b")
_DE = re.compile(r"\b(?:du|des)\b")
_NON_WORD = re.compile(r"[^\w]+")
# "Sommet mondial de 2025 sur l'IA", "Summit of 2023 on ...": a year inside a name dates
# one edition, it does not make another initiative ("Agenda 2030": a final or leading
# year without a preposition stays).
_LEADING_YEAR = re.compile(r"^(?:19|20)\d\d (?=\S+ \S)")
_INNER_YEAR = re.compile(r"\b(?:de|of|en|in|for) (?:19|20)\d\d (?=\w)")


@cache
def _head_words() -> frozenset[str]:
    """Single-word heads of both languages (folded), whose plural names the same thing."""
    words = {h for h in HEADS if " " not in h} | {h for h in HEADS_EN if " " not in h}
    return frozenset(fold_for_match(w) for w in words)


def _singular(word: str) -> str:
    """ "sommets" -> "sommet", "summits" -> "summit", "processes" -> "process" (heads only)."""
    heads = _head_words()
    if word in heads:
        return word
    for cut in (1, 2):
        if len(word) > cut + 2 and word[-cut:] in ("s", "x", "es") and word[:-cut] in heads:
            return word[:-cut]
    return word


@lru_cache(maxsize=8192)
def surface_key(text: str) -> str:
    """The words of a name as the matcher reads them: folded, articles and elisions
    dropped, "d'"/"du"/"des" read as "de" ("processus d'Hiroshima" == "Processus de
    hiroshima"); every other word kept, so an alias's pattern matches it as written."""
    t = fold_for_match(text)
    t = _ELISION.sub(lambda m: "de " if m.group(1) == "d" else " ", t)
    t = _NON_WORD.sub(" ", t.replace("&", " and "))
    t = _ARTICLES.sub(" ", t)
    t = _DE.sub("de", t)
    return " ".join(t.split())


@lru_cache(maxsize=8192)
def initiative_key(text: str) -> str:
    """Variant-proof identity key: ``surface_key`` without the year of an edition (inside
    a name, "Sommet mondial de 2025 sur ..."; or before two words or more, "2022 Quad
    Leaders’ Summit"; "Agenda 2030", "2030 Agenda" keep theirs) and with plural heads
    made singular ("sommets de Séoul").

    Memoized: the same names are keyed in every document."""
    t = _INNER_YEAR.sub("", surface_key(text))
    t = _LEADING_YEAR.sub("", t)
    return " ".join(_singular(w) for w in t.split())


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
_GAP = r"(?:(?<=')|[\s\-/.]+)(?:(?:le|la|les|the)\s+|l'\s*)?"


def _word_pattern(word: str) -> str:
    if word == "and":
        return r"(?:and|&)"
    if word == "de":
        return r"d(?:e|u|es|')"  # de / du / des / d'
    if word in _head_words():
        return re.escape(word) + r"(?:s|x|es)?"  # "sommets de Séoul", "Summits"
    return re.escape(word)


def alias_pattern(alias: str) -> str:
    """Regex (over ``fold_same_length`` text) for every variant of an alias."""
    words = surface_key(alias).split()
    return _GAP.join(_word_pattern(w) for w in words)


def _is_acronym(alias: str) -> bool:
    return len(alias) <= 8 and alias.upper() == alias and any(c.isalpha() for c in alias)


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, Initiative]  # key -> initiative
    acronyms: frozenset[str]  # keys that must be matched in capitals
    # first word of a key -> the aliases (``surface_key``) starting with it, longest
    # first (matched by ``alias_words``; their patterns, ``_alias_patterns``, are the
    # reference the tests compare with: compiling them cost a fresh process most of its
    # first parse; figures in benchmarks/README.md)
    by_first_word: dict[str, list[str]]
    # (number of words, 0 or 1, first or second word) -> the keys (not acronyms) of that
    # length sharing that word, as words: the candidates for a misspelling
    by_length: dict[tuple[int, int, str], list[tuple[str, ...]]]
    # first words every alias writes in capitals ("un" of "UN", "UN Charter"; "who" of
    # "WHO"): where the text does not, no alias can match ("un sommet", "who")
    capital_first_words: frozenset[str] = frozenset()


@cache
def gazetteer() -> Gazetteer:
    """Load the CSV once; compile each alias, indexed by its first word."""
    entries: dict[str, Initiative] = {}
    acronyms: set[str] = set()
    surfaces: set[str] = set()
    written_first: dict[str, set[bool]] = defaultdict(set)
    words_written: set[str] = set()  # keys also written as a word ("Otan" beside "OTAN")
    with (DATA_DIR / "initiatives.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["name_fr"] or row["name_en"]
            ini = Initiative(
                row["initiative_id"], name, row["kind"], row["name_en"], row["name_fr"]
            )
            names = [row["name_fr"], row["name_en"], *row["aliases"].split("|")]
            for alias in (a.strip() for a in names):
                key = initiative_key(alias)
                if not key:
                    continue
                entries.setdefault(key, ini)
                surface = surface_key(alias)
                surfaces.add(surface)
                first = alias.split()[0] if alias.split() else ""
                written_first[surface.split()[0]].add(first.isupper() and len(first) > 1)
                if _is_acronym(alias):
                    acronyms.add(key)
                else:
                    words_written.add(key)
    by_first: dict[str, list[str]] = {}
    for surface in sorted(surfaces, key=lambda k: (-len(k), k)):
        by_first.setdefault(surface.split()[0], []).append(surface)
    by_length: dict[tuple[int, int, str], list[tuple[str, ...]]] = {}
    for key in sorted(entries):
        words = tuple(key.split())
        if key not in acronyms and len(words) > 1:
            # one word may differ: the key shares its first or its second word
            for k in (0, 1):
                by_length.setdefault((len(words), k, words[k]), []).append(words)
    capital_first = frozenset(w for w, caps in written_first.items() if caps == {True})
    _SURFACES.clear()
    _SURFACES.update(surfaces)
    acronyms -= words_written
    return Gazetteer(entries, frozenset(acronyms), by_first, by_length, capital_first)


@cache
def _alias_patterns(first: str) -> tuple[re.Pattern[str], ...]:
    """The compiled alias patterns starting with ``first``, longest first: the reference
    ``alias_words.match_alias`` is tested against, and the matcher of
    ``_find_known_words`` (the parser compiles none of these)."""
    return tuple(re.compile(_full_pattern(a)) for a in gazetteer().by_first_word.get(first, ()))


@cache
def _combined(first: str) -> re.Pattern[str]:
    """All the alias patterns starting with ``first`` in one alternation, longest first:
    one match call where a loop tried each (most first words, "united", "global", are
    followed by none of their aliases)."""
    return re.compile("|".join(f"(?:{_full_pattern(a)})" for a in gazetteer().by_first_word[first]))


def _full_pattern(surface: str) -> str:
    return rf"{alias_pattern(surface)}(?![\w])"


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one inserted, deleted, replaced or swapped letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (
            i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )
    return a[i:] == b[i + 1 :]


def resolve(key: str) -> Initiative | None:
    """The known initiative a name's key denotes: the same key, or a key one letter away
    in one word of six letters or more ("Bletchey Park" for "Bletchley Park", "supercaclul"
    for "supercalcul"), by rule rather than by listing each misspelling. ``None`` when the
    gazetteer is off or knows no such name."""
    if not enabled() or not key:
        return None
    return _resolve(key)


@lru_cache(maxsize=4096)
def _resolve(key: str) -> Initiative | None:
    gz = gazetteer()
    hit = gz.entries.get(key)
    if hit is not None:
        return hit
    words = key.split()
    if len(words) < 2:
        return None
    for k in (0, 1):
        for other in gz.by_length.get((len(words), k, words[k]), ()):
            diff = [(a, b) for a, b in zip(words, other, strict=True) if a != b]
            if len(diff) == 1 and min(map(len, diff[0])) >= 6 and _one_edit(*diff[0]):
                return gz.entries[" ".join(other)]
    return None


@dataclass(frozen=True)
class GazHit:
    start: int
    end: int
    initiative: Initiative


_WORD = re.compile(r"[^\W_]+")
_ALNUM = re.compile(r"[^\W_]")
_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]")


def _acronym_ok(text: str, start: int, end: int) -> bool:
    """An acronym is written in capitals, in a text that is not itself all capitals
    ("UN" in "UN SOMMET" is the article)."""
    around = text[max(0, start - 30) : start] + text[end : end + 30]
    if text[start - 1 : start] == "/" or text[end : end + 1] == "/":
        return False  # a part of a code ("UNEP/EA.7/Res.9"), not the body
    written = text[start:end]
    if "." in written and written.isupper():
        return True  # "B.C.E.": dotted, an acronym even in a capitals heading
    return written.isupper() and any(c.islower() for c in around)


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
    # a head's plural ("sommets de Séoul") starts its alias too
    return re.compile(rf"[\W_]({trie_pattern(words)})(?:s|x|es)?(?![^\W_])")


_WORD_AFTER = re.compile(r"[\W_]([^\W_]+)")


def _first_word_at(padded: str, start: int) -> str | None:
    """``_first_words_rx().match(padded, start).group(1)`` by dict: the trie tries the
    longest first word the word at ``start`` is, with a plural ending, that ends the
    word; so the word, then it less "s"/"x", then less "es" (no regex to compile)."""
    m = _WORD_AFTER.match(padded, start)
    if m is None:
        return None
    word = m.group(1)
    firsts = gazetteer().by_first_word
    if word in firsts and _WORD.fullmatch(word):
        return word
    for cut, endings in ((1, ("s", "x")), (2, ("es",))):
        if word[-cut:] in endings and word[:-cut] in firsts and _WORD.fullmatch(word[:-cut]):
            return word[:-cut]
    return None


def _in_address(text: str, start: int) -> bool:
    """Whether ``start`` is inside a web address (the run of non-space characters around
    it holds "://", "www." or a path)."""
    a = start
    while a > 0 and not text[a - 1].isspace() and start - a < 300:
        a -= 1
    chunk = text[a:start]
    return "://" in chunk or "www." in chunk or chunk.count("/") >= 2


_SURFACES: set[str] = set()


def _surfaces() -> set[str]:
    gazetteer()
    return _SURFACES


def _rest_pattern(surface: str) -> str:
    """The alias pattern after its first word (what follows it, then the word's end)."""
    words = surface.split()
    rest = "".join(_GAP + _word_pattern(w) for w in words[1:])
    return rf"{rest}(?![\w])"


@cache
def _rests() -> dict[str, list[str]]:
    """First word (not capitals-only) -> the patterns of its aliases' rests, longest first."""
    gz = gazetteer()
    rests: dict[str, list[str]] = {}
    for surface in sorted(_surfaces(), key=lambda k: (-len(k), k)):
        first = surface.split()[0]
        if first in gz.capital_first_words or not _WORD.fullmatch(first):
            continue
        rests.setdefault(first, []).append(_rest_pattern(surface))
    return rests


@cache
def _all_aliases_rx() -> re.Pattern[str]:
    """Every alias whose first word is not capitals-only, in one regex over folded text: a
    trie of first words (behind a non-word character, as ``_first_words_rx``), each leaf
    followed by the alternation of its aliases' rests, longest first. One ``finditer``
    finds the leftmost-longest aliases in C, where a Python loop visited every word that
    starts an alias ("united", "global": ~100 a document) and tried its patterns.

    Compiling it is slow (it is large): a process compiles it only once it has read
    enough text for that to pay (``_alias_matches``); before, ``_lazy_alias_matches``
    gives the same matches with no pattern compiled per alias (``alias_words``)."""
    rests = _rests()
    trie: dict = {}
    for w in rests:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = w

    def emit(node: dict) -> str:
        alts = [re.escape(c) + emit(node[c]) for c in sorted(k for k in node if k)]
        if "" in node:  # a first word ends here: its plural (heads), then its aliases
            w = node[""]
            plural = r"(?:s|x|es)?" if w in _head_words() else ""
            alts.append(plural + "(?:" + "|".join(rests[w]) + ")")
        return "(?:" + "|".join(alts) + ")"

    return re.compile(r"[\W_](" + emit(trie) + ")")


@cache
def _alias_starts_rx() -> re.Pattern[str]:
    """Where ``_all_aliases_rx`` may match: a non-word character (consumed, as there)
    before a word that is a first word of ``_rests``, possibly with a plural ending (the
    word is the group that matched); unless one of that word's aliases is the word alone,
    followed by separators, maybe an article, and one of the words that come second in
    an alias (a superset: ``alias_words`` decides). Most places where a first word is
    written ("united", "global", "conseil") start no alias: the engine turns them down
    in C, not the per-word matcher in Python."""
    index = _rest_index()
    alone = [w for w, entry in index.items() if entry.bare]
    more = [w for w, entry in index.items() if not entry.bare]
    seconds = {lit for entry in index.values() for rest in entry.aliases if rest for lit in rest[0]}
    word = r"(?:s|x|es)?)(?!\w)"
    gap = r"[\s\-/.]+(?:(?:le|la|les|the)\s+|l'\s*)?"
    alts = []
    if alone:
        alts.append(rf"((?:{trie_pattern(alone)}){word}")
    if more and seconds:
        alts.append(rf"((?:{trie_pattern(more)}){word}{gap}(?:{trie_pattern(seconds)})")
    if not alts:
        return re.compile(r"(?!)")
    return re.compile(rf"[\W_](?={'|'.join(alts)})")


_WORD_RUN = re.compile(r"\w+")
# Every byte but an ASCII letter or digit as a space (the pattern's separators,
# apostrophes, "&", "_"): the words of text so mapped are ``bytes.split`` in C.
_TO_SPACES = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))
_SPACED = {c: " " for c in range(128) if not chr(c).isalnum()}
_GAP_ARTICLES = frozenset((b"le", b"la", b"les", b"the", b"l"))


@dataclass(frozen=True)
class _StartWords:
    """What ``_alias_starts`` looks for, as bytes: the first words and their plural
    forms, each with the words that may come second in its aliases, each of those with
    the words that may come third; ``None`` where an alias may go on with any word (it
    ends there, or its next word is "&", a space in the mapped text)."""

    seconds: dict[bytes, dict[bytes, frozenset[bytes] | None] | None]


_Nexts = dict[bytes, set[bytes] | None] | None


def _mapped(lit: str) -> list[bytes]:
    return [w.encode() for w in lit.translate(_SPACED).split()]


def _add_rest(nexts: _Nexts, rest: tuple[tuple[str, ...], ...]) -> _Nexts:
    """``nexts`` with what ``rest`` (an alias after its first word) may start with."""
    if nexts is None or not rest:
        return None
    for lit in rest[0]:
        if not lit.isascii():
            continue  # not in a text of ASCII words
        second = _mapped(lit)
        if not second:
            return None  # "&"
        key = second[0]
        if len(second) > 1 or len(rest) == 1:
            nexts[key] = None  # the alias ends, or its word is two words here
            continue
        if nexts.get(key, set()) is None:
            continue
        thirds = nexts.setdefault(key, set())
        for lit3 in rest[1]:
            third = _mapped(lit3)
            if not third:
                nexts[key] = None
                break
            if lit3.isascii():
                thirds.add(third[0])
    return nexts


@cache
def _start_words() -> _StartWords:
    seconds: dict[bytes, _Nexts] = {}
    for w, entry in _rest_index().items():
        if not w.isascii():
            continue  # not in a text of ASCII words
        nexts: _Nexts = {}
        for rest in entry.aliases:
            nexts = _add_rest(nexts, rest)
        for form in (w, *(f"{w}{p}" for p in ("s", "x", "es"))):
            key = form.encode()
            known = seconds.get(key, {})
            if known is None or nexts is None:
                seconds[key] = None
                continue
            merged = dict(known)
            for second, thirds in nexts.items():
                before = merged.get(second, set())
                merged[second] = None if before is None or thirds is None else before | thirds
            seconds[key] = merged
    return _StartWords(
        {
            k: None
            if v is None
            else {k2: None if v2 is None else frozenset(v2) for k2, v2 in v.items()}
            for k, v in seconds.items()
        }
    )


_MISSING = frozenset((b"",))  # not a word of the mapped text


def _goes_on(words: list[bytes], i: int, nexts: dict) -> bool:
    """Whether the words after ``words[i]`` (a first word) may be an alias's second
    and third words (each maybe after an article)."""
    n = len(words)
    for j in (i + 1, i + 2):
        if j >= n or (j == i + 2 and words[i + 1] not in _GAP_ARTICLES):
            return False
        thirds = nexts.get(words[j], _MISSING)
        if thirds is _MISSING:
            continue
        if thirds is None:
            return True
        k = j + 1
        if k < n and (
            words[k] in thirds
            or (words[k] in _GAP_ARTICLES and k + 1 < n and words[k + 1] in thirds)
        ):
            return True
    return False


def _alias_starts(padded: str) -> Iterator[tuple[int, str]]:
    """Where an alias may start in ``padded`` (a superset of ``_alias_starts_rx``'s
    matches): the position of the non-word character before a first word, and the
    word. When the text's word characters are ASCII, its words are split in C
    (``_TO_SPACES``) and looked up in sets: the words after a first word (each maybe
    after an article) must come second and third in one of its aliases, and only then
    is the word's position found. That is faster than the pattern, whose leading
    non-word class tried its first words at every space and mark, and leaves fewer
    places for the matcher to try (benchmarks/README.md). A non-ASCII word character
    ("ß", "œ") could be part of a word: such a text is searched with the pattern."""
    try:
        raw = padded.encode("ascii")
    except UnicodeEncodeError:
        raw = padded.encode("ascii", "replace")  # every other character as "?"
        i = raw.find(b"?")
        while i >= 0:
            if padded[i] != "?" and _WORD_RUN.match(padded, i):
                for c in _alias_starts_rx().finditer(padded):
                    yield c.start(), c.group(c.lastindex)
                return
            i = raw.find(b"?", i + 1)
    spaced = raw.translate(_TO_SPACES)
    words = spaced.split()
    seconds = _start_words().seconds
    if seconds.keys().isdisjoint(words):
        return
    cur = 0
    located = 0  # the words before this one have been located (up to ``cur``)
    n = len(words)
    # the first words, picked out in C
    for i in compress(range(n), map(seconds.__contains__, words)):
        w = words[i]
        nexts = seconds[w]
        if nexts is not None and (
            i + 1 == n
            # what ``_goes_on`` first asks, without a call (most first words stop here)
            or (words[i + 1] not in nexts and words[i + 1] not in _GAP_ARTICLES)
            or not _goes_on(words, i, nexts)
        ):
            continue  # none of its aliases goes on with the words after it
        # located only when it may start one: past the earlier whole words ``w`` first
        at = cur - 1
        for _ in range(words[located:i].count(w) + 1):
            at = spaced.find(b" " + w, at + 1)
            while spaced[at + 1 + len(w) : at + 2 + len(w)] not in (b" ", b""):
                at = spaced.find(b" " + w, at + 1)  # a longer word starting with it
        cur = at + 1 + len(w)
        located = i + 1
        # the word (and the one regex's candidates) as the text writes it
        yield at, w.decode("ascii")


@cache
def _leaf_rx(first: str) -> re.Pattern[str]:
    """What follows ``first`` in ``_all_aliases_rx`` (a head's plural, then its aliases'
    rests), on its own: the reference ``alias_words.match_leaf`` is tested against (the
    parser compiles none of these)."""
    plural = r"(?:s|x|es)?" if first in _head_words() else ""
    return re.compile(plural + "(?:" + "|".join(_rests()[first]) + ")")


@cache
def _rest_index() -> dict[str, FirstWord]:
    """``_rests`` as words (``alias_words``): first word -> its aliases' rests, in the
    same order, matched without compiling them."""
    gz = gazetteer()
    heads = _head_words()
    index: dict[str, FirstWord] = {}
    for surface in sorted(_surfaces(), key=lambda k: (-len(k), k)):
        words = surface.split()
        if words[0] in gz.capital_first_words or not _WORD.fullmatch(words[0]):
            continue
        index.setdefault(words[0], FirstWord()).add(words[1:], heads)
    return index


@cache
def _full_index() -> dict[str, FullAliases]:
    """``gazetteer().by_first_word`` as words: first word -> its whole aliases, in the
    same order (longest first), matched without compiling them."""
    heads = _head_words()
    index: dict[str, FullAliases] = {}
    for surface in sorted(_surfaces(), key=lambda k: (-len(k), k)):
        words = surface.split()
        index.setdefault(words[0], FullAliases()).add(words, heads)
    return index


def _lazy_alias_matches(padded: str) -> Iterator[tuple[int, int]]:
    """The spans of group 1 of ``_all_aliases_rx().finditer(padded)``, found without it.

    At a position, that regex follows the trie branch of the word there: it tries the
    first words that start the word, longest first, each followed by its leaf; a first
    word must end the word (with a head's plural ending), since every leaf starts with a
    separator or the word's end. So the word itself, then it without "s"/"x", then
    without "es" are the only first words to try, in that order; each leaf is matched
    word by word (``alias_words.match_leaf``, what ``_leaf_rx`` matches)."""
    index = _rest_index()
    heads = _head_words()
    pos = 0
    for p, word in _alias_starts(padded):  # the whole word, after the character at p
        if p < pos:
            continue
        at = p + 1
        end = -1
        cuts = (0, 1, 2) if word.endswith("es") else (0, 1) if word[-1:] in ("s", "x") else (0,)
        for cut in cuts:
            first = word[: len(word) - cut]
            entry = index.get(first)
            if entry is not None:
                end = match_leaf(entry, first in heads, padded, at + len(first))
                if end >= 0:
                    break
        if end >= 0:
            yield at, end
            pos = end


_ALIAS_SCAN = {"chars": 0}
# Characters of text the lazy matcher reads before the one regex is compiled: beyond
# this, the time of compiling it pays for itself (compiling: ~0.14 s CPU; the lazy
# matcher, which compiles nothing, costs 0.05 ms per document more than the one regex on
# the real corpus, 0.14 on the synthetic one: ``find_known`` 0.87 / 0.83 and 0.63 /
# 0.49 ms). A 245-document corpus (3 MB) never compiles it.
_LAZY_CHARS = 10_000_000


def _alias_matches(padded: str) -> Iterator[tuple[int, int]]:
    """Spans of the aliases (first word not capitals-only) in ``padded``, leftmost-longest."""
    if _ALIAS_SCAN["chars"] < _LAZY_CHARS:
        _ALIAS_SCAN["chars"] += len(padded)
        return _lazy_alias_matches(padded)
    return (m.span(1) for m in _all_aliases_rx().finditer(padded))


@cache
def _capital_first_rx() -> re.Pattern[str]:
    """The capitals-only first words ("UN", "WHO", "G7") as written, searched in the text
    itself (case-sensitive): the few places where an acronym alias may start."""
    words = [w.upper() for w in gazetteer().capital_first_words if _WORD.fullmatch(w)]
    if not words:
        return re.compile(r"(?!)")
    # Led by the trie (capitals, which the engine skips to in C: they are rarer than the
    # spaces a leading ``[\W_]`` stopped at); the character before is checked by the caller.
    return re.compile(rf"({trie_pattern(words)})(?![^\W_])")


def _accept(text: str, start: int, end: int) -> Initiative | None:
    """The initiative an alias match at ``[start, end)`` names, or ``None`` (an address,
    an acronym not in capitals, a variant no alias keys)."""
    if _in_address(text, start):
        return None
    gz = gazetteer()
    key = initiative_key(text[start:end])
    ini = gz.entries.get(key)
    if ini is None or (key in gz.acronyms and not _acronym_ok(text, start, end)):
        return None
    return ini


def find_known(text: str) -> list[GazHit]:
    """Gazetteer matches in ``text`` (non-overlapping, leftmost-longest).

    Aliases are found by one regex (``_alias_matches``: ``_all_aliases_rx``, or its lazy
    twin in a fresh process); those that start with a capitals-only word ("UN", "WHO")
    by the word loop, only where the text writes that word in capitals. A match the
    regex finds but that names nothing (an acronym in lower case, a web address) is
    tried again by the loop, alias by alias.
    Nothing is found while the gazetteer is ``disabled()``.
    """
    if not enabled():
        return []
    folded = fold_same_length(text)
    padded = " " + folded  # made once: the word loop searches it at each capital word
    cands: list[GazHit] = []
    for a, b in _alias_matches(padded):
        start, end = a - 1, b - 1
        ini = _accept(text, start, end)
        if ini is not None:
            cands.append(GazHit(start, end, ini))
        else:
            cands.extend(_find_known_at(text, folded, padded, start, False))
    for m in _capital_first_rx().finditer(text):
        start = m.start(1)
        if start and _ALNUM.match(text, start - 1):
            continue  # inside a word
        cands.extend(_find_known_at(text, folded, padded, start, True))
    if not cands:
        return cands
    # "U.E.O.": a dotted acronym keeps its last dot, as written (the key drops the dots)
    cands = [
        GazHit(h.start, h.end + 1, h.initiative)
        if text[h.end : h.end + 1] == "." and _DOTTED.fullmatch(text, h.start, h.end)
        else h
        for h in cands
    ]
    cands.sort(key=lambda h: (h.start, -h.end))
    hits = [cands[0]]
    for h in cands[1:]:
        if h.start >= hits[-1].end:
            hits.append(h)
    return hits


def _find_known_at(text: str, folded: str, padded: str, start: int, capitals: bool) -> list[GazHit]:
    """The word-by-word matcher on the word starting at ``start`` (``capitals``: only a
    capitals-only first word, written in capitals): the alias found there, if any.
    ``padded`` is ``" " + folded``, made once by the caller (a copy per call made it
    quadratic); the first word is matched there, not searched for further on."""
    gz = gazetteer()
    first = _first_word_at(padded, start)  # the character before the word, then it
    if first is None:
        return []
    if capitals and first not in gz.capital_first_words:
        return []
    if first in gz.capital_first_words and not text[start : start + len(first)].isupper():
        return []  # "un sommet", "who": not "UN", "WHO"
    aliases = _full_index()[first]
    for i in aliases.candidates(folded, start):
        end = match_alias(folded, start, aliases.aliases[i], False)
        if end < 0:
            continue  # what ``_alias_patterns(first)[i].match(folded, start)`` gives
        ini = _accept(text, start, end)
        if ini is None:
            if _in_address(text, start):
                break
            continue
        return [GazHit(start, end, ini)]
    return []


def _find_known_words(text: str) -> list[GazHit]:
    """``find_known`` word by word, alias by alias (the reference the tests compare the
    one-regex matcher with)."""
    if not enabled():
        return []
    gz = gazetteer()
    folded = fold_same_length(text)
    hits: list[GazHit] = []
    pos = 0
    for w in _first_words_rx().finditer(" " + folded):
        start = w.start(1) - 1  # in ``folded``
        if start < pos:
            continue
        first = w.group(1)
        if first in gz.capital_first_words and not text[start : start + len(first)].isupper():
            continue  # "un sommet", "who": not "UN", "WHO"
        if not _combined(first).match(folded, start):
            continue  # none of the aliases starting with that word
        for pattern in _alias_patterns(first):
            m = pattern.match(folded, start)
            if not m:
                continue
            if _in_address(text, m.start()):
                break  # ".../trade-and-technology-council/...": an address, not a name
            written = text[m.start() : m.end()]
            key = initiative_key(written)
            ini = gz.entries.get(key)
            if ini is None or (key in gz.acronyms and not _acronym_ok(text, m.start(), m.end())):
                continue
            hits.append(GazHit(m.start(), m.end(), ini))
            pos = m.end()
            break
    return hits
