"""English initiative names: capitalized words around a head noun, read whole.

English names are written in title case, so a name is the run of capitalized words that
ends in a *head noun* (``HEADS_EN``: Summit, Partnership, Council, Agreement...), read
in both directions from the head:

- leftwards over capitalized words, numbers and compounds ("U.S.-EU", "Indo-Pacific",
  "2030", "COVID-19", "Leaders’"), across "and"/"&" when both sides are capitalized and
  the left side is not a country or a bare acronym ("U.S.-EU Trade and Technology
  Council", but not "Japan and Quad Partnership"); a determiner ("The", "This", "Our")
  or a word that opens a sentence without being part of a name ("Through", "Building",
  "Welcoming") is left out;
- rightwards over a complement "for/on/of/against/to" + capitalized words, with "the",
  "and", "&", "of", "in" inside ("Global Partnership on Artificial Intelligence",
  "Summit of the Americas", "Paris Call for Trust & Security in Cyberspace"), never over
  a month or a year ("Barbados Agreement of October" is "Barbados Agreement");
- a following "(ACRONYM)" or "(2021-2025)" belongs to the name.

Not names: a bare head ("the Summit"), a head with generic words only ("Working Group",
"Joint Declaration", "Comprehensive Strategic Partnership", "Framework Agreement"), and a
company ("MOL Group": a single word before a corporate-looking head).

The finder works on one region's text and returns spans; ``initiatives.py`` turns them
into mentions and ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from aidecl_data.parse.entities.countries import demonym_index, lookup
from aidecl_data.parse.text import trie_pattern

# head (lower case, singular) -> kind
HEADS_EN: dict[str, str] = {
    "summit": "summit",
    "conference": "summit",
    "week": "summit",
    "forum": "forum",
    "meeting": "summit",
    "compact": "agreement",
    "agreement": "agreement",
    "accord": "agreement",
    "accords": "agreement",
    "treaty": "agreement",
    "convention": "agreement",
    "charter": "agreement",
    "arrangement": "agreement",
    "protocol": "agreement",
    "pact": "agreement",
    "deal": "agreement",
    "process": "process",
    "dialogue": "process",
    "recommendation": "resolution",
    "resolution": "resolution",
    "group": "body",
    "panel": "body",
    "committee": "body",
    "council": "body",
    "commission": "body",
    "board": "body",
    "task force": "body",
    "assembly": "body",
    "observatory": "body",
    "partnership": "partnership",
    "alliance": "partnership",
    "network": "partnership",
    "coalition": "partnership",
    "club": "partnership",
    "strategy": "strategy",
    "programme": "programme",
    "program": "programme",
    "agenda": "programme",
    "roadmap": "programme",
    "road map": "programme",
    "plan": "programme",
    "framework": "programme",
    "fund": "programme",
    "mechanism": "programme",
    "platform": "programme",
    "hub": "programme",
    "fellowship": "programme",
    "declaration": "declaration",
    "statement": "declaration",
    "call": "declaration",
    "principles": "declaration",
    "initiative": "initiative",
    "institute": "organisation",
    "centre": "organisation",
    "center": "organisation",
    "organization": "organisation",
    "organisation": "organisation",
    "agency": "organisation",
    "bank": "organisation",
    "union": "organisation",
    "association": "organisation",
    "challenge": "programme",
    "nations": "organisation",  # "United Nations"
    "gathering": "summit",
    "pillar": "programme",
    "guidelines": "declaration",
    "goals": "declaration",
    "blueprint": "programme",
    "vision": "programme",
    "pledge": "declaration",
    "pathway": "programme",
    "law": "law",
    "act": "law",
    "communique": "declaration",
    "format": "process",
    "mission": "programme",
    "order": "law",
    "directive": "law",
}
# Heads that name one instrument only with their number ("Executive Order 14257",
# "Security Directive 1"); any head followed by a number takes it ("Working Group 9").
NUMBERED_ONLY = {"order", "directive"}
# Kinds whose leading year is part of the name ("2030 Agenda"); before any other name a
# year dates an edition or a signature ("2021 NATO Summit", "the 2006 Agreement on ...").
_YEAR_NAMED_KINDS = {"programme", "strategy"}
# Words that say what kind of thing a name is, not which one: a name made of these and
# a head only is a generic phrase ("Joint Working Group", "Comprehensive Strategic
# Partnership"), used of many initiatives.
GENERIC_EN = {
    "joint", "working", "strategic", "comprehensive", "global", "special", "interim",
    "administrative", "ministerial", "leaders", "leaders’", "leaders'", "senior",
    "officials", "expert", "experts", "technical", "steering", "coordination", "bilateral",
    "trilateral", "annual", "new", "first", "second", "third", "next", "inaugural",
    "executive", "advisory", "consultative", "high-level", "implementation", "framework",
    "enhanced", "major", "national", "international", "regional", "multilateral",
    "permanent", "final", "general", "common", "future", "this", "that", "these", "our",
    "their", "its", "partnership", "agreement", "dialogue", "summit", "initiative",
    "memorandum", "understanding", "government", "governments", "virtual", "upcoming",
    "historic", "landmark", "free", "trade", "economic", "fact", "sheet", "full", "state",
    "mutual", "recent", "last", "ad", "hoc", "sub-group", "subgroup", "presidential",
    "president’s", "president's", "white", "house", "task", "force", "security", "defense",
    "defence", "plan", "action", "policy",
}  # fmt: skip
# Heads a company or a firm is named with: one word before them is not enough.
_CORPORATE_HEADS = {"group", "fund", "network", "institute", "center", "centre", "bank",
                    "platform", "hub", "club", "board", "facility"}  # fmt: skip
# Heads that are names only with a complement or a distinctive word before them, and
# never when the words before them are a person's title ("the President’s Council").
_DETERMINERS = {"The", "A", "An", "This", "That", "These", "Those", "Our", "Its", "Their",
                "Each", "Every", "Any", "Such", "Both", "All", "No", "Another",
                "His", "Her", "My", "Your", "Le", "La", "Les", "Un", "Une", "Des", "Du",
                "De", "Ce", "Cet", "Cette", "Ces", "Ledit", "Ladite", "Notre", "Nos", "Leur",
                "Leurs", "Son", "Sa", "Ses", "Chaque", "Tout", "Toute"}  # fmt: skip
# Capitalized words that open a sentence without being part of a name.
_OPENERS = {
    "Through", "Today", "Under", "Building", "Leaders", "Together", "Since", "Following",
    "Recalling", "Recognizing", "Recognising", "Welcoming", "Within", "Via", "During",
    "After", "Before", "Also", "Additionally", "Further", "Furthermore", "Moreover",
    "Finally", "Noting", "Supporting", "Launching", "Advancing", "Strengthening",
    "Expanding", "As", "At", "In", "On", "Of", "For", "To", "By", "With", "From", "And",
    "Or", "But", "We", "They", "He", "She", "It", "Support", "Join", "Joining", "Last",
    "Next", "Later", "Earlier", "Yesterday", "Tomorrow", "Upon", "Ahead", "Including",
    "Like", "Beyond", "Across", "Among", "Amid", "Toward", "Towards", "Per", "Pursuant",
    "Consistent", "Today’s", "Today's", "Mr.", "Ms.", "Dr.", "President", "Prime",
    "Minister", "Secretary", "Chancellor", "Vice", "King", "Queen", "Premier", "Director",
    "General", "Ambassador", "Chairman", "Chair", "Chairs", "Co-Chairs", "Commissioner",
    "Emir", "Sultan", "Crown", "Prince", "Governor",
}  # fmt: skip
# French articles: capitalized inside a sentence they start a place's name ("La Serena").
_FRENCH_DETERMINERS = {"Le", "La", "Les", "De", "Du", "Des"}
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"}  # fmt: skip
_COMPLEMENT_PREPS = {"for", "on", "of", "against", "to"}
_LEFT_LINKS = {"for", "of", "on"}
_INNER_LINKS = {"and", "&", "of", "for", "on", "in", "the", "to", "de", "against", "into"}

_HEAD_WORDS = sorted({h.split()[-1] for h in HEADS_EN}, key=len, reverse=True)
# A capitalized head word (its plural too), found case-sensitively: a region without
# one holds no English name, and this pattern, led by a capital, skips lower-case text
# in C.
# Led by the trie (a class of capitals the engine skips to in C); that no word character
# comes before a head is checked by the caller (a leading ``\b`` made the engine try
# every position).
_HEAD_RX = re.compile(
    "(?P<head>"
    + trie_pattern({h.title() for h in HEADS_EN} | {h.capitalize() for h in _HEAD_WORDS})
    + r")(?P<plural>s|es)?\b(?![-’'][a-z])"
)
# One word of a name: a capitalized word or compound ("U.S.-EU", "Leaders’", "COVID-19"),
# a number ("2030", "5G", "21st"), or a linking word (checked by the caller).
_WORD = re.compile(r"[\w’'.&-]*[\w’'&.]|&")
_NAME_WORD = re.compile(r"(?:[A-Z]|\d)[\w’'.&-]*")
_TRAILING_PAREN = re.compile(r"[ \t]*\((?=[^()]*[A-Za-z])(?:[A-Z0-9][A-Za-z0-9&.+\-]{0,11})\)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ACRONYM = re.compile(r"[A-Z0-9&.+\-]{2,}s?")


@dataclass(frozen=True)
class EnglishName:
    start: int
    end: int
    kind: str
    generic: bool  # only generic words before the head, no complement
    head: int  # start of the head noun


def _words_before(text: str, pos: int, limit: int = 12) -> list[tuple[int, int]]:
    """Spans of the words before ``pos``, nearest first, separated by spaces or one line
    break (a blank line, a punctuation mark or markup ends the run)."""
    words = _WordsBefore(text, pos, limit)
    words.has(limit)
    return words.out


class _WordsBefore:
    """``_words_before``, walked back only as far as the caller asks (``has``): most
    names stop at their first word that is not a name's, two or three words back.

    The words of a window of ``10 * limit`` characters before ``pos`` are the runs of
    ``_BACK_WORD``'s characters there; they are read one at a time from the window
    reversed (a run read backwards is the same run), where reading all of them
    forwards first cost most of the time of reading a name."""

    __slots__ = ("done", "limit", "lo", "out", "pos", "r", "rev", "text")

    def __init__(self, text: str, pos: int, limit: int = 12) -> None:
        self.text = text
        self.pos = pos
        self.lo = max(0, pos - 10 * limit)
        self.rev = text[self.lo : pos][::-1]
        self.r = 0  # how far back the window has been read
        self.out: list[tuple[int, int]] = []
        self.done = False
        self.limit = limit

    def has(self, n: int) -> bool:
        """Whether there is an ``n``-th word (0: the nearest), walking back to it.

        One loop with the state in locals, not a method call and attribute reads per
        word: reading the words before a head (``_left_start``, 2-3 words a head) was
        most of the time of an English name."""
        # With ``_is_name_word`` memoized: the English finder 0.40 -> 0.36 ms per
        # document of the real corpus, the initiative stage 2.10-2.16 -> 2.02-2.06 (best
        # of 9 runs, four alternated pairs, the same output): ``nice uv run python
        # benchmarks/initiative_stage.py --baseline c787343 --pairs 4 --runs 9``.
        out = self.out
        if n < len(out):
            return True
        if self.done:
            return False
        rev, text, pos, lo, r = self.rev, self.text, self.pos, self.lo, self.r
        while len(out) <= n:
            m = _BACK_GAP_WORD.match(rev, r)
            if m is None:
                break  # no word left in the window
            gap = m.group(1)
            if not gap or gap.strip(" \t") not in ("", "\n"):
                break  # no separator, punctuation, markup or a blank line
            k, j = pos - m.end(), pos - m.start(2)
            if k == lo and lo > 0:
                break  # cut by the window
            word = text[k:j]
            if word[0] in "-.’'_" or (word.endswith(".") and not _ABBREVIATION.fullmatch(word)):
                break  # "... Summit. Global": a sentence ended there
            out.append((k, j))
            r = m.end()
            if len(out) == self.limit:
                break
        else:
            self.r = r
            return True
        self.r = r
        self.done = True
        return n < len(out)


_WORD_CHAR = re.compile(r"\w")
_BACK_WORD = re.compile(r"[\w’'.&-]+")
# On a window read backwards: the characters between two words, then a word.
_BACK_GAP_WORD = re.compile(r"([^\w’'.&-]*)([\w’'.&-]+)")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+(?:-[\w.]+)?|St\.|Mt\.|Ft\.")


def _sentence_start(text: str, pos: int) -> bool:
    """True when ``pos`` opens a sentence, a line or the text."""
    j = pos
    while j > 0 and text[j - 1] in ' \t*_#>"“':
        j -= 1
    return j == 0 or text[j - 1] in ".!?:;\n•-–—(" or text[j - 1].isdigit()


_ORDINAL_WORDS = {
    "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
    "Tenth", "Eleventh", "Twelfth", "Inaugural",
}  # fmt: skip
_RUN_ON = re.compile(r"[a-z]\.[A-Z]")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|e|er|ème|eme)")


@lru_cache(maxsize=8192)
def _is_name_word(word: str) -> bool:
    """A capitalized word or a number; not a month, not an ordinal ("the 13th Internet
    Governance Forum" names the forum, not an edition).

    Memoized: a pure function of one word, asked for each word around each head (3-4
    regexes a call); the same words recur in every document."""
    return (
        bool(_NAME_WORD.fullmatch(word))
        and word not in _MONTHS
        and not _ORDINAL.fullmatch(word)
        and not _RUN_ON.search(word)  # "Projet.Le": two sentences run together
        and not (word.isdigit() and len(word) < 3)  # "May 12 Summit": a day
    )


def _bare_party(words: list[str]) -> bool:
    """A conjunct that is a country or an acronym alone ("Japan", "G7"): "and" after it
    coordinates two names, it does not join one."""
    name = " ".join(words)
    return lookup(name) is not None or (
        len(words) == 1 and _ACRONYM.fullmatch(words[0]) is not None
    )


# The first letter or digit of a word (``[^\W_]`` is ``str.isalnum``).
_ALNUM_CHAR = re.compile(r"[^\W_]")
# Words a name does not start with, dropped from the left of the words read.
_NOT_LAST_LEFT = frozenset({"and", "&"} | _LEFT_LINKS | _ORDINAL_WORDS)


def _left_start(text: str, head_start: int) -> tuple[int, list[str]]:
    """Where the name ending in the head at ``head_start`` begins, and its words before
    the head."""
    before = text[max(0, head_start - 40) : head_start].split()
    first = _ALNUM_CHAR.search(before[-1]) if before else None
    if first is None or not (first.group().isupper() or first.group().isdigit()):
        return head_start, []  # a lower-case word or a mark before the head (most heads)
    spans = _WordsBefore(text, head_start)
    words = spans.out
    taken: list[tuple[int, int]] = []
    k = 0
    while spans.has(k):
        s, e = words[k]
        w = text[s:e]
        if w in {"and", "&"} and taken and spans.has(k + 1):
            # the left conjunct: capitalized words up to a non-name word
            conj: list[tuple[int, int]] = []
            j = k + 1
            while spans.has(j):
                s2, e2 = words[j]
                j += 1
                w2 = text[s2:e2]
                if not _is_name_word(w2) or w2 in _DETERMINERS or _POSSESSIVE.search(w2):
                    break
                conj.append((s2, e2))
            while (
                conj and _sentence_start(text, conj[-1][0]) and text[slice(*conj[-1])] in _OPENERS
            ):
                conj.pop()
            cw = [text[a:b] for a, b in reversed(conj)]
            right = [text[a:b].lower() for a, b in taken]
            if (
                not conj
                or _bare_party(cw)
                or _bare_party([text[a:b] for a, b in reversed(taken)])
                # "Bharat 6G Alliance and Next G Alliance": two names, unless the right one
                # is generic ("... Framework and Action Plan": one name)
                or (cw[-1].lower() in HEADS_EN and not all(w in GENERIC_EN for w in right))
            ):
                break
            taken.append((s, e))
            taken.extend(conj)
            k += 1 + len(conj)
            continue
        if w in _LEFT_LINKS and taken and spans.has(k + 1):
            # "Talent for Growth Task Force": a link between two capitalized words
            s2, e2 = words[k + 1]
            w2 = text[s2:e2]
            if (
                _is_name_word(w2)
                and w2 not in _DETERMINERS
                and w2 not in _OPENERS
                and not _POSSESSIVE.search(w2)
                and not _bare_party([w2])
            ):
                taken.append((s, e))
                k += 1
                continue
            break
        if (
            not _is_name_word(w)
            or (w in _DETERMINERS and (w not in _FRENCH_DETERMINERS or _sentence_start(text, s)))
            or _POSSESSIVE.search(w)
        ):
            break  # "OECD’s Declaration on ...": the owner is not part of the name
        if w in _OPENERS and (
            _sentence_start(text, s) or w in {"President", "Prime", "Minister", "Secretary"}
        ):
            break
        taken.append((s, e))
        k += 1
    while taken and text[taken[-1][0] : taken[-1][1]] in _NOT_LAST_LEFT:
        taken.pop()  # "Second CRI Summit": an edition's ordinal is not part of the name
    if not taken:
        return head_start, []
    return taken[-1][0], [text[a:b] for a, b in reversed(taken)]


def _trim_quote(text: str, end: int) -> int:
    """``end`` before a closing quote ("... Resilience’"), not before the apostrophe of a
    plural possessive ("Leaders’")."""
    if end > 1 and text[end - 1] in "’'" and text[end - 2] != "s":
        return end - 1
    return end


_POSSESSIVE = re.compile(r"[’']s$")
_CAP = r"[A-Z][\w’'-]*"
_SERIAL = re.compile(
    rf"(?>[ \t]*+\n?[ \t]*+(?:the[ \t]+)?{_CAP}(?:[ \t]+{_CAP})*+,)++"
    rf"(?:[ \t]*+\n?[ \t]*+{_CAP})*+[ \t]*+\n?[ \t]*+(?:and|&)[ \t]*+\n?[ \t]*+{_CAP}"
)
_RIGHT_WORD = re.compile(r"[ \t]*+\n?[ \t]*+([\w’'.&-]*[\w’'&]|&)")


def _right_end(text: str, pos: int) -> tuple[int, bool]:
    """The end of a complement "for/on/of ..." after the head at ``pos`` (``pos`` when
    there is none), and whether there is one."""
    m = _RIGHT_WORD.match(text, pos)
    if not m or m.group(1) not in _COMPLEMENT_PREPS:
        return pos, False
    # a title may list words with commas: "Agreement on Reciprocal, Fair, and Balanced
    # Trade" (the list is closed by "and" before the phrase ends)
    comma = text.find(",", m.end(), m.end() + 60)
    serial = _SERIAL.match(text, m.end(), m.end() + 200) if comma >= 0 else None
    limit = serial.end() if serial else -1
    end = pos
    cur = m.end()
    prev = m.group(1)
    n = 0
    while n < 14:
        m = _RIGHT_WORD.match(text, cur)
        if not m and cur < limit and text[cur] == ",":
            m = _RIGHT_WORD.match(text, cur + 1)
        if not m:
            break
        w = m.group(1)
        if w == "the" and prev in _COMPLEMENT_PREPS | {"in"}:
            pass
        elif w in {"and", "&"}:
            if _starts_new_name(text, m.end()):
                break  # "Summit of the Americas and the Charter ...": two names
        elif w in _INNER_LINKS or w in _COMPLEMENT_PREPS:
            if prev in _INNER_LINKS or prev in _COMPLEMENT_PREPS:
                break
        elif prev in {"Towards", "Toward"} and _YEAR.fullmatch(w):
            end = m.end()  # "Food Security Roadmap Towards 2030"
        elif not _is_name_word(w) or w.isdigit() or w in _DETERMINERS:
            break  # a number after "on"/"of" is a date ("Meeting on 24 September")
        elif _POSSESSIVE.search(w):
            if end > pos:
                end = m.end() - 2  # "... in Europe’s": the name ends before the possessive
            break  # "Center on India’s": no complement at all
        else:
            end = m.end()
        prev = w
        cur = m.end()
        n += 1
    # "Agreement of October", "Summit of 2023": a date is not a complement.
    return end, end > pos


def _starts_new_name(text: str, pos: int) -> bool:
    """After "and" in a complement: does a new name (or a country) start at ``pos``?"""
    words: list[str] = []
    while len(words) < 12 and (m := _RIGHT_WORD.match(text, pos)):
        w = m.group(1)
        if not _is_name_word(w) or w in _DETERMINERS:
            if not words:
                return w in {"the", "a", "an", "its", "their"}
            break
        words.append(w)
        pos = m.end()
    if not words:
        return True
    return words[-1].lower() in HEADS_EN or _bare_party(words)


_NATIONAL_WORDS = {"National", "Federal", "Presidential"}
_STATE_ABBREVIATIONS = {"U.S.", "US", "USA", "U.S.A.", "U.K.", "UK"}


def _is_state(word: str) -> bool:
    if word in _STATE_ABBREVIATIONS:
        return True
    ent = lookup(word)
    return ent is not None and ent.entity_type == "state"


def _national(mods: list[str]) -> bool:
    """The words before a body's head make it one state's office: they start with a
    state's name ("U.S.", "Japan") or "National", and name no second state (a compound
    "U.S.-ROK" or "U.S.-Japan" is bilateral)."""
    if not mods:
        return False
    if mods[0] in _NATIONAL_WORDS:
        return True
    if mods[0].lower() in demonym_index()[1] and not any("-" in w for w in mods):
        return True  # "Indian Space Research Organization", "Russian Central Bank"
    return _is_state(mods[0]) and not any(_is_state(w) or "-" in w for w in mods[1:])


def _title_case(text: str) -> bool:
    """A short line written in title case (a subtitle: "New Avenues of Collaboration
    Embrace Shared Vision of Expanded Partnership"): every word of four letters or more is
    capitalized, so capitals say nothing about names there."""
    if len(text) > 300:
        return False
    words = [w for w in _TITLE_WORD.findall(text) if len(w) >= 4]
    return len(words) >= 8 and all(w[0].isupper() for w in words)


_TITLE_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _rejected(start: int, end: int, reason: str):
    from aidecl_data.parse.entities.patterns import Rejected  # patterns imports this module

    return Rejected(start, end, reason)


_NUMBER_AFTER = re.compile(
    r"[ \t]+(?:No\.[ \t]*)?(?:\d{1,5}|I{1,3}|IV|V|VI{1,3}|IX|X)(?![\w.,/-]\w)(?![\w-])"
)
_DASH_TITLE = re.compile(
    r"[ \t]+[–—-][ \t]+[A-Z][\w’'-]*(?:[ \t]+(?:[A-Z(][\w’'()-]*|and|of|to|for|the|in|on|&))*"
    r"(?<![ \t])(?<!\band)(?<!\bof)(?<!\bto)(?<!\bfor)(?<!\bthe)(?<!\bin)(?<!\bon)"
)
_OF_YEAR = re.compile(r"[ \t]+of[ \t]+(?:19|20)\d\d\b")
_ORG_COMPLEMENT = re.compile(r"[ \t]*+\n?[ \t]*+(?:of|for)\s")


def _words_from(text: str, start: int, skip: int) -> int:
    """The start of the word ``skip`` words after ``start``."""
    pos = start
    for _ in range(skip):
        m = re.compile(r"\S+\s+").match(text, pos)
        if not m:
            break
        pos = m.end()
    return pos


def find_english_names(text: str, rejected: list | None = None) -> list[EnglishName]:
    """Every English name in ``text``, left to right, never overlapping (longest wins).

    ``rejected``: where to put the candidates turned down (``patterns.Rejected``: a
    generic phrase, a company, one state's office)."""
    first = _HEAD_RX.search(text)
    if not first or _title_case(text):
        return []
    cands: list[EnglishName] = []
    # from the first head on: the text before it holds none (scanned once, not twice)
    for m in _HEAD_RX.finditer(text, first.start()):
        if m.start() and _WORD_CHAR.match(text, m.start() - 1):
            continue  # inside a word ("Subcommittee")
        head = m.group("head").lower()
        kind = HEADS_EN.get(head)
        if kind is None:
            continue
        start, mods = _left_start(text, m.start())
        number = _NUMBER_AFTER.match(text, m.end())
        if head in NUMBERED_ONLY and not number:
            continue  # "Executive Order", "Security Directive": one only with its number
        if number:
            # "Working Group 9", "Executive Order 14257"; "Working Group 1 – Technology
            # Standards": a numbered body's title after a dash is part of its name
            end, has_comp = number.end(), True
            title = _DASH_TITLE.match(text, end)
            if title:
                end = title.end()
        elif head == "act" and (year := _OF_YEAR.match(text, m.end())):
            end, has_comp = year.end(), True  # "Trade Expansion Act of 1962"
        else:
            right = m.end()
            if kind == "organisation" and not _ORG_COMPLEMENT.match(text, right):
                end, has_comp = right, False  # "... Organization on PNR": what it does
            else:
                end, has_comp = _right_end(text, right)
        end = _trim_quote(text, end)
        if not mods and not has_comp:
            continue
        if (
            mods
            and _YEAR.fullmatch(mods[0])
            and kind not in _YEAR_NAMED_KINDS
            and (len(mods) > 1 or has_comp)
            # an event's edition, a signature's year; "1967 Outer Space Treaty" keeps its own
            and (kind in {"summit", "declaration"} or len(mods) == 1)
        ):
            # "2021 NATO Summit", "the 2006 Agreement on ...": the year dates an edition
            start = _words_from(text, start, 1)
            mods = mods[1:]
        p = _TRAILING_PAREN.match(text, end)
        if p:
            end = p.end()
        low = [w.lower().rstrip(".") for w in mods]
        generic = not has_comp and all(w in GENERIC_EN or w in {"and", "&"} for w in low)
        reason = ""
        if generic and not p:
            reason = "generic phrase"  # "Joint Working Group"
        elif not has_comp and head in _CORPORATE_HEADS and len(mods) == 1 and not p:
            reason = "company"  # "MOL Group", "Adani Group": a firm's name
        elif kind in {"organisation", "body"} and _national(mods):
            reason = "national office"  # "U.S. National Security Council": one state's
        if reason:
            if rejected is not None:
                rejected.append(_rejected(start, end, reason))
            continue
        cands.append(EnglishName(start, end, kind, generic, m.start()))
    # leftmost-longest, without overlaps ("Hiroshima AI Process Friends Group" holds a
    # name that ends in "Process")
    cands.sort(key=lambda c: (c.start, -c.end))
    out: list[EnglishName] = []
    for c in cands:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out
