"""Data-quality warnings: what the parser noticed in a document and could not settle.

A researcher who downloads the package should know which rows to check first, so every
parsed document carries ``document_warnings`` rows (published as a table, printed by
``aidecl report``). Codes:

- ``no_date``: no date in the text, its metadata or its opening paragraph;
- ``date_inferred``: the date was inferred from a date in the opening paragraph;
- ``title_inferred``: no title in the text nor in its metadata; the title was made up
  from the document's type, place and date;
- ``title_from_heading``: the text has no title of its own; its title is the file's
  opening heading ("Article ANNEXE , A": a decree annex or treaty article), spanning it;
- ``breaks_restored``: line breaks the source had lost were put back by rule (the treaty
  database's glued lines); its paragraphs are worth a look;
- ``long_clause``: a clause over :data:`LONG_CLAUSE` characters (two paragraphs read as
  one, or a table flattened into one string);
- ``markup_left``: a clause whose text still holds markup (:data:`MARKUP`), with the span
  of the first piece (``parse.markup.MARKUP``);
- every ``Problem`` an extraction step reported, under its own ``kind`` as code:
  ``unmapped_name`` (a name in a signatory list that matched no country or organisation),
  ``initiative_rejected`` (an initiative candidate turned down), ...

:data:`~aidecl_data.parse.markup.MARKUP` is also what ``scripts/corpus_report.py`` counts
as "markup left".
"""

from __future__ import annotations

from aidecl_data.parse.markup import MARKUP
from aidecl_data.parse.model import ClauseRow, ParsedDocument, Region, WarningRow

LONG_CLAUSE = 2000

# Every piece of MARKUP holds one of the characters "<>&]!{}\\*_#|": ``in`` tests for
# them (in ``_clause_warnings``) spare the search of the clauses without any.


def collect_warnings(parsed: ParsedDocument, regions: list[Region]) -> list[WarningRow]:
    """The warnings of one parsed document, in a stable order (those about the whole
    document first, spanning the whole text, then by position), numbered from 1."""
    doc = parsed.document
    did = doc.document_id
    found: list[tuple[str, str, int | None, int | None]] = []
    if not doc.date:
        found.append(
            ("no_date", "no date found in the text, its metadata or its opening", None, None)
        )
    elif doc.date_source == "inferred":
        found.append(
            ("date_inferred", f"date {doc.date} inferred from the opening paragraph", None, None)
        )
    if doc.title_source == "inferred":
        found.append(
            ("title_inferred", f"no title in the text; inferred {doc.title!r}", None, None)
        )
    by_clause = {r.clause_id: r for r in regions if r.kind == "clause"}
    for c in parsed.clauses:
        found.extend(_clause_warnings(c, by_clause.get(c.clause_id)))
    for p in parsed.problems:
        found.append((p.kind, p.message, p.char_start, p.char_end))
    # A warning about the whole document spans the whole text.
    whole = [(c, m, 0, doc.char_count) for c, m, s, _ in found if s is None]
    spanned = sorted((f for f in found if f[2] is not None), key=lambda f: (f[2], f[3], f[0]))
    return [
        WarningRow(did, n, code, message, s, e)
        for n, (code, message, s, e) in enumerate([*whole, *spanned], start=1)
    ]


def _clause_warnings(c: ClauseRow, region: Region | None):
    n = len(c.text)
    if n > LONG_CLAUSE:
        yield (
            "long_clause",
            f"clause {c.clause_id} is {n} characters long (over {LONG_CLAUSE})",
            c.char_start,
            c.char_end,
        )
    t = c.text
    # ``in`` tests scan in C at memchr speed, a class search at ~3.5 ns a character
    maybe = (
        "<" in t
        or ">" in t
        or "&" in t
        or "]" in t
        or "!" in t
        or "{" in t
        or "}" in t
        or "\\" in t
        or "*" in t
        or "_" in t
        or "#" in t
        or "|" in t
    )
    m = MARKUP.search(t) if maybe else None
    if m:
        s, e = c.char_start, c.char_end
        if region is not None and region.text.text == c.text:
            s, e = region.text.source_span(m.start(), m.end())
        yield ("markup_left", f"markup {m.group()!r} left in clause {c.clause_id}", s, e)


__all__ = ["LONG_CLAUSE", "MARKUP", "collect_warnings"]
