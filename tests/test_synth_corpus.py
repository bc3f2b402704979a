"""The synthetic corpus generator: deterministic, layout-preserving, distinct documents.

The benchmark's figures are only worth something if its 10,000 documents look like the
corpus to the parser (same layouts, dates and parties in the same places) and are really
10,000 different documents; these tests hold the generator to that.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "synth_corpus", ROOT / "benchmarks" / "synth_corpus.py"
)
sc = importlib.util.module_from_spec(_spec)
sys.modules["synth_corpus"] = sc
_spec.loader.exec_module(sc)

ZERO = sc.Shift(0, 0)


@pytest.fixture(scope="module")
def templates():
    return sc.load_templates(sc.default_template_paths())


@pytest.fixture(scope="module")
def docs(templates):
    out = []
    for doc in sc.iter_documents(templates, seed=3):
        if doc.index >= 400:
            break
        out.append(doc)
    return out


# -- the rules, one small text each --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shift", "expected"),
    [
        # weekday recomputed: 11 April 2025 is a Friday
        ("le mardi 11 février 2025", sc.Shift(2, 0), "le vendredi 11 avril 2025"),
        ("du 6 au 7 mai 2024", sc.Shift(-12, 3), "du 9 au 10 mai 2023"),
        ("les 10 et 11 février 2025", sc.Shift(11, 0), "les 10 et 11 janvier 2026"),
        ("*10-11 février 2025, Paris*", sc.Shift(-1, -2), "*8-9 janvier 2025, Paris*"),
        ("le 1er novembre 2023", sc.Shift(2, 0), "le 1er janvier 2024"),
        ("le 3 mai 2020", sc.Shift(0, -2), "le 1er mai 2020"),
        ("en février 2025.", sc.Shift(-3, 0), "en novembre 2024."),
        ("à Paris en \nfévrier 2025.", sc.Shift(1, 0), "à Paris en \nmars 2025."),
        ("organisé en 2025 et", sc.Shift(-24, 0), "organisé en 2023 et"),
        ("d’exception (2023-2027).", sc.Shift(13, 0), "d’exception (2024-2028)."),
        ("Paris, 12th of November, 2018", sc.Shift(1, -10), "Paris, 2nd of December, 2018"),
        # days are clamped to 1..28 so that every month can take them
        ("le 31 mars dernier", ZERO, "le 28 mars dernier"),
        # not dates: left alone
        ("2 millions d'euros", sc.Shift(5, 5), "2 millions d'euros"),
        ("l'Agenda 2030 pour", sc.Shift(-24, 0), "l'Agenda 2030 pour"),
        ("le domaine des", sc.Shift(5, 5), "le domaine des"),
    ],
)
def test_dates_move_by_the_document_shift(text, shift, expected):
    assert sc.vary(text, shift) == expected


@pytest.mark.parametrize(
    ("text", "partner", "expected"),
    [
        ("La France et l'Inde s'engagent", "Japon", "La France et le Japon s'engagent"),
        ("La France et la Chine saluent", "Inde", "La France et l'Inde saluent"),
        ("la Première ministre du Japon a", "Inde", "la Première ministre de l'Inde a"),
        ("la Première ministre du Japon a", "Chine", "la Première ministre de la Chine a"),
        ("une visite en Chine du", "Japon", "une visite au Japon du"),
        ("République populaire de Chine,", "Brésil", "République populaire du Brésil,"),
        ("République populaire de Chine,", "Italie", "République populaire d'Italie,"),
        ("le rayonnement de l’Inde", "Suède", "le rayonnement de la Suède"),
        ("L’Inde entend", "Canada", "Le Canada entend"),
        (" FEUILLE DE ROUTE FRANCO-INDIENNE ", "Chine", " FEUILLE DE ROUTE FRANCO-CHINOISE "),
        ("Déclaration franco-japonaise", "Brésil", "Déclaration franco-brésilienne"),
        ("les entreprises indiennes et", "Danemark", "les entreprises danoises et"),
        ("le vice-ministre japonais", "Canada", "le vice-ministre canadien"),
        # a transposition: a list of parties keeps distinct names
        ("Maroc, Inde.\n22. Inde\n26. Japon\n", "Japon", "Maroc, Japon.\n22. Japon\n26. Inde\n"),
        # words that merely contain a name are not names
        ("la machine et l'Indonésie", "Japon", "la machine et le Japon"),
    ],
)
def test_the_partner_country_is_swapped_with_agreement(text, partner, expected):
    assert sc.vary(text, ZERO, partner) == expected


def test_text_without_a_partner_is_unchanged_by_a_swap():
    text = "La France et ses partenaires européens.\n"
    assert sc.vary(text, ZERO, "Japon") == text


# -- the corpus ------------------------------------------------------------------------------


def test_same_seed_same_bytes_other_seed_other_bytes(templates, docs):
    again = [d for _, d in zip(range(50), sc.iter_documents(templates, seed=3), strict=False)]
    assert [d.data for d in again] == [d.data for d in docs[:50]]
    other = [d for _, d in zip(range(50), sc.iter_documents(templates, seed=4), strict=False)]
    assert sum(a.data != b.data for a, b in zip(other, again, strict=True)) >= 45


def test_written_corpus_is_prefix_stable_and_named_by_index(tmp_path, templates):
    small = sc.generate(tmp_path / "a", 12, seed=9, templates=templates)
    sc.generate(tmp_path / "b", 13, seed=9, templates=templates)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == [f"synth_{i:06d}.txt" for i in range(12)] == [d.name for d in small]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "b" / "synth_000012.txt").exists()
    # a smaller run into the same folder leaves no stale document behind
    sc.generate(tmp_path / "b", 5, seed=9, templates=templates)
    assert len(list((tmp_path / "b").glob("*.txt"))) == 5


def test_documents_are_distinct(docs):
    digests = {hashlib.sha256(d.data).hexdigest() for d in docs}
    assert len(digests) == len(docs)


def test_every_template_and_length_mode_is_used(docs, templates):
    assert {d.template for d in docs} == {t.name for t in templates}
    assert {d.length_mode for d in docs} == set(sc.LENGTH_MODES)


def test_lengths_vary_around_the_template(docs):
    for name in {d.template for d in docs}:
        original = len((ROOT / "documents" / f"{name}.txt").read_bytes())
        sizes = [len(d.data) for d in docs if d.template == name]
        assert min(sizes) < original < max(sizes), name


def _content_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def _blank_after_every_line(text: str) -> float:
    lines = text.splitlines()
    content = [i for i, ln in enumerate(lines[:-1]) if ln.strip()]
    return sum(not lines[i + 1].strip() for i in content) / len(content)


def _wrapped_pairs(text: str) -> int:
    lines = text.splitlines()
    return sum(bool(a.strip() and b.strip()) for a, b in itertools.pairwise(lines))


def test_layouts_are_kept(docs):
    """Each document keeps the layout features of the text it came from."""
    blank_ratio = {
        p.stem[:3]: _blank_after_every_line(p.read_text(encoding="utf-8"))
        for p in sc.default_template_paths()
    }
    assert blank_ratio["003"] > 0.9  # the template itself has the layout checked below
    for d in docs:
        text = d.data.decode("utf-8")
        prefix = d.template[:3]
        if prefix in ("000", "001"):  # Markdown from a web page
            assert re.search(r"^#{1,3} ", text, re.M) and "**" in text
        if prefix == "001":
            assert "<sup>1</sup>" in text and "Pays signataires" in text
        if prefix == "002":  # plain web text: one long line per paragraph, site boilerplate
            assert "#" not in text and "**" not in text
            assert text.rstrip().endswith("Voir tous les articles et dossiers")
            assert max(len(ln) for ln in text.splitlines()) > 300
        if prefix == "003":  # PDF text with a blank line after (nearly) every line
            assert _blank_after_every_line(text) > blank_ratio["003"] - 0.03
            assert max(len(ln) for ln in text.splitlines()) < 110
        if prefix == "004":  # PDF text wrapped without blank lines between wraps
            assert _wrapped_pairs(text) > 20
            assert max(len(ln) for ln in text.splitlines()) < 110


def test_headings_front_matter_and_fixed_blocks_are_kept(docs, templates):
    """The literal text of every unit that may not be dropped is in every document."""
    for tpl in templates:
        fixed = [
            piece
            for u in tpl.units
            if not u.free
            for piece in u.pieces
            if isinstance(piece, str) and len(piece.strip()) > 20
        ]
        assert len(fixed) >= 3, tpl.name
        for d in (d for d in docs if d.template == tpl.name):
            text = d.data.decode("utf-8")
            for block in fixed:
                assert block in text, (d.name, block[:60])


def test_dates_and_parties_vary_across_documents(docs):
    for name in {d.template for d in docs}:
        mine = [d for d in docs if d.template == name]
        assert len({d.partner for d in mine}) > 5
        assert len({d.shift for d in mine}) > 10
    d = next(d for d in docs if d.template.startswith("000") and d.partner == "Japon")
    assert "Déclaration franco-japonaise" in d.data.decode("utf-8")
