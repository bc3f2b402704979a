r"""Clean text out of source ranges: markup removed, lines joined, spans kept.

Every clause, heading and note text is built here from ranges of the normalized text with
:class:`MappedTextBuilder`, so each character of the result still maps to the decoded
source. Markdown markup (``**``, ``*``, ``<sup>n</sup>`` footnote markers, links, escapes)
leaves the text; a ``<sup>`` that is not a number ("3<sup>e</sup>") keeps its content.
Web Markdown residue goes too: Pandoc escapes (``\.``, ``\'``, a backslash line break),
kramdown attribute lists (``{:target="_blank"}``), images, links written
``[text]((url))``, HTML comments and tags (a block tag such as ``<br>`` or ``<div>``
becomes a space, an inline one such as ``<u>`` or ``<span ...>`` nothing) and entities
(``&amp;`` -> "&"). A link keeps its text, an autolink ``<https://...>`` its address.
Ranges are joined with one space, or with nothing across a line-end hyphen.
"""

from __future__ import annotations

import html
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass, field

from aidecl_data.parse.text import MappedText, MappedTextBuilder

_MD_TOKEN = re.compile(
    r"<sup>\s*(?:\\?\[)?(?P<note>\d{1,3})(?:\\?\])?\s*</sup>"  # also <sup>\[1\]</sup>
    r"|<sup>(?P<sup>[^<\n]{0,20})</sup>"
    r"|\[\^(?P<fn>\w{1,6})\](?!:)"
    r"|!\[[^\]\n]{0,300}\]\([^)\s]{0,500}\)"  # an image: dropped with its alt text
    # a link: its text stays; the address may hold "(...)"; also written ]((url))
    r"|\[(?P<link>[^\]\n]{1,300})\]"
    r"\((?P<dbl>\()?(?:[^()\s]|\([^()\s]{0,200}\)){0,2000}\)(?(dbl)\))"
    r"|\\(?P<esc>[*_\[\]()#`\\\-.!+{}|<>'\"$~^=&:])"
    r"|\\(?=[ \t]*$)"  # a Pandoc hard line break (backslash at the line end)
    r"|\*\*\*|\*\*|__"
    r"|(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])"
    r"|\{:[^}\n]{0,300}\}"  # a kramdown attribute list: {: .class}, {:target="_blank"}
    r"|<!--.{0,2000}?-->"  # an HTML comment
    r"|<(?P<auto>https?://[^>\s]{1,500})>"  # an autolink: its address stays
    r"|<(?P<block>/?(?:br|p|div|img|table|tr|td|th|li|ul|ol|h[1-6]|hr|meta|section)\b)"
    r"(?:\s[^<>\n]{0,500})?/?>"  # a block tag: a space
    r"|</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>\n]{0,500})?/?>"  # any other tag: nothing
    r"|&(?P<entity>[A-Za-z]{2,8}|#\d{2,6}|#[xX][0-9A-Fa-f]{2,6});",
    re.IGNORECASE,
)
_WS_RUN = re.compile(r"[ \t\v]{2,}|[\t\n\v]")
# Every markup token starts with one of these: a range without them is copied as is.
_MD_START = re.compile(r"[<\[\\*_!{&]")


def _no_markup(text: str, start: int, end: int) -> bool:
    """No character of ``_MD_START`` in ``text[start:end]``. Eight ``in`` tests on the
    slice scan in C at memchr speed, where the class search tests every character in
    turn (README, "Speed")."""
    t = text[start:end]
    return not (
        "<" in t
        or "[" in t
        or "\\" in t
        or "*" in t
        or "_" in t
        or "!" in t
        or "{" in t
        or "&" in t
    )


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
    if not markdown or _no_markup(norm.text, s, e):
        b.append(norm, s, e)
        return
    pos = s
    for m in _md_tokens(norm.text, s, e):
        b.append(norm, pos, m.start())
        if m.group("note") or m.group("fn"):
            markers.append((m.group("note") or m.group("fn"), len(b)))
        elif m.group("sup") is not None:
            b.append(norm, m.start("sup"), m.end("sup"))
        elif m.group("link") is not None:
            b.append(norm, m.start("link"), m.end("link"))
        elif m.group("esc") is not None:
            b.append(norm, m.start("esc"), m.end("esc"))
        elif m.group("auto") is not None:
            b.append(norm, m.start("auto"), m.end("auto"))
        elif m.group("block") is not None:
            _insert_for(b, norm, m, " ")
        elif m.group("entity") is not None:
            _insert_for(b, norm, m, html.unescape(m.group()).replace("\u00a0", " "))
        pos = m.end()
    b.append(norm, pos, e)


def _insert_for(b: MappedTextBuilder, norm: MappedText, m: re.Match[str], text: str) -> None:
    """Put ``text`` in place of the token ``m``, mapped to the token's source span."""
    s0, s1 = norm.source_start(m.start()), norm.source_end(m.end())
    b.insert(text, s0, max(0, s1 - s0))


def _md_tokens(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of ``_MD_TOKEN.finditer(text, start, end)``, with the token tried only
    where one can start (``_MD_START``, found by a fast class scan). ``_MD_TOKEN`` has no
    literal prefix the engine could skip to, so ``finditer`` tried its eight branches at
    every position."""
    find, match = _MD_START.search, _MD_TOKEN.match
    pos = start
    while (c := find(text, pos, end)) is not None:
        m = match(text, c.start(), end)
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = m.end()


def _line_end_hyphen_word(left: str) -> str:
    """The word before a hyphen ending ``left`` (before a final newline), or ""."""
    s = left[:-1] if left.endswith("\n") else left
    if not s.endswith("-"):
        return ""
    m = _WORD_RUN.match(s[-2::-1])
    return s[len(s) - 1 - m.end() : len(s) - 1] if m else ""


def hyphen_join(left: str, right: str, vocabulary: Container[str]) -> str | None:
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
    vocabulary: Container[str] | None = None,
) -> Cleaned:
    """Join the ranges of ``norm.text`` into one clean, single-spaced string."""
    if len(ranges) == 1:
        # Most units are one line without markup (78 % of the synthetic corpus): a slice.
        s, e = ranges[0]
        if e > s and not (markdown and not _no_markup(norm.text, s, e)):
            return Cleaned(*_collapse(norm.slice(s, e), []))
    elif (joined := _join_lines(norm, ranges, markdown)) is not None:
        return Cleaned(*_collapse(joined, []))
    elif not markdown or (len(ranges) > 1 and _markup_free(norm.text, ranges)):
        # Markdown lines with no character a markup token starts with (41 % of the calls
        # on the real corpus) are joined as plain text lines are.
        joined = _join_verbatim(norm, ranges)
        if joined is not None:
            return Cleaned(*_collapse(joined, []))
    if markdown and len(ranges) > 1:
        ranges = _without_wrapped_links(norm.text, ranges)
    b = MappedTextBuilder()
    markers: list[tuple[str, int]] = []
    vocab = set() if vocabulary is None else vocabulary
    prev_end = None
    for s, e in ranges:
        if e <= s:
            continue
        if prev_end is not None:
            how = None
            if b._parts and b._parts[-1].endswith("-"):
                how = hyphen_join("".join(b._parts[-3:]), norm.text[s:e], vocab)
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


def _markup_free(text: str, ranges: list[tuple[int, int]]) -> bool:
    """No markup token (``_MD_START``) in the ranges, nor between the first and the last
    (where a link or tag wrapped over lines would start): the general loop of
    :func:`build_clean` then treats Markdown lines as it treats plain text."""
    lo, hi = ranges[0][0], ranges[-1][1]
    if not _no_markup(text, lo, hi):
        return False
    return all((lo <= s and e <= hi) or e <= s or _no_markup(text, s, e) for s, e in ranges)


# A link whose text is wrapped over lines ("[Global COVID-19\nSummit](https://...)"): the
# per-line tokens cannot see it whole. The text may hold line ends, never a blank line.
_WRAPPED_LINK = re.compile(
    r"(?<!!)\[(?=[^\]]*\n)(?P<text>(?:[^\]\n]|\n(?![ \t]*\n)){1,300})\]"
    r"\((?P<dbl>\()?(?:[^()\s]|\([^()\s]{0,200}\)){0,2000}\)(?(dbl)\))"
    r"|</?[A-Za-z][A-Za-z0-9]{0,15}(?=\s)(?=[^<>]*\n)[^<>]{1,600}>"  # a tag wrapped over lines
)


def _without_wrapped_links(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``ranges`` with the markup of links and HTML tags wrapped over lines cut out: the
    ``[`` and the ``](url)`` of a link leave, its text stays (and the line ends in it still
    join with a space, since they fall between ranges); a tag leaves whole."""
    lo, hi = ranges[0][0], ranges[-1][1]
    if "](" not in text[lo:hi] and "<" not in text[lo:hi]:
        return ranges
    cuts = []
    for m in _WRAPPED_LINK.finditer(text, lo, hi):
        if m.group("text") is None:  # a tag: all of it
            cuts.append((m.start(), m.end()))
            continue
        cuts.append((m.start(), m.start() + 1))
        cuts.append((m.end("text"), m.end()))
    if not cuts:
        return ranges
    out = []
    for s, e in ranges:
        for cs, ce in cuts:
            if ce <= s or cs >= e:
                continue
            if cs > s:
                out.append((s, cs))
            s = max(s, ce)
        if e > s:
            out.append((s, e))
    return out


def _join_lines(
    norm: MappedText, ranges: list[tuple[int, int]], markdown: bool
) -> MappedText | None:
    """The usual paragraph of a hard-wrapped text, in one piece: whole lines one after
    the other (each range ends where a ``\\n`` is, the next starts right after it), no
    markup, no line-end hyphen, a verbatim normalized text. The general loop (and
    :func:`_join_verbatim`) then makes one 1:1 segment of the span with each line end
    read as a space: that is built here with one ``replace``, without a piece per line.
    None when the case does not apply (the caller goes on as before)."""
    if len(ranges) < 2 or len(norm._t) != 1 or norm._tl[0] != norm._sl[0]:
        return None
    text = norm.text
    prev = -1
    for s, e in ranges:
        if e <= s or (prev >= 0 and (s != prev + 1 or text[prev] != "\n")):
            return None
        prev = e
    first, last = ranges[0][0], ranges[-1][1]
    t0 = norm._t[0]
    if first < t0 or last > t0 + norm._tl[0]:
        return None
    span = text[first:last]
    # no line end inside a range (every one is a gap), and no range ends with a hyphen
    # (a gap after "-" is "-\n")
    if span.count("\n") != len(ranges) - 1 or "-\n" in span:
        return None
    if markdown and not _no_markup(span, 0, len(span)):
        return None
    n = last - first
    return MappedText(span.replace("\n", " "), [0], [n], [first + norm._s[0] - t0], [n])


def _join_verbatim(norm: MappedText, ranges: list[tuple[int, int]]) -> MappedText | None:
    """What the general loop of :func:`build_clean` makes of the lines of a plain-text or
    PDF paragraph, written out for the usual case: no markup, no line-end hyphen, and a
    normalized text that is verbatim (one 1:1 segment, so position ``p`` is source
    ``p + shift``). None when the case does not apply.

    The segments come out as ``MappedText._push`` would merge them: a joining space that
    replaces exactly one character (the line end) is 1:1 and contiguous, so it and the
    next line extend the current segment; any other gap is a replacement segment of its
    own."""
    if len(norm._t) != 1 or norm._tl[0] != norm._sl[0]:
        return None
    text, lo = norm.text, norm._t[0]
    hi, shift = lo + norm._tl[0], norm._s[0] - lo
    pieces: list[str] = []
    t: list[int] = []
    tl: list[int] = []
    src: list[int] = []
    sl: list[int] = []
    size = 0
    prev_end = -1
    for s, e in ranges:
        if e <= s:
            continue
        if s < lo or e > hi:
            return None
        n = e - s
        if prev_end >= 0:
            if text[prev_end - 1] == "-":
                return None  # a line-end hyphen: the general loop decides
            if s - prev_end == 1:  # the space and the line extend the segment
                tl[-1] += 1 + n
                sl[-1] += 1 + n
                pieces.append(" ")
                pieces.append(text[s:e])
                size += 1 + n
                prev_end = e
                continue
            t.append(size)  # the space replaces the gap
            tl.append(1)
            src.append(prev_end + shift)
            sl.append(max(0, s - prev_end))
            pieces.append(" ")
            size += 1
        t.append(size)
        tl.append(n)
        src.append(s + shift)
        sl.append(n)
        pieces.append(text[s:e])
        size += n
        prev_end = e
    return MappedText("".join(pieces), t, tl, src, sl)


def _drop_last_char(b: MappedTextBuilder) -> None:
    """Remove the trailing hyphen just appended (rebuild is cheap: clauses are short)."""
    mt = b.build()
    nb = MappedTextBuilder()
    nb.append(mt, 0, len(mt.text) - 1)
    b.__dict__.update(nb.__dict__)


def _collapse(mt: MappedText, markers: list[tuple[str, int]]) -> tuple[MappedText, list]:
    """One space for every run of white space; no space at either end."""
    t = mt.text
    # ``in`` tests scan in C; searching ``_WS_RUN`` tried its two branches at every
    # position (a third of build_clean's time). A run of two of [ \t\v] holds a tab, a
    # vertical tab or two spaces.
    if "  " not in t and "\t" not in t and "\n" not in t and "\v" not in t and t == t.strip():
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
