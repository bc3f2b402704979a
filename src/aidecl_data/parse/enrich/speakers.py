"""Whether the subject of a cue verb is a signatory or someone else (ANNOTATION.md ``actor``).

Why a module of its own: "Le Comité mixte veillera", "Le Conseil adopte", "Un consortium
... mobilisera" have the grammar of an act, but their subject is not one of the parties
that sign the text, so the act is not theirs (actor ``other``). A capitalised subject
after an article is read by ``acts.classify_subject`` as a named party; this module
decides with the document's parsed signatories (``entities.signatories``, run before the
enrichment in ``parse_document``):

- a named subject headed by the noun of a body ("le Comité mixte", "le Conseil", "the
  Commission", ``BODY_NOUNS``) is ``other``, unless it is one of the signatories (an
  organisation that signs) or a body of a state that signs, or of any state when the
  document names no state signatory ("La Présidence française du Conseil" in a ministry's
  post, which speaks for its state): ``single_party``;
- an acronym that the document's title spells ("The CRI is committed" in the
  "International Counter Ransomware Initiative ... Statement") is the body issuing the
  text, the signatories together: ``collective``;
- any other named subject (a state, a leader's title, an acronym, "The Quad", "La
  Conférence") stays ``single_party`` as ``classify_subject`` reads it. A state that does
  not sign is not made ``other``: the parsed signatory lists are often partial (a
  White House statement lists the partner, not the United States), so that test would
  turn the signatories' own acts into others'.

A subject in lower case that ``classify_subject`` cannot place is ``other`` only when it is
someone (``agent``): its head noun is a body or people ("les organisations", "un
consortium", "les représentants", "la délégation"); otherwise it is a thing or an
impersonal ("il convient", "the work of the CRI supports") and there is no act.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from aidecl_data.parse.entities.countries import demonym_index, find_names
from aidecl_data.parse.entities.folding import fold_for_match


@dataclass(frozen=True)
class Speakers:
    """The document's signatories: the ISO codes of its states, the folded names of its
    other signatories (organisations)."""

    states: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()
    title_acronyms: frozenset[str] = frozenset()  # see ``title_acronyms``


NO_SPEAKERS = Speakers()

_TITLE_WORD = re.compile(r"[^\W\d_]+")
_SMALL = frozenset(
    ["and", "of", "for", "on", "the", "de", "du", "des", "la", "le", "l", "d", "et", "pour"]
)


def title_acronyms(title: str) -> frozenset[str]:
    """The acronyms the title's capitalised words spell ("International Counter Ransomware
    Initiative" -> "CRI", "ICRI", "IC" ...; "Trade and Technology Council" -> "TTC"; small
    words such as "and", "de" are skipped): a subject named by one of them (three letters
    or more, and not a state's, so not "US" or "UAE") is the body the text is issued by,
    the signatories together ("The CRI is committed")."""
    out: set[str] = set()
    run: list[str] = []
    for w in [*_TITLE_WORD.findall(title), ""]:
        if w.lower() in _SMALL and run:
            continue
        if w[:1].isupper():
            run.append(w[0])
            continue
        for i in range(len(run)):
            for j in range(i + 2, min(len(run), i + 6) + 1):
                out.add("".join(run[i:j]))
        run = []
    return frozenset(out)


_NOT_SIGNING = frozenset({"supporter", "witness"})


def speakers_of(signatories, title: str = "") -> Speakers:
    """``Speakers`` from a document's ``SignatoryRow`` list and its title (a ``supporter``
    or a ``witness`` does not sign, so it is not one of them)."""
    signatories = [s for s in signatories if s.role not in _NOT_SIGNING]
    states = frozenset(s.iso3 for s in signatories if s.iso3 and s.entity_type == "state")
    names = tuple(
        sorted(
            {
                fold_for_match(s.name)
                for s in signatories
                if s.entity_type != "state" and len(s.name) > 2
            }
        )
    )
    return Speakers(states, names, title_acronyms(title))


_STRIP = " \t\n\xa0\u2009\u202f,;:«»\"“”'()*-"
_ARTICLE = re.compile(
    r"^(?:l['’]\s*|(?:la|le|les|the|un|une|a|an|ce|cet|cette|ces|this|these|those|ses|son|"
    r"sa|leur|leurs|their|its|des|du|chaque|each)\b\s*(?=\S))",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"^(?:président|présidente|president|premier ministre|première ministre|prime minister|"
    r"chancellor|chancelier|chancelière|secretary|minister|ministre|roi|king|queen|reine)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"^[A-Z][A-Z.]+(?![\w-])")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

# head nouns of subjects that are someone (a body, people); singular and plural
_AGENT_WORDS = """
    organisation organisations organization organizations consortium consortiums consortia
    représentant représentants représentante représentantes representative representatives
    délégation délégations delegation delegations expert experts experte expertes
    acteur acteurs actrice actrices entreprise entreprises company companies firm firms
    société sociétés comité comités committee committees commission commissions
    conseil conseils council councils agence agences agency agencies institut instituts
    institute institutes institution institutions centre centres center centers
    groupe groupes group groups équipe équipes team teams ministère ministères ministry
    ministries secrétariat secretariat présidence presidency parlement parliament
    autorité autorités authority authorities opérateur opérateurs operator operators
    chercheur chercheurs chercheuse chercheuses researcher researchers industriel
    industriels université universités university universities banque bank fonds fund
    forum réseau network administration administrations
"""
AGENT_NOUNS = frozenset(_AGENT_WORDS.split())


def _head(phrase: str) -> tuple[str, bool]:
    """The first word after the articles of ``phrase``, and whether an article stood
    before it."""
    p = phrase.strip(_STRIP)
    m = _ARTICLE.match(p)
    rest = p[m.end() :] if m else p
    w = _WORD.match(rest)
    return (w.group(0) if w else ""), bool(m)


@functools.lru_cache(maxsize=4096)
def agent(phrase: str) -> bool:
    """Whether ``phrase`` (a subject that names neither the signatories nor a party) is
    someone: a body or people as head noun. A capitalised head is not enough ("This
    Framework will", "This Ministerial will" are things); officials and agents are left
    out, since the signatories' own officials act for them ("officials pledged")."""
    head, _ = _head(phrase)
    return head.lower() in AGENT_NOUNS


def _states(p: str) -> set[str]:
    """The states ``p`` names, by name or adjective ("la présidence française")."""
    states = {h.entity.iso3 for h in find_names(p) if h.entity.entity_type == "state"}
    _, adjectives = demonym_index()
    states |= {adjectives[k] for w in _WORD.findall(p) if (k := fold_for_match(w)) in adjectives}
    return states


# the signatories' own organs: "les autorités compétentes des deux Etats / des Parties"
_OF_THE_PARTIES = re.compile(
    r"\b(?:des|of\s+the|of\s+both|chacun\s+des)\s+(?:deux\s+|two\s+)?"
    r"(?:parties|pays|[ée]tats|gouvernements|countries|participants|signatories|governments)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def agent_actor(phrase: str, speakers: Speakers) -> str:
    """``other``, ``single_party``, ``collective`` or ``impersonal`` for a subject that
    ``classify_subject`` could not place: someone (``agent``) is ``other`` unless it is an
    organ of the signatories ("les autorités compétentes des deux Etats": ``collective``)
    or a body of a signatory state ("la présidence française du Conseil" in a French post:
    ``single_party``)."""
    if not agent(phrase):
        return "impersonal"
    p = phrase.strip(_STRIP)
    if _OF_THE_PARTIES.search(p):
        return "collective"  # "Les autorités compétentes des deux Etats": their own organs
    states = _states(p)
    if states and (not speakers.states or states & speakers.states):
        return "single_party"
    return "other"


# head nouns of a body: a named subject headed by one of these is a body, not a party
_BODY_WORDS = """
    comité comités committee committees commission commissions conseil conseils council
    councils agence agences agency agencies secrétariat secretariat présidence presidency
    parlement parliament autorité autorités authority authorities forum consortium
    organisation organisations organization organizations institut instituts institute
    institutes délégation délégations delegation delegations groupe group board bureau
"""
BODY_NOUNS = frozenset(_BODY_WORDS.split())


@functools.lru_cache(maxsize=4096)
def named_actor(phrase: str, speakers: Speakers) -> str:
    """``single_party`` or ``other`` for a subject that ``classify_subject`` read as one
    named party (see the module docstring): a named body ("Le Comité mixte", "the
    Commission") is ``other`` unless it is a signatory or belongs to a signatory state
    ("La Présidence française du Conseil")."""
    p = phrase.strip(_STRIP)
    head, _ = _head(p)
    if len(head) > 2 and head in speakers.title_acronyms and head.isupper() and not _states(p):
        return "collective"  # "The CRI" in "International Counter Ransomware Initiative ..."
    if head.lower() not in BODY_NOUNS:
        return "single_party"
    states = _states(p)
    if states and (not speakers.states or states & speakers.states):
        return "single_party"
    if speakers.names and any(n in fold_for_match(p) for n in speakers.names):
        return "single_party"
    return "other"
