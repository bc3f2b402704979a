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

import functools
import re
from dataclasses import dataclass

from aidecl_data.parse.enrich.lexicon import ACT_STRENGTH, Cue, act_lexicon, hedge_pattern


@dataclass
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


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``: ends at . ; ! ? before a capital (or at the end);
    a period after an abbreviation ("M.", "U.S.", "H.H.") does not end one."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if text[m.start()] == "." and _ABBREVIATION.search(text, 0, m.start()):
            continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(text) and text[start:].strip():
        out.append((start, len(text)))
    return out or [(0, len(text))]


# -- the grammar around a cue ----------------------------------------------------------------
_ADV_FR = (
    r"(?:\w+ment|également|aussi|ainsi|donc|déjà|encore|tous|toutes|deux|ensemble|pas|plus|"
    r"bien|d['’]ores et déjà)"
)
_ADV_EN = r"(?:\w+ly|also|further|all|both|each|jointly|again|still|together|not|never)"
_REFL_FR = re.compile(
    r"(?:\bs['’]|\bse\s+|\bnous\s+nous\s+|\bvous\s+vous\s+)"
    rf"(?:(?:sont|sommes|est|seront|serons|étaient|étions)\s+(?:{_ADV_FR}\s+){{0,3}})?$",
    re.IGNORECASE,
)
_AUX_AVOIR = re.compile(
    rf"\b(?:ont|avons|a|avait|avaient|avions|auront|aurons|ayant)\s+(?:{_ADV_FR}\s+){{0,3}}$"
    rf"|\b(?:have|has|had|having)\s+(?:{_ADV_EN}\s+){{0,3}}$",
    re.IGNORECASE,
)
_AUX_ETRE = re.compile(
    rf"\b(?:sont|sommes|est|étaient|étions|seront|serons|étant|demeurent|restent)\s+(?:{_ADV_FR}\s+){{0,3}}$"
    rf"|\b(?:are|is|was|were|be|been|remain|remains|stand|stands)\s+(?:{_ADV_EN}\s+){{0,3}}$",
    re.IGNORECASE,
)
_NEG_BEFORE = re.compile(
    r"\b(?:ne|n['’])\s*(?:\S+\s+){0,3}$|\b(?:not|never|n['’]t|no longer)\s+(?:\S+\s+){0,1}$",
    re.IGNORECASE,
)
_NEG_AFTER = re.compile(r"^\s*(?:pas|plus|jamais|point|guère|nullement)\b", re.IGNORECASE)
_NEG_WORD = re.compile(r"\b(?:pas|plus|jamais|point|guère)\s+$", re.IGNORECASE)
_RELATIVE = re.compile(
    rf"\b(?:qui|que|qu['’]|dont|lesquel\w*|which|that|who|whom)\s+(?:(?:{_ADV_FR}|{_ADV_EN})\s+){{0,2}}$",
    re.IGNORECASE,
)
_NOT_FINITE = re.compile(
    r"\b(?:to|can|could|should|may|might|must|would|will|shall|de|d['’]|à|pour|afin de)\s+"
    rf"(?:{_ADV_EN}\s+){{0,2}}$",
    re.IGNORECASE,
)
_DETERMINER = re.compile(
    r"(?:\b(?:the|a|an|our|their|its|this|these|those|his|her|of|for|with|any|no|such|"
    r"la|le|les|un|une|des|du|cette|ce|leur|leurs|notre|nos|sa|son|ses|votre)\s+|\bl['’])$",
    re.IGNORECASE,
)
_COORDINATED = re.compile(r"(?:^|,|\bet|\band|\bpuis|\bthen)\s*$", re.IGNORECASE)
_GERUND_FR = re.compile(r"\b(?:en|tout en)\s+$", re.IGNORECASE)
_OPENER_PREFIX = re.compile(
    r"^[\s\"«“(\[*-]*(?:(?:further|also|and|et|moreover|furthermore|enfin|de plus)\s+)?$",
    re.IGNORECASE,
)
_AFTER: dict[str, re.Pattern[str]] = {
    "a": re.compile(rf"\s*(?:{_ADV_FR}\s+){{0,3}}(?:à|a|au|aux)\b", re.IGNORECASE),
    "de": re.compile(rf"\s*(?:{_ADV_FR}\s+){{0,2}}(?:de\b|d['’]|du\b|des\b)", re.IGNORECASE),
    "sur": re.compile(rf"\s*(?:{_ADV_FR}\s+){{0,2}}(?:sur|à|pour|de|d['’])", re.IGNORECASE),
    "pour": re.compile(r"\s*pour\b", re.IGNORECASE),
    "vision": re.compile(
        rf"\s*(?:{_ADV_FR}\s+){{0,2}}(?:une|la|leur|cette)\s+vision\b", re.IGNORECASE
    ),
    "inf": re.compile(
        rf"\s*(?:{_ADV_FR}\s+){{0,3}}(?:(?:[smlt]['’]|se\s+|en\s+|y\s+|le\s+|la\s+|les\s+|leur\s+))?"
        r"\w*(?:er|ir|re|oir)\b",
        re.IGNORECASE,
    ),
    "to": re.compile(rf"\s*(?:{_ADV_EN}\s+){{0,2}}to\b", re.IGNORECASE),
    "for_on": re.compile(r"\s*(?:for|on|upon)\b", re.IGNORECASE),
    "obj_a": re.compile(
        r"\s*(?:les|la|le|l['’]|des|tous|toutes|chaque|leurs?|ses|son|sa|ces|cet|cette)\b"
        r"[^.;:]{0,80}?\s(?:à|a)\s",
        re.IGNORECASE,
    ),
}
_VIEW_AFTER = re.compile(
    rf"\s*(?:{_ADV_FR}\s+){{0,2}}(?:de|d['’]|sur|on|upon|that)?\s*"
    r"(?:l['’]importance|la nécessité|le besoin|l['’]intérêt|"
    r"the importance|the need|the necessity)",
    re.IGNORECASE,
)
_THAT_AFTER = re.compile(r"\s*(?:que|qu['’]|that)\b", re.IGNORECASE)
_ING_AFTER = re.compile(r"\s*to\s+\w+ing\b", re.IGNORECASE)
_ETRE_VERBS = frozenset({"convenir", "commit"})

# -- the subject --------------------------------------------------------------------------------
_WE = re.compile(r"^(?:nous|we|us)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:ils|elles|they|both)\b", re.IGNORECASE)
_GROUP = re.compile(
    r"^(?:(?:les|the|both|all)\s+)?(?:(?:deux|two|both|all)\s+)?"
    r"(?:pays|parties|chefs|dirigeants|gouvernements|participants|signataires|membres|"
    r"leaders|countries|partners|signatories|members|governments|sides|ministres|ministers|"
    r"présidents|presidents|nations|états|etats)\b",
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
_COORD_END = re.compile(r"(?:^|\s)(?:et|and|puis|then)\s*$", re.IGNORECASE)
_IMPERSONAL = re.compile(r"^(?:il|it|there|on|cela|ce|c['’]|this)\b", re.IGNORECASE)
_OPENING_WORD = re.compile(
    r"^(?:à cet égard|à cette fin|par ailleurs|en outre|enfin|ainsi|donc|de plus|dans ce contexte|"
    r"together|in particular|furthermore|moreover|to that end|to this end|also)\b[\s,]*",
    re.IGNORECASE,
)


def classify_subject(phrase: str) -> str | None:
    """``collective``, ``single_party``, ``pronoun``, ``other`` or None (no subject), from
    the start of the words before a verb."""
    p = phrase.strip(" \t\n,;:«»\"“”'()*-")
    p = _OPENING_WORD.sub("", p)
    if not p:
        return None
    if _WE.match(p):
        return "collective"
    if _IMPERSONAL.match(p):
        return "other"
    if _PRONOUN.match(p):
        return "pronoun"
    if _GROUP.match(p) or _PAIR.match(p):
        return "collective"
    if _NAMED.match(p) or _TITLE.match(p):
        return "single_party"
    return "other"


def _segments_before(text: str, s0: int, pos: int) -> list[str]:
    """The comma-separated stretches of text between the sentence start and ``pos``
    (commas inside parentheses do not separate), first to last."""
    out, depth, start = [], 0, s0
    for i in range(s0, pos):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c == "," and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:pos])
    return out


def _subject(text: str, s0: int, pos: int, prev: str | None) -> str | None:
    """The actor of a finite verb at ``pos`` (the start of its auxiliary or pronoun), or
    None when it has no subject.

    The subject is the stretch right before the verb ("Rappelant X, la France et l'Inde
    soulignent"), cut after a subordinator ("... des questions qu'il convient": "il").
    A verb right after "et"/"and" is coordinated: it shares the previous act's actor
    (``prev``); after an incise (nothing between the last comma and the verb) the first
    stretch of the sentence that names the signatories is the subject.
    """
    segments = _segments_before(text, s0, pos)
    last = segments[-1]
    if _COORD_END.search(last):
        if prev:
            return prev
        if not _COORD_END.sub("", last).strip():
            segments = segments[:-1] or [""]
            last = segments[-1]
    sub = list(_SUBORDINATOR.finditer(last))
    if sub:
        return classify_subject(last[sub[-1].end() :])
    if last.strip():
        found = classify_subject(last)
        if found != "other" or len(segments) == 1:
            return found
    for seg in segments[:-1]:
        found = classify_subject(seg)
        if found not in (None, "other"):
            return found
    return "other" if last.strip() else None


# -- finding acts ------------------------------------------------------------------------------
_FUT_FR = re.compile(
    r"(?<![\w-])\w{2,}(?:eront|erons|iront|irons|dront|drons|tront|trons|ront|rons|era|ira|dra)(?![\w-])",
    re.IGNORECASE,
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
_MODAL_EN = re.compile(
    rf"(?<![\w-])(will|shall)\s+(?:{_ADV_EN}\s+){{0,2}}(?!be\b|have\b|not\b)[a-z]\w+",
    re.IGNORECASE,
)


def find_acts(text: str, lang: str) -> list[Act]:
    """The acts of one clause's text, in text order."""
    lang = lang if lang in ("fr", "en") else "en"
    forms, pattern = act_lexicon(lang)
    sents = sentences(text)
    found: list[Act] = []
    taken: list[tuple[int, int]] = []

    def sentence_of(pos: int) -> int:
        for i, (a, b) in enumerate(sents):
            if a <= pos < b:
                return i
        return len(sents) - 1

    def prev_actor(si: int, pos: int) -> str | None:
        for a in reversed(found):
            if a.sentence == si and a.start < pos and a.actor:
                return a.actor
        return None

    def resolve(actor: str | None) -> str | None:
        if actor == "pronoun":
            return next((a.actor for a in reversed(found) if a.actor), "collective")
        return actor

    candidates = []
    for m in pattern.finditer(text):
        candidates.append(("lex", m))
    if lang == "fr":
        candidates += [("fut", m) for m in _FUT_FR.finditer(text)]
    else:
        candidates += [("modal", m) for m in _MODAL_EN.finditer(text)]
    candidates.sort(key=lambda c: (c[1].start(), c[0] != "lex"))

    for kind, m in candidates:
        if any(a <= m.start() < b for a, b in taken):
            continue
        if found and not text[found[-1].end : m.start()].strip():
            continue  # right after an act's verb it is its object: "welcome calls for"
        si = sentence_of(m.start())
        s0 = sents[si][0]
        before = text[s0 : m.start()]
        after = text[m.end() :]
        if _NEG_BEFORE.search(before) and (_NEG_AFTER.match(after) or _NEG_WORD.search(before)):
            continue
        if _NEG_BEFORE.search(before) and lang == "en":
            continue
        hit = None
        prev = functools.partial(prev_actor, si)
        if kind == "lex":
            for cue in forms.get(_fold(m.group(0)), ()):
                hit = _check(cue, text, s0, m, before, after, prev)
                if hit:
                    break
        elif kind == "fut":
            word = m.group(0).lower()
            if word in _NOT_ACTION_FUT or _DETERMINER.search(before):
                continue
            hit = _finite("INTEND", text, s0, m.start(), before, prev)
        else:
            act = "INTEND" if m.group(1).lower() == "will" else "COMMIT"
            hit = _finite(act, text, s0, m.start(), before, prev)
        if not hit:
            continue
        act, actor, start = hit
        actor = resolve(actor)
        if actor in (None, "other"):
            continue
        found.append(Act(act, actor, start, m.end(), si))
        taken.append((start, m.end()))
    # participle openers take the actor of their sentence's main verb
    for a in found:
        if a.actor == "opener":
            main = next(
                (b for b in found if b.sentence == a.sentence and b.actor != "opener"), None
            )
            a.actor = main.actor if main else "collective"
    return found


def _fold(form: str) -> str:
    return re.sub(r"\s+", " ", form.lower().replace("’", "'"))


def _finite(act, text, s0, pos, before, prev):
    """(act, actor, start) for a finite verb at ``pos`` when it has a signatory subject."""
    refl = _REFL_FR.search(before)
    start = s0 + refl.start() if refl else pos
    head = text[s0:start]
    if _RELATIVE.search(head) or _NOT_FINITE.search(head) or _DETERMINER.search(head):
        return None
    actor = _subject(text, s0, start, prev(start))
    if actor is None:
        return None
    return act, actor, start


def _check(cue: Cue, text: str, s0: int, m: re.Match, before: str, after: str, prev):
    """(act, actor, evidence start) when ``m`` is ``cue`` used as an act, else None."""
    if cue.after and cue.after in _AFTER and not _AFTER[cue.after].match(after):
        return None
    refl = _REFL_FR.search(before)
    if cue.refl == "refl" and not refl:
        return None
    if cue.refl == "norefl" and refl:
        return None
    act = cue.act
    if act == "AGREE_DECIDE" and _VIEW_AFTER.match(after):
        act = "RECOGNIZE_AFFIRM"
    if cue.lemma == "soutenir" and _THAT_AFTER.match(after):
        act = "RECOGNIZE_AFFIRM"
    if cue.lemma == "look forward":
        act = "INTEND" if _ING_AFTER.match(after) else "SUPPORT_WELCOME"
    if cue.form_type in ("f", "fut"):
        return _finite(act, text, s0, m.start(), before, prev)
    if cue.form_type == "pp":
        start = s0 + refl.start() if refl else m.start()
        head = text[s0:start]
        aux_avoir = _AUX_AVOIR.search(head) if not refl else None
        aux_etre = _AUX_ETRE.search(before)
        etre_ok = (
            cue.refl == "refl" or cue.lemma.startswith(("être ", "be ")) or cue.lemma in _ETRE_VERBS
        )
        if aux_avoir or (aux_etre and etre_ok):
            aux = aux_avoir or aux_etre
            start = min(start, s0 + aux.start())
            head = text[s0:start]
            if _RELATIVE.search(head):
                return None
            actor = _subject(text, s0, start, prev(start))
            return (act, actor, start) if actor else None
        if _OPENER_PREFIX.match(head):
            return act, "opener", start
        if _COORDINATED.search(head) and _AUX_AVOIR.search(text, s0, start) is None:
            # "ont recensé les priorités et lancé": a participle sharing an auxiliary
            shared = re.search(
                r"\b(?:ont|avons|a|have|has)\s+(?:\S+\s+){0,12}?\S+$", head.rstrip(), re.IGNORECASE
            )
            if shared and re.search(r"\b(?:et|and)\s*$", head, re.IGNORECASE):
                aux_start = s0 + shared.start()
                actor = _subject(text, s0, aux_start, prev(aux_start))
                return (act, actor, start) if actor else None
        return None
    if cue.form_type == "ppr":
        if _OPENER_PREFIX.match(before):
            return act, "opener", m.start()
        if lang_gerund(before) and not cue.practical:
            actor = prev(m.start()) or _subject(text, s0, m.start(), None) or "collective"
            return act, actor, m.start()
        return None
    return None


def lang_gerund(before: str) -> bool:
    return bool(_GERUND_FR.search(before))


def hedged(text: str, lang: str) -> bool:
    """Whether ``text`` holds a hedge (ANNOTATION.md: the act is softened)."""
    return bool(hedge_pattern(lang if lang in ("fr", "en") else "en").search(text))


def primary(acts: list[Act]) -> Act | None:
    """The act of highest strength, the first in the text on a tie."""
    best = None
    for a in acts:
        if best is None or a.strength > best.strength:
            best = a
    return best
