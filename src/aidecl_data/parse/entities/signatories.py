"""Signatories, co-chairs, founding members and parties of one document.

    extract_signatories(regions, document_id, language) -> (list[SignatoryRow], list[Problem])

Roles and where they come from:

- ``signatory``: every item of a signatory list (a ``name_list`` region, or a block of
  short lines that are nearly all known names); an enumeration that makes up a whole
  footnote or paragraph; a chain of names after a signing cue ("signé par", "endorsed
  by", "signataires").
- ``founding_member``: the same shapes after a founding cue ("membres fondateurs",
  "founding members"); for a footnote, the cue is looked for in the clause carrying its
  marker. The row is linked to the initiative named in that clause (``initiative_id``).
- ``co_chair``: the names after "co-présidé par" / "co-chaired by".
- ``party``: the parties named in the opening of a text without a signatory list (see
  ``parties.py``), each once.

A chair's statement or summary ("Chair's Summary of the ... Forum", "Presidency
Statement", "Déclaration de la présidence") is issued by the chair alone: the states it
lists took part in a meeting ("Argentina, Australia, ... participated", "the United
States, the European Union, ... met to discuss"), they did not sign the text, so it has
no ``signatory`` or ``party`` rows (the rule of the gold sample,
tests/gold/corpus-dev/README.md); co-chairs, founding members, supporters and witnesses
it names keep their rows.

Names are resolved by ``countries.lookup``; a list item that resolves to nothing is kept
with empty ``iso3`` and ``entity_id`` (``entity_type`` ``state`` by default) and reported
as a ``Problem(kind="unmapped_name")``. Countries merely mentioned in a clause are not
rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aidecl_data.parse.entities.countries import Entity, NameHit, find_names, lookup
from aidecl_data.parse.entities.folding import Cues, may_hold
from aidecl_data.parse.entities.initiatives import find_mentions
from aidecl_data.parse.entities.lists import (
    Item,
    dashed_enumeration,
    enumeration_items,
    looks_like_name_list,
    name_chains,
    name_list_items,
    names_after,
)
from aidecl_data.parse.entities.parties import find_parties, opening_regions
from aidecl_data.parse.layout.signature import office_line, party_phrases
from aidecl_data.parse.model import Problem, Region, SignatoryRow
from aidecl_data.parse.text import fold_for_match

_CO_CHAIR = re.compile(
    r"co-?pr[ée]sid[ée]e?s?\s+par|sous\s+la\s+co-?pr[ée]sidence\s+d[eu']?|"
    r"co-?chair(?:ed|s)?\s+by|co-?chairs?\s*:|co-?pr[ée]sidents?\s*:",
    re.IGNORECASE,
)
_FOUNDING = re.compile(
    r"(?:membres?|pays|[ée]tats?|partenaires?|signataires?)\s+fondat(?:eur|rice)s?|"
    r"founding\s+(?:members?|partners?|countries|states|signatories)|founders\s+of\s+the",
    re.IGNORECASE,
)
_SIGNING = re.compile(
    r"\bsignatair|\bsign[ée]e?s?\b|\bsigned|\bsignator|endors|adh[ée]r|souscri|on behalf of|"
    r"au nom d|joined by|rejoint|approuv[ée]e?s?\s+par|adopt[ée]e?s?\s+par|adopted by",
    re.IGNORECASE,
)
# Lower-case pieces, one of which every match of the pattern above holds: the patterns
# (case-insensitive alternations tried at every position) cost ~0.1 us a character, and
# most sentences hold none of the pieces, which ``may_hold`` tells in C (measured 0.12 ->
# 0.04 ms per document for the cues).
_CO_CHAIR_PIECES = ("copr", "co-pr", "cochair", "co-chair")
_FOUNDING_PIECES = ("fondat", "founding", "founders")
_SIGNING_PIECES = (
    "sign", "endors", "adh", "souscri", "behalf", "au nom d", "joined by", "rejoint",
    "approuv", "adopt",
)  # fmt: skip
# Governments that back a text without signing it: "The following is a list of
# governments have expressed support for the ... Initiative: Canada, France, ...".
_SUPPORT = re.compile(
    r"(?:express(?:ed|es)?|declared|voiced|pledged)\s+(?:(?:their|its)\s+)?support\b|"
    r"\bsupported\s+by\b|\bsupporters?\b|\bsoutenue?s?\s+par\b|"
    r"(?:exprim|apport|manifest)[ée]e?s?\s+(?:leur|son)\s+soutien",
    re.IGNORECASE,
)
_SUPPORT_PIECES = ("support", "soutien", "soutenu")
# Lower-case pieces one of which every match of ``_FOUNDING``, ``_SUPPORT`` or
# ``_SIGNING`` holds, tighter than the pieces above ("signé", not "sign" of "significant",
# "design"; "adopté", not "adoption"), for the test that spares a paragraph reading its
# names (``_may_have_chain_cue``). Two are read with single spaces (the text's words
# joined), and "support" of ``_SUPPORT``'s first branch only with a verb of that branch.
_CHAIN_CUE_PIECES = (
    "fondateur", "fondatrice", "founding", "founders", "supported", "supporter", "soutenu",
    "soutien", "signatair", "signe", "signé", "signed", "signator", "endors", "adher",
    "adhér", "souscri", "behalf", "rejoint", "approuv", "adopte", "adopté",
)  # fmt: skip
# The same pieces under a prefix they share: a text without the prefix (most texts) is
# spared the test of each piece, one ``in`` (a scan of the whole text) each (measured
# 0.16 -> 0.10 ms per document for the test on every region of the real corpus).
_CHAIN_CUE_GROUPS = tuple(
    (prefix, tuple(p for p in _CHAIN_CUE_PIECES if p.startswith(prefix)))
    for prefix in (
        "fondat", "found", "support", "sou", "sign", "endors", "adh", "behalf", "rejoint",
        "approuv", "adopt",
    )
)  # fmt: skip
_SUPPORT_VERBS = ("express", "declared", "voiced", "pledged")
_CHAIN_CUE_PHRASES = ("au nom d", "joined by")
_CHAIN_CUE_PHRASE = re.compile(
    "|".join(r"\s+".join(map(re.escape, p.split(" "))) for p in _CHAIN_CUE_PHRASES)
)
_SENTENCE_START = re.compile(r"[.!?;:]\s")
_LIST_KINDS = {"name_list"}
_TEXT_KINDS = {"clause", "note", "meta"}
# Co-chairs are read in front matter only ("Co-présidé par la France et l'Inde" under a
# summit's name); a clause saying who co-chaired some event does not make them rows.
_FRONT_KINDS = {"meta", "title", "dateline", "heading"}


@dataclass
class _Row:
    region_index: int
    start: int
    end: int
    name: str
    entity: Entity | None
    role: str
    initiative_id: str = ""
    block: bool = False  # from an agreement's signature block ("Pour le Gouvernement de")
    unknown: str = "state"  # the entity type of a name that resolves to nothing


def _role_from_cue(context: str, default: str) -> str:
    if may_hold(context, _FOUNDING_PIECES) and _FOUNDING.search(context):
        return "founding_member"
    if may_hold(context, _SUPPORT_PIECES) and _SUPPORT.search(context):
        return "supporter"
    if may_hold(context, _SIGNING_PIECES) and _SIGNING.search(context):
        return "signatory"
    return default


def _may_have_chain_cue(cues: Cues) -> bool:
    """False only when no cue window of the text (``_cue_window``) can give a chain of
    names a role: a window is a stretch of the text's words joined by single spaces,
    so a match of the cue patterns there is one in the whole text so joined, and holds
    one of the pieces (exotic case characters aside: then True)."""
    if cues.odd:
        return True
    low = cues.low
    # ``cues.holds(_CHAIN_CUE_PIECES)``, piece by piece under its prefix
    for prefix, pieces in _CHAIN_CUE_GROUPS:
        if prefix in low:
            for piece in pieces:
                if piece in low:
                    return True
    if "support" in low:
        for verb in _SUPPORT_VERBS:
            if verb in low:
                return True
    if "nom" in low or "joined" in low:
        # a phrase of ``_CHAIN_CUE_PHRASES`` in the words joined by single spaces: its
        # words apart by any run of white space (``\s`` is ``str.isspace``, what
        # ``split`` cuts at), searched in place instead of joining every word
        return _CHAIN_CUE_PHRASE.search(low) is not None
    return False


def _authors_hint(cues: Cues, text: str, end: int) -> bool:
    """``_AUTHORS_HINT(text, 0, end)`` by ``in`` on the lower-cased text."""
    if cues.odd:
        return _AUTHORS_HINT(text, 0, end) is not None
    head = cues.low[:end]
    for piece in _AUTHORS_PIECES:  # noqa: SIM110 (a loop: no generator per region)
        if piece in head:
            return True
    return False


def _sentence_before(text: str, pos: int) -> str:
    """The stretch of ``text`` from the start of the sentence holding ``pos`` to ``pos``."""
    starts = list(_SENTENCE_START.finditer(text, 0, pos))
    k = len(starts)
    # a lead-in ending with ":" right before the names is their sentence ("... expressed
    # support for the Initiative: Canada, France")
    while k and starts[k - 1].group()[0] == ":" and not text[starts[k - 1].end() : pos].strip():
        k -= 1
    return text[starts[k - 1].end() if k else 0 : pos]


_CUE_WORDS = 14


def _cue_window(text: str, pos: int) -> str:
    """Where the cue of a chain of names starting at ``pos`` must stand: in its sentence,
    among the last ``_CUE_WORDS`` words before it ("signed by the governments of", "have
    expressed support for the ... Initiative:"); a cue further back governs other words
    ("were joined by EU Co-Chairs ... to review progress, meet with a range of U.S. and
    EU stakeholders")."""
    sentence = _sentence_before(text, pos)
    words = sentence.split()
    return " ".join(words[-_CUE_WORDS:])


def _initiative_near(region: Region | None, language: str) -> str:
    """The initiative named in a founding clause: the first one after the cue, else first."""
    if region is None:
        return ""
    found = find_mentions(region, language)
    if not found:
        return ""
    cue = _FOUNDING.search(region.text.text)
    after = [f for f in found if cue and f.start >= cue.end()]
    return (after or found)[0].initiative_id


class _FrontInitiatives:
    """The initiative named last in the run of front-matter regions up to each region.

    Filled forwards once, so that a co-chair cue in every one of many front regions
    does not walk back over all of them (quadratic).
    """

    def __init__(self, regions: list[Region], language: str) -> None:
        self.regions = regions
        self.language = language
        self.upto: list[str] = []  # upto[k]: named last in the run ending with region k

    def before(self, i: int) -> str:
        """Named last in the front-matter regions just before region ``i``."""
        while len(self.upto) < i:
            k = len(self.upto)
            r = self.regions[k]
            if r.kind not in _FRONT_KINDS:
                self.upto.append("")
                continue
            found = find_mentions(r, self.language)
            self.upto.append(found[-1].initiative_id if found else (self.upto[-1] if k else ""))
        return self.upto[i - 1] if i else ""

    def last(self, i: int, before: int) -> str:
        """The initiative named last in the front matter up to ``before`` in region ``i``."""
        r = self.regions[i]
        if r.kind not in _FRONT_KINDS:
            return ""
        found = [f for f in find_mentions(r, self.language) if f.end <= before]
        if found:
            return found[-1].initiative_id
        return self.before(i)


_NUMBERED = re.compile(r"^\s*(?:\d{1,3}\s*[.)]|[-*•–·])\s*\S")


def _single_item_runs(regions: list[Region]) -> set[int]:
    """Clause regions that are items of a list the layout cut into one region per line:
    runs of >= 3 consecutive one-line numbered or bulleted clauses, each a known name."""
    out: set[int] = set()
    run: list[int] = []
    for i, r in enumerate([*regions, None]):
        text = r.text.text if r is not None else ""
        items = (
            name_list_items(text)
            if r is not None
            and r.kind == "clause"
            and "\n" not in text.strip()
            and _NUMBERED.match(text)
            else []
        )
        if len(items) == 1 and items[0].entity is not None:
            run.append(i)
            continue
        if len(run) >= 3:
            out.update(run)
        run = []
    return out


def _items_rows(i: int, items: list[Item], role: str, initiative_id: str = "") -> list[_Row]:
    return [_Row(i, it.start, it.end, it.text, it.entity, role, initiative_id) for it in items]


def _rows(regions: list[Region], language: str) -> list[_Row]:
    rows: list[_Row] = []
    by_clause = {r.clause_id: r for r in regions if r.kind == "clause" and r.clause_id}
    item_runs = _single_item_runs(regions)
    front = _FrontInitiatives(regions, language)
    witnessed_from = _witness_cue(regions)
    opening_all = opening_regions(regions)
    opening = {k for k in opening_all if regions[k].kind == "clause"}
    for i, r in enumerate(regions):
        text = r.text.text
        cues = Cues(text)  # lower-cased once for every cue test below
        if r.kind == "signature" or (r.kind == "dateline" and cues.holds(_BLOCK_PIECES)):
            # a "Pour le Gouvernement ..." line, or a signing statement that runs on into
            # the parties' blocks ("FAIT à Rabat, le ... *Pour le Royaume des Pays-Bas,*")
            rows += signature_rows(i, text)
            continue
        if len(text) <= 120 and r.kind in ("clause", "signature") and _MAY_BE_OFFICE(text):
            office = office_row(i, text)
            if office is not None:
                if r.text.source_start(0) > witnessed_from:
                    office.role = "witness"
                rows.append(office)
                continue
        if r.kind == "clause" and cues.holds(_BLOCK_PIECES) and _BLOCK_OPENER.search(text):
            # a signature block run into the last paragraph ("... foi. *Pour le ...")
            block = signature_rows(i, text, _BLOCK_OPENER.search(text).start())
            if block:
                rows += block
                continue
        if (
            r.kind in _LIST_KINDS
            or i in item_runs
            or (r.kind == "clause" and looks_like_name_list(text))
        ):
            role = _role_from_cue(r.label, "signatory")
            if may_hold(r.label, _CO_CHAIR_PIECES) and _CO_CHAIR.search(r.label):
                role = "co_chair"
            rows += _items_rows(i, name_list_items(text), role)
            continue
        taken: list[tuple[int, int]] = []
        if r.kind in _FRONT_KINDS and cues.holds(_CO_CHAIR_PIECES):
            # co-chairs: the name or chain of names right after the cue, linked to the
            # event named last in the front matter (the summit the text comes from)
            for m in _CO_CHAIR.finditer(text):
                ini = front.last(i, m.start())
                for h in names_after(text, m.end()):
                    rows.append(_Row(i, h.start, h.end, h.text, h.entity, "co_chair", ini))
                    taken.append((h.start, h.end))
        # in a clause the statement's name opens it (see ``_authors``)
        if r.kind in _AUTHOR_KINDS and _authors_hint(
            cues, text, 90 if r.kind == "clause" else len(text)
        ):
            authors = _authors(text, r.kind)
            if authors:
                rows += [_Row(i, h.start, h.end, h.text, h.entity, "signatory") for h in authors]
                continue
        if r.kind not in _TEXT_KINDS:
            continue
        # a members list set off by dashes inside a sentence ("The 68 members of ...
        # —Albania, ..., and Vietnam—met"): in the opening, the members issue the text;
        # further down it names some group's members ("AUKUS partners – Australia, ...
        # – are considering")
        dashed = dashed_enumeration(text) if i in opening and not taken else []
        if dashed:
            for it in dashed:
                rows.append(
                    _Row(
                        i, it.start, it.end, it.text, it.entity, "signatory", unknown="organisation"
                    )
                )
            continue
        # a whole region that is an enumeration (typically a footnote)
        items = enumeration_items(text)
        if items and not taken:
            carrier = by_clause.get(r.clause_id) if r.kind == "note" else None
            context = " ".join(
                (carrier.text.text if carrier else "", r.label, text[: items[0].start])
            )
            role = _role_from_cue(context, "signatory")
            ini = _initiative_near(carrier, language) if role == "founding_member" else ""
            rows += _items_rows(i, items, role, ini)
            continue
        # chains inside a sentence, only after a cue: a text that holds no piece of one
        # has no chain with a role (9 paragraphs in 10 on the real corpus, spared
        # reading their names; the looser pieces of ``_role_from_cue`` spared 7 in 10)
        if not _may_have_chain_cue(cues):
            continue
        for chain in name_chains(text):
            if any(s < chain[-1].end and chain[0].start < e for s, e in taken):
                continue
            role = _role_from_cue(_cue_window(text, chain[0].start), "")
            if not role or (role == "signatory" and len(chain) < 3):
                # two names that signed something are the parties of a bilateral text,
                # read with its opening ("The United States and the ROK signed ...")
                continue
            ini = _initiative_near(r, language) if role == "founding_member" else ""
            for h in chain:
                rows.append(_Row(i, h.start, h.end, h.text, h.entity, role, ini))
    rows.sort(key=lambda row: (row.region_index, row.start))
    if not any(row.role == "signatory" and not row.block for row in rows):
        # Parties open the text: they come first, in order of first appearance.
        rows = _party_rows(regions, rows, opening_all) + rows
    return rows


# A statement's authors named in its title or heading: "Joint Statement by the United
# States, Australia, Canada, ...", "A Joint Statement from the Governments of ...",
# "Joint Statement of the Leaders of India, Israel, ...", "Déclaration de la Belgique, de
# l'Allemagne, ... et du Royaume-Uni". Three names at least (two are the parties of a
# bilateral text, read with the opening).
_AUTHORS = re.compile(
    r"(?i:statement|declaration|communiqu[ée]|d[ée]claration|letter|lettre|appeal|appel)s?"
    r"(?:\s+(?i:conjointe?s?|communes?|joint))?"
    r"\s+(?i:by|from|of|between|among|de|du|des|d['’]|entre)\s*"
    r"(?:(?i:the\s+)?(?i:leaders|governments|heads\s+of\s+(?:state|government)"
    r"(?:\s+and\s+(?:of\s+)?government)?|(?:foreign\s+)?ministers|chefs\s+d['’][ée]tat"
    r"(?:\s+et\s+de\s+gouvernement)?|gouvernements|dirigeants|ministres)"
    r"\s+(?i:of|de|des|du|d['’])\s*)?"
)
# A word every ``_AUTHORS`` cue holds: one search in C spares the other regions.
_AUTHORS_HINT = re.compile(r"(?i:statement|d[ée]claration|communiqu|letter|lettre|appe)").search
_AUTHORS_PIECES = (
    "statement", "declaration", "déclaration", "communiqu", "letter", "lettre", "appe",
)  # fmt: skip
_AUTHOR_KINDS = {"title", "heading", "clause"}
# Where a clause may open with the statement's own name: a label ("I. -"), an article.
_LINE_START = re.compile(r"\s*(?:[IVX\d]{1,4}\s*[.)]\s*[-–—]?\s*)?(?:(?i:a|an|the|la|le|une)\s+)?")


def _authors(text: str, kind: str) -> list[NameHit]:
    """The authors a title or heading names (see ``_AUTHORS``); in a clause only when it
    opens with the statement's name (a heading the layout read as a paragraph), never in
    prose that cites another text."""
    for m in _AUTHORS.finditer(text):
        if kind == "clause":
            lead = _LINE_START.match(text)
            if m.start() > lead.end() + 30 or not _only_title_words(text[lead.end() : m.start()]):
                return []
        chain = names_after(text, m.end())
        if len(chain) >= 3:
            return chain
    return []


def _only_title_words(text: str) -> bool:
    """Capitalized words only (a statement's name before its cue: "Joint", "Quad")."""
    return all(w[:1].isupper() for w in text.split())


# What opens a signature block inside a paragraph: the testimonium or the statement.
_BLOCK_OPENER = re.compile(
    r"(?i:en\s+foi\s+de\s+quoi|in\s+witness\s+whereof|\bfait\s+(?:à|a|en)\s|\bdone\s+(?:at|in)\s)"
)
_BLOCK_PIECES = ("foi de quoi", "witness", "fait ", "done ")
# A party phrase that names an organisation rather than a state.
_ORG_HEAD = re.compile(
    r"^(?i:le|la|l['’]|les|the)\s*(?i:organisation|organization|union|commission|conseil|"
    r"council|communaut[ée]|community|secr[ée]tariat|secretariat|agence|agency|banque|bank|"
    r"fonds|fund|bureau|office|conf[ée]rence|conference)\b"
)


def signature_rows(i: int, text: str, start: int = 0) -> list[_Row]:
    """One ``signatory`` row per "Pour le Gouvernement de ..." phrase of a signature
    block (from ``start`` in ``text``): the state or organisation it names. A phrase that
    names an organisation with no code ("Pour l'Organisation internationale du Café") is
    an ``organisation`` row without iso3; one that names a state not in the index is kept
    unmapped (and reported)."""
    out: list[_Row] = []
    for m in party_phrases(text[start:]):
        ps, pe = m.start("party") + start, m.end("party") + start
        party = text[ps:pe]
        hits = [h for h in find_names(party) if h.entity.entity_type != "organisation"]
        org = _ORG_HEAD.match(party)
        if org is None and hits:
            h = hits[0]
            out.append(_Row(i, ps + h.start, ps + h.end, h.text, h.entity, "signatory", "", True))
            continue
        name_start = ps + len(party) - len(party.lstrip())
        art = re.match(r"(?i:le|la|les|the)\s+|(?i:l)['’]\s*", party)
        if art:
            name_start = ps + art.end()
        name = text[name_start:pe].rstrip(" ,.;")
        ent = lookup(name)
        if ent is None and org is not None:
            ent = Entity("", "", "", "organisation")
        out.append(_Row(i, name_start, name_start + len(name), name, ent, "signatory", "", True))
    return out


# "Witnessed by:" above the offices of the leaders who witness an agreement, under those
# of its signatories: they are witnesses, not signatories.
_WITNESS_CUE = re.compile(
    r"\s*(?i:witnessed\s+by|in\s+the\s+presence\s+of|en\s+pr[ée]sence\s+de)\s*:?\s*"
)


def _witness_cue(regions: list[Region]) -> float:
    """Source offset of the first short "Witnessed by:" line, or infinity."""
    found = [
        r.text.source_start(0)
        for r in regions
        if len(r.text.text) <= 40
        and ("itness" in r.text.text or "sence" in r.text.text)  # C before the regex
        and _WITNESS_CUE.fullmatch(r.text.text)
    ]
    return min(found, default=float("inf"))


# The first letters of every office line (see ``layout.signature.office_line``): most
# short clauses start otherwise, which one anchored match tells.
_MAY_BE_OFFICE = re.compile(r"\s*(?:(?i:the|le|la|l['’])\s*)?[VPCKQRÉESMAHT]").match


def office_row(i: int, text: str) -> _Row | None:
    """A ``signatory`` row for a signer's office line of a signature block ("President
    of the United States of America", "Prime Minister of the State of Israel"): the state
    the office is of, when the whole rest of the line is that state's name."""
    m = office_line(text)
    if m is None:
        return None
    s, e = m.span("state")
    hits = find_names(text[s:e])
    if (
        len(hits) != 1
        or hits[0].end != e - s
        or text[s : s + hits[0].start].strip() not in ("", "the", "la", "le", "l'", "l’")
    ):
        return None
    h = hits[0]
    if h.entity.entity_type != "state":
        return None
    return _Row(i, s + h.start, s + h.end, h.text, h.entity, "signatory", "", True)


def _party_rows(regions: list[Region], rows: list[_Row], opening: list[int]) -> list[_Row]:
    """The parties named in the opening, each once, in order of first appearance.

    A party needs a counterpart: one state alone is the author of its own statement,
    not a party (none then). Three or more are the signatories of a plurilateral text
    ("We – the Leaders of Australia, India, Japan and the United States")."""
    co_chair_spans = {(r.region_index, r.start) for r in rows if r.role == "co_chair"}
    chosen: dict[str, _Row] = {}
    order: list[str] = []
    unwritten: set[str] = set()  # named by a demonym or a compound part only
    for h in find_parties(regions, opening):
        if (h.region_index, h.start) in co_chair_spans:
            continue
        text = regions[h.region_index].text.text[h.start : h.end]
        eid = h.entity.entity_id or "name:" + fold_for_match(text)
        row = _Row(h.region_index, h.start, h.end, text, h.entity, "party")
        if eid not in chosen:
            chosen[eid] = row
            order.append(eid)
            if not h.written_name:
                unwritten.add(eid)
        elif h.written_name and eid in unwritten:
            # Prefer the name written out ("France", "European Union") over a demonym
            # ("franco") or a compound's part ("U.S.-EU") as the row's name.
            chosen[eid] = row
            unwritten.discard(eid)
    # Keep the order of first appearance, whatever occurrence names the row.
    out = [chosen[eid] for eid in order]
    if len(out) < 2:
        return []
    if len(out) >= 3:
        for row in out:
            row.role = "signatory"
    return out


# The title of a text its chair issues alone (see the module docstring).
_CHAIRS_TEXT = re.compile(
    r"\bchair(?:man|woman|person)?['’]?s\s+(?:statement|summary|conclusions)\b|"
    r"\b(?:statement|summary|conclusions)\s+(?:by|of)\s+the\s+(?:chair|presidency)\b|"
    r"\bpresidency\s+(?:statement|summary|conclusions)\b|"
    r"\b(?:déclaration|résumé|conclusions)\s+de\s+la\s+présidence\b",
    re.IGNORECASE,
)
_NOT_IN_CHAIRS_TEXT = {"signatory", "party"}


def _chairs_text(regions: list[Region]) -> bool:
    """Is the text's title (its first ``title`` region) that of a chair's statement?"""
    title = next((r for r in regions if r.kind == "title"), None)
    return title is not None and _CHAIRS_TEXT.search(title.text.text) is not None


def extract_signatories(
    regions: list[Region], document_id: str, language: str, title: Region | None = None
) -> tuple[list[SignatoryRow], list[Problem]]:
    """Signatory rows of one document (ordinals in reading order) and unmapped names.

    ``title``: the title of the page's front matter (``front_title``), read as the first
    line of the text; it is not among ``regions``, which the other extractors read."""
    if title is not None:
        regions = [title, *regions]
    raw = _rows(regions, language)
    if _chairs_text(regions):
        raw = [row for row in raw if row.role not in _NOT_IN_CHAIRS_TEXT]
    out: list[SignatoryRow] = []
    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    for row in raw:
        ent = row.entity
        if ent is not None and ent.entity_id:
            key = (ent.entity_id, row.role, row.initiative_id)
            if key in seen:
                continue
            seen.add(key)
        region = regions[row.region_index]
        s, e = region.text.source_span(row.start, row.end)
        if ent is None or not ent.entity_id:
            # a name of a list that matched no country or organisation of the index: the
            # row is kept (empty code) and the name is reported, with its span
            problems.append(
                Problem(
                    document_id,
                    "unmapped_name",
                    f"{row.name!r} ({row.role}) matched no country or organisation: "
                    "no ISO code or id",
                    s,
                    e,
                )
            )
        out.append(
            SignatoryRow(
                document_id=document_id,
                ordinal=len(out) + 1,
                name=row.name,
                name_en=ent.name_en if ent else "",
                iso3=ent.iso3 if ent else "",
                entity_type=ent.entity_type if ent else row.unknown,
                role=row.role,
                entity_id=ent.entity_id if ent else "",
                initiative_id=row.initiative_id,
                clause_id=region.clause_id,
                char_start=s,
                char_end=e,
            )
        )
    return out, problems
