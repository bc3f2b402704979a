"""Subjects that stand in another clause, treaty grammar, and the act rules of issue 14's
second round, each on a small inline text (ANNOTATION.md section 1)."""

from __future__ import annotations

import pytest

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.enrich.acts import find_acts


def acts(text: str, lang: str = "en", implied=None, parties=False) -> list[tuple[str, str, str]]:
    found = find_acts(text, lang, implied=implied, parties=parties)
    return [(a.act, a.actor, text[a.start : a.end]) for a in found]


def profile(text: str) -> list[tuple[str, str, str, bool, str]]:
    """(first words, primary act, actor, inherited, cue) of every clause of a document."""
    doc = parse_document(text.encode(), "t")
    rows: dict[str, list] = {}
    for r in doc.clause_acts:
        rows.setdefault(r.clause_id, []).append(r)
    out = []
    for c in doc.clauses:
        best = max(rows.get(c.clause_id, []), key=lambda r: r.strength, default=None)
        out.append(
            (
                c.text[:12],
                best.act if best else "NONE",
                best.actor if best else "none",
                bool(best and best.inherited),
                best.cue if best else "",
            )
        )
    return out


PREAMBLE = (
    "WE, the Member States of the Association and the United States, met on 26 October "
    "2021;\n\n"
    "RECOGNISING the role of digital development;\n\n"
    "Hereby decide to:\n\n"
    "1. Support the regional vision for a digital community;\n"
    "2. Explore cooperation on digital skills.\n"
)


def test_a_preamble_subject_carries_to_a_later_subjectless_verb_and_its_items():
    got = profile(PREAMBLE)
    assert got[0][1] == "NONE"  # "met": narration
    assert got[1][1:3] == ("RECOGNIZE_AFFIRM", "collective")
    assert got[2][1:] == ("AGREE_DECIDE", "collective", False, "decide")
    # the items complete "decide to:": they inherit, their verbs are not acts of their own
    assert got[3][1:] == ("AGREE_DECIDE", "collective", True, "decide")
    assert got[4][1:] == ("AGREE_DECIDE", "collective", True, "decide")


def test_without_a_preamble_a_subjectless_verb_is_no_act():
    assert profile("Hereby decide to meet again.\n")[0][1] == "NONE"
    # a full sentence naming the signatories is no preamble
    got = profile("We met in Paris.\n\nDecide to meet again.\n")
    assert got[1][1] == "NONE"


def test_a_heading_or_a_full_sentence_is_no_bare_subject():
    # a capitalised heading with "and" is not "X and Y" as a subject
    got = profile("Semiconductor Supply Chains and Technology:\n\n- Support joint research.\n")
    assert [g[1] for g in got] == ["NONE", "NONE"]
    # a sentence with its own verb, cut by a semicolon, is no preamble
    got = profile("The Presidents discussed options; they met.\n\nDecide to meet again.\n")
    assert got[-1][1] == "NONE"


def test_a_preamble_sentence_inside_one_clause():
    text = (
        "Le Gouvernement du Royaume des Pays-Bas et Le Gouvernement de la République du "
        "Bénin; Désireux de promouvoir la coopération; Sont convenus de ce qui suit:\n"
    )
    ((_, act, actor, _, cue),) = profile(text)
    assert (act, actor, cue) == ("AGREE_DECIDE", "collective", "Sont convenus")


TREATY = (
    "Le Gouvernement de la République française et le Gouvernement de la Malaisie,\n\n"
    "Désireux d'encourager les relations entre leurs entreprises,\n\n"
    "sont convenus des dispositions suivantes :\n\n"
    "1. Une Commission mixte est créée.\n\n"
    "2. Les Parties :\n\n"
    "a) Informent régulièrement les entreprises des mesures prises ;\n\n"
    "b) Fournissent les informations disponibles, dans la mesure où elles sont publiques.\n\n"
    "3. Les Parties se mettent d'accord sur un programme de travail.\n\n"
    "4. Les Parties font tout leur possible pour faciliter le financement.\n"
)


def test_french_treaty_grammar():
    got = {g[0]: g[1:] for g in profile(TREATY)}
    assert got["Désireux d'e"][:2] == ("INTEND", "collective")
    assert got["sont convenu"][:3] == ("AGREE_DECIDE", "collective", False)
    # provisions inherit what is agreed
    assert got["Une Commissi"][:3] == ("AGREE_DECIDE", "collective", True)
    # the parties' present is operative; the bare subject "Les Parties :" is the
    # subject of the items after it
    assert got["Informent ré"] == ("COMMIT", "collective", False, "Informent")
    assert got["Fournissent "][:2] == ("COMMIT", "collective")
    bare, agree, best = [g[1:] for g in profile(TREATY) if g[0] == "Les Parties "]
    assert bare[:3] == ("AGREE_DECIDE", "collective", True)  # "Les Parties :" inherits
    assert agree == ("AGREE_DECIDE", "collective", False, "se mettent d'accord")
    assert best == ("COMMIT", "collective", False, "font tout leur possible")
    doc = parse_document(TREATY.encode(), "t")
    hedged = {r.cue: r.hedged for r in doc.clause_acts if not r.inherited}
    assert hedged["Fournissent"] is True  # "dans la mesure où"
    assert hedged["font tout leur possible"] is True
    assert hedged["se mettent d'accord"] is False


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("Les Parties informent les entreprises.", {}, [("COMMIT", "collective", "informent")]),
        (
            "Chaque Partie contractante notifie à l'autre ses mesures.",
            {},
            [("COMMIT", "collective", "notifie")],
        ),
        # not operative: a modal, a copula, a negation, another subject
        ("Les Parties peuvent consulter des experts.", {}, []),
        ("Les Parties ne divulguent pas ces informations.", {}, []),
        ("Les entreprises informent les Parties.", {}, []),
        # an item opening with a plural present, under "Les Parties :"
        (
            "Organisent des réunions.",
            {"implied": "collective", "parties": True},
            [("COMMIT", "collective", "Organisent")],
        ),
        ("Organisent des réunions.", {}, []),
        ("Conformément à leur droit.", {"implied": "collective", "parties": True}, []),
    ],
)
def test_operative_present_of_the_parties(text, kwargs, expected):
    assert acts(text, "fr", **kwargs) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a heading before a colon is not a subject
        ("Talent Development and Exchange: Foster talent development.", []),
        (
            "Biotechnology: The United States is committed to building standards.",
            [("COMMIT", "single_party", "is committed")],
        ),
        # a no-break space before the subject
        (
            "They met.\xa0 The United States and Singapore commit to upgrade the partnership.",
            [("COMMIT", "collective", "commit")],
        ),
        # present progressive of a cue
        (
            "We the partners of Australia and India are launching a public campaign.",
            [("AGREE_DECIDE", "collective", "are launching")],
        ),
        ("The countries that are launching campaigns met.", []),
        # two infinitives joined by "and": the second is no finite verb
        ("The program aims to educate youth and support entrepreneurship.", []),
        # direct / expect X to: a decision, a call on others
        (
            "The two Presidents directed relevant officials to develop a memorandum.",
            [("AGREE_DECIDE", "collective", "directed")],
        ),
        (
            "We expect technology suppliers and vendors to produce secure systems.",
            [("CALL_FOR", "collective", "expect")],
        ),
        ("We expect to finish soon.", []),
        # welcoming others to act is asking them to
        (
            "We welcome all nations to join us in this vision.",
            [("CALL_FOR", "collective", "welcome")],
        ),
        ("We welcome the new members.", [("SUPPORT_WELCOME", "collective", "welcome")]),
        # rules added after the blind score of the third held-out set
        ("The Governments concur on these principles.", [("AGREE_DECIDE", "collective", "concur")]),
        (
            "Unity is key, and we hereby declare our intention to adopt policies.",
            [("INTEND", "collective", "declare our intention")],
        ),
        ("Members re-affirmed their resolve.", [("RECOGNIZE_AFFIRM", "collective", "re-affirmed")]),
        (
            "Previously participating states welcome Belgium as a member.",
            [("SUPPORT_WELCOME", "collective", "welcome")],
        ),
        ("CRI members are committed to act.", [("COMMIT", "collective", "are committed")]),
        ("The United States is committed to act.", [("COMMIT", "single_party", "is committed")]),
    ],
)
def test_english_rules(text, expected):
    assert acts(text) == expected


def test_a_french_future_of_a_decision_is_an_intention():
    assert acts("Les deux Gouvernements décideront si le projet continue.", "fr") == [
        ("INTEND", "collective", "décideront")
    ]
    assert acts("Les deux Gouvernements décident de créer un comité.", "fr")[0][0] == (
        "AGREE_DECIDE"
    )


def test_items_cut_from_their_lead_in_by_headings_keep_it():
    text = (
        "We intend to adopt policies that fulfill the following principles:\n\n"
        "## 1. Security\n\n"
        "- Technologies that are secure.\n\n"
        "## 2. Openness\n\n"
        "- Technologies built on open standards.\n\n"
        "We met in Paris.\n\n"
        "- A list after a full sentence.\n"
    )
    got = {g[0]: g[1:] for g in profile(text)}
    assert got["Technologies"] == ("INTEND", "collective", True, "intend")
    assert got["A list after"][0] == "NONE"
