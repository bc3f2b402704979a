"""Layout rules for hard-wrapped text with no blank lines (plain or PDF text)."""

from __future__ import annotations

import textwrap

from aidecl_data.parse.structure import parse_structure

HEADING = "Coopération dans le domaine de la sécurité économique et de l’innovation"
WIDTH = len(HEADING) + 1  # "Le" after the heading would not fit on its line


def wrapped(*blocks: str) -> str:
    """Blocks hard-wrapped at WIDTH, no blank line between them."""
    return "\n".join(textwrap.fill(b, WIDTH, break_long_words=False) for b in blocks) + "\n"


PARA = (
    "La France et le Japon ont reconnu que la coopération dans ce domaine est utile et "
    "qu’il était donc de plus en plus nécessaire de s’adapter à ces changements de manière "
    "dynamique ; ils ont également reconnu le besoin de renforcer les capacités nationales."
)


def _clauses(text: str) -> list[str]:
    return [c.text for c in parse_structure(text, "d").clauses]


BODY = (
    "La France et le Japon ont reconnu que la coopération dans ce domaine est utile.\n"
    "Ils ont appelé à renforcer les échanges entre les chercheurs des deux pays et à\n"
    "développer des projets communs dans les domaines de la santé et du climat.\n"
)


def test_full_width_heading_before_a_sentence_opener() -> None:
    # The heading fills the line (the next word would not fit) but the next line opens a
    # sentence with a capitalized function word: it is a heading, not a wrap.
    text = wrapped(PARA, HEADING, "Le Président français et la Première ministre " + PARA, PARA)
    st = parse_structure(text, "d")
    assert st.source_format == "pdf_text"
    assert [s.heading for s in st.sections] == [HEADING]


def test_full_width_line_before_a_name_is_a_wrap() -> None:
    text = wrapped(
        PARA,
        "Ils ont salué les travaux menés avec le Partenariat mondial sur l’intelligence "
        "Artificielle et ont appelé à les poursuivre dans les années à venir, ensemble.",
        PARA,
    )
    st = parse_structure(text, "d")
    assert st.sections == [] and len(st.clauses) == 3


def test_run_in_enumeration_is_not_a_list() -> None:
    text = BODY + (
        "Ils ont appelé à approfondir la coopération entre entreprises afin :\n"
        "i) de diversifier les modèles et systèmes d’IA, grâce au plurilinguisme, et ii) de\n"
        "permettre aux entreprises d’accéder à leurs marchés respectifs.\n"
    )
    got = _clauses(text)
    assert got[-1].startswith("Ils ont appelé") and got[-1].endswith("respectifs.")


def test_numbered_list_items_stay_items() -> None:
    text = BODY + (
        "Ils ont décidé :\ni) de créer un groupe de travail ;\nii) de se réunir chaque année.\n"
    )
    got = _clauses(text)
    assert got[-2:] == ["de créer un groupe de travail ;", "de se réunir chaque année."]


def test_numbered_paragraph_keeps_its_sentences_without_blank_lines() -> None:
    # No blank line anywhere: a full line ending a sentence inside a numbered paragraph
    # is a wrap (the next paragraph would carry a number).
    first = "1. Les deux pays ont décidé de renforcer leur coopération en ce domaine."
    assert WIDTH - 4 < len(first) <= WIDTH  # the sentence ends on a full line
    text = wrapped(
        PARA,
        first + " Ils ont salué les progrès accomplis depuis la réunion du comité mixte.",
        "2. " + PARA,
        "3. " + PARA,
    )
    got = _clauses(text)
    assert len(got) == 4 and got[1].endswith("comité mixte.")
