"""Signature blocks of agreements and treaties: where and when a text was signed, and
for whom.

An agreement ends with a testimonium ("En foi de quoi ...", "In witness whereof ..."),
a signing statement ("Fait à Paris, le 7 juillet 1994, en double exemplaire ...",
"Done at Washington, this 26th day of October, 2025", "Signed at Jerusalem on ..."),
then one block per party: "Pour le Gouvernement de la République française :" (or "For
the Government of ...", "Au nom de ...", "On behalf of ...") followed by the signer's
name and office on short lines. These are not clauses: the statement gives the place and
date of signature (``documents.place``/``date``), each "Pour ..." line a signatory.

Three layouts of the same block are met:

- one line per unit (Légifrance texts), sometimes with the "Pour ..." line broken over
  two ("Pour le Gouvernement" / "de la République française :");
- two columns side by side, their lines interleaved once the text is wrapped ("For the
  Government of the United States    For the Government of Japan" on one line, or the two
  parties' words alternating over several lines);
- all of it run together in one paragraph where line breaks were lost ("... foi.  *Pour
  le Gouvernement du Royaume des Pays-Bas *  (s.) J. P. PRONK *Pour le Gouvernement
  ...").

The functions here only read text; :mod:`aidecl_data.parse.roles` gives units their role
and :mod:`aidecl_data.parse.entities.signatories` resolves the parties.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aidecl_data.parse.dates.windows import case_exotic
from aidecl_data.parse.text import substring_starts

# A signing statement: "Fait", "Done", "Signed", "Gedaan" (maybe "en double exemplaire"
# before the place), then "à|at|in|te" and a capitalized place ("La Haye", "'s-Gravenhage").
SIGNED_AT = re.compile(
    r"(?<![\w])(?i:fait|done|signed|sign[ée]e?|gedaan|geschehen)"
    r"(?:\s+(?i:en|in)\s+(?:\w+\s+){0,2}?(?i:exemplaires?|originaux|originals?|duplicate|"
    r"triplicate|tweevoud|drievoud)\b,?)?"
    # "..., en langue française, à Ankara"
    r"(?:\s+(?i:en|in)\s+(?i:langues?|languages?|taal)\s+[^,.;\n]{1,60},?)?"
    r"\s+(?i:à|a|at|in|te|zu)\s+"
    r"(?P<place>(?:'s-)?[A-ZÀ-Ý][\w'’.-]*"
    r"(?:[ -](?:(?:de|du|la|le|sur|upon|am|an|der|del|do|da)[ -])?[A-ZÀ-Ý][\w'’.-]*)*)"
)
# Inside a paragraph, only the testimonium's own verb opens a signing statement: "signé
# à Rome le 4 novembre 1950" in running text cites another treaty.
_SIGNED_AT_INLINE_VERB = re.compile(r"(?i:fait|done|gedaan|geschehen)\b")
# The testimonium that opens the block.
WITNESS = re.compile(
    r"(?i:en\s+foi\s+de\s+quoi|in\s+witness\s+whereof|ten\s+blijke\s+waarvan|"
    r"zu\s+urkund\s+dessen)"
)
# "Pour le Gouvernement de ...", "For the Government of ...", "Au nom du ...": the party
# phrase runs to a ":", an italic mark, a "(s.)" signature mark, a run of spaces (the next
# column) or the end.
SIGN_FOR = re.compile(
    r"(?<![\w])(?P<cue>(?i:pour|for|au\s+nom\s+d[eu']|on\s+behalf\s+of|voor|namens))\s+"
    r"(?P<party>(?i:le|la|l['’]|les|the|het|de)\s*[A-ZÀ-Ýa-zà-ÿ][^:*\n(]{2,120}?)"
    r"(?=\s*(?::|\*|\(s\.\)|\(w\.g\.\)|\(sign|\s{3,}|$|\n|(?i:pour|for)\s+(?i:le|la|l['’]|the)\s))"
)
# What a party phrase names: a government, a state, an organisation (not "pour la durée de
# ...", "for the purposes of ...").
_PARTY_HEAD = re.compile(
    r"^(?i:le|la|l['’]|les|the|het|de)\s*(?i:gouvernement|government|regering|royaume|"
    r"kingdom|koninkrijk|r[ée]publique|republic|republiek|conf[ée]d[ée]ration|"
    r"confederation|[ée]tat|state|staat|principaut[ée]|principality|grand-duch[ée]|"
    r"grand\s+duchy|organisation|organization|union|commission|conseil|council|"
    r"communaut[ée]|community|minist[eè]re|ministry|ministre|minister|secr[ée]tariat|"
    r"secretariat|agence|agency|banque|bank|fonds|fund|office|bureau|conf[ée]rence|"
    r"conference|pr[ée]sident|president|[ée]tats-unis|united\s+states)\b"
)
_WORDS = re.compile(r"\w+")
_SIGN_FOR_START = re.compile(
    r"(?i:pour|for|au\s+nom\s+du|on\s+behalf\s+of)\s+(?i:le|la|l['’]|the)\s*\w+"
)


_STATEMENT_VERB = re.compile(r"(?i:fait|done|signed|sign[ée]e?|gedaan|geschehen)\s")
_WITNESS_PIECES = ("foi de", "witness", "blijke", "urkund")


def may_state_signing(text: str) -> bool:
    """Whether ``text`` can hold a signing statement (its verb followed by a space): one
    search that spares looking for a statement in every paragraph of a text with none."""
    return _STATEMENT_VERB.search(text) is not None


def has_witness(text: str) -> bool:
    """The testimonium ("En foi de quoi", "In witness whereof") in ``text``; the pieces
    are tested first, in C, since most paragraphs hold none."""
    low = text.lower()
    # unrolled ``any(p in low for p in _WITNESS_PIECES)``: no generator per paragraph
    return (
        "foi de" in low or "witness" in low or "blijke" in low or "urkund" in low
    ) and WITNESS.search(text) is not None


def signing_statement(text: str) -> re.Match[str] | None:
    """The signing statement that opens ``text`` ("Fait à Paris, le ...", "Signed at
    ..."), else the first one inside it that starts with "Fait", "Done" or "Gedaan"."""
    m = SIGNED_AT.match(text.lstrip(" *_\"'«"))
    if m is not None:
        return SIGNED_AT.search(text)
    # Inside the text only a statement opened by one of the inline verbs counts: without
    # one of them (``in`` tests on the lower-cased text, in C) no match of the search
    # below can, and the search (no literal prefix: tried at every position) is spared.
    # A character that case-insensitive matching reads as an ASCII letter although
    # ``lower`` does not give it (``case_exotic``) keeps the search.
    low = text.lower()
    exotic = case_exotic(text)
    if not ("fait" in low or "done" in low or "gedaan" in low or "geschehen" in low) and not exotic:
        return None
    if exotic or len(low) != len(text):
        matches = SIGNED_AT.finditer(text)
    else:
        matches = _statements_at_verbs(text, low)
    for m in matches:
        if _SIGNED_AT_INLINE_VERB.match(m.group()):
            return m
    return None


# The lower-case start of every verb of ``SIGNED_AT``: a match starts where one stands.
# Tried only there, ``signing_statement`` went 0.031 -> 0.015 ms per document of the real
# corpus (a scratch timer on the clauses ``structure`` asks it about).
_VERB_STARTS = ("fait", "done", "sign", "gedaan", "geschehen")


def _statements_at_verbs(text: str, low: str) -> Iterator[re.Match[str]]:
    """``SIGNED_AT.finditer(text)``, the pattern tried only where the lower-cased text
    ``low`` (as long as ``text``, with no ``case_exotic`` character: each character
    lower-cased in place) holds a verb: each match is the first at or after the end of
    the one before, and starts with a verb. Why: the pattern has no literal prefix, so
    ``finditer`` tried it at every position of a paragraph holding a verb ("fait",
    "done" are common words)."""
    starts = substring_starts(low, _VERB_STARTS)
    end = 0
    for s in sorted(starts):
        if s < end:
            continue
        m = SIGNED_AT.match(text, s)
        if m is not None:
            yield m
            end = m.end()


def starts_signing_statement(text: str) -> bool:
    m = SIGNED_AT.match(text.lstrip(" *_\"'«"))
    return m is not None


def sentence_from(text: str, start: int) -> str:
    """``text`` from ``start`` to the end of that sentence (a full stop before a capital,
    a "(s.)" mark, or the end)."""
    m = re.compile(r"\.(?=\s*(?:[A-ZÀ-Ý(*]|$))").search(text, start)
    return text[start : m.end() if m else len(text)]


def party_phrases(text: str) -> list[re.Match[str]]:
    """Every "Pour le Gouvernement de ..." phrase in ``text`` that names a party."""
    return [m for m in SIGN_FOR.finditer(text) if _PARTY_HEAD.match(m.group("party"))]


# The office of a signer on its own line, under the name: "President of the United States
# of America", "Prime Minister of the State of Israel", "Ministre des Affaires étrangères
# de la République française". The state it names is the signatory.
_OFFICE_LINE = re.compile(
    r"\s*(?:(?i:the|le|la|l['’])\s*)?"
    r"(?:Vice[- ])?(?:Pr[ée]sident(?:e)?|Prime\s+Minister|Premi(?:er|ère)\s+[Mm]inistre|"
    r"Chancel(?:lor|ier|ière)|King|Queen|Roi|Reine|Emir|[ÉE]mir|Sultan|Minister|Ministre|"
    r"Secretary|Secr[ée]taire|Ambassador|Ambassadeur|Ambassadrice|Head\s+of\s+State|"
    r"Chef\s+de\s+l['’][ÉE]tat)"
    r"(?:\s+(?:of|for|des|de|du)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:and|et)\s+[A-Z][\w’'-]*)?)?"
    r"\s+(?:of\s+the|of|de\s+la|de\s+l['’]|du|des|de|d['’])\s*(?P<state>[^\n]{2,80}?)[\s.,;:]*"
)


def office_line(text: str) -> re.Match[str] | None:
    """A short line that is only a signer's office "of" a state (see ``_OFFICE_LINE``);
    its ``state`` group is what the office is of."""
    if len(text) > 120 or "\n" in text.strip():
        return None
    return _OFFICE_LINE.fullmatch(text.rstrip())


def is_sign_for_line(text: str) -> bool:
    """A unit that opens a party's block: it starts with "Pour ...", "For the ...",
    names a government, a state or an organisation, and is short."""
    t = text.strip().lstrip("*_ ")
    m = SIGN_FOR.match(t)
    return m is not None and _PARTY_HEAD.match(m.group("party")) is not None and _short(t, 30)


def is_sign_for_start(text: str) -> bool:
    """The first half of a "Pour ..." line broken in two ("Pour le Gouvernement")."""
    t = text.strip().lstrip("*_ ").rstrip(" *_")
    return bool(
        re.fullmatch(
            r"(?i:pour|for|au\s+nom\s+du|on\s+behalf\s+of)\s+(?i:le|la|l['’]|the)\s*\w+", t
        )
    )


def is_signer_line(text: str) -> bool:
    """A short line of a signer's name or office ("ALAIN JUPPE, Ministre des affaires
    étrangères.", "Ambassadeur de France", "(s.) J. W. BEYEN")."""
    t = text.strip()
    return bool(t) and _short(t, 14) and not WITNESS.search(t)


def _short(text: str, words: int) -> bool:
    return len(_WORDS.findall(text)) <= words
