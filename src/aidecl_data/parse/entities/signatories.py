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

Names are resolved by ``countries.lookup``; a list item that resolves to nothing is kept
with empty ``iso3`` and ``entity_id`` (``entity_type`` ``state`` by default) and reported
as a ``Problem(kind="unmapped_name")``. Countries merely mentioned in a clause are not
rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aidecl_data.parse.entities.countries import Entity, find_names, lookup
from aidecl_data.parse.entities.folding import may_hold
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
from aidecl_data.parse.entities.parties import find_parties
from aidecl_data.parse.layout.signature import party_phrases
from aidecl_data.parse.model import Problem, Region, SignatoryRow

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
    r"signatair|sign[ée]e?s?\b|signed|signator|endors|adh[ée]r|souscri|on behalf of|"
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
    if may_hold(context, _SIGNING_PIECES) and _SIGNING.search(context):
        return "signatory"
    return default


def _sentence_before(text: str, pos: int) -> str:
    """The stretch of ``text`` from the start of the sentence holding ``pos`` to ``pos``."""
    starts = [m.end() for m in _SENTENCE_START.finditer(text, 0, pos)]
    return text[starts[-1] if starts else 0 : pos]


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
    for i, r in enumerate(regions):
        text = r.text.text
        if r.kind == "signature" or (r.kind == "dateline" and may_hold(text, _BLOCK_PIECES)):
            # a "Pour le Gouvernement ..." line, or a signing statement that runs on into
            # the parties' blocks ("FAIT à Rabat, le ... *Pour le Royaume des Pays-Bas,*")
            rows += signature_rows(i, text)
            continue
        if r.kind == "clause" and may_hold(text, _BLOCK_PIECES) and _BLOCK_OPENER.search(text):
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
        if r.kind in _FRONT_KINDS and may_hold(text, _CO_CHAIR_PIECES):
            # co-chairs: the name or chain of names right after the cue, linked to the
            # event named last in the front matter (the summit the text comes from)
            for m in _CO_CHAIR.finditer(text):
                ini = front.last(i, m.start())
                for h in names_after(text, m.end()):
                    rows.append(_Row(i, h.start, h.end, h.text, h.entity, "co_chair", ini))
                    taken.append((h.start, h.end))
        if r.kind not in _TEXT_KINDS:
            continue
        # a members list set off by dashes inside a sentence ("The 68 members of ...
        # —Albania, ..., and Vietnam—met"): the members issue the text
        dashed = dashed_enumeration(text) if r.kind == "clause" and not taken else []
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
        # chains inside a sentence, only after a cue
        for chain in name_chains(text):
            if any(s < chain[-1].end and chain[0].start < e for s, e in taken):
                continue
            role = _role_from_cue(_sentence_before(text, chain[0].start), "")
            if not role:
                continue
            ini = _initiative_near(r, language) if role == "founding_member" else ""
            for h in chain:
                rows.append(_Row(i, h.start, h.end, h.text, h.entity, role, ini))
    rows.sort(key=lambda row: (row.region_index, row.start))
    if not any(row.role == "signatory" and not row.block for row in rows):
        # Parties open the text: they come first, in order of first appearance.
        rows = _party_rows(regions, rows) + rows
    return rows


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


def _party_rows(regions: list[Region], rows: list[_Row]) -> list[_Row]:
    co_chair_spans = {(r.region_index, r.start) for r in rows if r.role == "co_chair"}
    chosen: dict[str, _Row] = {}
    order: list[str] = []
    for h in find_parties(regions):
        if (h.region_index, h.start) in co_chair_spans:
            continue
        eid = h.entity.entity_id
        text = regions[h.region_index].text.text[h.start : h.end]
        row = _Row(h.region_index, h.start, h.end, text, h.entity, "party")
        if eid not in chosen:
            chosen[eid] = row
            order.append(eid)
        elif h.written_name and chosen[eid].name == chosen[eid].name.lower():
            # Prefer the country's name ("France") over a demonym ("franco") as the name.
            chosen[eid] = row
    # Keep the order of first appearance, whatever occurrence names the row.
    return [chosen[eid] for eid in order]


def extract_signatories(
    regions: list[Region], document_id: str, language: str
) -> tuple[list[SignatoryRow], list[Problem]]:
    """Signatory rows of one document (ordinals in reading order) and unmapped names."""
    raw = _rows(regions, language)
    out: list[SignatoryRow] = []
    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    for row in raw:
        ent = row.entity
        if ent is not None and row.role != "signatory":
            key = (ent.entity_id, row.role, row.initiative_id)
            if key in seen:
                continue
            seen.add(key)
        region = regions[row.region_index]
        s, e = region.text.source_span(row.start, row.end)
        if ent is None:
            problems.append(
                Problem(document_id, "unmapped_name", f"no ISO code or id for {row.name!r}")
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
