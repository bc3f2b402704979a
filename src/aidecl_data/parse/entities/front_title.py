"""The title of a web page's YAML front matter as a region mapped to its source span.

A static-site page names its authors in its title more often than anywhere else ("Joint
Statement Between the United\\_States, Belize, Germany, Indonesia, and\\ Senegal ...",
"A Joint Statement from the Governments of ..."). The front matter is metadata, never a
clause nor a region the other extractors read; but the signatory reader reads its title
as the opening line of the text, and a row found there must keep its span in the source.

The decoded title (``layout.yamlfront``: ``\\_`` is a no-break space, a trailing ``\\``
continues the line, ``\\u2019`` is "’", white space collapsed) is aligned with the raw
scalar character by character: equal characters map one to one, an escape maps to the
escape, a collapsed space to the run of blanks, line breaks and ``\\`` it stands for. A
title that does not align (a YAML form not foreseen here) gives no region, never a wrong
span.
"""

from __future__ import annotations

import re

from aidecl_data.parse.model import Region
from aidecl_data.parse.text import MappedText, MappedTextBuilder

_TITLE_KEY = re.compile(r"^title[ \t]*:[ \t]*", re.M)
_NEXT_KEY = re.compile(r"^[A-Za-z_][\w-]*[ \t]*:|^(?:---|\.\.\.)[ \t]*$", re.M)
# A YAML escape that stands for one character: "\u2019", "\x41", "\U0001F600", "\"".
_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|U[0-9A-Fa-f]{8}|.)", re.S)
# What a collapsed space may stand for: blanks, line breaks, an escaped blank or no-break
# space ("\ ", "\_", "\<newline>").
_JOIN = re.compile(r"\\\n[ \t]*")
_BLANKS = re.compile(r"(?:[ \t\n\u00a0]|\\[ _\t\n])+")


def title_region(norm: MappedText, front_end: int, title: str) -> Region | None:
    """The ``title`` region of a front matter ending at ``front_end`` in ``norm``, or None
    when the block has no title key or its value does not align with ``title``."""
    if not title:
        return None
    block = norm.text[:front_end]
    key = _TITLE_KEY.search(block)
    if key is None:
        return None
    nxt = _NEXT_KEY.search(block, key.end())
    a, b = key.end(), (nxt.start() if nxt else front_end)
    raw = norm.text[:b].rstrip()
    b = len(raw)
    if a < b and raw[a] in "\"'" and raw[b - 1] == raw[a]:
        a, b = a + 1, b - 1
    mapped = _align(norm, a, b, title)
    return Region("title", mapped) if mapped is not None else None


def _align(norm: MappedText, a: int, b: int, title: str) -> MappedText | None:
    raw = norm.text
    out = MappedTextBuilder()
    j = a
    i = 0
    while i < len(title):
        c = title[i]
        join = _JOIN.match(raw, j, b)
        if join is not None and c != " ":
            j = join.end()  # "Chair\u2019\<newline>  s": an escaped break joins the lines
            continue
        if c == " ":
            m = _BLANKS.match(raw, j, b)
            if m is None:
                return None
            s, e = norm.source_start(m.start()), norm.source_end(m.end())
            out.insert(" ", s, e - s)
            j = m.end()
            i += 1
            continue
        if j < b and raw[j] == c and c != "\\":
            k = j
            while k < b and i < len(title) and raw[k] == title[i] and title[i] not in " \\":
                k += 1
                i += 1
            out.append(norm, j, k)
            j = k
            continue
        esc = _ESCAPE.match(raw, j, b) if j < b and raw[j] == "\\" else None
        if esc is None and raw.startswith("''", j) and c == "'":
            esc = re.compile("''").match(raw, j)
        if esc is None:
            return None
        s, e = norm.source_start(esc.start()), norm.source_end(esc.end())
        out.insert(c, s, e - s)
        j = esc.end()
        i += 1
    return out.build()


def front_title(st) -> Region | None:
    """The front-matter title of a parsed ``Structure`` as a region, or None."""
    front = st.front
    if front is None or not front.title:
        return None
    return title_region(st.text, front.end, front.title)
