"""One document's ``clause_acts`` and ``clause_themes`` rows, with spans in the source.

Acts and themes are read on each clause's cleaned text (``Region.text``), then mapped
back to the decoded source, so ``source[char_start:char_end]`` is the evidence (the
``cue`` / ``evidence`` column holds exactly that slice). A list item with no act of its
own inherits the primary act of its lead-in's last sentence (ANNOTATION.md: "the lead-in
carries the act too"); the inherited row keeps the lead-in's cue and says which clause
holds it (``cue_clause_id``). A list whose items are cut from their lead-in by headings
or comments (no parent clause) still completes the last lead-in before it, as long as only
items came after that lead-in.

A subject may stand in another clause than its verb (``implied_subject``): a preamble
("WE, the Member States ...;", "Le Gouvernement de ... et le Gouvernement de ...,") is the
subject of the later subject-less verbs of the document ("Hereby decide to:", "sont
convenus des dispositions suivantes :"), and a bare-subject lead-in ("Les Parties :") is
the subject of the items after it ("Informent régulièrement ...").
"""

from __future__ import annotations

import re

from aidecl_data.parse.enrich.acts import (
    Act,
    classify_subject,
    find_acts,
    hedged,
    primary,
    sentences,
)
from aidecl_data.parse.enrich.lexicon import ACT_STRENGTH
from aidecl_data.parse.enrich.places import document_scans
from aidecl_data.parse.enrich.speakers import Speakers, named_actor, speakers_of
from aidecl_data.parse.enrich.themes import find_themes
from aidecl_data.parse.model import ClauseActRow, ClauseRow, ClauseThemeRow, Region, SignatoryRow


def document_rows(
    clauses: list[ClauseRow],
    regions: list[Region],
    source: str,
    document_id: str,
    language: str,
    signatories: list[SignatoryRow] | None = None,
    title: str = "",
) -> tuple[list[ClauseActRow], list[ClauseThemeRow]]:
    """Every act and theme of the document's clauses, in reading order (``signatories``,
    the document's parsed ones, tell a named subject that signs from one that does not;
    ``title`` names the body that issues the text)."""
    speakers = speakers_of(signatories or (), title)
    text_of = {r.clause_id: r.text for r in regions if r.kind == "clause" and r.clause_id}
    acts: list[ClauseActRow] = []
    themes: list[ClauseThemeRow] = []
    # clause_id -> what a list under it inherits: (act, hedged, clause holding the cue,
    # that cue's source span, mapped once for all the items)
    lead: dict[str, tuple[Act, bool, str, tuple[int, int] | None] | None] = {}
    preamble: tuple[str, bool] | None = None  # subject for the document's later clauses
    list_subject: tuple[str, bool] | None = None  # subject for the items after "Les Parties :"
    open_lead: str | None = None  # the last lead-in, while only items follow it
    no_subject = (None, False)
    read = []  # (clause_id, mapped text, text, shift, scanned copy, sentences if split,
    # theme places)
    # each step over all the clauses in turn (scanned copies, acts, themes), not one clause
    # through every step: the same regexes and rules run back to back
    texts = [(c, m) for c in clauses if (m := text_of.get(c.clause_id)) is not None]
    # every scanned copy, and where each lexicon may match in it, in one pass (``places``)
    scans = document_scans([m.text for _, m in texts], language)
    for (c, mapped), (scan, act_places, hedge_places, theme_places) in zip(
        texts, scans, strict=True
    ):
        clause_id = c.clause_id
        text = mapped.text
        is_item = c.kind == "item"
        # sentences are split only for a clause that needs them (most have no cue)
        sents: list[tuple[int, int]] | None = None

        def split(text=text) -> list[tuple[int, int]]:
            nonlocal sents
            if sents is None:
                sents = sentences(text)
            return sents

        if not is_item:
            list_subject = None
        implied = list_subject if is_item else preamble
        found = find_acts(
            text, language, scan, split, *(implied or no_subject), speakers, act_places
        )
        bare = None
        if not (found and found[0].sentence == 0) and _may_open_with_subject(text):
            bare = implied_subject(text, split(), found, speakers)
        colon = text.rstrip().endswith(":")
        if bare is not None:
            sents = split()
            if len(sents) > 1 and bare != implied:  # "Le Gouvernement ... ; Sont convenus"
                found = find_acts(text, language, scan, sents, *bare, speakers, act_places)
            if not is_item:
                preamble = bare
            if colon:
                list_subject = bare
        # span of a cue in this clause's text: a verbatim clause (one 1:1 segment, most
        # of them) shifts the offsets, the others go through the mapping
        shift = _verbatim_shift(mapped)
        n = 0
        inherited_lead = None
        if found:
            is_hedged = hedged(text, language, scan, hedge_places)
            own_spans: dict[int, tuple[int, int] | None] = {}
            for a in found:
                span = _span(mapped, text, shift, a.start, a.end)
                own_spans[id(a)] = span
                if span is None:
                    continue
                s, e = span
                n += 1
                acts.append(
                    ClauseActRow(
                        clause_id,
                        document_id,
                        n,
                        a.act,
                        ACT_STRENGTH[a.act],
                        a.actor,
                        is_hedged,
                        False,
                        source[s:e],
                        clause_id,
                        s,
                        e,
                    )
                )
            # what a list under this clause inherits: the primary act of its last sentence
            last = split()[-1][0]
            own = primary([a for a in found if a.start >= last])
            if own is not None:
                h = is_hedged and hedged(text[last:], language)
                lead[clause_id] = (own, h, clause_id, own_spans[id(own)])
            else:
                lead[clause_id] = None
        elif is_item and (
            inherited_lead := lead.get(c.parent_clause_id if c.parent_clause_id else open_lead)
        ):
            # the inherited act's offsets are in the lead-in's text, mapped there once
            parent_act, parent_hedged, holder, span = inherited_lead
            is_hedged = hedged(text, language, scan, hedge_places) or parent_hedged
            if span is not None:
                s, e = span
                acts.append(
                    ClauseActRow(
                        clause_id,
                        document_id,
                        1,
                        parent_act.act,
                        ACT_STRENGTH[parent_act.act],
                        parent_act.actor,
                        is_hedged,
                        True,
                        source[s:e],
                        holder,
                        s,
                        e,
                    )
                )
            lead[clause_id] = (parent_act, is_hedged, holder, span)
        else:
            lead[clause_id] = None
        if colon and lead[clause_id] is not None:
            open_lead = clause_id
        elif not is_item:
            open_lead = None
        if theme_places:
            read.append((clause_id, mapped, text, shift, scan, sents or None, theme_places))
    # themes depend on no other clause: read in a second pass, one lexicon at a time (only
    # the clauses where the theme lexicon may match)
    for clause_id, mapped, text, shift, scan, sents, places in read:
        for theme, ts, te in find_themes(text, language, scan, sents, places):
            span = _span(mapped, text, shift, ts, te)
            if span is None:
                continue
            s, e = span
            themes.append(ClauseThemeRow(clause_id, document_id, theme, source[s:e], s, e))
    return acts, themes


_PARTIES = re.compile(r"^\W*(?:(?:les|the)\s+(?:hautes\s+)?parties|chaque\s+partie)\b", re.I)


def _may_open_with_subject(text: str) -> bool:
    """A cheap necessary condition of ``implied_subject``: the clause starts with the
    signatories (the first sentence is a prefix of the text). The anchored tests of
    ``_noun_phrase`` come first ("we," or an article opening the first sentence opens the
    text too): most clauses fail them, and ``classify_subject`` on a clause seen for the
    first time runs a dozen regexes."""
    if not (_ARTICLE_START.match(text) or _WE_COMMA.match(text)):
        return False
    return classify_subject(text[:200]) in ("collective", "single_party")


_WE_COMMA = re.compile(r"^\W*(?:we|nous)\W*,", re.I)
_ARTICLE_START = re.compile(r"^\W*(?:the|le|la|les|l['’]|chaque|each)\b", re.I)
_PARENTHESES = re.compile(r"\([^()]*\)")
_VERB_ENDINGS = ("ed", "ent", "ont")


def _noun_phrase(first: str) -> bool:
    """Whether a first sentence is a subject set off by punctuation, not a heading or a
    sentence: "WE, the Member States ... met ...;" (we and a comma), or an article or
    "chaque"/"each", at most 25 words (parentheses left out) and no word with a past or
    third-person plural ending ("discussed", "conviennent"; "-ment" nouns are fine)."""
    if _WE_COMMA.match(first):
        return True
    if not _ARTICLE_START.match(first):
        return False
    words = _PARENTHESES.sub(" ", first).lower().split()
    if len(words) > 25:
        return False
    words = [w.strip(".,;:!?«»\"“”'") for w in words]
    return not any(w.endswith(_VERB_ENDINGS) and not w.endswith("ment") for w in words)


def implied_subject(
    text: str, sents: list[tuple[int, int]], found: list[Act], speakers: Speakers | None = None
) -> tuple[str, bool] | None:
    """(actor, the parties of a treaty?) when the clause opens with a bare subject: a
    first sentence that names the signatories, performs no act and stops at a comma,
    semicolon or colon, as a preamble or a lead-in does ("WE, the Member States of ASEAN
    and the United States, met ...;", "Les Parties :")."""
    s0, e0 = sents[0]
    first = text[s0:e0].rstrip()
    if not first or first[-1] not in ",;:" or any(a.sentence == 0 for a in found):
        return None
    if not _noun_phrase(first):
        return None
    actor = classify_subject(first[:200])
    if actor == "single_party" and speakers is not None:
        actor = named_actor(first[:200], speakers)  # "Le Comité mixte :" is no signatory
    if actor not in ("collective", "single_party"):
        return None
    return actor, bool(_PARTIES.match(first))


def _verbatim_shift(mapped) -> int | None:
    """The offset to add to a position of ``mapped.text`` to get its source position when
    the text is one 1:1 segment (``MappedText.source_span``'s own fast path), else None."""
    t = mapped._t
    if len(t) == 1 and mapped._tl[0] == mapped._sl[0]:
        return mapped._s[0] - t[0]
    return None


def _span(mapped, text: str, shift: int | None, start: int, end: int) -> tuple[int, int] | None:
    """``_source_span`` with the verbatim case written out: blanks at either end left out,
    then the offsets shifted (a 1:1 span has the length of the words, so it is kept)."""
    if (
        shift is not None
        and 0 <= start < end <= len(text)
        and not text[start].isspace()
        and not text[end - 1].isspace()
    ):
        return start + shift, end + shift
    return _source_span(mapped, start, end)


def _source_span(mapped, start: int, end: int) -> tuple[int, int] | None:
    """Source span of ``mapped.text[start:end]``, leading and trailing blanks left out;
    None when the words are not together in the source (the cleaned text joined them
    across removed material, such as a footnote between "bien" and "social"), since such
    a span would not show the reader the words that justify the label."""
    text = mapped.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    s, e = mapped.source_span(start, end)
    if (e - s) - (end - start) > max(3, (end - start) // 5):
        return None
    return s, e
