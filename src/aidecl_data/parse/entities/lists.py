"""Lists of names: numbered signatory lists, and enumerations in running text.

Three shapes are read:

- a *name list* block (one item per line, numbering or bullets kept): every item is a
  name, mapped or not;
- a region that *is* an enumeration ("Kenya, Allemagne, Chili, ..., Inde.", a footnote or
  a line on its own): split on commas/"et"/"and", kept when most items are known names;
- an enumeration *inside* a sentence ("co-présidé par la France et l'Inde",
  "endorsed by Australia, Canada, the European Union and Japan"): a chain of known names
  joined by commas, "et", "and" (articles allowed), read only where a cue word gives it a
  role (see ``signatories.py``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from aidecl_data.parse.entities.countries import Entity, NameHit, find_names, lookup

# An item line is: marker, name, trailing marks. The regex
# ``^\s*(?:marker)?\s*(?P<name>.*?)\s*[*†‡]*\s*[.;,]?\s*$`` says it, but its lazy name
# retries the tail at every position (quadratic on a long run of spaces), so the marker
# is matched forwards and the trailing marks backwards, on the reversed line.
_ITEM_MARKER = re.compile(r"\s*(?:(?:\d{1,3}|[a-z])\s*[.)]|[-*•–·])?\s*")
_ITEM_TAIL_REVERSED = re.compile(r"\s*[.;,]?\s*[*†‡]*\s*")
_JOIN = re.compile(
    r"\s*(?:,|;|\bet\b|\band\b|&|,\s*et\b|,\s*and\b)\s*"
    r"(?:(?:de\s+la|du|des|de|la|le|les|the)\s+|(?:de\s+)?[ld]['’]\s*)?",
    re.I,
)
_ARTICLE = re.compile(r"^(?:(?:la|le|les|the)\s+|l['’]\s*)", re.I)
# A separator never starts inside a run of white space (it would start at the run's
# first character anyway): without that guard a search tries every position of a long
# run, and each try scans the rest of it (quadratic). The leading lookahead (what every
# separator starts with) keeps the engine's fast scan for a first character.
_SPLIT = re.compile(
    r"(?=[\s,;])(?:(?<!\s)|(?!\s))(?:\s*[,;]\s*(?:(?:et|and)\s+)?|\s+(?:et|and)\s+)"
)


@dataclass(frozen=True)
class Item:
    """One name of a list: its span in the region text and what it resolves to."""

    start: int
    end: int
    text: str
    entity: Entity | None


def _strip_article(text: str, start: int) -> tuple[str, int]:
    m = _ARTICLE.match(text)
    if m and len(text) > m.end():
        return text[m.end() :], start + m.end()
    return text, start


def _item_name(line: str) -> tuple[str, int]:
    """The name of one list line (marker and trailing marks dropped) and where it starts."""
    start = _ITEM_MARKER.match(line).end()
    rest = line[start:]
    tail = _ITEM_TAIL_REVERSED.match(rest[::-1]).end()
    return rest[: len(rest) - tail], start


def name_list_items(text: str) -> list[Item]:
    """Items of a name-list block: one per non-empty line, numbering dropped; a line that
    is itself an enumeration ("Arménie, Australie, Autriche") gives one item per name."""
    items = []
    pos = 0
    for line in text.split("\n"):
        name, name_start = _item_name(line)
        if name:
            start = pos + name_start
            name, start = _strip_article(name, start)
            ent = lookup(name)
            several = None
            if ent is None and _SPLIT.search(name):
                several = enumeration_items(name, min_items=2)
            if several:
                items += [Item(start + i.start, start + i.end, i.text, i.entity) for i in several]
            else:
                items.append(Item(start, start + len(name), name, ent))
        pos += len(line) + 1
    return items


def looks_like_name_list(text: str) -> bool:
    """A block of >= 3 short lines, most of them known names (a list the layout missed)."""
    if text.count("\n") < 2:
        return False  # most paragraphs: fewer than three lines, told without splitting
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 3 or any(len(ln.split()) > 8 for ln in lines):
        return False
    items = name_list_items(text)
    known = sum(1 for i in items if i.entity)
    return known >= 0.8 * len(items)


_LEAD_IN = re.compile(r"[^:\n]{1,80}:\s*")
_PARTICLES = {
    *("de", "du", "des", "d", "la", "le", "les", "l", "et", "and", "of", "the", "sur"),
    *("on", "for", "pour"),
}
_WORD = re.compile(r"[^\W\d_]+")


def _looks_like_name(text: str) -> bool:
    """Up to six words, each capitalized or a particle ("République de X")."""
    words = _WORD.findall(text)
    return 0 < len(words) <= 6 and all(w[0].isupper() or w in _PARTICLES for w in words)


_SPLIT_WORDS = frozenset(("et", "and"))


def _first_item_too_long(body: str, pos: int) -> bool:
    """Whether the first item from ``pos`` surely has more than six words: its first
    eight words hold no "," or ";" and none is "et" or "and", so no ``_SPLIT`` separator
    starts before their end, and an article dropped leaves seven."""
    words = body[pos:].split(None, 8)
    if len(words) < 9:
        return False
    first = words[:8]
    joined = " ".join(first)
    return "," not in joined and ";" not in joined and _SPLIT_WORDS.isdisjoint(first)


def enumeration_items(text: str, min_items: int = 3) -> list[Item] | None:
    """The items when the whole text is an enumeration of names, else ``None``.

    At least ``min_items`` items, each short and capitalized (an unknown one shaped like a name),
    and two thirds of them known.
    """
    body = text.rstrip().rstrip(".;")
    if "\n\n" in body or not body:
        return None
    items: list[Item] = []
    # A lead-in ("Signataires : Canada, ...") is not an item; the caller reads it as a cue.
    lead = _LEAD_IN.match(body)
    pos = lead.end() if lead else 0
    if _first_item_too_long(body, pos):
        return None  # most paragraphs: a sentence, told without looking for separators
    # Lazily: a sentence is rejected at its first item, long before its end.
    for m in itertools.chain(_SPLIT.finditer(body), (None,)):
        end = m.start() if m else len(body)
        raw = body[pos:end]
        lead = len(raw) - len(raw.lstrip())
        name, start = _strip_article(raw.strip(), pos + lead)
        if not name or len(name.split()) > 6 or not name[0].isupper():
            return None
        ent = lookup(name)
        if ent is None and not _looks_like_name(name):
            return None  # a sentence, not a name ("This text is endorsed by Australia")
        items.append(Item(start, start + len(name), name, ent))
        if m:
            pos = m.end()
    if len(items) < min_items or sum(1 for i in items if i.entity) < 2 * len(items) / 3:
        return None
    return items


# A list of members set off by dashes after the noun that announces it: "The 68 members of
# the International Counter Ransomware Initiative (CRI)—Albania, Argentina, ..., and
# Vietnam—met in Washington". The cue must stand in the same sentence, at most 160
# characters before the opening dash.
_DASHED_CUE = re.compile(
    r"\b(?:members|participants|partners|signatories|leaders|countries|states|"
    r"membres|participants|partenaires|pays|[ée]tats)\b[^.!?—]{0,160}?[—–]\s*",
    re.I,
)


def dashed_enumeration(text: str) -> list[Item]:
    """The names of a members list set off by dashes (see ``_DASHED_CUE``), wrapped over
    lines, with organisations among the states; [] when there is none. At least three
    items, two thirds of them known names, the others shaped like names."""
    if "—" not in text and "–" not in text:
        return []
    for cue in _DASHED_CUE.finditer(text):
        ends = [k for k in (text.find("—", cue.end()), text.find("–", cue.end())) if k >= 0]
        if not ends:
            continue
        inner = text[cue.end() : min(ends)].rstrip()
        items = enumeration_items(" ".join(inner.split()), min_items=3)
        if not items:
            continue
        return _map_back(inner, cue.end(), items)
    return []


def _map_back(inner: str, offset: int, items: list[Item]) -> list[Item]:
    """Items found on the white-space-collapsed ``inner``, with spans in the original
    text (a name wrapped over a line: "the Council of" / "Europe")."""
    # position k of the collapsed string -> position in ``inner``
    positions: list[int] = []
    k = 0
    stripped = inner.strip()
    lead = len(inner) - len(inner.lstrip())
    prev_space = False
    for j, ch in enumerate(stripped):
        if ch.isspace():
            if not prev_space:
                positions.append(lead + j)
            prev_space = True
            continue
        positions.append(lead + j)
        prev_space = False
        k += 1
    positions.append(lead + len(stripped))
    out = []
    for it in items:
        s = offset + positions[it.start]
        e = offset + positions[it.end - 1] + 1
        out.append(Item(s, e, it.text, it.entity))
    return out


def name_chains(text: str) -> list[list[NameHit]]:
    """Runs of known names joined by ',' / 'et' / 'and' (with articles): >= 2 names each."""
    hits = find_names(text)
    chains: list[list[NameHit]] = []
    current: list[NameHit] = []
    for h in hits:
        if current and _JOIN.fullmatch(text[current[-1].end : h.start]):
            current.append(h)
            continue
        if len(current) >= 2:
            chains.append(current)
        current = [h]
    if len(current) >= 2:
        chains.append(current)
    return chains


_LEAD = re.compile(r"\s*(?:(?:la|le|les|the)\s+|l['’]\s*)?")


def names_after(text: str, pos: int) -> list[NameHit]:
    """The name starting right at ``pos`` (after an article) and the names chained to it."""
    lead = _LEAD.match(text, pos)
    start = lead.end() if lead else pos
    out: list[NameHit] = []
    for h in find_names(text[start:]):
        h = NameHit(h.start + start, h.end + start, h.text, h.entity)
        if not out:
            if h.start != start:
                break
        elif not _JOIN.fullmatch(text[out[-1].end : h.start]):
            break
        out.append(h)
    return out
