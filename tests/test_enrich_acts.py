"""Clause acts and themes, rule by rule, on small inline texts (ANNOTATION.md)."""

from __future__ import annotations

import pytest

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.enrich.acts import find_acts, hedged, primary
from aidecl_data.parse.enrich.lexicon import act_lexicon
from aidecl_data.parse.enrich.themes import find_themes


def acts(text: str, lang: str = "fr") -> list[tuple[str, str, str]]:
    """(act, actor, cue) of each act of ``text``."""
    return [(a.act, a.actor, text[a.start : a.end]) for a in find_acts(text, lang)]


def themes(text: str, lang: str = "fr") -> set[str]:
    return {t for t, _, _ in find_themes(text, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # reflexive engager commits; transitive engager calls on others
        (
            "Les participants s'engagent à promouvoir la recherche.",
            "fr",
            [("COMMIT", "collective", "s'engagent")],
        ),
        (
            "La France et l'Inde engagent les États à ratifier la convention.",
            "fr",
            [("CALL_FOR", "collective", "engagent")],
        ),
        # negation: no act
        ("Les participants ne s'engagent pas à financer ce projet.", "fr", []),
        ("We do not endorse this approach.", "en", []),
        # past tenses report acts, with their auxiliary as evidence
        (
            "Ils se sont engagés à promouvoir l'IA au service du bien social.",
            "fr",
            [("COMMIT", "collective", "se sont engagés")],
        ),
        (
            "Les deux pays ont convenu de créer un groupe de travail.",
            "fr",
            [("AGREE_DECIDE", "collective", "ont convenu")],
        ),
        # a noun is not an act
        ("L'engagement de l'Inde en faveur du climat est ancien.", "fr", []),
        (
            "Nous saluons l'engagement de l'Inde.",
            "fr",
            [("SUPPORT_WELCOME", "collective", "saluons")],
        ),
        # participle opener plus main verb; the opener takes the main verb's actor
        (
            "Reconnaissant les progrès accomplis, la France et l'Inde s'efforceront de coopérer.",
            "fr",
            [
                ("RECOGNIZE_AFFIRM", "collective", "Reconnaissant"),
                ("INTEND", "collective", "s'efforceront"),
            ],
        ),
        # any verb in the future with the signatories as subject announces an action
        (
            "La France et l'Inde renforceront leur coopération.",
            "fr",
            [("INTEND", "collective", "renforceront")],
        ),
        ("We will continue to work together.", "en", [("INTEND", "collective", "will continue")]),
        ("We are committed to open science.", "en", [("COMMIT", "collective", "are committed")]),
        # agreeing on a view is recognising it; "soutenir que" asserts
        (
            "La France et la Chine s'accordent sur l'importance de la sécurité.",
            "fr",
            [("RECOGNIZE_AFFIRM", "collective", "s'accordent")],
        ),
        (
            "Les deux pays soutiennent que l'IA doit être inclusive.",
            "fr",
            [("RECOGNIZE_AFFIRM", "collective", "soutiennent")],
        ),
        (
            "Les deux pays soutiennent une coopération accrue.",
            "fr",
            [("SUPPORT_WELCOME", "collective", "soutiennent")],
        ),
        # one named party
        (
            "La Chine est prête à participer au sommet.",
            "fr",
            [("INTEND", "single_party", "est prête")],
        ),
        # someone who is not a signatory: not an act of the signatories
        ("L'initiative soutiendra les biens publics numériques.", "fr", []),
        ("The Commission published a report.", "en", []),
        # an infinitive or a base form without subject is not an act of its own
        ("Promouvoir la recherche ;", "fr", []),
        ("Support efforts to strengthen cyber hygiene;", "en", []),
        (
            "We recognize all actors can support a peaceful cyberspace.",
            "en",
            [("RECOGNIZE_AFFIRM", "collective", "recognize")],
        ),
    ],
)
def test_acts(text, lang, expected):
    assert acts(text, lang) == expected


def test_primary_is_the_strongest_then_the_first():
    found = find_acts(
        "Nous reconnaissons la nécessité d'agir. Nous saluons le rapport et nous nous "
        "engageons à le mettre en œuvre.",
        "fr",
    )
    assert [a.act for a in found] == ["RECOGNIZE_AFFIRM", "SUPPORT_WELCOME", "COMMIT"]
    assert primary(found).act == "COMMIT"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Les parties coopéreront, le cas échéant, avec les agences.", "fr", True),
        ("Ils ont souhaité étudier les moyens d'approfondir la coopération.", "fr", True),
        ("Explore ways to accelerate economic recovery.", "en", True),
        ("We commit to share data where possible.", "en", True),
        ("Ils mettent en œuvre les normes volontaires de comportement.", "fr", False),
        ("We reaffirm the voluntary norms of responsible State behavior.", "en", False),
    ],
)
def test_hedges(text, lang, expected):
    assert hedged(text, lang) is expected


@pytest.mark.parametrize(
    ("text", "lang", "present", "absent"),
    [
        ("Promouvoir une IA sûre et digne de confiance.", "fr", {"safety"}, set()),
        # a passing word is not a theme
        (
            "La formation des jeunes pour un monde sûr et inclusif.",
            "fr",
            {"education_skills"},
            {"safety"},
        ),
        (
            "Accélérer l'Agenda 2030 pour le développement durable.",
            "fr",
            {"development_inclusion"},
            {"environment_energy"},
        ),
        (
            "Réduire l'empreinte environnementale de l'IA durable.",
            "fr",
            {"environment_energy"},
            set(),
        ),
        (
            "Nous participerons à l'Internet Governance Forum.",
            "fr",
            set(),
            {"governance_regulation"},
        ),
        ("Prémunir des risques pour l'emploi et le travailleur.", "fr", {"labour"}, {"safety"}),
        ("Traiter les risques que l'IA pourrait faire peser.", "fr", {"safety"}, set()),
        (
            "We recall the confidence and capacity-building measures.",
            "en",
            set(),
            {"development_inclusion"},
        ),
        (
            "Support capacity-building in developing countries.",
            "en",
            {"development_inclusion"},
            set(),
        ),
        ("Protect personal data and privacy online.", "en", {"data_privacy"}, set()),
        ("Renforcer la lutte contre la désinformation.", "fr", {"information_integrity"}, set()),
    ],
)
def test_themes(text, lang, present, absent):
    found = themes(text, lang)
    assert present <= found
    assert not (absent & found)


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        (
            "fr",
            [
                "reconnaissent",
                "reconnaissons",
                "reconnu",
                "reconnaîtront",
                "reconnaissant",
                "saluons",
                "saluent",
                "salué",
                "lançons",
                "lancent",
                "engageons",
                "engageront",
                "établissent",
                "convenus",
                "conviendront",
                "appellent",
                "réitèrent",
            ],
        ),
        (
            "en",
            [
                "recognize",
                "recognizes",
                "recognized",
                "recognizing",
                "commit",
                "committed",
                "undertook",
                "sought",
                "welcomes",
                "welcoming",
                "calls",
                "urged",
            ],
        ),
    ],
)
def test_lexicon_inflects_every_lemma(lang, forms):
    known, _ = act_lexicon(lang)
    missing = [f for f in forms if f not in known]
    assert not missing


LEAD_IN = (
    "# Déclaration\n\n"
    "Les participants s'engagent à :\n\n"
    "- promouvoir la recherche sur l'IA sûre ;\n"
    "- réduire la fracture numérique.\n\n"
    "Les parties notent les efforts, le cas échéant, des agences :\n\n"
    "- le rapport de l'OCDE.\n"
)


def test_list_items_inherit_the_lead_in_act_with_its_cue():
    doc = parse_document(LEAD_IN.encode(), "lead")
    by_clause: dict[str, list] = {}
    for r in doc.clause_acts:
        by_clause.setdefault(r.clause_id, []).append(r)
    items = [c for c in doc.clauses if c.kind == "item"]
    assert len(items) == 3
    first, second, third = (by_clause[c.clause_id] for c in items)
    for rows in (first, second):
        (row,) = rows
        assert (row.act, row.actor, row.inherited, row.cue) == (
            "COMMIT",
            "collective",
            True,
            "s'engagent",
        )
        assert row.cue_clause_id == items[0].parent_clause_id
        assert LEAD_IN[row.char_start : row.char_end] == "s'engagent"
    (row,) = third
    assert (row.act, row.inherited, row.hedged) == ("NOTE", True, True)
    themes_of = {(t.clause_id, t.theme) for t in doc.clause_themes}
    assert (items[0].clause_id, "safety") in themes_of
    assert (items[1].clause_id, "development_inclusion") in themes_of


def test_every_span_is_the_source_text_inside_its_clause():
    from tests.conftest import ROOT

    for path in sorted((ROOT / "documents").glob("*.txt")):
        raw = path.read_bytes()
        doc = parse_document(raw, path.stem, path.name)
        source = raw.decode("utf-8")
        clauses = {c.clause_id: c for c in doc.clauses}
        assert doc.clause_acts and doc.clause_themes
        for r in doc.clause_acts:
            assert source[r.char_start : r.char_end] == r.cue
            holder = clauses[r.cue_clause_id]
            assert holder.char_start <= r.char_start < r.char_end <= holder.char_end
        for r in doc.clause_themes:
            assert source[r.char_start : r.char_end] == r.evidence
            holder = clauses[r.clause_id]
            assert holder.char_start <= r.char_start < r.char_end <= holder.char_end
