"""Signatories and parties in the layouts of real texts (issue 12): one inline text per
rule; ``test_corpus_gold.py`` scores them on the gold sample."""

from __future__ import annotations

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.entities.front_title import title_region
from aidecl_data.parse.entities.signatories import extract_signatories
from aidecl_data.parse.layout.yamlfront import read_front_matter
from aidecl_data.parse.model import Region
from aidecl_data.parse.text import MappedText


def rows(*regions: tuple[str, str], lang: str = "en") -> list[tuple[str, str]]:
    """(entity id, role) of each row, the regions laid one after the other in a source."""
    regs, pos = [], 0
    for kind, text in regions:
        regs.append(Region(kind, MappedText.identity(text, pos), clause_id=f"d/p{pos}"))
        pos += len(text) + 2
    out, _ = extract_signatories(regs, "d", lang)
    return [(r.entity_id, r.role) for r in out]


def test_authors_listed_in_the_title_are_signatories_with_organisations():
    got = rows(
        ("title", "Joint Statement by the United States, Australia, Canada, European Union, "
                  "France, the United Kingdom, Qatar"),
        ("clause", "The situation between Lebanon and Israel is intolerable."),
    )  # fmt: skip
    assert got == [
        (e, "signatory") for e in ("USA", "AUS", "CAN", "org-european-union", "FRA", "GBR", "QAT")
    ]


def test_authors_in_a_heading_read_as_a_paragraph():
    text = (
        "I. - Déclaration de la Belgique, de l'Allemagne, de l'Espagne, de la France, "
        "du Luxembourg, des Pays-Bas et du Royaume-Uni, qui sont membres de l'Union"
    )
    got = rows(("clause", "La Conférence déclare que ..."), ("clause", text), lang="fr")
    assert got == [(e, "signatory") for e in ("BEL", "DEU", "ESP", "FRA", "LUX", "NLD", "GBR")]
    # prose citing another text's authors is not a list of this text's authors
    cited = "We welcome the declaration of France, Germany and Italy on trade."
    assert rows(("clause", "Our shared goals."), ("clause", "More."), ("clause", cited)) == []


def test_the_titles_parties_leave_out_countries_the_opening_goes_on_to_name():
    got = rows(
        ("title", "Joint Statement between the United States and the European Commission"),
        ("clause", "The United States and the European Commission support Ukraine and "
                   "Moldova against Russia and Belarus."),
    )  # fmt: skip
    assert got == [("USA", "party"), ("org-european-commission", "party")]


def test_hyphenated_names_and_abbreviations():
    assert rows(("title", "United States-Republic of Korea Leaders’ Joint Statement")) == [
        ("USA", "party"),
        ("KOR", "party"),
    ]
    assert rows(("title", "Meeting of the U.S.-Israel Strategic Consultative Group")) == [
        ("USA", "party"),
        ("ISR", "party"),
    ]
    # three names hyphenated in running text name an instrument, not parties
    assert rows(("clause", "We uphold the United States-Mexico-Canada Agreement.")) == []


def test_an_organisation_is_a_party_beside_a_state_and_by_its_written_name():
    got = rows(
        ("title", "U.S.-EU Trade and Technology Council Inaugural Joint Statement"),
        ("clause", "The United States and the European Union reaffirm the objectives."),
    )
    assert got == [("USA", "party"), ("org-european-union", "party")]
    regs = [
        Region("title", MappedText.identity("U.S.-EU Joint Statement")),
        Region("clause", MappedText.identity("The United States and the European Union.", 30)),
    ]
    out, _ = extract_signatories(regs, "d", "en")
    assert [r.name for r in out] == ["United States", "European Union"]


def test_three_or_more_states_of_the_opening_are_signatories_one_alone_is_none():
    we = "We – the Leaders of Australia, India, Japan and the United States – affirm."
    assert rows(("clause", we)) == [(e, "signatory") for e in ("AUS", "IND", "JPN", "USA")]
    alone = "The archives of the Government of the Italian Republic hold the Treaty."
    assert rows(("clause", alone)) == []


def test_the_addressee_of_a_note_is_a_party_known_or_not():
    text = (
        "L'Ambassade de France présente ses compliments à l'Organisation internationale "
        "du café et a l'honneur de se référer aux entretiens."
    )
    assert rows(("clause", text), lang="fr") == [
        ("FRA", "party"),
        ("org-international-coffee-organization", "party"),
    ]
    unknown = text.replace("internationale du café", "mondiale du cacao")
    regs = [Region("clause", MappedText.identity(unknown), clause_id="d/p1")]
    out, problems = extract_signatories(regs, "d", "fr")
    assert [(r.name, r.iso3, r.entity_type) for r in out] == [
        ("France", "FRA", "state"),
        ("Organisation mondiale du cacao", "", "organisation"),
    ]
    assert [(p.kind, unknown[p.char_start : p.char_end]) for p in problems] == [
        ("unmapped_name", "Organisation mondiale du cacao")
    ]


def test_office_lines_of_a_signature_block_and_witnesses():
    got = rows(
        ("clause", "The United States and Israel affirm their partnership."),
        ("dateline", "Signed at Jerusalem on the 14th day of July, 2022."),
        ("clause", "Joseph R. Biden Jr."),
        ("clause", "President of the United States of America"),
        ("clause", "Yair Lapid"),
        ("clause", "Prime Minister of the State of Israel"),
        ("clause", "Witnessed by:"),
        ("clause", "Prime Minister of Malaysia"),
    )
    assert got == [
        ("USA", "party"),
        ("ISR", "party"),
        ("USA", "signatory"),
        ("ISR", "signatory"),
        ("MYS", "witness"),
    ]


def test_supporters_after_a_lead_in_and_a_cue_too_far_back():
    note = (
        "The following is a list of governments have expressed support for the Export "
        "Controls and Human Rights Initiative: Canada, France, and the Netherlands, the "
        "United Kingdom."
    )
    got = rows(("clause", "Begin Text"), ("clause", "End Text"), ("clause", note))
    assert got == [(e, "supporter") for e in ("CAN", "FRA", "NLD", "GBR")]
    far = (
        "U.S. co-chairs were joined by EU Co-Chairs European Commission Executive Vice "
        "Presidents Margrethe Vestager and Valdis Dombrovskis to review progress, meet with "
        "a range of Japan and Korea stakeholders, and advance work."
    )
    assert rows(("clause", "One."), ("clause", "Two."), ("clause", far)) == []


def test_front_matter_title_is_read_with_spans_in_the_source():
    source = (
        "---\n"
        "date: '2022-04-18'\n"
        'title: "Joint Statement Between the United\\_States, Belize, Germany, Indonesia, and\\\n'
        '  \\ Senegal on the Second Global COVID-\\u206019\\_Summit"\n'
        "---\n"
        " \n"
        "The Summit will be held virtually on May 12, 2022.\n"
    )
    front = read_front_matter(source)
    region = title_region(MappedText.identity(source), front.end, front.title)
    assert region.text.text == front.title
    p = parse_document(source.encode("utf-8"), "d", "d.md")
    got = [(s.iso3, s.role, source[s.char_start : s.char_end]) for s in p.signatories]
    assert got == [
        ("USA", "signatory", "United\\_States"),  # the name as the file writes it
        ("BLZ", "signatory", "Belize"),
        ("DEU", "signatory", "Germany"),
        ("IDN", "signatory", "Indonesia"),
        ("SEN", "signatory", "Senegal"),
    ]
    assert p.initiative_mentions == [] or all(
        m.char_start > source.index("---\n", 4) for m in p.initiative_mentions
    )  # the title is read for signatories only, never for other rows


def test_leaders_named_together_stand_for_their_states():
    dna = (
        "Today, President Andrés Manuel López Obrador, President Joseph R. Biden, and Prime "
        "Minister Justin Trudeau met in Mexico City for the Summit."
    )
    assert rows(("clause", dna)) == [(e, "signatory") for e in ("MEX", "USA", "CAN")]
    title = (
        "Joint Statement Following Meeting Between President Biden and Iraqi Prime Minister Kadhimi"
    )
    assert rows(("title", title)) == [("USA", "party"), ("IRQ", "party")]
    # "Office Name of State": the state is written, no lexicon needed
    quad = (
        "Today, we – Prime Minister Anthony Albanese of Australia, Prime Minister Narendra "
        "Modi of India, Prime Minister Fumio Kishida of Japan, and President Joe Biden of "
        "the United States – convene in Tokyo."
    )
    assert rows(("clause", quad)) == [(e, "signatory") for e in ("AUS", "IND", "JPN", "USA")]
    # a leader a text only mentions is not a party; a name is read after its own office
    assert rows(("clause", "We condemn President Putin’s war against Ukraine.")) == []
    assert rows(("clause", "Vice President Martin and Taoiseach Harris met.")) == []


def test_a_members_list_set_off_by_dashes_counts_in_the_opening_only():
    members = (
        "The 5 members of the Initiative —Albania, Argentina, the Council of Europe, "
        "Japan, and Kenya— met in Washington."
    )
    assert rows(("clause", members)) == [
        (e, "signatory") for e in ("ALB", "ARG", "org-council-of-europe", "JPN", "KEN")
    ]
    later = "AUKUS partners – Australia, the United Kingdom, and the United States – consider."
    assert rows(("clause", "One."), ("clause", "Two."), ("clause", later)) == []


def test_a_title_with_spaced_dashes_and_a_bilateral_signing_in_prose():
    title = "Joint Statement on a Framework for a United States – Switzerland – Liechtenstein Deal"
    assert rows(("title", title)) == [(e, "signatory") for e in ("USA", "CHE", "LIE")]
    signed = "The United States and the ROK signed a memorandum on shipbuilding."
    assert rows(("clause", signed)) == [("USA", "party"), ("KOR", "party")]
