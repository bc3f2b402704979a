"""One small inline text per layout rule, in each layout (Markdown, plain, PDF text).

Each case gives the source and what a reader of that text expects: the clauses (kind,
label, parent eId, clean text), and where relevant the headings, title and regions.
"""

from __future__ import annotations

import unicodedata

import pytest

from aidecl_data.parse.layout.detect import detect_format
from aidecl_data.parse.layout.lines import split_lines
from aidecl_data.parse.structure import parse_structure

DOC = "d"


def clauses(src: str) -> list[tuple[str, str, str, str]]:
    st = parse_structure(src, DOC)
    strip = len(DOC) + 1
    return [(c.kind, c.label, c.parent_clause_id[strip:], c.text) for c in st.clauses]


def texts(src: str) -> list[str]:
    return [c.text for c in parse_structure(src, DOC).clauses]


P, IT = "paragraph", "item"

CLAUSE_CASES = [
    # -- Markdown -------------------------------------------------------------------------
    (
        "md-numbered-dash-items",
        "- 1. Premier paragraphe du texte.\n- 2. Second paragraphe du texte.\n",
        [(P, "1", "", "Premier paragraphe du texte."), (P, "2", "", "Second paragraphe du texte.")],
    ),
    (
        "md-bold-and-sup-removed",
        "Les membres **fondateurs**<sup>2</sup> ont lancé une plateforme.\n\n"
        "<sup>2</sup> Kenya, Allemagne.\n",
        [(P, "", "", "Les membres fondateurs ont lancé une plateforme.")],
    ),
    (
        "md-ordinal-sup-kept",
        "Le 3<sup>e</sup> Forum mondial aura lieu en 2025.\n",
        [(P, "", "", "Le 3e Forum mondial aura lieu en 2025.")],
    ),
    (
        "md-footnote-block-interrupts-sentence",
        "Nous soutenons le Sommet mondial sur l'IA au service du bien\n\n"
        "<sup>2</sup> Une note.\n\n<sup>3</sup> Une autre note.\n\n"
        "social, afin d'assurer le suivi.\n",
        [
            (
                P,
                "",
                "",
                "Nous soutenons le Sommet mondial sur l'IA au service du bien social, "
                "afin d'assurer le suivi.",
            )
        ],
    ),
    (
        "md-list-continues-after-footnote-block",
        "- 1. Un premier paragraphe numéroté.\n"
        "- 2. Nous avons affirmé les priorités ci-dessous :\n"
        "  - Promouvoir l'accès.\n  - Veiller à la sûreté.\n\n---\n\n"
        "<sup>1</sup> Une note.\n\n- Permettre l'innovation.\n- Rendre l'IA durable.\n",
        [
            (P, "1", "", "Un premier paragraphe numéroté."),
            (P, "2", "", "Nous avons affirmé les priorités ci-dessous :"),
            (IT, "", "para_2", "Promouvoir l'accès."),
            (IT, "", "para_2", "Veiller à la sûreté."),
            (IT, "", "para_2", "Permettre l'innovation."),
            (IT, "", "para_2", "Rendre l'IA durable."),
        ],
    ),
    (
        "md-nested-items-under-lead-in-item",
        "Les parties conviennent :\n\n- de coopérer dans les domaines suivants :\n"
        "  - la recherche ;\n  - la formation ;\n- d'échanger des informations.\n",
        [
            (P, "", "", "Les parties conviennent :"),
            (IT, "", "para_1", "de coopérer dans les domaines suivants :"),
            (IT, "", "para_1__list_1__point_1", "la recherche ;"),
            (IT, "", "para_1__list_1__point_1", "la formation ;"),
            (IT, "", "para_1", "d'échanger des informations."),
        ],
    ),
    (
        "md-indented-after-full-sentence-is-a-sibling",
        "**À cet effet :**\n\n- **Nous avons lancé une plateforme.**\n"
        "  - **Nous avons discuté de l'énergie.**\n",
        [
            (P, "", "", "À cet effet :"),
            (IT, "", "para_1", "Nous avons lancé une plateforme."),
            (IT, "", "para_1", "Nous avons discuté de l'énergie."),
        ],
    ),
    (
        "md-unnumbered-lead-in-inside-numbered-paragraph",
        "1. Premier paragraphe :\n\n- un point.\n\n**À cet effet :**\n\n- un autre point.\n\n"
        "2. Second paragraphe.\n",
        [
            (P, "1", "", "Premier paragraphe :"),
            (IT, "", "para_1", "un point."),
            (P, "", "para_1", "À cet effet :"),
            (IT, "", "para_1__list_2__intro", "un autre point."),
            (P, "2", "", "Second paragraphe."),
        ],
    ),
    (
        "md-boilerplate-dropped",
        "SERVICE DE PRESSE\n\n---\n\nLe texte du seul paragraphe de la déclaration.\n\n"
        "*[Traduit de l'anglais]*\n\nSERVICE DE PRESSE DE LA PRÉSIDENCE DE LA RÉPUBLIQUE  \n"
        "[presse@elysee.fr](mailto:presse@elysee.fr) — T. +33 (0)1 42 92 83 01\n",
        [(P, "", "", "Le texte du seul paragraphe de la déclaration.")],
    ),
    (
        "md-bold-number-and-letter-dot-items",
        "**1.** Les parties conviennent de ce qui suit :\n\na. renforcer la coopération ;\n"
        "b. partager les données.\n\n**2.** Les parties se réuniront chaque année.\n",
        [
            (P, "1", "", "Les parties conviennent de ce qui suit :"),
            (IT, "a.", "para_1", "renforcer la coopération ;"),
            (IT, "b.", "para_1", "partager les données."),
            (P, "2", "", "Les parties se réuniront chaque année."),
        ],
    ),
    # -- plain text from a web page ---------------------------------------------------------
    (
        "plain-stray-blank-line-mid-sentence-and-hard-break-items",
        "La France et l'Inde reconnaissent la nécessité d'un cadre qui permette :\n\n"
        "la protection de la vie privée et à\n\nl'utilisation des données ;  \n"
        "le développement de ressources ouvertes ;  \nla mise en place d'un cadre.\n\n"
        "La France et l'Inde entendent coopérer.\n",
        [
            (P, "", "", "La France et l'Inde reconnaissent la nécessité d'un cadre qui permette :"),
            (IT, "", "para_1", "la protection de la vie privée et à l'utilisation des données ;"),
            (IT, "", "para_1", "le développement de ressources ouvertes ;"),
            (IT, "", "para_1", "la mise en place d'un cadre."),
            (P, "", "", "La France et l'Inde entendent coopérer."),
        ],
    ),
    (
        "plain-numbered-paragraphs-after-preamble-and-site-boilerplate",
        "A l’invitation du Président, les deux chefs d’Etat se sont rencontrés.\n\n"
        "1. Reconnaissant le rôle de l’IA, les deux pays s’accordent.\n\n"
        "2. Les deux pays reconnaissent les risques.\n\nÀ consulter également\n\n"
        "Voir tous les articles et dossiers\n",
        [
            (P, "", "", "A l’invitation du Président, les deux chefs d’Etat se sont rencontrés."),
            (P, "1", "", "Reconnaissant le rôle de l’IA, les deux pays s’accordent."),
            (P, "2", "", "Les deux pays reconnaissent les risques."),
        ],
    ),
    (
        "plain-numbered-list-after-lead-in-is-items",
        "Les parties s'engagent à :\n\n1. coopérer ;\n2. échanger.\n",
        [
            (P, "", "", "Les parties s'engagent à :"),
            (IT, "1", "para_1", "coopérer ;"),
            (IT, "2", "para_1", "échanger."),
        ],
    ),
    (
        "plain-roman-items-on-their-own-lines",
        "Ils ont appelé à agir afin :\ni) de diversifier les modèles ;\nii) de soutenir l’accès.\n",
        [
            (P, "", "", "Ils ont appelé à agir afin :"),
            (IT, "i)", "para_1", "de diversifier les modèles ;"),
            (IT, "ii)", "para_1", "de soutenir l’accès."),
        ],
    ),
    (
        "plain-letter-items",
        "Les parties conviennent de ce qui suit :\n\na) renforcer la coopération ;\n\n"
        "b) partager les données.\n",
        [
            (P, "", "", "Les parties conviennent de ce qui suit :"),
            (IT, "a)", "para_1", "renforcer la coopération ;"),
            (IT, "b)", "para_1", "partager les données."),
        ],
    ),
    # -- PDF text -----------------------------------------------------------------------------
    (
        "pdf-blank-line-after-every-line",
        "La France et l’Inde entendent faire du numérique un facteur de \n\n"
        "transformation de leurs sociétés. \n\nLa France et l’Inde défendent donc \n\n"
        "une vision des technologies numériques. \n\nElles soulignent le rôle \n\n"
        "du numérique dans le monde. \n",
        [
            (
                P,
                "",
                "",
                "La France et l’Inde entendent faire du numérique un facteur de "
                "transformation de leurs sociétés.",
            ),
            (
                P,
                "",
                "",
                "La France et l’Inde défendent donc une vision des technologies numériques.",
            ),
            (P, "", "", "Elles soulignent le rôle du numérique dans le monde."),
        ],
    ),
    (
        "pdf-hard-wraps-and-space-only-separators-and-page-break",
        "Ils ont souligné la nécessité d’approfondir plus avant la coopération \n"
        "et d’encourager les efforts pour faire face aux risques de sécurité \n\n\n\n \n\n"
        "présentés par les modèles et systèmes d’IA. \n \n"
        "Le Président a salué l’annonce du Japon et son souhait \n"
        "d’accueillir le sommet sur l’intelligence artificielle. \n",
        [
            (
                P,
                "",
                "",
                "Ils ont souligné la nécessité d’approfondir plus avant la coopération "
                "et d’encourager les efforts pour faire face aux risques de sécurité présentés "
                "par les modèles et systèmes d’IA.",
            ),
            (
                P,
                "",
                "",
                "Le Président a salué l’annonce du Japon et son souhait d’accueillir "
                "le sommet sur l’intelligence artificielle.",
            ),
        ],
    ),
    (
        "pdf-stray-leading-space-at-page-break",
        "La France et l’Inde reconnaissent que l’évolution rapide des technologies \n\n"
        "numériques doit s’accompagner d’une action collaborative de la communauté \n"
        " internationale, visant à garantir la souveraineté des États. \n\n"
        "La France et l’Inde soulignent enfin leur volonté de coopérer \n\n"
        "dans ce domaine. \n",
        [
            (
                P,
                "",
                "",
                "La France et l’Inde reconnaissent que l’évolution rapide des "
                "technologies numériques doit s’accompagner d’une action collaborative de la "
                "communauté internationale, visant à garantir la souveraineté des États.",
            ),
            (
                P,
                "",
                "",
                "La France et l’Inde soulignent enfin leur volonté de coopérer dans ce domaine.",
            ),
        ],
    ),
    (
        "pdf-bullets-wrap-and-cross-a-form-feed",
        "To that end, we affirm our willingness to work together in order to: \n"
        "- Prevent and recover from malicious cyber activities that threaten \n"
        "individuals and critical infrastructure; \f- Prevent activity that damages the \n"
        "general availability of the Internet; \n- Promote the acceptance of \n"
        "international norms in cyberspace. \nIn order to follow-up on the progress \n"
        "made, we agree on reconvening in 2019. \n",
        [
            (P, "", "", "To that end, we affirm our willingness to work together in order to:"),
            (
                IT,
                "",
                "para_1",
                "Prevent and recover from malicious cyber activities that threaten "
                "individuals and critical infrastructure;",
            ),
            (
                IT,
                "",
                "para_1",
                "Prevent activity that damages the general availability of the Internet;",
            ),
            (IT, "", "para_1", "Promote the acceptance of international norms in cyberspace."),
            (
                P,
                "",
                "",
                "In order to follow-up on the progress made, we agree on reconvening in 2019.",
            ),
        ],
    ),
    (
        "pdf-inline-enumeration-stays-inside-paragraph",
        "Ils ont appelé à approfondir les efforts en faveur de la coopération \n"
        "afin : i) de diversifier les modèles et systèmes d’IA, et ii) de soutenir \n"
        "l’accès des entreprises à leurs marchés respectifs. \n"
        "Ils ont réaffirmé la nécessité de disposer d’une chaîne \n"
        "d’approvisionnement stable. \n",
        [
            (
                P,
                "",
                "",
                "Ils ont appelé à approfondir les efforts en faveur de la coopération "
                "afin : i) de diversifier les modèles et systèmes d’IA, et ii) de soutenir "
                "l’accès des entreprises à leurs marchés respectifs.",
            ),
            (
                P,
                "",
                "",
                "Ils ont réaffirmé la nécessité de disposer d’une chaîne "
                "d’approvisionnement stable.",
            ),
        ],
    ),
    (
        "pdf-unmarked-items-ending-with-semicolons",
        "Les parties s’engagent à : \nrenforcer la coopération \nentre les pays ; \n"
        "partager les informations \nsur les menaces ; \npromouvoir les normes \n"
        "de comportement. \n",
        [
            (P, "", "", "Les parties s’engagent à :"),
            (IT, "", "para_1", "renforcer la coopération entre les pays ;"),
            (IT, "", "para_1", "partager les informations sur les menaces ;"),
            (IT, "", "para_1", "promouvoir les normes de comportement."),
        ],
    ),
    (
        "pdf-end-mark-and-line-end-hyphens",
        "L’approche multi-\nacteurs est essentielle pour la transfor-\n"
        "mation du secteur et la transformation \ndu monde. Sa première réunion \n"
        "se tiendra à Lyon en octobre 2019./. \n",
        [
            (
                P,
                "",
                "",
                "L’approche multi-acteurs est essentielle pour la transformation du "
                "secteur et la transformation du monde. Sa première réunion se tiendra à Lyon "
                "en octobre 2019.",
            ),
        ],
    ),
    (
        "pdf-numbered-paragraph-wrapping-before-a-capital-is-not-a-heading",
        "1. Les deux pays reconnaissent le rôle clé de la coopération avec la \n"
        "Chine et avec l’Inde dans le domaine de l’intelligence artificielle. \n"
        "2. Les deux pays soulignent l’importance de la gouvernance mondiale \n"
        "de l’intelligence artificielle. \n",
        [
            (
                P,
                "1",
                "",
                "Les deux pays reconnaissent le rôle clé de la coopération avec la "
                "Chine et avec l’Inde dans le domaine de l’intelligence artificielle.",
            ),
            (
                P,
                "2",
                "",
                "Les deux pays soulignent l’importance de la gouvernance mondiale de "
                "l’intelligence artificielle.",
            ),
        ],
    ),
    (
        "pdf-symbol-font-bullets",
        "Les deux parties entendent coopérer dans trois domaines \nprincipaux : \n"
        "\uf0b7 le supercalcul appliqué à l’intelligence \nartificielle ; \n"
        "\uf0b7 l’informatique quantique ; \n\uf0b7 les semi-conducteurs. \n",
        [
            (P, "", "", "Les deux parties entendent coopérer dans trois domaines principaux :"),
            (IT, "", "para_1", "le supercalcul appliqué à l’intelligence artificielle ;"),
            (IT, "", "para_1", "l’informatique quantique ;"),
            (IT, "", "para_1", "les semi-conducteurs."),
        ],
    ),
    (
        "english-pdf-paragraph-not-split-before-capitalized-name",
        "We also reaffirm that international law, including the United Nations \n"
        "Charter in its entirety, is applicable to the use of information \n"
        "and communication technologies by States. \n"
        "We reaffirm that the same rights that people have offline must also \n"
        "be protected online. \n",
        [
            (
                P,
                "",
                "",
                "We also reaffirm that international law, including the United Nations "
                "Charter in its entirety, is applicable to the use of information and "
                "communication technologies by States.",
            ),
            (
                P,
                "",
                "",
                "We reaffirm that the same rights that people have offline must also "
                "be protected online.",
            ),
        ],
    ),
]


@pytest.mark.parametrize(
    ("source", "expected"), [c[1:] for c in CLAUSE_CASES], ids=[c[0] for c in CLAUSE_CASES]
)
def test_clause_rules(source: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert clauses(source) == expected


HEADING_CASES = [
    (
        "md-hash-headings-with-levels",
        "# Déclaration commune\n\n## Coopération\n\nUn paragraphe du texte.\n\n"
        "### Recherche\n\nUn autre paragraphe.\n",
        "Déclaration commune",
        [("", 1, "Coopération"), ("", 2, "Recherche")],
    ),
    (
        "pdf-title-over-two-caps-lines-and-short-headings",
        " FEUILLE DE ROUTE FRANCO-INDIENNE  \n\nSUR LE NUMÉRIQUE \n\n \n\nVision commune \n\n"
        "La France et l’Inde entendent faire du numérique un facteur de \n\n"
        "transformation de leurs sociétés. \n\n \n\nSécurité internationale \n\n"
        "La France et l’Inde affirment leur attachement à un cyberespace \n\n"
        "ouvert et pacifique. \n",
        "FEUILLE DE ROUTE FRANCO-INDIENNE SUR LE NUMÉRIQUE",
        [("", 1, "Vision commune"), ("", 1, "Sécurité internationale")],
    ),
    (
        "pdf-wrapped-title-and-numbered-heading-wrapped",
        "\n \n\nDéclaration conjointe franco-japonaise sur la coopération dans le domaine de \n"
        "l’intelligence artificielle  \n\n \n\nLe Président et la Première ministre ont reconnu \n"
        "que l’intelligence artificielle est une technologie à usage général. \n \n\n"
        "3. L’IA au service du bien social : soutenir le renforcement des capacités en matière \n"
        "d’IA des pays tiers et répondre aux enjeux sociaux \n\n \n"
        "Le Président de la République française et la Première ministre japonaise ont \n"
        "réaffirmé leur détermination. \n",
        "Déclaration conjointe franco-japonaise sur la coopération dans le domaine de "
        "l’intelligence artificielle",
        [
            (
                "3.",
                1,
                "L’IA au service du bien social : soutenir le renforcement des capacités en "
                "matière d’IA des pays tiers et répondre aux enjeux sociaux",
            )
        ],
    ),
    (
        "pdf-dotted-numbered-heading-then-subheading",
        "Les organisations figurant dans la présente feuille de route \n\n"
        "interagiront avec d’autres engagements. \n\n \n\n1.1. Échanges économiques  \n\n"
        "Entreprises et innovation \n\nLa France et l’Inde souhaitent favoriser la coopération \n\n"
        "entre entreprises dans le secteur numérique. \n",
        None,
        [("1.1.", 2, "Échanges économiques"), ("", 3, "Entreprises et innovation")],
    ),
]


@pytest.mark.parametrize(
    ("source", "title", "headings"),
    [c[1:] for c in HEADING_CASES],
    ids=[c[0] for c in HEADING_CASES],
)
def test_heading_rules(source: str, title: str | None, headings: list) -> None:
    st = parse_structure(source, DOC)
    if title is not None:
        assert (st.title, st.title_source) == (title, "text")
    assert [(s.label, s.level, s.heading) for s in st.sections] == headings
    for s in st.sections:
        assert s.heading not in [c.text for c in st.clauses]
        if s.parent_section_id:
            assert s.parent_section_id in {x.section_id for x in st.sections}


def test_front_matter_regions_and_title_choice() -> None:
    src = (
        "SERVICE DE PRESSE\n\n---\n\nPalais de l'Élysée, le mardi 11 février 2025\n\n"
        "## **Sommet pour l'action**\n\n*Co-présidé par la France et l'Inde*\n\n"
        "### **Déclaration<sup>1</sup> sur une IA durable**\n\n"
        "- 1. Les participants se sont réunis.\n\n---\n\n"
        "<sup>1</sup> La présente déclaration concerne les usages civils.\n"
    )
    st = parse_structure(src, DOC)
    assert (st.title, st.title_source) == ("Déclaration sur une IA durable", "text")
    kinds = [(r.kind, r.text.text) for r in st.regions if r.kind not in ("clause",)]
    assert ("dateline", "Palais de l'Élysée, le mardi 11 février 2025") in kinds
    assert ("meta", "Sommet pour l'action") in kinds
    assert ("meta", "Co-présidé par la France et l'Inde") in kinds
    assert ("title", "Déclaration sur une IA durable") in kinds
    assert st.sections == []
    assert [(n.label, n.clause_id) for n in st.notes] == [("1", "")]
    assert st.place == "Palais de l'Élysée"
    assert st.publisher == ""  # a bare "SERVICE DE PRESSE" names no one


@pytest.mark.parametrize(
    ("source", "label", "names"),
    [
        (
            "Le texte du paragraphe.\n\nPays signataires :\n\n1. Arménie\n2. Australie\n\n"
            "3. Autriche\n\n*[Traduit de l'anglais]*\n",
            "Pays signataires :",
            "1. Arménie\n2. Australie\n3. Autriche",
        ),
        (
            "We agree on the following text.\n\nSignatories:\n\n- France\n- India\n- Japan\n",
            "Signatories:",
            "France\nIndia\nJapan",
        ),
    ],
    ids=["fr-numbered-split-by-blank", "en-bullets"],
)
def test_signatory_list_is_one_name_list_region(source: str, label: str, names: str) -> None:
    st = parse_structure(source, DOC)
    lists = [r for r in st.regions if r.kind == "name_list"]
    assert [(r.label, r.text.text) for r in lists] == [(label, names)]
    assert len(st.clauses) == 1
    r = lists[0]
    for line in r.text.text.split("\n"):
        i = r.text.text.index(line)
        s, e = r.text.source_span(i, i + len(line))
        assert source[s:e].endswith(line.split(". ")[-1])


def test_closing_dateline_then_flyer_page_is_dropped() -> None:
    src = (
        "We reaffirm our support to an open, secure, stable, accessible and \n"
        "peaceful cyberspace. \nWe condemn malicious cyber activities in peacetime \n"
        "and welcome calls for protection. \n \nParis, 12th of November, 2018  \f \n"
        "As the Internet has become central to daily life, \ncyberattacks have grown. \n"
        "Support the Paris Call! \nwww.example.org/call \n#hashtag #other \n"
    )
    st = parse_structure(src, DOC)
    assert len(st.clauses) == 2
    assert [r.text.text for r in st.regions if r.kind == "dateline"] == [
        "Paris, 12th of November, 2018"
    ]
    assert st.place == "Paris"
    assert not any("Internet" in r.text.text for r in st.regions)


# -- encodings and line ends --------------------------------------------------------------
BASE_MD = (
    "# Déclaration conjointe\n\n**Publié le 12 février 2025**\n\nLa France et l'État "
    "réaffirment leur engagement.\n\nLes parties conviennent :\n\n- de coopérer ;\n"
    "- d'échanger.\n"
)
BASE_PDF = (
    "La France et l’Inde entendent faire du numérique un facteur de \n\n"
    "transformation de leurs sociétés. \n\nÉtat et société défendent une vision \n\n"
    "des technologies numériques. \n\nElles soulignent le rôle \n\ndu numérique. \n"
)


@pytest.mark.parametrize("base", [BASE_MD, BASE_PDF], ids=["markdown", "pdf"])
@pytest.mark.parametrize(
    "variant",
    [
        lambda s: s.replace("\n", "\r\n"),
        lambda s: unicodedata.normalize("NFD", s),
        lambda s: s.replace("\n\n", "\n\f"),
        lambda s: unicodedata.normalize("NFD", s).replace("\n", "\r"),
    ],
    ids=["crlf", "nfd", "formfeed", "nfd-cr"],
)
def test_line_ends_and_decomposed_text_give_same_clauses(base, variant) -> None:
    src = variant(base)
    expected = parse_structure(base, DOC)
    got = parse_structure(src, DOC)
    assert [c.text for c in got.clauses] == [c.text for c in expected.clauses]
    assert got.title == expected.title
    for c in got.clauses:
        piece = unicodedata.normalize("NFC", src[c.char_start : c.char_end])
        assert piece.startswith(c.text.split()[0])
        assert piece.rstrip().endswith(c.text.split()[-1])


@pytest.mark.parametrize(
    ("source", "fmt"),
    [
        ("# Titre\n\nUn **texte** en gras.\n", "markdown"),
        ("Un paragraphe sur une ligne.\n\nUn autre paragraphe.\n", "plain"),
        (BASE_PDF, "pdf_text"),
    ],
)
def test_detect_format(source: str, fmt: str) -> None:
    assert detect_format(source, split_lines(source)) == fmt
    assert parse_structure(source, DOC).source_format == fmt


def test_clause_ids_stable_when_other_sections_change() -> None:
    a = "# Texte\n\n## Un\n\nPremier.\n\nSecond.\n\n## Deux\n\nTroisième.\n"
    b = "# Texte\n\n## Un\n\nPremier.\n\nAjouté.\n\nSecond.\n\n## Deux\n\nTroisième modifié.\n"
    ia = {c.text.split()[0]: c.clause_id for c in parse_structure(a, DOC).clauses}
    ib = {c.text.split()[0]: c.clause_id for c in parse_structure(b, DOC).clauses}
    assert ia["Premier."] == ib["Premier."]
    assert ia["Troisième."] == ib["Troisième"]
    assert ia["Second."] != ib["Second."]  # same section, after the insertion: renumbered


def test_numbered_paragraph_ids_follow_printed_numbers() -> None:
    src = "Préambule du texte, assez long pour un paragraphe.\n\n4. Quatrième.\n\n5. Cinquième.\n"
    ids = [c.clause_id for c in parse_structure(src, DOC).clauses]
    assert ids == ["d/preamble__para_1", "d/para_4", "d/para_5"]


@pytest.mark.parametrize(
    ("source", "title", "source_kind"),
    [
        (
            "Coopération dans le domaine numérique\n\nLa France et l'Inde entendent coopérer "
            "dans le domaine numérique au service de tous.\n",
            "Coopération dans le domaine numérique",
            "text",
        ),
        (
            "La France et l'Inde entendent coopérer dans le domaine numérique au service de "
            "tous.\n\nElles se réuniront chaque année.\n",
            "Texte",
            "inferred",
        ),
    ],
    ids=["plain-lone-first-line", "plain-untitled"],
)
def test_plain_title(source: str, title: str, source_kind: str) -> None:
    st = parse_structure(source, DOC)
    assert (st.title, st.title_source) == (title, source_kind)


WEB_HEADING_CASES = [
    (
        "plain-consecutive-headings-and-numbered-headings",
        "FEUILLE DE ROUTE SUR LE NUMÉRIQUE\n\nVision commune\n\nLa France et l’Inde entendent "
        "coopérer.\n\nCoopération numérique\n\nEnjeux de régulation\n\nLes deux pays "
        "souhaitent coopérer.\n\n1.1. Échanges économiques\n\nLes entreprises coopèrent.\n",
        "plain",
        [
            ("", "Vision commune"),
            ("", "Coopération numérique"),
            ("", "Enjeux de régulation"),
            ("1.1.", "Échanges économiques"),
        ],
    ),
    (
        "md-numbered-hash-headings",
        "# Déclaration conjointe\n\n## 1. Sécurité de l’IA : gouvernance\n\nUn paragraphe.\n\n"
        "## **2. L’IA au service de la sécurité**\n\nUn autre paragraphe.\n",
        "markdown",
        [("1.", "Sécurité de l’IA : gouvernance"), ("2.", "L’IA au service de la sécurité")],
    ),
    (
        "md-bold-line-heading",
        "# Déclaration\n\n**Coopération scientifique**\n\nLes deux pays coopèrent.\n",
        "markdown",
        [("", "Coopération scientifique")],
    ),
]


@pytest.mark.parametrize(
    ("source", "fmt", "headings"),
    [c[1:] for c in WEB_HEADING_CASES],
    ids=[c[0] for c in WEB_HEADING_CASES],
)
def test_web_headings(source: str, fmt: str, headings: list[tuple[str, str]]) -> None:
    st = parse_structure(source, DOC)
    assert st.source_format == fmt
    assert [(s.label, s.heading) for s in st.sections] == headings
    assert all(c.text not in [h for _, h in headings] for c in st.clauses)


def test_title_line_with_final_full_stop() -> None:
    src = (
        "Déclaration franco-indienne sur l’intelligence artificielle. \n\n"
        "Reconnaissant les progrès accomplis dans le développement de l’intelligence \n\n"
        "artificielle, la France et l’Inde s’efforceront de veiller aux normes. \n\n"
        "Rappelant leur engagement commun, la France et l’Inde soulignent \n\n"
        "la nécessité de respecter le droit international. \n"
    )
    st = parse_structure(src, DOC)
    assert (st.title, st.title_source) == (
        "Déclaration franco-indienne sur l’intelligence artificielle.",
        "text",
    )
    assert len(st.clauses) == 2


def test_pdf_separator_lines_keep_a_sentence_that_ends_at_a_line_end_in_its_paragraph() -> None:
    # Paragraphs are separated by space-only lines; inside the first paragraph a sentence
    # ends exactly at a (full) line end: that is a wrap, not a paragraph break.
    para1 = (
        "Le Président de la République française et la Première ministre du Japon ont \n"
        "reconnu que l’intelligence artificielle est une technologie à usage général. \n"
        "Ils ont également reconnu le besoin de renforcer les capacités nationales en \n"
        "matière d’IA et de développer une IA accessible, sûre et digne de confiance. \n"
    )
    para = (
        "Ils ont souligné qu’il est essentiel de développer les technologies de l’IA de \n"
        "manière responsable et qu’il est nécessaire de renforcer la coopération. \n"
    )
    src = para1 + " \n" + para + " \n" + para + " \n" + para
    texts_ = texts(src)
    assert len(texts_) == 4
    assert texts_[0].startswith("Le Président") and texts_[0].endswith("digne de confiance.")
