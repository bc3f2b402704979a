"""Line breaks lost by the mirror of a treaty database, put back.

The Dutch treaty database's export (headings written ``##Title``, with no space after the
hashes, the mark of that mirror) dropped many line breaks of the printed text: sentences
and lines are glued ("culturelles.Elles", "Berne, le 20 novembre 1952.Monsieur le
Ministre,Me référant ...", "1738L'Ambassade", "commun,     Sont convenus"), and the
letterhead, number, dateline, salutation, text and address of a diplomatic note may sit on
one line. A reader of the original sees separate lines there; the joins are the same in
the French text and in its Dutch translation, so they are lost breaks, not typing.

In that layout family only (a web text elsewhere keeps a missing space after a full stop
as a typo: "by force.Russia violated"), a unit is cut where a break was lost:

- punctuation glued to a capitalized word ("Aruba.Si", "Ministre,Me", "Turquie;Désireux");
- a run of two or more spaces before a capital, a digit or emphasis ("1994   *Ministère");
- a number glued to a capitalized word or to a note number ("1738L'Ambassade",
  "1993no. 1738");
- two emphasis runs glued ("*Pays-Bas**à**Luxembourg*");
- a line end after a sentence's end (the mirror writes one paragraph per line);
- before the courtesy closing of a note ("L'Ambassade ... saisit cette occasion pour
  renouveler ..."), a paragraph of its own in every note.

The pieces are units flagged ``lost_break``: :func:`aidecl_data.parse.roles.mark_note_apparatus`
sets aside those that are not sentences (letterheads, note numbers, salutations,
addresses). Spans are kept: a piece is a sub-range of the unit's ranges.
"""

from __future__ import annotations

import dataclasses
import re

from aidecl_data.parse.layout.units import Unit
from aidecl_data.parse.text import MappedText, substring_starts

# The mirror's headings: "##Title", "###Nr. I" (a hash run glued to the text).
_MIRROR_HEADING = re.compile(r"^#{2,6}[^\s#]", re.MULTILINE)

_CAP = r"[A-ZÀ-ÝŒ]"
_LOW = r"[a-zà-ÿœ'’]"
# (group "cut_after": split after the punctuation; "gap": split over the spaces;
# "at": zero-width split)
_GLUED = re.compile(
    # Every alternative starts on one of these characters: one class test per position
    # skips the letters of the text (the alternatives' look-behinds cost at each one).
    r"(?=[.;:, \t\u00a0\d*(PFVNn])"
    rf"(?:(?<=[a-zà-ÿ0-9)\]»”])(?P<punct>[.;:,])(?=[*„«\"]?(?:{_CAP}{_LOW}|{_CAP}{{2,}}\b))"
    rf"|(?<=\S)(?P<gap>[ \t\u00a0]{{2,}}+)(?=[*„«\"(]?(?:{_CAP}|\d))"
    rf"|\d(?P<num>)(?={_CAP}{_LOW}|[Nn]o\.\s*\d)"
    rf"|[^*\s]\*(?P<stars>)(?=\*[^*\s])"
    # a signature mark, "(s.) FELDMANN", "(w.g.) ...", glued to what precedes it
    rf"|(?<=\S)(?P<sig>[ \t]*+)(?=\*?\((?:s|w\.\s?g|sgd|get|sign[ée])\.\))"
    # "Pour le Gouvernement de ..." / "For the Government" / "Voor de Regering" glued
    # to a signature line above it
    rf"|(?<=[*)A-Z])(?P<party>[ \t]*+)(?=\*?(?:Pour|For|Voor) (?:le|la|l'|the|de|het)\b)"
    # the database's own note, "(zoals in Nr. I)" ("as in No. I"): a piece of its own
    rf"|(?<![ \t])(?P<dbnote>[ \t]*+\((?:zoals in|as in|comme (?:dans|au)) "
    rf"N[or]\.?\s*[IVX\d]+\)[ \t]*)"
    # a note's number in front of its text, "No. 39.658 L'Ambassade ..."
    rf"|^(?:N[or]\.?|no\.?)[ \t]*\d[\d./-]*(?P<numlead>[ \t]+)(?={_CAP}))"
)
# Where a match of ``_GLUED`` can start. Each alternative needs its first character in
# the lookahead class and the next one as follows: a "." ";" ":" "," before a capital or
# an emphasis mark (punct, stars); a digit before a capital, "N", "n" or "*" (num,
# stars); a tab, "*", "(" or no-break space (gap, sig, party, dbnote, stars); a "P", "F"
# or "V" before "o" or "*" (party: "Pour", "For", "Voor"; stars); a space before white
# space, "(", "*", "P", "F" or "V" (gap, sig, party, dbnote); an "N" or "n" before "*"
# (stars); numlead only at the start of the text. The first ones are found by a pattern
# whose first op is a class (the engine skips ahead in C to the next such character,
# where ``_GLUED``'s leading lookahead, an assertion, gives it nothing to skip with); the
# spaces, too common to stop at with the others, by a pattern whose literal prefix is
# the space; the "n"s by ``str.find``.
_GLUED_START = re.compile(
    r"[.;:,\d\t*(\u00a0PFV]"
    rf"(?:(?<=[.;:,])(?=[*„«\"]|{_CAP})|(?<=\d)(?=[Nn*]|{_CAP})|(?<=[\t*(\u00a0])"
    r"|(?<=[PFV])(?=[o*]))"
)
_GLUED_SPACE = re.compile(r" (?=[ \t\u00a0(*PFV])")


# On the lines of the real corpus: 0.089 -> 0.040 ms per document (a scratch timer of
# this function against ``list(_GLUED.finditer(text))``).
def _glued(text: str) -> list[re.Match[str]]:
    """``list(_GLUED.finditer(text))``, the pattern tried only where ``_GLUED_START``
    finds a possible start. Each match is the first at or after the end of the one before, as
    ``finditer`` finds them; after an empty match (a signature mark or a party phrase
    glued to what precedes it), ``finditer`` itself, from there, gives the next one
    (it may be a non-empty match at the same position)."""
    out: list[re.Match[str]] = []
    found = {m.start() for m in _GLUED_START.finditer(text)}
    found.update(m.start() for m in _GLUED_SPACE.finditer(text))
    found.add(0)  # numlead: "^"
    found |= substring_starts(text, ("n*", "N*"))
    starts = sorted(found)
    end = 0
    k = 0
    while k < len(starts):
        p = starts[k]
        k += 1
        if p < end:
            continue
        m = _GLUED.match(text, p)
        if m is None:
            continue
        out.append(m)
        end = m.end()
        if end > p:
            continue
        rest = _GLUED.finditer(text, p)
        next(rest)  # ``m`` again
        for m in rest:
            out.append(m)
            end = m.end()
            if end > m.start():
                break
        else:
            return out
    return out


# The courtesy closing of a note, which opens a paragraph of its own; a dateline after a
# full stop ("... considération. Paris, le 1er décembre 1994").
# Each branch starts with the full stop it follows (consumed, where a look-behind would
# leave it out of the match: the cut starts one character after the match): a literal
# first character lets the engine skip ahead in C to the next ".", where a look-behind
# first is tried at every position.
_CLOSING = re.compile(
    r"\.[ \t]+(?=[^.]{0,160}?\b(?:saisit cette occasion|saisit l'occasion|"
    r"Veuillez agr[ée]er|maakt (?:van )?deze gelegenheid|avails? (?:it|him|her)self of "
    r"this opportunity))"
    r"|\.[ \t]+(?=[A-ZÀ-Ý][\w'’ -]{1,40}, (?:le |den |the )?\d{1,2}(?:er|e)? "
    r"[a-zà-ÿ]+ \d{4})"
)
_SENTENCE_END = (".", ";", ":")
# In any layout: a sentence's end, a run of three spaces or more, a capital (the break
# between an address line and the text of a letter, lost in a Légifrance export: "...,
# à Londres.    L'Ambassade de France présente ...").
# (The full stop is consumed, as in ``_CLOSING``: the cut starts one character after the
# match, and the engine skips ahead to each "." instead of trying every position.)
_SENTENCE_GAP = re.compile(r"\.[ \t]{3,}(?=[«\"*]?[A-ZÀ-ÝŒ])")


def applies(text: str) -> bool:
    """Is this text in the treaty-database mirror's layout? (The ``in`` tests scan in C
    for the two hashes such a heading needs at a line start; the anchored regex, which
    has no literal prefix, is tried at every position of the text.)"""
    if not text.startswith("##") and "\n##" not in text:
        return False
    return bool(_MIRROR_HEADING.search(text))


def _gap_cuts(text: str, offset: int) -> list[tuple[int, int]]:
    return [(offset + m.start() + 1, offset + m.end()) for m in _SENTENCE_GAP.finditer(text)]


def _cuts(text: str, offset: int) -> list[tuple[int, int]]:
    """(end of the piece before, start of the piece after) in the normalized text."""
    out = []
    for m in _glued(text):
        if m.group("punct") is not None:
            out.append((offset + m.end(), offset + m.end()))
        elif m.group("dbnote") is not None:
            out.append((offset + m.start(), offset + m.start()))
            out.append((offset + m.end(), offset + m.end()))
        elif m.group("numlead") is not None:
            out.append((offset + m.start("numlead"), offset + m.end()))
        elif m.group("num") is not None or m.group("stars") is not None:
            out.append((offset + m.end(), offset + m.end()))
        else:
            out.append((offset + m.start(), offset + m.end()))
    for m in _CLOSING.finditer(text):
        out.append((offset + m.start() + 1, offset + m.end()))  # after the "."
    return out


def _trim(norm: MappedText, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in ranges:
        seg = norm.text[s:e]
        s2 = s + (len(seg) - len(seg.lstrip()))
        e2 = e - (len(seg) - len(seg.rstrip()))
        if s2 < e2:
            out.append((s2, e2))
    return out


def _split(u: Unit, norm: MappedText, mirror: bool) -> list[Unit]:
    cuts: list[tuple[int, int]] = []
    for k, (s, e) in enumerate(u.ranges):
        if not mirror:
            cuts.extend(_gap_cuts(norm.text[s:e], s))
            continue
        cuts.extend(_cuts(norm.text[s:e], s))
        if k + 1 < len(u.ranges) and norm.text[s:e].rstrip().endswith(_SENTENCE_END):
            cuts.append((e, u.ranges[k + 1][0]))
    if not cuts:
        return [u]
    cuts.sort()
    pieces: list[list[tuple[int, int]]] = [[]]
    ci = 0
    for s, e in u.ranges:
        pos = s
        while ci < len(cuts) and cuts[ci][0] <= e:
            a, b = cuts[ci]
            if a >= pos:
                pieces[-1].append((pos, a))
                pieces.append([])
                pos = max(pos, min(b, e))
            ci += 1
        if pos < e:
            pieces[-1].append((pos, e))
    out = []
    for k, ranges in enumerate(pieces):
        ranges = _trim(norm, ranges)
        if not ranges:
            continue
        if k == 0:
            piece = dataclasses.replace(u, ranges=ranges)
        else:
            # not after a blank line: a piece starting in lower case ("no. 1738") is not
            # the continuation of a paragraph broken by a page (``merge_continuations``)
            piece = Unit("text", ranges, u.first_line, u.last_line, after_blank=False)
        piece.lost_break = True
        out.append(piece)
    return out or [u]


def split_units(units: list[Unit], norm: MappedText, mirror: bool) -> list[Unit]:
    """Every paragraph or item cut at its lost breaks (headings and notes as they are):
    all the rules above in the mirror's layout (``mirror``), else only a sentence's end
    followed by a run of spaces."""
    if not mirror and ("   " not in norm.text or not _SENTENCE_GAP.search(norm.text)):
        return units  # one search of the whole text spares one per unit
    out: list[Unit] = []
    for u in units:
        if u.kind in ("text", "item") and u.ranges:
            out.extend(_split(u, norm, mirror))
        else:
            out.append(u)
    return out
