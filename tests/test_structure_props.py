"""Property tests: every span the parser reports is true to the source.

The round-trip property, stated precisely: for every clause, note and heading, take the
source slice ``source[char_start:char_end]`` and normalize it (NFC, case folded, one
apostrophe style) and keep only its letters and digits; do the same with the row's text.
Then the row's letters are a subsequence of the slice's letters, and the slice starts with
the row's first letter and ends with its last one. Subsequence, not equality, because
cleaning legitimately drops characters inside a span (footnote markers "<sup>2</sup>", a
footnote block that interrupts a sentence, a line-end hyphen); equality is checked in
addition for rows whose span contains no markup.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidecl_data.parse.structure import parse_structure

_ALNUM = re.compile(r"\w", re.UNICODE)
_ASCII_WS = re.compile(r"[ \t\n\r\f\v]+")


def collapse(s: str) -> str:
    """One ASCII space for every run of line-end or ASCII white space (NBSP is kept)."""
    return _ASCII_WS.sub(" ", s).strip(" ")


def letters(s: str) -> str:
    s = unicodedata.normalize("NFC", s).casefold().replace("’", "'")
    return "".join(_ALNUM.findall(s)).replace("_", "")


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def check_round_trip(source: str, text: str, start: int, end: int) -> None:
    assert 0 <= start <= end <= len(source)
    want, got = letters(text), letters(source[start:end])
    if not want:
        return
    assert got[:1] == want[:1], (text, source[start:end])
    assert got[-1:] == want[-1:], (text, source[start:end])
    assert is_subsequence(want, got), (text, source[start:end])
    raw = source[start:end]
    if not re.search(r"[*<>\[\]#\-\n\r\f]|\s{2}", raw):
        assert collapse(unicodedata.normalize("NFC", raw)) == text


def check_document(source: str) -> None:
    st_ = parse_structure(source, "p")
    for c in st_.clauses:
        check_round_trip(source, c.text, c.char_start, c.char_end)
    for n in st_.notes:
        check_round_trip(source, n.text, n.char_start, n.char_end)
    for s in st_.sections:
        check_round_trip(source, s.heading, s.char_start, s.char_end)
    for r in st_.regions:
        s, e = r.text.source_span(0, len(r.text.text))
        assert 0 <= s <= e <= len(source)
    ids = {c.clause_id for c in st_.clauses}
    assert len(ids) == len(st_.clauses)
    secs = {s.section_id for s in st_.sections}
    for c in st_.clauses:
        assert not c.parent_clause_id or c.parent_clause_id in ids
        assert not c.section_id or c.section_id in secs
        assert c.text == collapse(c.text) and c.text
    assert [c.ordinal for c in st_.clauses] == list(range(1, len(st_.clauses) + 1))


# -- generated documents in the three layouts --------------------------------------------
_VOCABULARY = (
    "la France et l’Inde coopération numérique développement État intérêt général "
    "multi-acteurs sécurité des données we reaffirm our support to peaceful cyberspace "
    "Nations Unies Charte d’experts IA co-présidé 2025 février"
)
_WORDS = st.sampled_from(_VOCABULARY.split())


@st.composite
def sentence(draw) -> str:
    ws = draw(st.lists(_WORDS, min_size=3, max_size=18))
    ws[0] = ws[0][:1].upper() + ws[0][1:]
    return " ".join(ws) + draw(st.sampled_from([".", ".", " ;", " :", "", "."]))


@st.composite
def document(draw) -> str:
    layout = draw(st.sampled_from(["markdown", "plain", "pdf"]))
    blocks = draw(
        st.lists(
            st.tuples(st.sampled_from(["p", "p", "i", "n", "h"]), sentence()),
            min_size=1,
            max_size=8,
        )
    )
    out: list[str] = []
    for k, (kind, s) in enumerate(blocks):
        if layout == "markdown":
            if kind == "h":
                out.append("## " + s.rstrip(".;: "))
            elif kind == "i":
                out.append("- " + s.replace(" ", " **", 1))  # an unclosed "**"
            elif kind == "n":
                out.append(f"{k + 1}. " + s + f"<sup>{k + 1}</sup>")
            else:
                out.append(s)
            out.append("")
        elif layout == "plain":
            out.append((f"{k + 1}. " if kind == "n" else "") + s)
            out.append("")
        else:
            width = draw(st.integers(min_value=20, max_value=70))
            line, lines = "", []
            for w in (("- " if kind == "i" else "") + s).split():
                if line and len(line) + len(w) + 1 > width:
                    lines.append(line + " ")
                    line = w
                else:
                    line = f"{line} {w}" if line else w
            lines.append(line + " ")
            gap = draw(st.sampled_from(["\n", "\n\n", "\n \n", "\f"]))
            out.append(gap.join(lines))
    text = "\n".join(out)
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r"])))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
def test_generated_documents_round_trip(source: str) -> None:
    check_document(source)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_arbitrary_text_never_breaks_spans(source: str) -> None:
    check_document(source)
