"""Every clause's scanned copy, and where each lexicon may match in it, for a whole document
at once.

Why: enrichment reads each clause through three lexicon regexes (acts, hedges, themes; see
``wordindex``), and ``re`` tries each of them at every word start of every clause: with
the scanned copies, that was a third of enrichment (``benchmarks/enrich_benchmark.py``,
``lexicon_scans``; benchmarks/README.md, "Sixth round"). Here the document's clauses are
lower-cased and scanned in one call each (``str.lower``, ``re.sub``) and an Aho-Corasick
automaton (``pyahocorasick``) over the literal prefixes of every alternative of the three
lexicons (a space, then its letters up to the first regex operator: a necessary condition
of a match) finds, in one pass over the document, the places where some alternative may
match. ``confirmed`` then runs the lexicon's own pattern at those places only, in text
order, skipping places inside the previous match: the leftmost, non-overlapping answer of
``pattern.finditer`` on the clause's scanned copy, exactly (the pattern starts with a
space, so it can match nowhere else; ``tests/test_enrich_places.py`` checks the answers
are equal). ``benchmarks/enrich_matchers.py`` measures the matcher against the three ``re``
scans of every clause: one pass per document costs a fraction of them.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence

import ahocorasick

from aidecl_data.parse.enrich.lexicon import act_lexicon, hedge_pattern, theme_lexicon
from aidecl_data.parse.enrich.wordindex import _TO_SPACE, scan_text

ACTS, HEDGES, THEMES = 0, 1, 2
NOWHERE: tuple[int, ...] = ()  # the places of a lexicon that matches nowhere in a clause

_LOOKBEHIND = re.compile(r"\(\?<[!=][^()]*\)")
_STOP = set("\\[(.?*+{|^$)")
_CLASS = re.compile(r"\[([^\]\\^-]+)\]")


def literal_prefixes(alternative: str) -> set[str]:
    """The strings one of which starts every match of an alternative of a
    ``wordindex.Lexicon``: its letters up to the first regex operator (look-behinds left
    out, a letter or class followed by ``?``, ``*``, ``+`` or ``{`` dropped with what
    follows), a plain class read as each of its characters ("l['’ ]environnement" gives
    three strings; at most 16)."""
    alt = _LOOKBEHIND.sub("", alternative)
    out = [""]
    i = 0
    while i < len(alt):
        cls = _CLASS.match(alt, i) if alt[i] == "[" else None
        end = cls.end() if cls else i + 1
        if alt[end : end + 1] in ("?", "*", "+", "{"):
            break
        if cls:
            if len(out) * len(cls.group(1)) > 16:
                break
            out = [o + x for o in out for x in cls.group(1)]
        elif alt[i] in _STOP:
            break
        else:
            out = [o + alt[i] for o in out]
        i = end
    return set(out)


def prefix_keys(lang: str) -> dict[str, set[int]]:
    """ " prefix" -> the lexicons (``ACTS``, ``HEDGES``, ``THEMES``) it may start a match
    of. An act form is a literal: its first word, and the space after it when more words
    follow (``\\s+`` between the words of a form can only match spaces in a scanned copy).
    The hedges and themes are regexes: ``literal_prefixes`` of each alternative."""
    out: dict[str, set[int]] = {}
    for form in act_lexicon(lang)[0]:
        prefix = form.split()[0] + (" " if " " in form.strip() else "")
        out.setdefault(" " + prefix, set()).add(ACTS)
    for n, lexicon in ((HEDGES, hedge_pattern(lang)), (THEMES, theme_lexicon(lang)[0])):
        for alts in lexicon._which.values():
            for _, rx in alts:
                for prefix in literal_prefixes(rx.pattern):
                    out.setdefault(" " + prefix, set()).add(n)
    return out


@functools.cache
def _automaton(lang: str) -> ahocorasick.Automaton:
    """The automaton of ``prefix_keys``, each key's value (its length less one, the
    lexicons it is the shortest key of). A key with a shorter key of the same lexicon
    before it (" sout" after " s") adds no place: left out for that lexicon, so no place
    is reported twice for one lexicon."""
    keys = prefix_keys(lang)
    automaton = ahocorasick.Automaton()
    for key, lexicons in keys.items():
        own = tuple(
            sorted(
                n
                for n in lexicons
                if not any(n in keys.get(key[:k], ()) for k in range(1, len(key)))
            )
        )
        if own:
            automaton.add_word(key, (len(key) - 1, own))
    automaton.make_automaton()
    return automaton


# a clause's scanned copy, and the places of the act, hedge and theme lexicons in it
Scanned = tuple[str, Sequence[int], Sequence[int], Sequence[int]]


def document_scans(texts: list[str], lang: str) -> list[Scanned]:
    """For each clause text: its ``scan_text`` and the places (offsets in that scanned
    copy, ascending) where the act, hedge and theme lexicons of ``lang`` may match.

    The clauses are joined by a newline (a space in the scanned copy, which each clause's
    copy starts with; it also stops the final-sigma rule of ``str.lower``, so the joined
    text lower-cases as each clause does), unless a character lower-cases to more than one
    (``wordindex.lowered`` then goes character by character): clause by clause then."""
    if not texts:
        return []
    lang = lang if lang in ("fr", "en") else "en"
    joined = "\n".join(texts)
    low = joined.lower()
    if len(low) == len(joined):
        doc = " " + _TO_SPACE.sub(" ", low)
    else:
        doc = "".join(scan_text(t) for t in texts)
    bounds = [0]  # where each clause's scanned copy starts in ``doc``, and the end
    o = 0
    for t in texts:
        o += len(t) + 1
        bounds.append(o)
    found: dict[int, tuple[list[int], list[int], list[int]]] = {}
    clause = bisect.bisect_right
    lo = hi = 0  # the span of the clause of the last place (the places come by their end)
    places: tuple[list[int], list[int], list[int]] = ([], [], [])
    for end, (length, lexicons) in _automaton(lang).iter(doc):
        start = end - length
        if not lo <= start < hi:
            i = clause(bounds, start) - 1
            lo, hi = bounds[i], bounds[i + 1]
            places = found.get(i) or found.setdefault(i, ([], [], []))
        for n in lexicons:
            places[n].append(start - lo)
    out: list[Scanned] = []
    for i in range(len(texts)):
        scan = doc[bounds[i] : bounds[i + 1]]
        at = found.get(i)
        if at is None:
            out.append((scan, NOWHERE, NOWHERE, NOWHERE))
            continue
        for p in at:
            if len(p) > 1:
                p.sort()  # reported by end, keys of different lengths
        acts, hedges, themes = at
        out.append((scan, acts or NOWHERE, hedges or NOWHERE, themes or NOWHERE))
    return out


def confirmed(pattern: re.Pattern[str], scan: str, places) -> Iterator[re.Match[str]]:
    """``pattern.finditer(scan)``, trying the pattern at ``places`` only (ascending, each
    a necessary condition of a match there)."""
    last = 0
    match = pattern.match
    for p in places:
        if p >= last and (m := match(scan, p)):
            yield m
            last = m.end()
