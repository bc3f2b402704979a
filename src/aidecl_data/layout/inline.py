"""Clean text out of source ranges: markup removed, lines joined, spans kept.

Every clause, heading and note text is built here from ranges of the normalized text with
:class:`MappedTextBuilder`, so each character of the result still maps to the decoded
source. Markdown markup (``**``, ``*``, ``<sup>n</sup>`` footnote markers, links, escapes)
leaves the text; a ``<sup>`` that is not a number ("3<sup>e</sup>") keeps its content.
Ranges are joined with one space, or with nothing across a line-end hyphen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aidecl_data.text import MappedText, MappedTextBuilder

_MD_TOKEN = re.compile(
    r"<sup>\s*(?P<note>\d{1,3})\s*</sup>"
    r"|<sup>(?P<sup>[^<\n]{0,20})</sup>"
    r"|\[\^(?P<fn>\w{1,6})\](?!:)"
    r"|\[(?P<link>[^\]\n]{1,300})\]\([^)\s]{0,500}\)"
    r"|\\(?P<esc>[*_\[\]()#`\\-])"
    r"|\*\*|__"
    r"|(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])"
)
_WS_RUN = re.compile(r"[ \t\v]{2,}|[\t\n\v]")
# A hyphen glued to a word at a line end ("multi-", "transfor-"). The word is read
# backwards from the hyphen (``(\w+)-$`` searched forwards is quadratic on a long word).
_WORD_RUN = re.compile(r"\w+")
_NEXT_WORD = re.compile(r"^([a-zà-ÿœæ]+)")


@dataclass
class Cleaned:
    text: MappedText
    markers: list[tuple[str, int]] = field(default_factory=list)  # (label, position)


def _append_clean(
    b: MappedTextBuilder,
    norm: MappedText,
    s: int,
    e: int,
    markdown: bool,
    markers: list[tuple[str, int]],
) -> None:
    if not markdown:
        b.append(norm, s, e)
        return
    pos = s
    for m in _MD_TOKEN.finditer(norm.text, s, e):
        b.append(norm, pos, m.start())
        if m.group("note") or m.group("fn"):
            markers.append((m.group("note") or m.group("fn"), len(b)))
        elif m.group("sup") is not None:
            b.append(norm, m.start("sup"), m.end("sup"))
        elif m.group("link") is not None:
            b.append(norm, m.start("link"), m.end("link"))
        elif m.group("esc") is not None:
            b.append(norm, m.start("esc"), m.end("esc"))
        pos = m.end()
    b.append(norm, pos, e)


def _line_end_hyphen_word(left: str) -> str:
    """The word before a hyphen ending ``left`` (before a final newline), or ""."""
    s = left[:-1] if left.endswith("\n") else left
    if not s.endswith("-"):
        return ""
    m = _WORD_RUN.match(s[-2::-1])
    return s[len(s) - 1 - m.end() : len(s) - 1] if m else ""


def hyphen_join(left: str, right: str, vocabulary: set[str]) -> str | None:
    """How to join a line ending in ``word-`` with the next line: ``"-"`` keeps the hyphen
    (a compound: "multi-" + "acteurs"), ``""`` drops it (one word cut by hyphenation:
    "transfor-" + "mation", only when the document writes that word whole elsewhere),
    ``None`` when there is no line-end hyphen to consider."""
    a = _line_end_hyphen_word(left)
    n = _NEXT_WORD.match(right)
    if not a or not n:
        return None
    c = n.group(1)
    whole = (a + c).casefold()
    if whole in vocabulary and f"{a}-{c}".casefold() not in vocabulary:
        return ""
    return "-"


def build_clean(
    norm: MappedText,
    ranges: list[tuple[int, int]],
    markdown: bool,
    vocabulary: set[str] | None = None,
) -> Cleaned:
    """Join the ranges of ``norm.text`` into one clean, single-spaced string."""
    b = MappedTextBuilder()
    markers: list[tuple[str, int]] = []
    vocab = vocabulary or set()
    prev_end = None
    for s, e in ranges:
        if e <= s:
            continue
        if prev_end is not None:
            left = "".join(b._parts[-3:])
            how = hyphen_join(left, norm.text[s:e], vocab) if left.endswith("-") else None
            if how is None:
                gap_s, gap_e = norm.source_end(prev_end), norm.source_start(s)
                b.insert(" ", gap_s, max(0, gap_e - gap_s))
            elif how == "":
                _drop_last_char(b)
        _append_clean(b, norm, s, e, markdown, markers)
        prev_end = e
    mt = b.build()
    mt, markers = _collapse(mt, markers)
    return Cleaned(mt, markers)


def _drop_last_char(b: MappedTextBuilder) -> None:
    """Remove the trailing hyphen just appended (rebuild is cheap: clauses are short)."""
    mt = b.build()
    nb = MappedTextBuilder()
    nb.append(mt, 0, len(mt.text) - 1)
    b.__dict__.update(nb.__dict__)


def _collapse(mt: MappedText, markers: list[tuple[str, int]]) -> tuple[MappedText, list]:
    """One space for every run of white space; no space at either end."""
    t = mt.text
    if not _WS_RUN.search(t) and t == t.strip():
        return mt, markers
    b = MappedTextBuilder()
    shift: list[tuple[int, int]] = []  # (old position, new position) checkpoints
    a = len(t) - len(t.lstrip())
    end = len(t.rstrip())
    pos = a
    for m in _WS_RUN.finditer(t, a, end):
        b.append(mt, pos, m.start())
        shift.append((m.start(), len(b)))
        s0, s1 = mt.source_start(m.start()), mt.source_end(m.end())
        if t[m.start()] == " ":
            b.append(mt, m.start(), m.start() + 1)
        else:
            b.insert(" ", s0, s1 - s0)
        shift.append((m.end(), len(b)))
        pos = m.end()
    b.append(mt, pos, end)
    out = b.build()
    new_markers = []
    for label, p in markers:
        q = p - a
        for old, new in shift:
            if old <= p:
                q = new + (p - old)
        new_markers.append((label, max(0, min(q, len(out.text)))))
    return out, new_markers
