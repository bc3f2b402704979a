"""The cue lexicons of ``lexicon/*.csv``, inflected and compiled once per process.

Why CSV files and a small conjugator: the labels of ``ANNOTATION.md`` are defined by cue
*lemmas* ("s'engager à", "reconnaître", "welcome"), while texts use every form of them
(present, past, future, *nous*/*we* forms, participles). A lemma row says how it inflects
(``er`` and ``ir`` for regular French verbs, ``en`` for regular English verbs, ``x`` for an
explicit list) and this module writes out every form with its type:

- ``f``: finite (present, simple past); needs a subject (or a coordinated verb before it);
- ``fut``: future tense (French) - a future form of any verb is ``INTEND`` (see acts.py);
- ``pp``: past participle; an act only after an auxiliary ("ont reconnu", "se sont
  engagés", "sont convenus", "are committed") or as a sentence opener ("Convaincus de");
- ``ppr``: present participle; an act as a sentence opener ("Reconnaissant ...",
  "RECALLING ...") or as a French gerund ("en saluant").

Infinitives are never generated: "Promouvoir la recherche" or "to support" is not an act.
The CSVs are hashed into ``PARSER_VERSION`` like every file of ``aidecl_data.parse``.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from aidecl_data.parse.enrich.wordindex import Lexicon, split_alternatives
from aidecl_data.parse.text import trie_pattern

LEXICON_DIR = Path(__file__).with_name("lexicon")

# ANNOTATION.md section 1: the acts in decreasing strength (NONE has no strength).
ACT_STRENGTH: dict[str, int] = {
    "COMMIT": 5,
    "AGREE_DECIDE": 5,
    "INTEND": 4,
    "CALL_FOR": 3,
    "ENCOURAGE": 2,
    "SUPPORT_WELCOME": 2,
    "RECOGNIZE_AFFIRM": 1,
    "NOTE": 0,
}
ACTS: tuple[str, ...] = tuple(ACT_STRENGTH)
COMMITMENT_ACTS = frozenset({"COMMIT", "AGREE_DECIDE", "INTEND"})
ACTORS: tuple[str, ...] = ("collective", "single_party", "other", "none")
THEMES: tuple[str, ...] = (
    "safety",
    "governance_regulation",
    "human_rights",
    "environment_energy",
    "labour",
    "education_skills",
    "health",
    "culture_language",
    "cybersecurity",
    "data_privacy",
    "military",
    "development_inclusion",
    "economy_innovation",
    "research_science",
    "children_youth",
    "information_integrity",
    "infrastructure_compute",
    "open_public_interest",
)


@dataclass(frozen=True)
class Cue:
    """One lemma of the act lexicon, as one form of it matched."""

    act: str
    lemma: str
    form_type: str  # f | fut | pp | ppr
    refl: str  # "refl": needs a reflexive pronoun; "norefl": must not have one; "": either
    after: str  # complement required after the form (see acts.AFTER)
    practical: bool  # a verb of doing, not of saying: its gerund is a means, not an act


def _fr_er(lemma: str) -> list[tuple[str, str]]:
    stem = lemma[:-2]
    soft = stem
    if stem.endswith("c"):
        soft = stem[:-1] + "ç"
    elif stem.endswith("g"):
        soft = stem + "e"
    forms = [(stem + e, "f") for e in ("e", "es", "ent", "ez", "a", "èrent", "ait", "aient")]
    forms += [(soft + "ons", "f"), (soft + "ant", "ppr"), (soft + "a", "f")]
    forms += [(stem + e, "pp") for e in ("é", "ée", "és", "ées")]
    forms += [(stem + e, "fut") for e in ("era", "erons", "eront", "erait", "eraient")]
    return forms


def _fr_ir(lemma: str) -> list[tuple[str, str]]:
    stem = lemma[:-2]
    forms = [(stem + e, "f") for e in ("is", "it", "issons", "issent", "issez", "irent")]
    forms += [(stem + "issant", "ppr")]
    forms += [(stem + e, "pp") for e in ("i", "ie", "is", "ies")]
    forms += [(stem + e, "fut") for e in ("ira", "irons", "iront", "irait", "iraient")]
    return forms


def _en(lemma: str) -> list[tuple[str, str]]:
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    return [(lemma, "f"), (third, "f"), (past, "f"), (past, "pp"), (ing, "ppr")]


_CONJUGATE = {"er": _fr_er, "ir": _fr_ir, "en": _en, "x": lambda lemma: []}


@functools.cache
def act_lexicon(lang: str) -> tuple[dict[str, list[Cue]], Lexicon]:
    """Every form of every cue lemma of ``lang`` (lower case) -> its cues, and an index
    that finds them all in lower-cased text (``wordindex``: whole words, any apostrophe,
    any spacing)."""
    forms: dict[str, list[Cue]] = {}
    with (LEXICON_DIR / f"acts_{lang}.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            generated = _CONJUGATE[row["conj"]](row["lemma"])
            explicit = []
            for item in _split_forms(row["forms"]):
                form, _, ftype = item.rpartition(":")
                explicit.append((form, ftype))
            for form, ftype in generated + explicit:
                cue = Cue(
                    row["act"],
                    row["lemma"],
                    ftype,
                    row["refl"],
                    row["after"],
                    row["practical"] == "1",
                )
                # keyed as scanned: lower case, an apostrophe read as a space
                bucket = forms.setdefault(form.lower().replace("'", " "), [])
                if cue not in bucket:
                    bucket.append(cue)
    by_letter: dict[str, list[str]] = {}
    for form in sorted(forms):
        by_letter.setdefault(form[0], []).append(form)
    alternatives = [
        (
            f"f{n}",
            re.escape(letter) + trie_pattern(f[1:] for f in group).replace("\\ ", r"\s+"),
        )
        for n, (letter, group) in enumerate(by_letter.items())
    ]
    return forms, Lexicon(alternatives, r"(?![\w-])")


def _split_forms(spec: str) -> list[str]:
    """``"prennent note:f prenons note:f"`` -> ``["prennent note:f", "prenons note:f"]``:
    forms may hold spaces, each ends with ``:type``."""
    return [m.group(0).strip() for m in re.finditer(r"[^:]+?:(?:fut|ppr|pp|f)\b", spec)]


@functools.cache
def hedge_pattern(lang: str) -> Lexicon:
    """Hedges of ``lang`` (ANNOTATION.md, ``hedged``), case-insensitive."""
    with (LEXICON_DIR / "hedges.csv").open(encoding="utf-8", newline="") as fh:
        parts = [r["pattern"] for r in csv.DictReader(fh) if r["lang"] == lang]
    return Lexicon([(f"h{n}", p) for n, p in enumerate(parts)], r"(?!\w)")


@functools.cache
def theme_lexicon(lang: str) -> tuple[Lexicon, dict[str, tuple[str, str]]]:
    """An index of every theme cue of ``lang``, its groups named for (theme, kind); nouns
    come before adjectives so that "développement durable" is read before "durable"."""
    with (LEXICON_DIR / "themes.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["lang"] == lang]
    rows.sort(key=lambda r: r["kind"] != "noun")
    groups: dict[str, tuple[str, str]] = {}
    alternatives = []
    for n, r in enumerate(rows):
        for k, alt in enumerate(split_alternatives(r["pattern"])):
            name = f"g{n}_{k}"
            groups[name] = (r["theme"], r["kind"])
            alternatives.append((name, alt))
    return Lexicon(alternatives, r"(?!\w)"), groups
