"""The cheap tests ``signatories`` runs before its cue patterns never turn down a text
the patterns would read a cue in (they only spare the others)."""

from __future__ import annotations

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.entities import signatories as sg
from aidecl_data.parse.entities.folding import Cues, may_hold
from tests.conftest import SEEDS

_CUED = [
    "Signé par la France, l'Inde et le Japon",
    "This text is SIGNED BY Australia, Canada and Japan.",
    "Les États signataires : Chili, Kenya, Inde",
    "les membres   fondateurs du Partenariat, la France, le Canada",
    "Founding members: Canada, France and Japan",
    "the governments have expressed their support for the Initiative: Canada, France",
    "The Call is supported by Chile, Kenya and India",
    "Au\nnom   du Gouvernement de la République française",
    "were joined\n by the European Union, Canada and Japan",
    "adoptée par la France, le Canada et l'Inde",
    "approuvés par le Conseil, endorsed by Chile",
    "the initiative, which Kenya rejoint, adhère à la Charte",
    "ſigned by Chile, Kenya and India",  # a long s: the patterns read it as an "s"
]
_PLAIN = [
    "A significant design for the adoption of the Charter by Chile, Kenya and India.",
    "Les experts de la France, du Canada et de l'Inde se réunissent à Paris.",
]


def _pattern_cue(text: str) -> bool:
    joined = " ".join(text.split())
    return any(rx.search(joined) for rx in (sg._FOUNDING, sg._SUPPORT, sg._SIGNING))


def test_chain_cue_test_lets_every_cue_through() -> None:
    for text in _CUED:
        assert _pattern_cue(text), text  # the examples do hold a cue
        assert sg._may_have_chain_cue(Cues(text)), text
    for text in _PLAIN:
        assert not _pattern_cue(text)
        assert not sg._may_have_chain_cue(Cues(text)), text  # what it spares


def test_chain_cue_test_on_every_paragraph_of_the_seeds() -> None:
    spared = 0
    for path in sorted(SEEDS.iterdir()):
        if path.suffix not in {".md", ".txt"}:
            continue
        for clause in parse_document(path.read_bytes(), path.stem, path.name).clauses:
            cued = sg._may_have_chain_cue(Cues(clause.text))
            assert cued or not _pattern_cue(clause.text), clause.text[:80]
            spared += not cued
    assert spared > 10


def test_cues_hold_what_may_hold_holds() -> None:
    pieces = ("sign", "au nom d", "fondat")
    for text in [*_CUED, *_PLAIN, "İstanbul", "", "SIGN"]:
        assert Cues(text).holds(pieces) == may_hold(text, pieces)
        assert sg._authors_hint(Cues(text), text, 30) == bool(sg._AUTHORS_HINT(text, 0, 30))


def test_long_first_item_shortcut_changes_nothing(monkeypatch) -> None:
    from aidecl_data.parse.entities import lists

    texts = [
        "France, Allemagne, Italie, Espagne et Portugal.",
        "Signataires : la France, le Canada, le Japon",
        "The parties agree to cooperate closely on artificial intelligence and data, and more",
        "The parties agree to cooperate closely on artificial intelligence, Canada, Japan",
        "Un deux trois quatre cinq six sept et huit neuf, dix",
        "Un deux trois quatre cinq six sept huit et neuf, dix",
        "Chile\u00a0Kenya India Japan Canada France Italy Spain Peru, Chad, Mali",
    ]
    shortcut = [lists.enumeration_items(t) for t in texts]
    long = [lists._first_item_too_long(t, 0) for t in texts]
    monkeypatch.setattr(lists, "_first_item_too_long", lambda body, pos: False)
    assert [lists.enumeration_items(t) for t in texts] == shortcut
    assert any(long) and not all(long)


def test_chain_cue_groups_hold_every_piece_once() -> None:
    """The prefixes of ``_may_have_chain_cue`` cover each cue piece exactly once, so the
    grouped test answers as ``Cues.holds`` on all the pieces."""
    grouped = [p for prefix, pieces in sg._CHAIN_CUE_GROUPS for p in pieces]
    assert sorted(grouped) == sorted(sg._CHAIN_CUE_PIECES)
    assert all(p.startswith(prefix) for prefix, ps in sg._CHAIN_CUE_GROUPS for p in ps)
    texts = [*_CUED, *_PLAIN, "design", "soutien", "the founders", "adhérer"]
    for text in texts:
        cues = Cues(text)
        if cues.odd:
            continue  # answered True before the pieces are tested
        grouped_hit = any(
            prefix in cues.low and any(p in cues.low for p in ps)
            for prefix, ps in sg._CHAIN_CUE_GROUPS
        )
        assert grouped_hit == cues.holds(sg._CHAIN_CUE_PIECES), text


def test_chain_cue_phrases_read_across_any_white_space() -> None:
    """The phrase search in place answers as ``in`` on the words joined by single spaces,
    for every kind of white space ``str.split`` cuts at."""
    texts = [
        "Au\nnom   du Gouvernement",
        "au\u00a0nom\u2028de la France",
        "eau nom d",
        "were joined\x1c\tby Japan",
        "joinedby Japan",
        "au nomd",
        "le nom de",
    ]
    for text in texts:
        low = text.lower()
        joined = " ".join(low.split())
        expected = any(p in joined for p in sg._CHAIN_CUE_PHRASES)
        assert (sg._CHAIN_CUE_PHRASE.search(low) is not None) == expected, text
        assert sg._may_have_chain_cue(Cues(text)) == expected, text
