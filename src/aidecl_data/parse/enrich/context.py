"""The words around a cue, read from the clause's scanned copy (``wordindex.scan_text``).

Why words and not regexes: whether a cue is an act depends on the few words before it
(an auxiliary, a reflexive pronoun, a determiner, "to", "ne ... pas"), and a regex
anchored at the cue (``...$``) is tried by ``re`` at every character of the stretch before
it; a list of the clause's words with their offsets, built once by one ``re`` call, makes
each of these questions a set lookup.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\S+")

# adverbs and particles that may stand between a subject, an auxiliary and a verb
ADVERBS = frozenset(
    [
        "également",
        "aussi",
        "ainsi",
        "donc",
        "déjà",
        "encore",
        "tous",
        "toutes",
        "deux",
        "ensemble",
        "bien",
        "pleinement",
        "also",
        "further",
        "all",
        "both",
        "each",
        "jointly",
        "again",
        "still",
        "together",
        "fully",
        "firmly",
        "strongly",
    ]
)
NEGATION_PARTICLES = frozenset(["pas", "plus", "jamais", "point", "guère", "nullement"])
REFLEXIVE = frozenset({"se", "s"})
AUX_AVOIR = frozenset(
    [
        "ont",
        "avons",
        "a",
        "avait",
        "avaient",
        "avions",
        "auront",
        "aurons",
        "ayant",
        "have",
        "has",
        "had",
        "having",
    ]
)
AUX_ETRE = frozenset(
    [
        "sont",
        "sommes",
        "est",
        "étaient",
        "étions",
        "seront",
        "serons",
        "étant",
        "demeurent",
        "restent",
        "are",
        "is",
        "was",
        "were",
        "be",
        "been",
        "remain",
        "remains",
        "stand",
        "stands",
    ]
)
RELATIVE = frozenset(
    [
        "qui",
        "que",
        "qu",
        "dont",
        "lequel",
        "laquelle",
        "lesquels",
        "lesquelles",
        "which",
        "that",
        "who",
        "whom",
    ]
)
NOT_FINITE = frozenset(
    [
        "to",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "would",
        "will",
        "shall",
        "de",
        "à",
        "pour",
    ]
)
DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "our",
        "their",
        "its",
        "this",
        "these",
        "those",
        "his",
        "her",
        "of",
        "for",
        "with",
        "any",
        "no",
        "such",
        "la",
        "le",
        "les",
        "l",
        "un",
        "une",
        "des",
        "du",
        "cette",
        "ce",
        "leur",
        "leurs",
        "notre",
        "nos",
        "sa",
        "son",
        "ses",
        "votre",
    ]
)
COORDINATORS = frozenset({"et", "and", "puis", "then"})
OPENER_WORDS = frozenset(
    ["further", "also", "and", "et", "moreover", "furthermore", "enfin", "de", "plus", "-"]
)


_ADVERB_ENDINGS = ("ment", "ly")


def is_adverb(word: str) -> bool:
    return word in ADVERBS or (len(word) > 5 and word.endswith(_ADVERB_ENDINGS))


_REACH = 90
_UNREAD = object()


class Before:
    """The words before a cue in its sentence (at most ``REACH`` characters back), lower
    case as scanned; index ``n`` (``len``) stands for the cue itself."""

    REACH = _REACH
    UNREAD = _UNREAD
    __slots__ = ("_seg", "_starts", "at_sentence_start", "lo", "n", "pos", "reflexive", "words")

    def __init__(self, scan: str, s0: int, pos: int):
        # text offset t is scan offset t + 1 (scan_text puts a space in front); locals,
        # not attribute reads: one ``Before`` is built for every candidate cue
        lo = pos - _REACH
        if lo < s0:
            lo = s0
        self.lo = lo
        self.pos = pos
        self.at_sentence_start = lo == s0
        self._seg = seg = scan[lo + 1 : pos + 1]
        self.words = words = seg.split()
        self.n = len(words)
        self._starts: list[int] | None = None
        self.reflexive: object = _UNREAD  # see acts._reflexive

    def word(self, k: int) -> str:
        return self.words[k] if 0 <= k < self.n else ""

    def back(self, k: int, skip_negation: bool = False) -> int:
        """Index of the first word before index ``k`` that is not an adverb (nor, with
        ``skip_negation``, a negation particle); -1 when there is none."""
        j = k - 1
        words = self.words
        while j >= 0:
            w = words[j]
            # ``is_adverb``, inlined (this loop runs for every cue)
            if (
                w in ADVERBS
                or (len(w) > 5 and w.endswith(_ADVERB_ENDINGS))
                or (skip_negation and w in NEGATION_PARTICLES)
            ):
                j -= 1
                continue
            return j
        return -1

    def start_of(self, k: int) -> int:
        """Text offset of word ``k`` (of the cue for ``k == n``)."""
        if k >= self.n:
            return self.pos
        if self._starts is None:
            self._starts = [self.lo + m.start() for m in _TOKEN.finditer(self._seg)]
        return self._starts[k]
