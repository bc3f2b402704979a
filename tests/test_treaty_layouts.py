# ruff: noqa: E501  (the inline texts keep their source lines, which are long)
"""Agreements and treaties: article headings, signature blocks, members lists, and the
translation printed after an official text (small inline texts, one rule each)."""

from __future__ import annotations

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.structure import parse_structure

MEMORANDUM = """# Article Annexe

Le Gouvernement de la République française et le Gouvernement de la Malaisie (ci-après dénommés "les Parties"),

sont convenus des dispositions suivantes :

1. Une Commission mixte est créée pour promouvoir la coopération entre les entreprises.

2. Le présent Mémorandum entre en vigueur le jour de sa signature.

En foi de quoi, les soussignés, dûment autorisés, ont signé le présent Mémorandum.

Fait à Paris, le 7 juillet 1994, en double exemplaire, en langues française, malaise et anglaise.

Pour le Gouvernement de la République française :

ALAIN JUPPE, Ministre des affaires étrangères.

Pour le Gouvernement

de la Malaisie :

CHUA JUI MENG, Vice-ministre du commerce international.
"""


def _parse(text: str):
    return parse_document(text.encode(), "d", "d.md")


def test_signing_statement_gives_place_and_date_and_is_no_clause() -> None:
    d = _parse(MEMORANDUM)
    assert (d.document.place, d.document.date, d.document.date_source) == (
        "Paris",
        "1994-07-07",
        "text",
    )
    texts = [c.text for c in d.clauses]
    assert not any(
        t.startswith(("Fait à", "Pour le", "ALAIN", "CHUA", "de la Malaisie")) for t in texts
    )
    assert texts[-1].startswith("En foi de quoi")


def test_signature_block_gives_signatories_beside_the_parties() -> None:
    d = _parse(MEMORANDUM)
    rows = [(r.iso3, r.role) for r in d.signatories]
    assert rows == [("FRA", "party"), ("MYS", "party"), ("FRA", "signatory"), ("MYS", "signatory")]
    source = MEMORANDUM
    for r in d.signatories:
        assert source[r.char_start : r.char_end] == r.name


def test_signature_block_run_into_one_paragraph() -> None:
    text = (
        "Le Gouvernement du Royaume des Pays-Bas et le Gouvernement de la République du Bénin "
        "sont convenus de ce qui suit.\n\n"
        "Les deux Gouvernements coopèrent dans le domaine du développement durable.\n\n"
        "EN FOI DE QUOI, les Plénipotentiaires ont signé le présent Accord. FAIT à Noordwijk, "
        "le 21 mars 1994, en deux originaux.  *Pour le Gouvernement du Royaume des Pays-Bas *  "
        "(s.) J. P. PRONK  *Pour le Gouvernement de la République du Bénin *  (s.) R. DOSSOU\n"
    )
    d = _parse(text)
    assert (d.document.place, d.document.date) == ("Noordwijk", "1994-03-21")
    assert [(r.iso3, r.role) for r in d.signatories if r.role == "signatory"] == [
        ("NLD", "signatory"),
        ("BEN", "signatory"),
    ]


def test_two_column_signature_block_interleaved_by_the_wrap() -> None:
    gap = "\u00a0 " * 12
    text = (
        "1. The Participants intend to cooperate on critical minerals.\n\n"
        "2. This Memorandum is not legally binding.\n\n"
        "Signed at Kuala Lumpur on October 26, 2025, in duplicate, in the English\nlanguage.\n\n"
        f"For the Government of the{gap}For\nthe Government of the\n\n"
        f"United States of America:{gap}\nKingdom of Thailand:\n\n"
        f"Donald J. Trump{gap}\nAnutin Charnvirakul\n"
    )
    d = _parse(text)
    assert [(r.iso3, r.role) for r in d.signatories if r.role == "signatory"] == [
        ("USA", "signatory"),
        ("THA", "signatory"),
    ]
    assert d.document.place == "Kuala Lumpur" and d.document.date == "2025-10-26"
    assert len(d.clauses) == 2


def test_organisation_signing_without_code() -> None:
    text = MEMORANDUM.replace(
        "Pour le Gouvernement\n\nde la Malaisie :",
        "Pour l'Organisation internationale du café :",
    )
    d = _parse(text)
    org = [r for r in d.signatories if r.role == "signatory" and r.entity_type == "organisation"]
    assert [(r.name, r.iso3) for r in org] == [("Organisation internationale du café", "")]


def test_article_headings_are_sections_with_their_number() -> None:
    text = (
        "Le Gouvernement de la République française et le Gouvernement du Royaume du Maroc "
        "sont convenus de ce qui suit :\n\n"
        "Article 1er\n\nIl est créé une commission.\n\n"
        "Article 2\n\nLa commission se réunit chaque année.\n\n"
        "Article 5 de la convention reste applicable aux bourses en cours.\n"
    )
    st = parse_structure(text, "d")
    assert [(s.label, s.heading) for s in st.sections] == [
        ("1er", "Article 1er"),
        ("2", "Article 2"),
    ]
    assert [s.section_id for s in st.sections] == ["d/art_1er", "d/art_2"]
    assert st.clauses[-1].text.startswith("Article 5 de la convention")


def test_heading_in_capitals_broken_over_lines_is_one_heading() -> None:
    text = (
        "# Article ANNEXE\n\nDÉCLARATION RELATIVE À LA PROTECTION CIVILE\n\n"
        "La Conférence déclare que la question sera examinée.\n\n"
        "DÉCLARATION\n\nRELATIVE À LA TROISIÈME PARTIE, TITRE VI,\n\n"
        "DU TRAITÉ INSTITUANT LA COMMUNAUTÉ EUROPÉENNE\n\n"
        "La Conférence affirme que le président du Conseil invite les ministres.\n"
    )
    st = parse_structure(text, "d")
    heads = [s.heading for s in st.sections]
    assert (
        "DÉCLARATION RELATIVE À LA TROISIÈME PARTIE, TITRE VI, DU TRAITÉ INSTITUANT LA COMMUNAUTÉ EUROPÉENNE"
        in heads
    )
    assert len({s.level for s in st.sections if s.heading.startswith("DÉCLARATION")}) == 1


def test_sentence_with_a_date_is_not_a_dateline() -> None:
    text = (
        "# Article 1\n\nL'accord signé à Foix le 21 octobre 1994 sera publié au Journal officiel.\n\n"
        "Le présent accord est entré en vigueur le 21 octobre 1994.\n"
    )
    d = _parse(text)
    assert d.document.place == ""
    assert [c.text[:20] for c in d.clauses][-1] == "Le présent accord es"


BILINGUAL = """## Verdrag tussen Nederland en Noorwegen

#### Accord culturel entre les Pays-Bas et la Norvège

Le Gouvernement du Royaume des Pays-Bas et le Gouvernement du Royaume de Norvège sont convenus des dispositions suivantes :

### Article 1

Les deux Parties favorisent les échanges entre leurs universités et leurs écoles.

Wordt voorlopig toegepast per 21-05-1955

### Article 2

Le présent Accord entrera en vigueur le 1er juin 1955 et sera appliqué par les deux Parties.

En foi de quoi, les Plénipotentiaires ont signé le présent Accord.

Fait à La Haye, le 18 mai 1955.

Pour le Gouvernement du Royaume des Pays-Bas :

Pour le Gouvernement du Royaume de Norvège :

#### Cultureel Verdrag tussen Nederland en Noorwegen

De Regering van het Koninkrijk der Nederlanden en de Regering van het Koninkrijk Noorwegen zijn het volgende overeengekomen:

### Artikel 1

Beide Partijen bevorderen de uitwisseling tussen hun universiteiten en hun scholen.

### Artikel 2

Deze Overeenkomst treedt in werking op 1 juni 1955 en zal door beide Partijen worden toegepast.

Ten blijke waarvan de gevolmachtigden dit Verdrag hebben ondertekend.

Gedaan te 's-Gravenhage, de 18de mei 1955.

Voor de Regering van het Koninkrijk der Nederlanden:

Voor de Regering van het Koninkrijk Noorwegen:
"""


def test_translation_clauses_are_marked_and_not_counted_twice() -> None:
    d = _parse(BILINGUAL)
    langs = [(c.language, c.text[:12]) for c in d.clauses]
    assert [lang for lang, _ in langs] == ["fr", "fr", "fr", "fr", "nl", "nl", "nl", "nl"]
    # the database's own note between articles is not a clause (gold README)
    assert not any(c.text.startswith("Wordt voorlopig") for c in d.clauses)
    # every date once: the French text's, not the translation's nor the database note's
    assert sorted({x.start_date for x in d.dates}) == ["1955-05-18", "1955-06-01"]
    assert len([x for x in d.dates if x.start_date == "1955-06-01"]) == 1
    assert [(r.iso3, r.role) for r in d.signatories if r.role == "signatory"] == [
        ("NLD", "signatory"),
        ("NOR", "signatory"),
    ]
    assert (d.document.place, d.document.date) == ("La Haye", "1955-05-18")


def test_members_list_between_dashes_wrapped_with_organisations() -> None:
    text = (
        "The 7 members of the International Counter Ransomware Initiative\n"
        "(CRI)—Albania, Argentina,  Australia, the Council of\n"
        "Europe, the European Union, the Global Forum on Cyber Expertise, INTERPOL,\n"
        "and Uruguay—met in Washington, D.C. from September 30 – October 3, 2024\n"
        "for the Fourth CRI Gathering.\n\n"
        "The members reaffirmed their commitment to building collective resilience.\n"
    )
    d = _parse(text)
    rows = [(r.name, r.iso3, r.entity_type, r.role) for r in d.signatories]
    assert rows == [
        ("Albania", "ALB", "state", "signatory"),
        ("Argentina", "ARG", "state", "signatory"),
        ("Australia", "AUS", "state", "signatory"),
        ("Council of Europe", "", "organisation", "signatory"),
        ("European Union", "", "organisation", "signatory"),
        ("Global Forum on Cyber Expertise", "", "organisation", "signatory"),
        ("INTERPOL", "", "organisation", "signatory"),
        ("Uruguay", "URY", "state", "signatory"),
    ]
    for r in d.signatories:
        assert text[r.char_start : r.char_end].split() == r.name.split()
