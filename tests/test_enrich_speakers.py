"""Actor `other` (ANNOTATION.md: someone who is not a signatory), rule by rule, on small
inline texts, and the view ``clause_profile`` that leaves such acts out of a clause's
primary act."""

from __future__ import annotations

import duckdb
import pytest

from aidecl_data.parse.enrich.acts import find_acts, primary
from aidecl_data.parse.enrich.speakers import Speakers, agent_actor, named_actor, speakers_of
from aidecl_data.publish.schema.views import CLAUSE_PROFILE

FRANCE_INDIA = Speakers(frozenset({"FRA", "IND"}))


def acts(text: str, lang: str = "fr", speakers: Speakers = FRANCE_INDIA):
    found = find_acts(text, lang, speakers=speakers)
    return [(a.act, a.actor, text[a.start : a.end]) for a in found]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a named body that is not a signatory: the act is kept, with actor other
        (
            "Le Comité mixte veillera à promouvoir la mise en œuvre du présent Accord.",
            "fr",
            [("INTEND", "other", "veillera")],
        ),
        ("The Commission will continue its work.", "en", [("INTEND", "other", "will continue")]),
        # a body of a signatory state stays the signatory
        (
            "La Présidence française du Conseil salue l'accord.",
            "fr",
            [("SUPPORT_WELCOME", "single_party", "salue")],
        ),
        # a state, a leader's title, an acronym: one named party, as before
        ("La Chine est prête à participer.", "fr", [("INTEND", "single_party", "est prête")]),
        # a lower-case subject that is someone (its head noun is a body or people)
        (
            "Un consortium réunissant des universités, des ministères et des entreprises "
            "mobilisera tout le potentiel des deux pays.",
            "fr",
            [("INTEND", "other", "mobilisera")],
        ),
        (
            "Ce consortium se réunira chaque année.",
            "fr",
            [("INTEND", "other", "se réunira")],
        ),
        # the signatories' own organs are the signatories
        (
            "Les autorités compétentes des deux Etats faciliteront les échanges.",
            "fr",
            [("INTEND", "collective", "faciliteront")],
        ),
        (
            "Chaque Etat contractant s'engage à notifier.",
            "fr",
            [("COMMIT", "collective", "s'engage")],
        ),
        # a thing or an impersonal subject: no act at all
        ("The work of the group supports the framework.", "en", []),
        ("This Framework will continue to guide us.", "en", []),
        ("Il convient de souligner ce point.", "fr", []),
    ],
)
def test_actor(text, lang, expected):
    assert acts(text, lang) == expected


def test_named_subjects_by_the_documents_signatories():
    # with no state signatory parsed, a state's body speaks for it (a ministry's post)
    assert named_actor("La Présidence française du Conseil", Speakers()) == "single_party"
    # a body of a state that does not sign is someone else
    assert named_actor("La Présidence allemande du Conseil", FRANCE_INDIA) == "other"
    # an organisation that signs is a party
    assert named_actor("La Commission européenne", Speakers(names=("commission",))) == (
        "single_party"
    )
    assert agent_actor("les représentants allemands", FRANCE_INDIA) == "other"
    assert agent_actor("les travaux", FRANCE_INDIA) == "impersonal"


def test_primary_prefers_the_signatories_act():
    found = find_acts(
        "Le Comité mixte adoptera son règlement et les Parties saluent ce choix.",
        "fr",
        speakers=FRANCE_INDIA,
    )
    assert [(a.act, a.actor) for a in found] == [
        ("INTEND", "other"),
        ("SUPPORT_WELCOME", "collective"),
    ]
    assert primary(found).act == "SUPPORT_WELCOME"


def test_clause_profile_leaves_others_acts_out():
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE clauses (clause_id VARCHAR, document_id VARCHAR, ordinal INT, text VARCHAR)"
    )
    con.execute(
        "CREATE TABLE clause_acts (clause_id VARCHAR, ordinal INT, act VARCHAR, strength INT, "
        "actor VARCHAR, hedged BOOLEAN, cue VARCHAR)"
    )
    con.execute("CREATE TABLE clause_themes (clause_id VARCHAR, theme VARCHAR, char_start INT)")
    con.execute(
        "INSERT INTO clauses VALUES ('a', 'd', 1, ''), ('b', 'd', 2, ''), ('c', 'd', 3, '')"
    )
    con.execute(
        "INSERT INTO clause_acts VALUES "
        # a: only someone else's act -> NONE, actor other
        "('a', 1, 'COMMIT', 5, 'other', true, 'veillera'),"
        # b: someone else's strong act and the signatories' weak one -> theirs
        "('b', 1, 'AGREE_DECIDE', 5, 'other', false, 'adopte'),"
        "('b', 2, 'SUPPORT_WELCOME', 2, 'collective', false, 'saluent')"
    )
    rows = con.execute(
        f"SELECT clause_id, primary_act, strength, is_commitment, hedged, actor, primary_cue "
        f"FROM ({CLAUSE_PROFILE.sql}) ORDER BY clause_id"
    ).fetchall()
    assert rows == [
        ("a", "NONE", None, False, False, "other", None),
        ("b", "SUPPORT_WELCOME", 2, False, False, "collective", "saluent"),
        ("c", "NONE", None, False, False, "none", None),
    ]


def test_an_acronym_the_title_spells_is_the_signatories_together():
    cri = speakers_of([], "International Counter Ransomware Initiative 2022 Joint Statement")
    assert named_actor("The CRI", cri) == "collective"
    assert named_actor("The PFUE", cri) == "single_party"  # not spelled by the title
    us = speakers_of([], "United States-India Joint Statement")
    assert named_actor("The US", us) == "single_party"  # a state, two letters
    found = find_acts("The CRI is committed to helping other countries.", "en", speakers=cri)
    assert [(a.act, a.actor) for a in found] == [("COMMIT", "collective")]
