"""The shortcuts that make the entity and date scanners fast give the same answers as the
plain scans they replace: each is checked against a slow reference written here, or
against the invariant it relies on (see the docstrings of the modules)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from aidecl_data.parse.dates import find_dates
from aidecl_data.parse.dates import lexicon as lx
from aidecl_data.parse.dates.grammar import RULE_PIECES, RULES
from aidecl_data.parse.dates.windows import (
    _ANCHOR_RX,
    _HIDDEN,
    ANCHOR_WORDS,
    DIGIT2,
    EN_MONTH,
    MONTH2,
    YEAR,
    YEAR2,
    anchor_windows,
)
from aidecl_data.parse.entities import parties, signatories
from aidecl_data.parse.entities.countries import (
    _TOKEN,
    _first_words,
    find_names,
    name_index,
    name_key,
)
from aidecl_data.parse.entities.english import find_english_names
from aidecl_data.parse.entities.folding import (
    _FOLDABLE,
    _fold_char,
    _table,
    fold_same_length,
    may_hold,
)
from aidecl_data.parse.entities.patterns import HEADS, _heads_fr, find_resolutions

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "documents").iterdir())]
TEXTS.append((ROOT / "tests" / "fixtures" / "paris_call_en_pdf.txt").read_text(encoding="utf-8"))
TRICKY = [
    "l’Inde et la France, lʼInde, xFrance, _France, 2France, ÉTATS-UNIS et le Japon",
    "Corée, République de (la) – République de Corée… Royaume-Uni de Grande-Bretagne",
    "İstanbul, Σίσυφος ΟΔΟΣ, ẞ, µ, `quote`, ﬁn, Ⓐfrance, ſigné, ıl",
    "avant-hier, après-demain, xavant-hier, avant-hiers, passéavril, 31 mars dernier",
]


def _fold_reference(text: str) -> str:
    """``fold_same_length`` as it was written first: ``str.translate`` or a char loop."""
    if text.isascii():
        return text.lower()
    table = {ord(c): f for c, f in _table().items()}
    low = text.lower()
    if len(low) == len(text):
        out = low.translate(table)
        if all(ord(c) <= 0x24F for c in out):
            return out
    return "".join(_fold_char(c) for c in text)


def test_foldable_class_holds_every_ascii_character_folding_changes() -> None:
    for c in map(chr, range(128)):
        assert _FOLDABLE.match(c) or _fold_char(c) == c, repr(c)


@pytest.mark.parametrize("text", TEXTS + TRICKY)
def test_fold_same_length_matches_the_reference(text: str) -> None:
    assert fold_same_length.__wrapped__(text) == _fold_reference(text)


def _find_names_reference(text: str) -> list[tuple[int, int, str]]:
    """Every token tried, longest window first (the scan ``_find_names`` shortcuts)."""
    index, first = name_index(), _first_words()
    folded = fold_same_length(text)
    toks = [m.span() for m in _TOKEN.finditer(text)]
    hits, i = [], 0
    while i < len(toks):
        s, e0 = toks[i]
        width = first.get(folded[s:e0], 0) if text[s].isupper() else 0
        for j in range(min(len(toks), i + width) - 1, i - 1, -1):
            ent = index.get(name_key(text[s : toks[j][1]]))
            if ent is not None:
                end = toks[j][1]
                if text[end : end + 1] == "." and "." in text[s:end]:
                    end += 1  # "U.S.": an abbreviation keeps its last dot
                hits.append((s, end, ent.entity_id))
                i = j
                break
        i += 1
    return hits


@pytest.mark.parametrize("text", TEXTS + TRICKY)
def test_find_names_matches_the_token_by_token_scan(text: str) -> None:
    assert [(h.start, h.end, h.entity.entity_id) for h in find_names(text)] == (
        _find_names_reference(text)
    )


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("l’Inde et la France", ["Inde", "France"]),  # the apostrophe does not hide "Inde"
        ("xFrance, 2France", []),  # inside a word
        ("_France", ["France"]),  # "_" separates words
        ("Les États-Unis et le Japon", ["États-Unis", "Japon"]),  # non-ASCII capital
    ],
)
def test_find_names_capitals(text: str, names: list[str]) -> None:
    assert [h.text for h in find_names(text)] == names


# (pattern, pieces, texts the pattern matches): every match holds a piece.
CUES = [
    (parties._OFFICE_ADJ, parties._OFFICE_PIECES, ["le Président français", "ÉMIR qatari",
     "la Première ministre japonaise", "Chef de l’État français", "PRIME MINISTER Modi",
     "le Roi espagnol", "la Reine anglaise", "Vice-présidente X", "Gouvernement indien",
     "King Charles", "Queen Anne", "Chancellor Scholz", "Chancelière allemande",
     "le Prince saoudien", "le Ministre indien", "President Biden", "Minister Modi",
     "Government officials", "Emir Tamim"]),
    (signatories._CO_CHAIR, signatories._CO_CHAIR_PIECES, ["Co-présidé par", "coprésidée par",
     "sous la co-présidence de", "co-chaired by", "Co-chairs:", "coprésidents :"]),
    (signatories._FOUNDING, signatories._FOUNDING_PIECES, ["membres fondateurs",
     "États fondateurs", "founding members", "founders of the"]),
    (signatories._SIGNING, signatories._SIGNING_PIECES, ["signataires", "signée", "signed",
     "signatories", "endorsed", "adhérer", "souscrit", "on behalf of", "au nom de",
     "joined by", "rejoint", "approuvée par", "adoptés par", "adopted by"]),
]  # fmt: skip


@pytest.mark.parametrize(("pattern", "pieces", "texts"), CUES)
def test_cue_pieces_are_in_every_match(pattern, pieces, texts) -> None:
    for text in texts:
        assert pattern.search(text), text  # the example is a match...
        assert may_hold(text, pieces), text  # ...which the cheap test lets through
    assert may_hold("ſigned", ("sign",))  # "ſ" is an "s" to IGNORECASE, not to lower()
    assert not may_hold("Les parties conviennent.", pieces)


@pytest.mark.parametrize(("pattern", "pieces", "texts"), CUES)
def test_cue_pieces_on_the_corpus(pattern, pieces, texts) -> None:
    for line in itertools.chain.from_iterable(t.splitlines() for t in TEXTS):
        if pattern.search(line):
            assert may_hold(line, pieces), line


_HEAD_FR_REFERENCE = re.compile(
    r"\b(?P<head>"
    + "|".join(re.escape(h) for h in sorted(HEADS, key=len, reverse=True)).replace(r"\ ", r"\s+")
    + r")(?P<plural>s?)(?:-[a-z]+)?\b"
)


@pytest.mark.parametrize(
    "text", [*TEXTS, *TRICKY, "2accord-sommet de Paris, _Sommet, sommets-accords, xplan"]
)
def test_french_heads_match_the_plain_search(text: str) -> None:
    folded = fold_same_length(text)
    assert list(_heads_fr(folded)) == [
        (m.start(), m.end(), m.group("head"), m.group("plural"))
        for m in _HEAD_FR_REFERENCE.finditer(folded)
    ]


def test_pattern_prefilters_keep_every_hit() -> None:
    text = "the Paris Peace Forum and resolution A/RES/78/265, UNEP/EA.7/Res.9"
    assert [text[h.start : h.end] for h in find_english_names(text)] == ["Paris Peace Forum"]
    assert [text[h.start : h.end] for h in find_resolutions(text)] == [
        "A/RES/78/265",
        "UNEP/EA.7/Res.9",
    ]
    assert find_english_names("a forum, a summit") == find_resolutions("A/res/1") == []


def test_anchor_words_shape() -> None:
    """What the word-start anchor search relies on (``windows._ANCHOR_OR_DIGIT_RX``)."""
    for w in ANCHOR_WORDS:
        assert w[-1].isalpha() and all(c.isalpha() or c == "-" for c in w), w
    for w, hidden in _HIDDEN.items():
        for off, _kind in hidden:
            suffix = w[off:]
            assert suffix in ANCHOR_WORDS
            # no longer anchor word starts with it: the hidden anchor is the whole word
            assert not [v for v in ANCHOR_WORDS if v.startswith(suffix) and v != suffix]
    assert {w.lower() for w in lx.ENGLISH_MONTHS} <= set(ANCHOR_WORDS)


def _points_reference(text: str) -> set[int]:
    """Anchor word starts as the plain scan (trie at every position) finds them."""
    low, out = text.lower(), set()
    for m in _ANCHOR_RX.finditer(low):
        i, j = m.span()
        if j != len(low) and low[j].isalpha():
            continue
        if i == 0 or not low[i - 1].isalpha():
            out.add(i)
        out.update(i + off for off, _ in _HIDDEN.get(m.group(), ()))
    return out


_DIGIT_CASES = [
    "12mai 2024",
    "2mai2024",
    "le ٣ mai ١٩٩٤",
    "1er-2 juin",
    "x1234y",
    "99",
    "a1b22c333",
]


@pytest.mark.parametrize("text", TEXTS + TRICKY + _DIGIT_CASES)
def test_anchor_windows_hold_every_digit_run(text: str) -> None:
    """The digit runs, read in the anchor scan, are those of a plain ``\\d+`` scan: every
    run is in a window, and a four-digit year starting with 1 or 2 counts as a year."""
    windows = anchor_windows(text)
    for m in re.finditer(r"\d+", text):
        assert any(s <= m.start() < e for s, e, _ in windows), m.group()
        if len(m.group()) == 4 and m.group()[0] in "12":
            assert any(s <= m.start() < e and k & YEAR for s, e, k in windows), m.group()


@pytest.mark.parametrize("text", TEXTS + TRICKY)
def test_anchor_windows_hold_every_anchor(text: str) -> None:
    windows = anchor_windows(text)
    for p in _points_reference(text):
        assert any(s <= p < e for s, e, _ in windows), p


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Paris, en 2025.", 0, YEAR2 | DIGIT2 | MONTH2 | EN_MONTH),
        ("entre 2023 et 2024", YEAR2 | DIGIT2, MONTH2),
        ("du 6 au 7 mai", DIGIT2, YEAR2 | MONTH2 | EN_MONTH),
        ("de janvier à mars 2025", MONTH2, YEAR2 | EN_MONTH),
        ("on May 5, 2024", EN_MONTH | DIGIT2, MONTH2),
        ("le 5 ſeptembre", EN_MONTH | MONTH2, 0),  # not trusted: every month rule runs
    ],
)
def test_second_anchor_bits(text: str, present: int, absent: int) -> None:
    [(_, _, kinds)] = anchor_windows(text)
    assert kinds & present == present and not kinds & absent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("entre 2023 et 2024", ["entre 2023 et 2024"]),  # a range needs two numbers
        ("en 2023 et 2024", ["2023", "2024"]),  # a list, two years
        ("du 6 au 7 mai 2024", ["du 6 au 7 mai 2024"]),
        ("de janvier à mars 2025", ["de janvier à mars 2025"]),
        ("from May 5 to 7, 2024", ["from May 5 to 7, 2024"]),
        ("le 11/02/2025", ["11/02/2025"]),
        ("au premier trimestre 2025", ["premier trimestre 2025"]),
        ("en mars dernier", ["mars dernier"]),
    ],
)
def test_rules_behind_the_shortcuts_still_read(text: str, expected: list[str]) -> None:
    assert [m.text for m in find_dates(text)] == expected


def test_rule_pieces_name_rules() -> None:
    assert set(RULE_PIECES) <= {name for name, *_ in RULES}
    assert all(p == p.lower() and p.isascii() for ps in RULE_PIECES.values() for p in ps)
