"""What the signatories do in a clause: its acts (ANNOTATION.md section 1), as rules.

A cue of the lexicon counts as an act only in the grammar of an act:

- a finite form (or a French future) needs a subject, and the subject must be the
  signatories: "nous"/"we", "les deux pays", "la France et l'Inde", a pronoun for them, or
  one named party (``single_party``). "qui salue", "to support", "can support", "our
  support", "la note", an infinitive at the head of a list item ("Promouvoir ...") and a
  verb whose subject is someone else ("L'initiative soutiendra") are not acts;
- a past participle needs its auxiliary ("ont reconnu", "se sont engagés", "sont
  convenus", "are committed"; *être* only for reflexive and *être*-verbs, so a passive
  "est adoptée" is not an act) or must open the sentence ("Convaincus de ...");
- a present participle opens the sentence ("Reconnaissant ...", "RECALLING ...") or is a
  French gerund of a verb of saying ("en saluant"; "en soutenant" is a means);
- a negated cue ("ne s'engagent pas", "do not support") is no act;
- "s'engager à" is COMMIT, "engager les États à" CALL_FOR; "convenir de / s'accorder sur /
  agree on" the importance or the need of something states a view (RECOGNIZE_AFFIRM);
  "soutenir que" asserts (RECOGNIZE_AFFIRM); "look forward to" + own action is INTEND;
- any French future with the signatories as subject ("participeront") and "will" + verb
  are INTEND; "shall" + verb is COMMIT.

A list item with no act of its own inherits the act of its lead-in's last sentence (its
evidence stays the lead-in's cue); see ``enrich.document_acts``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from aidecl_data.parse.enrich.context import (
    AUX_AVOIR,
    AUX_ETRE,
    COORDINATORS,
    DETERMINERS,
    NEGATION_PARTICLES,
    NOT_FINITE,
    OPENER_WORDS,
    REFLEXIVE,
    RELATIVE,
    Before,
)
from aidecl_data.parse.enrich.lexicon import ACT_STRENGTH, Cue, act_lexicon, hedge_pattern
from aidecl_data.parse.enrich.speakers import NO_SPEAKERS, Speakers, agent_actor, named_actor
from aidecl_data.parse.enrich.wordindex import scan_text


@dataclass(slots=True)
class Act:
    """One act found in a clause's cleaned text (offsets in that text)."""

    act: str
    actor: str
    start: int  # of the evidence (auxiliary or reflexive pronoun included)
    end: int
    sentence: int  # index of the sentence holding it

    @property
    def strength(self) -> int:
        return ACT_STRENGTH[self.act]


# -- sentences ------------------------------------------------------------------------------
_BOUNDARY = re.compile(r"[.;!?](?=\s+[\"«“(\[]?[A-ZÀ-ÖØ-Þ0-9])|[.;!?]\s*$")
_ABBREVIATION = re.compile(r"(?:\b\w{1,2}|\b\w+\.\w+|\b(?:Mr|Mrs|Ms|Dr|Jr|St|No|Nr|etc|cf))$")


def _may_abbreviate(text: str, p: int) -> bool:
    """False when ``_ABBREVIATION`` cannot match before the period at ``p``: the three
    characters before it are letters or digits (so the word is longer than two, as
    "\\b\\w{1,2}" needs), neither "Mrs" nor "etc", and no period stands in the 12 characters
    the pattern reads (as "U.S" needs). Most periods end a long word: no regex for them."""
    w = text[p - 3 : p] if p >= 3 else ""
    return not (w.isalnum() and w not in ("Mrs", "etc") and "." not in text[max(0, p - 12) : p])


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``: ends at . ; ! ? before a capital (or at the end);
    a period after an abbreviation ("M.", "U.S.", "H.H.") does not end one."""
    if "." not in text and ";" not in text and "!" not in text and "?" not in text:
        return [(0, len(text))]
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        p = m.start()
        if (
            text[p] == "."
            and _may_abbreviate(text, p)
            and _ABBREVIATION.search(text, max(0, p - 12), p)
        ):
            continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(text) and text[start:].strip():
        out.append((start, len(text)))
    return out or [(0, len(text))]


# -- the grammar around a cue ----------------------------------------------------------------
_ADV_FR = (
    r"(?:\w{1,20}ment|également|aussi|ainsi|donc|déjà|encore|tous|toutes|deux|ensemble|pas|plus|"
    r"bien|d['’]ores et déjà)"
)
_ADV_EN = r"(?:\w{1,20}ly|also|further|all|both|each|jointly|again|still|together|not|never)"


class _Complements(dict):
    """The complements a cue may require after it, by name; each pattern is only ever
    matched at one position, the end of the cue."""

    def match(self, key: str, text: str, pos: int) -> re.Match[str] | None:
        return self[key].match(text, pos)


_AFTER = _Complements(
    {
        "a": re.compile(
            rf"\s{{0,5}}+(?:{_ADV_FR}\s{{1,5}}+){{0,3}}(?:à|a|au|aux)\b", re.IGNORECASE
        ),
        "de": re.compile(
            rf"\s{{0,5}}+(?:{_ADV_FR}\s{{1,5}}+){{0,2}}(?:de\b|d['’]|du\b|des\b)", re.IGNORECASE
        ),
        "sur": re.compile(
            rf"\s{{0,5}}+(?:{_ADV_FR}\s{{1,5}}+){{0,2}}(?:sur|à|pour|de|d['’])", re.IGNORECASE
        ),
        "pour": re.compile(r"\s{0,5}+pour\b", re.IGNORECASE),
        "vision": re.compile(
            rf"\s{{0,5}}+(?:{_ADV_FR}\s{{1,5}}+){{0,2}}(?:une|la|leur|cette)\s{{1,5}}+vision\b",
            re.IGNORECASE,
        ),
        "inf": re.compile(
            rf"\s{{0,5}}+(?:{_ADV_FR}\s{{1,5}}+){{0,3}}(?:(?:[smlt]['’]|se\s{{1,5}}+|en\s{{1,5}}+|y\s{{1,5}}+|le\s{{1,5}}+|la\s{{1,5}}+|les\s{{1,5}}+|leur\s{{1,5}}+))?"
            r"\w{0,25}(?:er|ir|re|oir)\b",
            re.IGNORECASE,
        ),
        "to": re.compile(rf"\s{{0,5}}+(?:{_ADV_EN}\s{{1,5}}+){{0,2}}to\b", re.IGNORECASE),
        "for_on": re.compile(r"\s{0,5}+(?:for|on|upon)\b", re.IGNORECASE),
        "obj_to": re.compile(
            r"\s{0,5}+(?!to\b)[^.;:]{1,100}?\sto\s{1,5}+"
            r"(?!the\b|an?\b|this\b|these\b|our\b|their\b|its\b)[a-z]",
            re.IGNORECASE,
        ),
        "obj_a": re.compile(
            r"\s{0,5}+(?:les|la|le|l['’]|des|tous|toutes|chaque|leurs?|ses|son|sa|ces|cet|cette)\b"
            r"[^.;:]{0,80}?\s(?:à|a)\s",
            re.IGNORECASE,
        ),
    }
)
_VIEW_AFTER = re.compile(
    rf"\s{{0,5}}+(?:{_ADV_FR}\s{{1,5}}+){{0,2}}(?:de|d['’]|sur|on|upon|that)?\s{{0,5}}+"
    r"(?:l['’]importance|la nécessité|le besoin|l['’]intérêt|"
    r"the importance|the need|the necessity)",
    re.IGNORECASE,
)
# "welcome all nations to join": a welcome that asks others to act (CALL_FOR)
_INVITE_AFTER = re.compile(
    r"\s{1,5}+(?:(?:all|other|interested|like-minded|more)\s{1,5}+)*"
    r"(?:nations|countries|states|partners|governments|stakeholders|others|parties)"
    r"\s{1,5}+to\s{1,5}+[a-z]",
    re.IGNORECASE,
)
_THAT_AFTER = re.compile(r"\s{0,5}+(?:que|qu['’]|that)\b", re.IGNORECASE)
_ING_AFTER = re.compile(r"\s{0,5}+to\s{1,5}+\w{1,25}ing\b", re.IGNORECASE)
_ETRE_VERBS = frozenset({"convenir", "commit"})

# -- the subject --------------------------------------------------------------------------------
_WE = re.compile(r"^(?:(?:and|et|but|mais)\s+)?(?:nous|we|us)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:ils|elles|they|both)\b", re.IGNORECASE)
_GROUP = re.compile(
    r"^(?:(?:les|the|both|all)\s+)?(?:(?:deux|two|both|all)\s+)?"
    r"(?:pays|parties|chefs|dirigeants|gouvernements|participants|signataires|membres|"
    r"leaders|countries|partners|signatories|members|governments|sides|ministres|ministers|"
    r"présidents|presidents|nations|états|etats)\b"
    # each of the parties: all of them, distributively
    r"|^(?:chaque|each)\s+(?:partie|party|gouvernement|government|pays|country|[ée]tat|state|"
    r"participant|signataire|signatory|partner|partenaire|member|membre|"
    r"(?:[A-Z][\w-]*\s+)?(?:partner|member))\b",
    re.IGNORECASE,
)
# "CRI members", "the Quad partners", "previously participating states": a group named
# by its members
_NAMED_GROUP = re.compile(
    r"^(?!(?:the\s+)?united\s+states\b)(?:the\s+)?(?:[\w.’'-]+\s+){1,3}?"
    r"(?:members|partners|member states|states|leaders|"
    r"countries|governments|participants|signatories)\b(?!\s+of\b)",
    re.IGNORECASE,
)
_ARTICLE = r"(?:(?i:la|le|les|l['’]|the)\s*)?"
_NAME = r"(?:[A-ZÀ-ÖØ-Þ][\w.’'-]*)"
_PAIR = re.compile(rf"^{_ARTICLE}{_NAME}[^,;]{{0,160}}?\s(?:et|and|&)\s+{_ARTICLE}{_NAME}")
_NAMED = re.compile(rf"^(?:(?i:la|le|les|l['’]|the)\s*{_NAME}|[A-Z][A-Z.]{{1,}}\b)")
_TITLE = re.compile(
    r"^(?:president|président|prime minister|premier ministre|première ministre|chancellor|"
    r"secretary|minister|ministre|chancelière|chancelier)\b",
    re.IGNORECASE,
)
_SUBORDINATOR = re.compile(r"\b(?:que|qu['’]|qui|dont|that|which|who|whom)(?=\s|\w)", re.IGNORECASE)


def _may_subordinate(phrase: str) -> bool:
    """A necessary condition of a ``_SUBORDINATOR`` match, by substring tests: the pattern
    has no leading literal, so ``re`` tries it at every character of the stretch. (None of
    the letters these substrings need has a case-insensitive match in ``re`` beyond its
    two ASCII cases.)"""
    low = phrase.lower()
    return "qu" in low or "wh" in low or "that" in low or "dont" in low


_COORD_END = re.compile(r"(?:^|\s)(?:et|and|puis|then)\s*$", re.IGNORECASE)
_IMPERSONAL = re.compile(r"^(?:il|it|there|on|cela|ce|c['’]|this)\b", re.IGNORECASE)
_OPENING_WORD = re.compile(
    r"^(?:à cet égard|à cette fin|par ailleurs|en outre|enfin|ainsi|donc|de plus|dans ce contexte|"
    r"together|in particular|furthermore|moreover|to that end|to this end|also|hereby|herewith|"
    r"par la présente|en conséquence)\b[\s,]*",
    re.IGNORECASE,
)


_STRIP = " \t\n\xa0\u2009\u202f,;:«»\"“”'()*-"


@functools.lru_cache(maxsize=8192)
def classify_subject(phrase: str) -> str | None:
    """``collective``, ``single_party``, ``pronoun``, ``other`` or None (no subject), from
    the start of the words before a verb."""
    p = phrase.strip(_STRIP).strip()
    p = _OPENING_WORD.sub("", p)
    if not p:
        return None
    if _WE.match(p):
        return "collective"
    if _IMPERSONAL.match(p):
        return "other"
    if _PRONOUN.match(p):
        return "pronoun"
    if _GROUP.match(p) or _PAIR.match(p) or _NAMED_GROUP.match(p):
        return "collective"
    if _NAMED.match(p) or _TITLE.match(p):
        return "single_party"
    return "other"


def _segments_before(text: str, s0: int, pos: int) -> list[str]:
    """The comma-separated stretches of text between the sentence start and ``pos``
    (commas inside parentheses do not separate), first to last. A colon starts afresh:
    what stands before it is a heading or a lead ("Biotechnology: The United States is
    committed", "Talent Development: Foster talent"), not the subject."""
    stretch = text[s0:pos]
    if "(" not in stretch and ")" not in stretch:
        # the common case, no parentheses: the commas after the last colon split (the loop
        # below gives the same list, one Python step per punctuation mark; benchmarks/
        # README.md, "Sixth round")
        return stretch[stretch.rfind(":") + 1 :].split(",")
    out, depth, start = [], 0, s0
    for m in _PUNCT.finditer(text, s0, pos):
        c = m.group(0)
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c == ":":
            if depth == 0:
                out, start = [], m.end()
        elif depth == 0:
            out.append(text[start : m.start()])
            start = m.end()
    out.append(text[start:pos])
    return out


_PUNCT = re.compile(r"[(),:]")


SUBJECT_REACH = 300


def _subject(
    text: str,
    s0: int,
    pos: int,
    prev: str | None,
    implied: str | None = None,
    speakers: Speakers = NO_SPEAKERS,
) -> str | None:
    """The actor of a finite verb at ``pos`` (the start of its auxiliary or pronoun), or
    None when it has no subject.

    The subject is the stretch right before the verb ("Rappelant X, la France et l'Inde
    soulignent"), cut after a subordinator ("... des questions qu'il convient": "il").
    A verb right after "et"/"and" is coordinated: it shares the previous act's actor
    (``prev``); after an incise (nothing between the last comma and the verb) the first
    stretch of the sentence that names the signatories is the subject. A verb with
    nothing but connectives before it ("Hereby decide to:", "sont convenus de") takes
    the ``implied`` subject of a preamble or of a bare-subject lead-in, when there is one.

    A named subject is refined by the document's ``speakers`` (``speakers.named_actor``:
    "Le Comité mixte" is ``other``); a subject that is neither the signatories nor an
    agent ("il convient", "The work of the CRI") is ``impersonal`` (no act).
    """
    # the subject stands within SUBJECT_REACH characters of its verb: a bound, so that a
    # clause of thousands of cue words without a full stop costs linear time
    segments = _segments_before(text, max(s0, pos - SUBJECT_REACH), pos)
    last = segments[-1]
    # the pattern is anchored at the end: search only the last few characters (a space and
    # "puis"/"then" before the trailing blanks); ``^`` still matches only at 0
    if _COORD_END.search(last, max(0, len(last.rstrip()) - 6)):
        if prev:
            return prev
        if not _COORD_END.sub("", last).strip():
            segments = segments[:-1] or [""]
            last = segments[-1]
    sub = list(_SUBORDINATOR.finditer(last)) if _may_subordinate(last) else None
    if sub:
        phrase = last[sub[-1].end() :]
        return _refine(classify_subject(phrase), phrase, speakers)
    found = classify_subject(last) if last.strip() else None
    if found is not None and (found != "other" or len(segments) == 1):
        return _refine(found, last, speakers)
    for seg in segments[:-1]:
        earlier = classify_subject(seg)
        if earlier not in (None, "other"):
            return _refine(earlier, seg, speakers)
    if found is not None:
        # "Un consortium réunissant des institutions, des ministères ... mobilisera"
        first = agent_actor(segments[0], speakers)
        return first if first != "impersonal" else agent_actor(last, speakers)
    if implied and all(classify_subject(seg) is None for seg in segments):
        return implied
    return None


def _refine(actor: str | None, phrase: str, speakers: Speakers) -> str | None:
    """``classify_subject``'s answer made exact: a named subject is a signatory or not
    (``named_actor``); an ``other`` subject is someone (``other``) or no one
    (``impersonal``: "il", "cela", "the work of ...")."""
    if actor == "single_party":
        return named_actor(phrase, speakers)
    if actor == "other":
        return agent_actor(phrase, speakers)
    return actor


# -- finding acts ------------------------------------------------------------------------------
# run on the scanned copy (lower case, a space in front; see ``wordindex``)
_FUT_FR = re.compile(
    r" (\w{2,}(?:eront|erons|iront|irons|dront|drons|tront|trons|ront|rons|era|ira|dra))"
    r"(?![\w-])"
)
_NOT_ACTION_FUT = frozenset(
    {
        "seront",
        "serons",
        "sera",
        "auront",
        "aurons",
        "aura",
        "pourront",
        "pourrons",
        "pourra",
        "devront",
        "devrons",
        "devra",
        "voudront",
        "faudra",
        "environ",
        "patrons",
        "ira",
    }
)
_MODAL_EN = re.compile(rf" (will|shall)\s+(?:{_ADV_EN}\s+){{0,2}}(?!be\b|have\b|not\b)[a-z]\w+")
# (``find_acts`` runs _FUT_FR / _MODAL_EN only on a clause holding one of the substrings
# without which they cannot match: "ron", "era", "ira", "dra"; "will", "shall")
# a word right before a cue that makes it no finite verb: a determiner ("the support"),
# a preposition, "to", a modal, a relative pronoun (the lists of ``context``, not a copy)
_NOT_A_VERB_AFTER = DETERMINERS | NOT_FINITE | RELATIVE


@functools.cache
def _participle_forms(lang: str) -> frozenset[str]:
    """The lexicon forms of ``lang`` that have a participle reading."""
    forms, _ = act_lexicon(lang)
    return frozenset(
        k for k, cues in forms.items() if any(c.form_type in ("pp", "ppr") for c in cues)
    )


def find_acts(
    text: str,
    lang: str,
    scan: str | None = None,
    sents: list[tuple[int, int]] | Callable[[], list[tuple[int, int]]] | None = None,
    implied: str | None = None,
    parties: bool = False,
    speakers: Speakers = NO_SPEAKERS,
    places=None,
) -> list[Act]:
    """The acts of one clause's text, in text order (``scan`` and ``sents``, its
    ``scan_text`` and ``sentences``, when the caller has them already; ``sents`` may be a
    function that splits them, called only when the clause has a candidate cue;
    ``places``, where the act lexicon may match in ``scan``, from ``places.document_scans``:
    the lexicon pattern is tried there only).

    ``implied``: the actor of a verb with no subject before it (a preamble "WE, the
    Member States ...;" or a lead-in "Les Parties :" names it, see ``implied_subject``);
    ``parties``: that subject is the parties of a treaty, so a present tense opening the
    clause ("Informent régulièrement ...") is operative; ``speakers``: the document's
    signatories, which decide whether a named subject is one of them (``single_party``)
    or someone else (``other``: the act is kept, with that actor, for the reader to audit;
    ``clause_profile`` leaves it out of the clause's primary act)."""
    lang = lang if lang in ("fr", "en") else "en"
    scan = scan or scan_text(text)
    # (start, kind, end, word) in the text; a lexicon form before any other reading
    if places is None:
        candidates = [
            (a, "lex", e - 1, scan[a + 1 : e])
            for m in act_lexicon(lang)[1].pattern.finditer(scan)
            for a, e in (m.span(),)
        ]
    elif places:
        # ``places.confirmed``, inlined: the pattern tried at the places only
        candidates = []
        match = act_lexicon(lang)[1].pattern.match
        e = 0
        for p in places:
            if p >= e and (m := match(scan, p)):
                e = m.end()
                candidates.append((p, "lex", e - 1, scan[p + 1 : e]))
    else:
        candidates = []
    if lang == "fr":
        extra, kind = _FUT_FR, "fut"
        hinted = "ron" in scan or "era" in scan or "ira" in scan or "dra" in scan
    else:
        extra, kind = _MODAL_EN, "modal"
        hinted = "will" in scan or "shall" in scan
    n_lex = len(candidates)
    if hinted:  # a substring test costs nothing
        candidates += [(m.start(), kind, m.end() - 1, m.group(1)) for m in extra.finditer(scan)]
    if lang == "fr" and (parties or " partie" in scan):
        candidates += _operative_present(scan, parties)
    extras = len(candidates) > n_lex
    if not candidates:
        return []
    forms = act_lexicon(lang)[0]
    participles = _participle_forms(lang)
    sents = (sents() if callable(sents) else sents) or sentences(text)
    if extras:  # lexicon matches alone come in text order already
        candidates.sort(key=lambda c: (c[0], c[1] != "lex"))
    sentence_starts = [a for a, _ in sents]
    found: list[Act] = []
    # one context for the clause, moved from candidate to candidate
    ctx = _Context(text, scan, None, 0, 0, 0, found, 0, implied, speakers)

    def resolve(actor: str | None) -> str | None:
        if actor == "pronoun":
            return next((a.actor for a in reversed(found) if a.actor), "collective")
        return actor

    last_end = -1
    bisect_right = bisect.bisect_right
    for pos, kind, end, word in candidates:
        if pos < last_end:
            continue
        if found and pos - found[-1].end <= 3 and not text[found[-1].end : pos].strip():
            continue  # right after an act's verb it is its object: "welcome calls for"
        key = word if "  " not in word else _fold(word)
        si = bisect_right(sentence_starts, pos) - 1
        s0 = sents[si][0]
        b = Before(scan, s0, pos)
        # the commonest rejections (determiner, "to", modal, relative pronoun right before):
        # only a participle reading could survive them
        if kind != "modal" and b.n and b.words[-1] in _NOT_A_VERB_AFTER and key not in participles:
            continue
        ctx.b, ctx.s0, ctx.pos, ctx.end, ctx.si = b, s0, pos, end, si
        if _negated(ctx, lang):
            continue
        hit = None
        if kind == "lex":
            for cue in forms.get(key, ()):
                hit = _check(cue, ctx)
                if hit:
                    break
        elif kind == "fut":
            if word in _NOT_ACTION_FUT or b.word(b.n - 1) in DETERMINERS:
                continue
            hit = _finite("INTEND", ctx)
        elif kind == "pres":
            hit = _finite("COMMIT", ctx)
        else:
            hit = _finite("INTEND" if word == "will" else "COMMIT", ctx)
        if not hit:
            continue
        act, actor, start = hit
        actor = resolve(actor)
        if actor in (None, "impersonal"):
            continue
        found.append(Act(act, actor, start, end, si))
        last_end = end
    # participle openers take the actor of their sentence's main verb
    for a in found:
        if a.actor == "opener":
            main = next(
                (b for b in found if b.sentence == a.sentence and b.actor != "opener"), None
            )
            a.actor = main.actor if main else "collective"
    return found


# French treaty grammar: the parties' present tense is operative (the French of "shall"):
# "Les Parties informent ...", "Chaque Partie contractante accorde ...", and an item that
# opens with a plural present under the lead-in "Les Parties :" ("Informent ...").
_PARTIES_PRESENT = re.compile(
    r" (?:les (?:hautes )?parties(?: contractantes)?|chaque partie(?: contractante)?)"
    r"((?: (?:s|se|ne|n|leur|lui|y|en|également|aussi|mutuellement|conjointement))*)"
    r" (\w{2,}(?:ent|e|it|ut|nd|ait))(?![\w-])"
)
_LEADING_PLURAL = re.compile(r" [\s*\-–—]*(\w{2,}ent)(?![\w-])")
_NOT_OPERATIVE = frozenset(
    {
        "sont",
        "ont",
        "est",
        "a",
        "peuvent",
        "peut",
        "pourraient",
        "pourrait",
        "restent",
        "reste",
        "demeurent",
        "demeure",
        "entre",
        "entrent",
        "font",
        "fait",
    }
)


_ADVERB_ENDINGS = ("ement", "ément", "amment", "emment")


def _operative_present(scan: str, parties: bool) -> list[tuple[int, str, int, str]]:
    """Candidates (start, "pres", end, word) for the parties' operative present."""
    out = []
    for m in _PARTIES_PRESENT.finditer(scan):
        if m.group(2) not in _NOT_OPERATIVE:
            out.append((m.start(2) - 1, "pres", m.end(2) - 1, m.group(2)))
    if parties:
        m = _LEADING_PLURAL.match(scan)
        word = m.group(1) if m else ""
        if m and word not in _NOT_OPERATIVE and not word.endswith(_ADVERB_ENDINGS):
            out.append((m.start(1) - 1, "pres", m.end(1) - 1, m.group(1)))
    return out


@dataclass(slots=True)
class _Context:
    """A cue and what is around it: the clause text and its scanned copy, the words before
    the cue (``Before``; index ``b.n`` is the cue), its sentence start, its span, the acts
    found so far in the clause and the index of the cue's sentence. ``find_acts`` makes one
    per clause and moves it from candidate to candidate (cheaper than one per cue)."""

    text: str
    scan: str
    b: Before | None
    s0: int
    pos: int
    end: int
    found: list[Act]
    si: int
    implied: str | None = None  # the subject of a preamble or bare-subject lead-in
    speakers: Speakers = NO_SPEAKERS  # the document's signatories

    def prev(self, pos: int) -> str | None:
        """The actor of the last act before ``pos`` in the cue's sentence."""
        si = self.si
        for a in reversed(self.found):
            if a.sentence == si and a.start < pos and a.actor:
                return a.actor
        return None


def _fold(form: str) -> str:
    """The lexicon key of a scanned form (single spaces)."""
    return " ".join(form.split())


_NOT_NEVER = frozenset({"not", "never"})
_NEG_EN_CONTRACTED = frozenset({"don", "doesn", "didn", "won", "can", "cannot", "shan"})
_ETRE_FR = frozenset({"sont", "sommes", "est", "seront", "serons", "étaient", "étions"})
_PROGRESSIVE_AUX = frozenset({"are", "is", "am", "were", "was"})
_SHARED_AUX = frozenset({"ont", "avons", "a", "have", "has"})


def _negated(c: _Context, lang: str) -> bool:
    """ "ne s'engagent pas", "ne se sont pas engagés", "do not support", "never endorse"."""
    b = c.b
    if lang == "fr":
        near = b.words[max(0, b.n - 4) :]
        if "ne" not in near and "n" not in near:
            return False
        after = c.scan[c.end + 1 : c.end + 16].split()[:1]
        return (
            b.word(b.n - 1) in NEGATION_PARTICLES
            or b.word(b.n - 2) in NEGATION_PARTICLES
            or (bool(after) and after[0] in NEGATION_PARTICLES)
        )
    words, n = b.words, b.n
    w1 = words[-1] if n else ""
    w2 = words[-2] if n > 1 else ""
    if w1 in _NOT_NEVER or w2 in _NOT_NEVER:
        return True
    if w1 == "t" and w2 in _NEG_EN_CONTRACTED:
        return True
    return w2 == "no" and w1 == "longer"


def _reflexive(b: Before) -> int | None:
    """Index of the word where a reflexive construction before the cue starts ("s'",
    "se sont", "nous nous", "ne se sont pas"), or None (read once per cue)."""
    if b.reflexive is b.UNREAD:
        b.reflexive = _read_reflexive(b)
    return b.reflexive


def _read_reflexive(b: Before) -> int | None:
    j = b.back(b.n, skip_negation=True)
    if j < 0:
        return None
    word = b.word(j)
    if word in REFLEXIVE:
        return j
    if word == "nous" and b.word(j - 1) == "nous":
        return j - 1
    if word in _ETRE_FR:
        k = b.back(j, skip_negation=True)
        if b.word(k) in REFLEXIVE:
            return k
        if b.word(k) == "nous" and b.word(k - 1) == "nous":
            return k - 1
    return None


def _finite(act: str, c: _Context):
    """(act, actor, start) for a finite verb when it has a signatory subject."""
    b = c.b
    refl = _reflexive(b)
    k = refl if refl is not None else b.n
    before = b.word(b.back(k))
    if before in RELATIVE or before in NOT_FINITE:
        return None
    if b.word(k - 1) in DETERMINERS:
        return None
    if before in COORDINATORS and _after_to(b, b.back(k)):
        return None
    start = b.start_of(k)
    actor = _subject(c.text, c.s0, start, c.prev(start), c.implied, c.speakers)
    if actor is None:
        return None
    return act, actor, start


def _after_to(b: Before, j: int) -> bool:
    """Whether the coordinator at word ``j`` joins two infinitives: "to educate youth and
    support entrepreneurship", "inviting users to join the Challenge and pledge" (the
    second verb is an infinitive too, not a finite verb of the signatories)."""
    for i in range(j - 1, max(-1, j - 7), -1):
        w = b.word(i)
        if w[-1:] in ",;:." or w in COORDINATORS:
            return False
        if w == "to":
            return True
    return False


def _opener(b: Before, k: int) -> bool:
    """Whether word ``k`` opens its sentence (at most a connective before it)."""
    return b.at_sentence_start and k <= 2 and all(w in OPENER_WORDS for w in b.words[:k])


def _check(cue: Cue, c: _Context):
    """(act, actor, evidence start) when the form at ``c`` is ``cue`` used as an act."""
    text, end, b = c.text, c.end, c.b
    after = cue.after
    if after and after in _AFTER and not _AFTER[after].match(text, end):
        return None
    refl = _reflexive(b)
    if cue.refl == "refl" and refl is None:
        return None
    if cue.refl == "norefl" and refl is not None:
        return None
    act = cue.act
    if act == "AGREE_DECIDE" and _VIEW_AFTER.match(text, end):
        act = "RECOGNIZE_AFFIRM"
    if cue.lemma == "soutenir" and _THAT_AFTER.match(text, end):
        act = "RECOGNIZE_AFFIRM"
    if cue.lemma == "welcome" and _INVITE_AFTER.match(text, end):
        act = "CALL_FOR"
    if cue.lemma == "look forward":
        act = "INTEND" if _ING_AFTER.match(text, end) else "SUPPORT_WELCOME"
    if cue.form_type == "fut" and act == "AGREE_DECIDE":
        act = "INTEND"  # "décideront si ...": a decision announced, not taken
    if cue.form_type in ("f", "fut"):
        return _finite(act, c)
    if cue.form_type == "pp":
        k = refl if refl is not None else b.n
        j = b.back(b.n)
        aux_avoir = j if refl is None and b.word(j) in AUX_AVOIR else None
        etre_ok = (
            cue.refl == "refl" or cue.lemma.startswith(("être ", "be ")) or cue.lemma in _ETRE_VERBS
        )
        aux_etre = j if etre_ok and b.word(j) in AUX_ETRE else None
        aux = aux_avoir if aux_avoir is not None else aux_etre
        if aux is not None:
            k = min(k, aux)
            if b.word(b.back(k)) in RELATIVE:
                return None
            start = b.start_of(k)
            actor = _subject(text, c.s0, start, c.prev(start), c.implied, c.speakers)
            return (act, actor, start) if actor else None
        if _opener(b, k):
            return act, "opener", b.start_of(k)
        j = b.back(k)
        if b.word(j) in COORDINATORS:
            # "ont recensé les priorités et lancé": a participle sharing an auxiliary
            for a in range(j - 1, max(0, j - 14) - 1, -1):
                if b.word(a) in _SHARED_AUX:
                    start = b.start_of(a)
                    actor = _subject(text, c.s0, start, c.prev(start), c.implied, c.speakers)
                    return (act, actor, b.start_of(k)) if actor else None
        return None
    if cue.form_type == "ppr":
        j = b.back(b.n)
        if b.word(j) in _PROGRESSIVE_AUX:
            # "we are launching": a present progressive is a finite verb
            if b.word(b.back(j)) in RELATIVE:
                return None
            start = b.start_of(j)
            actor = _subject(text, c.s0, start, c.prev(start), c.implied, c.speakers)
            return (act, actor, start) if actor else None
        if _opener(b, b.n):
            return act, "opener", c.pos
        if b.word(b.n - 1) == "en" and not cue.practical:
            actor = (
                c.prev(c.pos)
                or _subject(text, c.s0, c.pos, None, c.implied, c.speakers)
                or "collective"
            )
            return act, actor, c.pos
        return None
    return None


def hedged(text: str, lang: str, scan: str | None = None, places=None) -> bool:
    """Whether ``text`` holds a hedge (ANNOTATION.md: the act is softened); ``places``:
    where the hedge lexicon may match in ``scan`` (``places.document_scans``)."""
    if places is not None and not places:
        return False
    lexicon = hedge_pattern(lang if lang in ("fr", "en") else "en")
    if places is not None:
        match = lexicon.pattern.match
        return any(match(scan, p) for p in places)
    return bool(lexicon.pattern.search(scan or scan_text(text)))


def primary(acts: list[Act]) -> Act | None:
    """The act of highest strength, the first in the text on a tie; an act of someone
    who is not a signatory (actor ``other``) only when the signatories have none (as in
    the view ``clause_profile``)."""
    best = None
    for a in acts:
        if best is None or (a.actor != "other", a.strength) > (
            best.actor != "other",
            best.strength,
        ):
            best = a
    return best
