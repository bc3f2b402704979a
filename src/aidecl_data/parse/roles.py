"""Block classification: the role of each unit of a document, before any row is made.

A layout reader gives units (paragraphs, items, headings, notes, rules); a person reading
the page sees more than that: a header or footer repeated on every page, a dateline
("Paris, le 4 mars 2025"), a list of signatory names, the title, front matter above the
body, and headings among the body's short lines. Each step below sets ``Unit.role`` for
one of these, in an order that matters: later steps skip units an earlier one claimed
(a dateline is never a heading, a name in a list of signatories is never a clause).

Roles: ``boiler`` (not part of the text), ``dateline``, ``namelist`` (the lead-in of a list
of names) and ``name``, ``title``, ``meta`` (front matter that is neither title nor body),
``section`` (a heading), and the signature block of an agreement: ``signed_at`` (the
signing statement, "Fait à Paris, le ..."), ``signed_for`` ("Pour le Gouvernement de
...") and ``signer`` (the name and office under it), ``merged`` (the second half of a
"Pour ..." line broken in two, now part of the first); units left without a role are
the body (clauses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aidecl_data.parse.dates import parse_date
from aidecl_data.parse.layout.boilerplate import is_boilerplate, is_tail_marker
from aidecl_data.parse.layout.frontmatter import (
    DOC_TYPE_WORD,
    TITLE_START,
    is_name_line,
    is_namelist_leadin,
    match_dateline,
)
from aidecl_data.parse.layout.headings import (
    article_heading,
    is_all_caps,
    plain_heading_like,
    starts_lower,
)
from aidecl_data.parse.layout.inline import build_clean
from aidecl_data.parse.layout.lists import leads_in
from aidecl_data.parse.layout.signature import (
    has_witness,
    is_sign_for_line,
    is_sign_for_start,
    is_signer_line,
    starts_signing_statement,
)
from aidecl_data.parse.layout.units import Unit
from aidecl_data.parse.model import Region
from aidecl_data.parse.text import MappedText, MappedTextBuilder

_ANNEX = re.compile(r"^(?:annexe?|appendix|appendice)\b", re.IGNORECASE)


@dataclass
class Outline:
    """What block classification found besides the roles: where the body starts, which
    unit is the title, and the lists of names it set aside (as regions)."""

    first_body: int
    title_i: int | None
    name_lists: list[Region] = field(default_factory=list)
    # "For the Government of ..." phrases rebuilt from a two-column signature block, as
    # ranges of the normalized text (each phrase's pieces, column by column)
    signature_phrases: list[list[tuple[int, int]]] = field(default_factory=list)


def mark_boilerplate(units: list[Unit]) -> None:
    """Rules, page headers and footers, and everything short after an end marker."""
    tail = False
    for u in units:
        if u.kind == "rule" or is_boilerplate(u.text):
            u.role = "boiler"
            if is_tail_marker(u.text):
                tail = True
        elif tail and len(u.text.split()) < 25:
            u.role = "boiler"


# An item that is only a link, possibly after a short label ("[Facebook](https://...)",
# "site internet : [europe2022.fr](...)", "<a href=...>touteleurope.eu</a>").
_LINK_ONLY = re.compile(
    r"^\s*(?:[^\W\d][\w’' -]{0,30}:\s*)?[*_]{0,2}"
    r"(?:!?\[[^\]]{1,200}\]\([^)\s]{1,500}\)|<a\s[^<>]{1,500}>[^<]{1,200}(?:</a>)?)"
    r"[*_]{0,2}(?:\s*<[^<>]{1,100}>)*[\s.;,]*$",
    re.IGNORECASE,
)


# The publisher's framing of a text it reproduces: "*The following is the text of a joint
# statement ...*", "*Begin Text:*", "*End Text*", "The following is a list of governments
# ...", "Début du texte", "Fin du texte".
_PUBLISHER_NOTE = re.compile(
    r"^[*_\s]*(?:the following is (?:the (?:full )?text|a list|an? (?:joint )?statement)\b|"
    r"(?:begin|start|end)(?:ning)? (?:of )?(?:the )?text\b|text (?:begins|ends)\b|"
    r"(?:d[ée]but|fin) du texte\b|le texte suivant\b)",
    re.IGNORECASE,
)


def mark_publisher_notes(units: list[Unit]) -> None:
    """The publisher's notes around a text it reproduces (``_PUBLISHER_NOTE``) are not
    clauses of the text: ``meta`` (read by the extractors, e.g. the list of supporting
    governments)."""
    for u in units:
        if (
            not u.role
            and u.kind == "text"
            and _PUBLISHER_NOTE.match(u.text)
            and len(u.text.split()) <= 80
        ):
            u.role = "meta"


def mark_link_lists(units: list[Unit], norm: MappedText) -> None:
    """A list whose items are only links (social networks, "Plus d'informations",
    annexes to download) is site navigation, not text: its items are ``meta`` and the
    line that introduces it ("Retrouvez toutes les informations ... :") ``boiler``."""
    i = 0
    while i < len(units):
        j = i
        while (
            j < len(units)
            and units[j].kind in ("item", "text")
            and units[j].role in ("", "boiler")
            and _LINK_ONLY.match(norm.text[units[j].start : units[j].end])
        ):
            j += 1
        if j == i:
            i += 1
            continue
        for u in units[i:j]:
            # ``meta``: no clause, but a region the extractors still read (a link to an
            # annexed declaration names it); a bare URL stays boilerplate
            if u.role != "boiler":
                u.role = "meta"
        lead = units[i - 1] if i else None
        if (
            lead is not None
            and lead.kind == "text"
            and not lead.role
            and lead.text.rstrip().endswith(":")
            and len(lead.text.split()) <= 40
        ):
            lead.role = "boiler"
        i = j


def mark_datelines(units: list[Unit]) -> None:
    for u in units:
        if u.role or u.kind not in ("text", "heading"):
            continue
        m = match_dateline(u.text)
        if m and _place_like(m):
            u.role = "dateline"


# The salutation that opens a diplomatic note ("Monsieur le Ministre,", "Excellency,",
# "Mijnheer de Minister,", "Hoogedelgestrenge Heer,").
_SALUTATION = re.compile(
    r"^(?:monsieur|madame|messieurs|excellence|excellency|sir|madam|dear|mijnheer|"
    r"mevrouw|excellentie|hoogedel\w*|zeer geachte|geachte)\b",
    re.IGNORECASE,
)
_APPARATUS_END = (".", ";", ":", "!", "?")
# The address line of a letter: a recipient and ", à <place>." ("Ambassade de France, à
# Londres.", "L'Ambassadeur à l'Organisation internationale du café, à Londres.").
_ADDRESS_LINE = re.compile(
    r"^[A-ZÀ-ÝŒ][^.;:!?]{0,100},\s+(?:à|at)\s+(?-i:[A-ZÀ-ÝŒ])[\w'’ -]{1,40}\.?$"
)
_SIGNATURE_MARK = re.compile(r"^\*?\((?:s|w\.\s?g|sgd|get|sign[ée])\.\)")


def mark_note_apparatus(units: list[Unit]) -> None:
    """Pieces of a line whose breaks were lost (:mod:`aidecl_data.parse.layout.lost_breaks`)
    that are not sentences of the text: a note's letterhead, number, salutation or
    address ("No. 9221", "Monsieur le Ministre,", "*Ministère des Affaires Etrangères*"),
    and in any text a letter's address line (``_ADDRESS_LINE``).
    A short piece with no final punctuation, a salutation or a signed name ("(s.)
    FELDMANN ...") is ``meta``; datelines and signature blocks were set aside before."""
    for u in units:
        if u.role or u.kind != "text":
            continue
        if _ADDRESS_LINE.match(u.text.strip()) and len(u.text.split()) <= 12:
            u.role = "meta"
            continue
        if not u.lost_break:
            continue
        t = u.text.strip().rstrip("*_ ").strip()
        words = len(t.split())
        if (
            (words <= 12 and not t.endswith(_APPARATUS_END))
            or (words <= 6 and t.endswith(",") and _SALUTATION.match(t))
            or _SIGNATURE_MARK.match(t)
        ):
            u.role = "meta"


_PARTICLES = frozenset(
    (
        *("de", "du", "des", "la", "le", "les", "l", "d", "à", "a", "en", "sur", "of"),
        *("the", "upon", "am", "an", "der", "del", "do", "da", "fait", "done", "signed"),
        *("signé", "signée", "at", "in"),
    )
)
_LOWER_WORD = re.compile(r"\b[a-zà-ÿ][\w’'-]*")


def _place_like(m: re.Match[str]) -> bool:
    """A dateline's place is a name ("Palais de l'Élysée", "Paris"), not a sentence
    ("Le présent accord est entré en vigueur le 21 octobre 1994."): at most one lower-case
    word that is not a particle."""
    place = m.groupdict().get("place") or ""
    content = [w for w in _LOWER_WORD.findall(place) if w not in _PARTICLES]
    return len(content) <= 1


def mark_namelists(units: list[Unit], norm: MappedText, fmt: str) -> list[Region]:
    """A lead-in ("Signed by:", "Les signataires :") followed by lines that are names:
    the names are a ``name_list`` region for the signatory step, not clauses."""
    regions: list[Region] = []
    i = 0
    while i < len(units):
        u = units[i]
        if u.role or u.kind == "note" or not is_namelist_leadin(u.text):
            i += 1
            continue
        j = i + 1
        names: list[Unit] = []
        while j < len(units):
            v = units[j]
            if v.role == "boiler" or v.kind in ("heading", "note", "rule"):
                break
            if v.kind not in ("item", "text") or not is_name_line(v.text):
                break
            names.append(v)
            j += 1
        if len(names) >= 2 or (names and leads_in(u.text)):
            u.role = "namelist"
            for v in names:
                v.role = "name"
            regions.append(_namelist_region(u, names, norm, fmt))
            i = j
        else:
            i += 1
    return regions


def _namelist_region(lead: Unit, names: list[Unit], norm: MappedText, fmt: str) -> Region:
    b = MappedTextBuilder()
    for k, v in enumerate(names):
        if k:
            b.insert("\n")
        start = v.label_span[0] if v.label_span and v.marker_kind != "bullet" else v.start
        while start < v.end and norm.text[start] in "-*+• \t":
            start += 1
        ranges = [(start, v.ranges[0][1]), *v.ranges[1:]]
        b.append(build_clean(norm, ranges, fmt == "markdown").text)
    return Region("name_list", b.build(), label=lead.text.strip())


def mark_article_headings(units: list[Unit]) -> None:
    """Article headings of agreements and treaties ("Article 1er", "ARTICLE II",
    "Article ANNEXE , A", "### Artikel 1"): sections labelled with the article number
    (``marker_kind`` ``article``, eId ``art_<number>``), whether marked as headings or
    printed as plain lines, wherever they stand, when text follows them."""
    last = len(units) - 1
    for i, u in enumerate(units):
        if u.role or u.kind not in ("text", "heading") or (u.kind == "text" and i == last):
            continue
        num = article_heading(u.text)
        if num is None:
            continue
        if u.kind == "text":
            u.role = "section"
        if not u.label:
            u.label, u.marker_kind = num, "article"


def mark_punctuated_title(units: list[Unit]) -> None:
    """A first line that names the type of text ("Déclaration franco-indienne sur
    l'IA.") is the title even with a final full stop, when body text follows."""
    rest = [u for u in units if not u.role and u.kind != "note"]
    if len(rest) < 2:
        return
    u = rest[0]
    if (
        u.kind in ("text", "heading")
        and len(u.text.split()) <= 15
        and TITLE_START.match(u.text)
        and not u.text.rstrip().endswith((":", ";", ","))
        and rest[1].kind in ("text", "item", "heading")
    ):
        u.role = "title"


def _is_body(u: Unit) -> bool:
    if u.role or u.kind in ("heading", "rule"):
        return False
    if u.kind in ("item", "note"):
        return u.kind == "item"
    return not plain_heading_like(u.text)


def first_body(units: list[Unit]) -> int:
    """Index of the first body paragraph or item (``len(units)`` when there is none)."""
    for i, u in enumerate(units):
        if _is_body(u):
            return i
    return len(units)


def find_title(units: list[Unit], first_body: int, fmt: str) -> int | None:
    """The title among the front matter (units above the first body paragraph): the
    first heading, else short line, that names a type of text ("Déclaration ...",
    "Feuille de route ...", "Joint Statement ..."); else a top-level or capitalized
    heading; else, in plain text, a lone first line. None when the text has none."""
    for i, u in enumerate(units):
        if u.role == "title":
            return i
    front = [
        (i, u)
        for i, u in enumerate(units[:first_body])
        if not u.role and u.kind != "note" and u.marker_kind != "article"
    ]
    heads = [(i, u) for i, u in front if u.kind == "heading"]
    shorts = [(i, u) for i, u in front if u.kind == "text"]
    for group in (heads, shorts):
        for i, u in group:
            if DOC_TYPE_WORD.search(u.text) and not _collection_heading(units, i):
                return i
    for i, u in heads:
        if (u.level and u.level <= 2) or is_all_caps(u.text) or len(heads) >= 2:
            return i
    if fmt == "plain" and not heads and len(shorts) == 1 and shorts[0][0] == front[0][0]:
        return shorts[0][0]  # a web page's lone first line above the body
    return None


# A line that goes on with the title above it: lower-case ("entre le Royaume des Pays-Bas
# et ...") or a connector in capitals ("ENTRE LE GOUVERNEMENT ...", "RELATIVE À ...").
_TITLE_GOES_ON = re.compile(
    r"^(?:entre|relati(?:f|ve)s?|concernant|portant|sur|pour|en mati[èe]re|"
    r"between|on|concerning|relating|regarding|for)\b",
    re.IGNORECASE,
)


def join_title_lines(units: list[Unit], title_i: int | None, norm: MappedText, fmt: str) -> None:
    """A title printed over several headings or capital lines ("### Convention" /
    "####entre le Royaume des Pays-Bas et ..."; "PROTOCOLE" / "ENTRE LE GOUVERNEMENT DE
    ..."): the lines right under it that go on with it join the title unit."""
    if title_i is None:
        return
    head = units[title_i]
    caps = is_all_caps(head.text)
    joined = False
    for v in units[title_i + 1 :]:
        t = v.text.strip()
        if v.role or v.kind not in ("text", "heading") or not t:
            break
        if not (starts_lower(t) or (caps and is_all_caps(t) and _TITLE_GOES_ON.match(t))):
            break
        head.ranges.extend(v.ranges)
        head.last_line = v.last_line
        v.role = "merged"
        joined = True
    if joined:
        head.cleaned = build_clean(norm, head.ranges, fmt == "markdown")
        head.text = head.cleaned.text.text
        head.role = "title"


def _collection_heading(units: list[Unit], i: int) -> bool:
    """A capitals line whose first word heads other capitals lines further on
    ("DÉCLARATION RELATIVE À ..." in a collection of declarations): a section heading of
    a collection, not the title of the whole text."""
    u = units[i]
    if u.kind != "text" or not is_all_caps(u.text):
        return False
    first = u.text.split()[0]
    return any(
        v.kind == "text" and v.text.split()[:1] == [first] and is_all_caps(v.text)
        for v in units[i + 1 :]
    )


def opening_heading(units: list[Unit]) -> int | None:
    """The heading the file opens with, when the text has no title of its own (a decree
    annex or treaty article published as "# Article ANNEXE , A", "# Article 1"): the
    only name the file gives itself, so its title (the gold sample's rule)."""
    for i, u in enumerate(units):
        if u.role == "boiler" or u.kind == "note":
            continue
        return i if u.kind == "heading" and u.text.strip() else None
    return None


def mark_front_matter(units: list[Unit], first_body: int, title_i: int | None, fmt: str) -> None:
    """Units above the body: the title, ``meta`` lines above or beside it, and headings
    that open the body (a marked heading after the title is a section)."""
    for i, u in enumerate(units[:first_body]):
        if u.role or u.kind == "note":
            continue
        if i == title_i:
            u.role = "title"
        elif title_i is not None and i < title_i:
            u.role = "meta"
        elif u.kind == "heading" and (fmt != "markdown" or u.level):
            u.role = "section"
        else:
            u.role = "meta"


def drop_after_closing_dateline(
    units: list[Unit], first_body: int, norm: MappedText, source: str
) -> None:
    """In a PDF, a dateline closing the body followed by a page break: what follows is
    another document stapled on (a cover letter, a list of participants), unless it is an
    annex."""
    for i in range(first_body, len(units)):
        u = units[i]
        if u.role != "dateline":
            continue
        rest = [v for v in units[i + 1 :] if v.role != "boiler"]
        if not rest:
            return
        nxt = rest[0]
        s0 = norm.source_end(u.end)
        s1 = norm.source_start(nxt.start)
        if "\f" in source[s0:s1] and not _ANNEX.match(nxt.text):
            for v in units[i + 1 :]:
                v.role = "boiler"
        return


def mark_body_headings(units: list[Unit], first_body: int, title_i: int | None, fmt: str) -> None:
    """Headings of the body. Marked ones (``#``, PDF headings) are sections; in web
    text, a short unpunctuated line (bold in Markdown, any in plain text) or a short
    numbered line is one when a paragraph or another heading follows it."""
    start = first_body if title_i is None else min(first_body, title_i + 1)
    nxt_ok = False  # does a paragraph or a heading follow (reading backwards)?
    for i in range(len(units) - 1, start - 1, -1):
        u = units[i]
        if u.role in ("boiler", "note", "name", "namelist") or u.kind in ("note", "rule"):
            continue
        if u.role and u.role not in ("meta", "section"):
            nxt_ok = False
            continue
        if u.kind == "heading" and (i >= first_body or u.role == "section"):
            u.role, nxt_ok = "section", True
            continue
        if fmt != "pdf_text" and nxt_ok and _web_heading(u, units, i, fmt):
            u.role, nxt_ok = "section", True
            continue
        nxt_ok = (
            not u.role
            and u.kind in ("text", "item")
            and not (u.kind == "text" and plain_heading_like(u.text))
        )


# "I. - Déclaration de la Belgique, ...", "A. - Les relations de l'U.E.O. avec ...": a
# capital roman numeral or letter, a dot and a dash open the heading of a part (a short
# one: a long line so numbered is read as a paragraph, and its names as the text's).
_DASHED_PART = re.compile(r"^(?:[IVXL]{1,5}|[A-Z])\.\s+[-–—]\s+\S")
_ACRONYM_END = re.compile(r"(?:\b[A-Z]\.){2,}$")


def _web_heading(u: Unit, units: list[Unit], i: int, fmt: str) -> bool:
    if u.kind == "text":
        if u.underlined:  # "**<u>Exposing the PRC's use of ... profit.</u>**"
            return len(u.text.split()) <= 60
        t = u.text.rstrip()
        if _DASHED_PART.match(t) and (
            not t.endswith((".", ";", ":", ",")) or _ACRONYM_END.search(t)
        ):
            return len(t.split()) <= 20
        return plain_heading_like(u.text) and (u.raw_bold or fmt == "plain")
    if u.kind == "item" and u.marker_kind == "number" and u.depth == 0:
        # The unit before (notes and rules aside); walked by index, not by copying
        # ``units[:i]`` for every unit (quadratic on a long list).
        j = i - 1
        while j >= 0 and units[j].kind in ("note", "rule"):
            j -= 1
        after_leadin = j >= 0 and leads_in(units[j].text)
        if not after_leadin:
            return plain_heading_like(u.text, numbered=True)
    return False


# How far from the end a "Pour le Gouvernement ..." block may start without a testimonium
# or signing statement before it (units).
_TAIL_UNITS = 12


_COLUMN_GAP = re.compile(r"[ \t\u00a0]{3,}")
_CUE_START = re.compile(r"(?i:pour|for|au\s+nom|on\s+behalf)\b")
_HEAD = re.compile(
    r"(?i:government|gouvernement|kingdom|royaume|republic|r[ée]publique|state|[ée]tat|"
    r"confederation|conf[ée]d[ée]ration|organi[sz]ation|union|commission|ministry|"
    r"minist[eè]re)"
)


def _cells(u: Unit, norm: MappedText) -> list[tuple[int, int]]:
    """The pieces of a unit's lines between runs of three spaces or more (columns)."""
    out: list[tuple[int, int]] = []
    for s, e in u.ranges:
        pos = s
        for m in _COLUMN_GAP.finditer(norm.text, s, e):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if e > pos and norm.text[pos:e].strip():
            out.append((pos, e))
    return out


def column_phrases(block: list[Unit], norm: MappedText) -> list[list[tuple[int, int]]]:
    """The party phrases of a signature block laid out in two columns and interleaved
    by the wrap ("For the Government of the      For the Government of the" / "United
    States of America:      Kingdom of Thailand:"). Cells are read left to right, line
    after line; a cell that opens with "For"/"Pour" starts a phrase, any other cell
    continues the first phrase still open (not yet closed by ":")."""
    phrases: list[list[tuple[int, int]]] = []
    closed: list[bool] = []
    texts: list[str] = []
    for u in block:
        line_ends = {e for _s, e in u.ranges}
        last_of_line: int | None = None  # the phrase the previous line ended in
        for s, e in _cells(u, norm):
            piece = norm.text[s:e].strip()
            if _CUE_START.match(piece):
                phrases.append([])
                closed.append(False)
                texts.append("")
                target = len(phrases) - 1
            elif last_of_line is not None and starts_lower(piece) and not closed[last_of_line]:
                target = last_of_line  # a hard wrap inside a cell ("For" / "the Government")
            else:
                open_ = [k for k, c in enumerate(closed) if not c]
                if not open_:
                    continue
                # "Government of Australia:" completes a phrase that has no head noun yet
                # ("For the"); "United States of America:" one that has ("... of the").
                fit = [
                    k for k in open_ if bool(_HEAD.search(texts[k])) != bool(_HEAD.search(piece))
                ]
                target = (fit or open_)[0]
            phrases[target].append((s, e))
            texts[target] += " " + piece
            closed[target] = piece.endswith(":")
            last_of_line = target if e in line_ends else None
    return [p for p, t in zip(phrases, texts, strict=True) if _HEAD.search(t)]


def mark_signature_blocks(
    units: list[Unit], norm: MappedText, fmt: str
) -> list[list[tuple[int, int]]]:
    """The signature block of an agreement (see :mod:`aidecl_data.parse.layout.signature`).

    A signing statement unit ("Fait à ...", "Done at ...") is ``signed_at``; after it, or
    after a testimonium ("En foi de quoi"), or among the last units of the text, a unit
    opening a party's block ("Pour le Gouvernement de ... :") is ``signed_for`` and the
    short lines under it (name, office) are ``signer``. A "Pour ..." line broken in two
    ("Pour le Gouvernement" / "de la République française :") is joined into one unit.
    A block in two columns (a "Pour ..." unit with a run of spaces inside) is read column
    by column (:func:`column_phrases`); its phrases are returned, its units are
    ``signer``.
    """
    phrases: list[list[tuple[int, int]]] = []
    zone = False
    in_block = False
    n = len(units)
    for i, u in enumerate(units):
        if u.role or u.kind not in ("text", "item", "heading"):
            continue
        text = u.text
        if starts_signing_statement(text) and len(text.split()) <= 80:
            u.role, zone, in_block = "signed_at", True, False
            continue
        if has_witness(text):
            zone, in_block = True, False
            continue
        near_end = i >= n - _TAIL_UNITS
        if (zone or near_end) and _CUE_START.match(text) and len(_cells(u, norm)) >= 2:
            block = [u]
            for v in units[i + 1 : i + 5]:
                if v.role or len(v.text.split()) > 12 or _CUE_START.match(v.text):
                    break
                block.append(v)
            found = column_phrases(block, norm)
            if len(found) >= 2:
                phrases += found
                for v in block:
                    v.role = "signer"
                in_block = True
                continue
        if (zone or near_end) and is_sign_for_line(text):
            u.role, in_block = "signed_for", True
            continue
        nxt = units[i + 1] if i + 1 < n else None
        if (
            (zone or near_end)
            and nxt is not None
            and not nxt.role
            and is_sign_for_start(text)
            and starts_lower(nxt.text)
            and is_sign_for_line(text + " " + nxt.text)
        ):
            u.ranges.extend(nxt.ranges)
            u.last_line = nxt.last_line
            u.cleaned = build_clean(norm, u.ranges, fmt == "markdown")
            u.text = u.cleaned.text.text
            u.role, nxt.role, in_block = "signed_for", "merged", True
            continue
        if in_block and u.kind != "heading" and is_signer_line(text):
            u.role = "signer"
            continue
        in_block = False
        if zone and len(text.split()) > 40:
            zone = False  # body text again (an annex after the signatures)
    return phrases


# A signer's name as printed under a text: "Joseph R. Biden, Jr.", "Boris Johnson, M.P.",
# "Yair Lapid", "FUMIO KISHIDA" (two to five capitalized words, a suffix after a comma).
_PERSON = re.compile(
    r"^(?:[A-ZÀ-Ý][\w'’.-]*\.?\s+){1,4}[A-ZÀ-Ý][\w'’-]*\.?"
    r"(?:,?\s+(?:Jr|Sr|II|III|M\.P|MP|K\.C|Q\.C)\.?)?$"
)
# The office printed under the name: "President of the United States of America",
# "Prime Minister of the State of Israel", "Président de la République française".
_OFFICE_LINE = re.compile(
    r"^(?:(?:Vice|Deputy)[- ])?(?:President|Prime Minister|Chancellor|King|Queen|Emir|"
    r"Minister|Secretary|Premier|Taoiseach|Président|Premier ministre|Première ministre|"
    r"Chancelier|Ministre)\b.{0,80}$"
)
_SIGNED_COPIES = re.compile(
    r"^(?:signed|done|fait|sign[ée]|gedaan)\s+(?:in|en)\s+(?:duplicate|triplicate|"
    r"double|triple|deux|trois|tweevoud)\b[^.]{0,80}\.?$",
    re.IGNORECASE,
)


def mark_closing_signers(units: list[Unit]) -> None:
    """The names that close a text, with their offices and the date under them ("Joseph
    R. Biden, Jr." / "Boris Johnson, M.P." / "June 10, 2021"): a signature block with no
    "For the Government of ...", never clauses (a name ``signer``, the date a
    ``dateline``; an office line is left to the signatory step, which reads it).
    Also a signing statement that gives no place ("Signed in duplicate, in the English
    language."): ``signed_at``."""
    for u in units:
        if not u.role and u.kind == "text" and _SIGNED_COPIES.match(u.text.strip()):
            u.role = "signed_at"
    run: list[tuple[Unit, str]] = []
    first_name: int | None = None  # the first unit that may be a signer's name, once read
    for i in range(len(units) - 1, -1, -1):
        u = units[i]
        if u.role in ("boiler", "signer", "signed_at", "signed_for") or u.kind in ("note", "rule"):
            continue
        t = u.text.strip().strip("*_ ").strip()
        if u.role or u.kind not in ("text", "item") or not t:
            break
        if _PERSON.match(t) and not DOC_TYPE_WORD.search(t):
            run.append((u, "signer"))
        elif _OFFICE_LINE.match(t) and len(t.split()) <= 12:
            # left a clause: the signatory step reads a signer's office ("Prime Minister
            # of the State of Israel") from clause regions only
            run.append((u, ""))
        else:
            # A date only lets the run go on: it matters when the run holds a signer or
            # a unit above may be one (``_PERSON``); else the run marks nothing whatever
            # ``parse_date`` says, and the date parse of a text's last paragraph (most
            # of this step's time) is spared.
            if not any(role == "signer" for _u, role in run):
                if first_name is None:
                    first_name = next(
                        (k for k, v in enumerate(units) if _may_be_name(v)), len(units)
                    )
                if first_name >= i:
                    break
            if parse_date(t, "en") is None:
                break
            run.append((u, "dateline"))
    if any(role == "signer" and not _OFFICE_LINE.match(u.text.strip("*_ ")) for u, role in run):
        for u, role in run:
            u.role = role


def _may_be_name(u: Unit) -> bool:
    """Whether ``mark_closing_signers`` could read ``u`` as a signer's name (its roles
    and its other tests aside)."""
    t = u.text.strip().strip("*_ ").strip()
    return u.kind in ("text", "item") and _PERSON.match(t) is not None


def mark_caps_headings(units: list[Unit], first_body: int, norm: MappedText, fmt: str) -> None:
    """Web text: a line in capitals with no final full stop ("DÉCLARATION RELATIVE À LA
    NATIONALITÉ D'UN ÉTAT MEMBRE") followed by body text is a heading; consecutive such
    lines ("DÉCLARATION" / "RELATIVE À LA TROISIÈME PARTIE," / "DU TRAITÉ ...") are one
    heading broken over several lines, joined into one unit."""
    if fmt == "pdf_text":
        return  # the PDF reader already joins and marks capitals headings
    i = max(first_body, 0)
    while i < len(units):
        run = []
        j = i
        while j < len(units) and _caps_line(units[j]):
            run.append(units[j])
            j += 1
        follows = units[j] if j < len(units) else None
        if run and follows is not None and not follows.role and follows.kind in ("text", "item"):
            head = run[0]
            for v in run[1:]:
                head.ranges.extend(v.ranges)
                head.last_line = v.last_line
                v.role = "merged"
            if len(run) > 1:
                head.cleaned = build_clean(norm, head.ranges, fmt == "markdown")
                head.text = head.cleaned.text.text
            head.role = "section"
        i = j + 1 if run else i + 1


def _caps_line(u: Unit) -> bool:
    t = u.text.strip()
    # The cheap tests first: most lines of a text end with a full stop.
    return (
        not u.role
        and u.kind == "text"
        and not t.endswith((".", ";", ":"))
        and len(t.split()) <= 30
        and (is_all_caps(t) or _mostly_caps(t))
    )


_LOWER_WORD_RUN = re.compile(r"\b[a-zà-ÿ]+\b")


def _mostly_caps(t: str) -> bool:
    """A capitals line with a few short words left in lower case ("... PARAGRAPHES 3 et
    5, POINTS A ET B, DU TRAITÉ ..."): at least six words, and the lower-case words are
    at most one in six, none longer than three letters."""
    words = t.split()
    if len(words) < 6:
        return False
    low = _LOWER_WORD_RUN.findall(t)
    if not low or len(low) * 6 > len(words) or any(len(w) > 3 for w in low):
        return False
    return is_all_caps(_LOWER_WORD_RUN.sub("", t))
