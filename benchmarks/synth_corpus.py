"""Synthetic corpus: thousands of distinct documents derived from the real corpus texts.

Why: the benchmark needs 1,000 and 10,000 documents that exercise the real parser the way
real texts do. Random text would not (no headings, no wraps, no dates, no parties), so each
synthetic document is one of the corpus texts with its layout kept byte for byte (Markdown,
plain web text, PDF hard wraps with a blank line after every line, the 004 wrap style) and
three things varied:

- dates: every date expression ("le mardi 11 février 2025", "du 6 au 7 mai 2024",
  "10-11 février 2025", "juin 2023", "en 2026", "(2023-2027)", "12th of November, 2018") is
  moved by one shift per document (months and days, weekday recomputed), so a document
  stays coherent with itself;
- parties: the partner country of the template (the most frequent country other than
  France) is swapped with another country, name and adjective, with French articles and
  prepositions agreed ("l'Inde" -> "le Japon", "de la Chine" -> "du Brésil",
  "franco-indienne" -> "franco-canadienne"); the swap is a transposition, so a list of
  signatories keeps distinct names;
- length: body paragraphs are dropped or repeated; headings, the front matter, footnote
  blocks, name lists and numbered paragraphs (which must not repeat a label) are kept.

Templates are compiled once into units of literal text and slots, so rendering a document
is a join: 10,000 documents take a few seconds. Document ``i`` depends only on the seed,
``i`` and the documents before it (a re-roll guarantees distinct bytes), so a corpus of
N + 1 documents is the corpus of N plus one.

    uv run python benchmarks/synth_corpus.py --out /tmp/synth --count 10000 --seed 1
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEMPLATES = ROOT / "documents"

# -- dates -------------------------------------------------------------------------------

MONTHS_FR = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
MONTHS_EN = [calendar.month_name[i].lower() for i in range(1, 13)]
WEEKDAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
WEEKDAYS_EN = [calendar.day_name[i].lower() for i in range(7)]
_MONTH_INDEX = {m: (i + 1, "fr") for i, m in enumerate(MONTHS_FR)}
_MONTH_INDEX.update({"fevrier": (2, "fr"), "aout": (8, "fr"), "decembre": (12, "fr")})
_MONTH_INDEX.update({m: (i + 1, "en") for i, m in enumerate(MONTHS_EN)})
_WEEKDAY_LANG = {w: "fr" for w in WEEKDAYS_FR} | {w: "en" for w in WEEKDAYS_EN}

_MONTH_ALT = "|".join(sorted(_MONTH_INDEX, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(_WEEKDAY_LANG)
_YEAR = r"(?:19|20)\d\d"
# One pass finds every date expression; alternatives are tried in order, longest first.
# Separators are single-line ([ \t] plus at most one newline) so a match never spans a
# paragraph break.
_SP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
DATE_RE = re.compile(
    rf"\b(?:(?P<wd>(?i:{_WEEKDAY_ALT}))[ \t]+)?"
    rf"(?P<d1>1er|[0-3]?\d)(?P<ord>st|nd|rd|th)?(?P<of>[ \t]+of)?"
    rf"(?:(?P<rsep>[ \t]*[-–][ \t]*|[ \t]+(?:au|et|and|to)[ \t]+)(?P<d2>[0-3]?\d))?"
    rf"(?P<msep>{_SP})(?P<mon>(?i:{_MONTH_ALT}))"
    rf"(?:(?P<ysep>,?{_SP})(?P<y>{_YEAR}))?\b"
    rf"|\b(?P<mon2>(?i:{_MONTH_ALT}))(?P<ysep2>,?{_SP})(?P<y2>{_YEAR})\b"
    rf"|\b(?P<ya>{_YEAR})(?P<yrs>[ \t]*[-–][ \t]*)(?P<yb>{_YEAR})\b"
    rf"|\b(?P<ypre>en|in|En|In)(?P<ypsep>[ \t]+)(?P<y3>{_YEAR})\b"
)


def _match_case(word: str, like: str) -> str:
    """``word`` written with the capitalisation of ``like`` (lower, Title or UPPER)."""
    if len(like) > 1 and like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@dataclass(frozen=True)
class Shift:
    """One document's date shift: whole months, then days (clamped to 1..28)."""

    months: int
    days: int


def _shift_ym(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + months
    return total // 12, total % 12 + 1


def _shift_day(day: int, days: int) -> int:
    return min(28, max(1, day + days))


def _ordinal_en(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


@dataclass(frozen=True)
class DateSlot:
    """A date expression of the template, re-rendered under a document's shift."""

    groups: dict[str, str | None]

    def render(self, shift: Shift) -> str:
        g = self.groups
        if g["y3"] is not None:  # "en 2026"
            return f"{g['ypre']}{g['ypsep']}{int(g['y3']) + shift.months // 12}"
        if g["ya"] is not None:  # "2023-2027"
            dy = shift.months // 12
            return f"{int(g['ya']) + dy}{g['yrs']}{int(g['yb']) + dy}"
        if g["mon2"] is not None:  # "février 2025"
            month, lang = _MONTH_INDEX[g["mon2"].lower()]
            year, month = _shift_ym(int(g["y2"]), month, shift.months)
            return f"{self._month(month, lang, g['mon2'])}{g['ysep2']}{year}"
        month, lang = _MONTH_INDEX[g["mon"].lower()]
        year = None
        if g["y"] is not None:
            year, month = _shift_ym(int(g["y"]), month, shift.months)
        else:
            month = (month - 1 + shift.months) % 12 + 1
        d1 = _shift_day(1 if g["d1"] == "1er" else int(g["d1"]), shift.days)
        out = []
        if g["wd"] is not None:
            wd = g["wd"]
            if year is not None:
                names = WEEKDAYS_FR if _WEEKDAY_LANG[wd.lower()] == "fr" else WEEKDAYS_EN
                wd = _match_case(names[dt.date(year, month, d1).weekday()], wd)
            out.append(wd + " ")
        out.append("1er" if lang == "fr" and d1 == 1 else str(d1))
        if g["ord"]:
            out.append(_ordinal_en(d1))
        out.append(g["of"] or "")
        if g["d2"] is not None:
            out.append(f"{g['rsep']}{_shift_day(int(g['d2']), shift.days)}")
        out.append(g["msep"] + self._month(month, lang, g["mon"]))
        if year is not None:
            out.append(f"{g['ysep']}{year}")
        return "".join(out)

    @staticmethod
    def _month(month: int, lang: str, like: str) -> str:
        return _match_case((MONTHS_FR if lang == "fr" else MONTHS_EN)[month - 1], like)


# -- parties -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    name: str
    feminine: bool
    adj_m: str
    adj_f: str

    @property
    def vowel(self) -> bool:
        return self.name[0].lower() in "aeiouyéèêâîô"

    def adjective(self, form: str) -> str:
        m, f = self.adj_m, self.adj_f
        return {"m": m, "f": f, "mpl": m if m.endswith("s") else m + "s", "fpl": f + "s"}[form]

    def with_prefix(self, kind: str, apostrophe: str, space: str) -> str:
        """The name after a French article or preposition of the given ``kind``."""
        el, fem = self.vowel, self.feminine
        pre = {
            "": "",
            "art": "l" + apostrophe if el else ("la" if fem else "le") + space,
            "de_art": "de l" + apostrophe if el else ("de la" if fem else "du") + space,
            "a_art": "à l" + apostrophe if el else ("à la" if fem else "au") + space,
            "loc": ("en" if fem or el else "au") + space,
            "de": "d" + apostrophe if el else ("de" if fem else "du") + space,
        }[kind]
        return pre + self.name


# Countries every parser alias table knows (all are in the corpus's own signatory list).
COUNTRIES = [
    Country("Inde", True, "indien", "indienne"),
    Country("Japon", False, "japonais", "japonaise"),
    Country("Chine", True, "chinois", "chinoise"),
    Country("Brésil", False, "brésilien", "brésilienne"),
    Country("Canada", False, "canadien", "canadienne"),
    Country("Allemagne", True, "allemand", "allemande"),
    Country("Italie", True, "italien", "italienne"),
    Country("Mexique", False, "mexicain", "mexicaine"),
    Country("Australie", True, "australien", "australienne"),
    Country("Indonésie", True, "indonésien", "indonésienne"),
    Country("Maroc", False, "marocain", "marocaine"),
    Country("Kenya", False, "kényan", "kényane"),
    Country("Sénégal", False, "sénégalais", "sénégalaise"),
    Country("Norvège", True, "norvégien", "norvégienne"),
    Country("Chili", False, "chilien", "chilienne"),
    Country("Danemark", False, "danois", "danoise"),
    Country("Suède", True, "suédois", "suédoise"),
    Country("Portugal", False, "portugais", "portugaise"),
    Country("Espagne", True, "espagnol", "espagnole"),
    Country("Irlande", True, "irlandais", "irlandaise"),
    Country("Thaïlande", True, "thaïlandais", "thaïlandaise"),
    Country("Rwanda", False, "rwandais", "rwandaise"),
]
_BY_NAME = {c.name.lower(): i for i, c in enumerate(COUNTRIES)}
_BY_ADJ: dict[str, tuple[int, str]] = {}
for _i, _c in enumerate(COUNTRIES):
    for _form in ("m", "f", "mpl", "fpl"):  # "japonais" is m and mpl: read it as m
        _BY_ADJ.setdefault(_c.adjective(_form).lower(), (_i, _form))
_PREFIX_KIND = {
    "de la": "de_art", "de l": "de_art", "du": "de_art",
    "à la": "a_art", "à l": "a_art",
    "la": "art", "le": "art", "l": "art",
    "en": "loc", "au": "loc",
    "de": "de", "d": "de",
}  # fmt: skip


def _cased(words) -> str:
    """Alternation of words as Title and UPPER case (country names are never lower)."""
    forms = {f for w in words for f in (w[:1].upper() + w[1:], w.upper())}
    return "|".join(sorted(forms, key=len, reverse=True))


PARTY_RE = re.compile(
    r"(?<![\w-])(?:(?P<pre>(?i:de la|de l|du|à la|à l|au|la|le|l|en|de|d))"
    r"(?P<sep>['’]|[ \t]+))?"
    rf"(?P<name>{_cased(c.name for c in COUNTRIES)})\b"
    rf"|\b(?P<adj>(?i:{'|'.join(sorted(_BY_ADJ, key=len, reverse=True))}))\b"
)


@dataclass(frozen=True)
class PartySlot:
    """A country name (with its article) or adjective, re-rendered under a swap."""

    country: int
    text: str  # as written in the template
    kind: str  # "adj" or a prefix kind
    form: str  # adjective form, or the name as written
    prefix: str  # the prefix as written ("" when none)
    sep: str

    def render(self, swap: dict[int, int], apostrophe: str) -> str:
        target = swap.get(self.country)
        if target is None:
            return self.text
        c = COUNTRIES[target]
        if self.kind == "adj":
            return _match_case(c.adjective(self.form), self.text)
        space = self.sep if self.sep and self.sep not in "'’" else " "
        apo = self.sep if self.sep in ("'", "’") and self.sep else apostrophe
        rendered = c.with_prefix(self.kind, apo, space)
        if self.form.isupper():
            return rendered.upper()
        return _match_case(rendered, self.prefix) if self.prefix else rendered


# -- templates ---------------------------------------------------------------------------

_TERMINAL = re.compile(r"[.;:!?»)]\s*$|/\.\s*$")
_TRAILING_MARKUP = re.compile(r"[*_\s]+$")
_LABEL_START = re.compile(r"^\s*(?:[-*+][ \t]+)?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)][ \t]")
_NOTE_MARK = re.compile(r"<sup>|\[\^?\d+\]|^\s*\d+[ \t]+[A-ZÀ-Ý]", re.M)
_BLANK = re.compile(r"^[ \t]*\n", re.M)


def _ends_terminal(line: str) -> bool:
    return bool(_TERMINAL.search(_TRAILING_MARKUP.sub("", line) + " "))


def _heading_like(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if s.startswith("#") or (s.isupper() and len(s) > 3):
        return True
    return len(s) < 90 and (s[0].isupper() or s[0].isdigit()) and not _ends_terminal(s)


@dataclass
class Unit:
    """A run of whole paragraphs with their trailing blank lines; ``pieces`` joined."""

    pieces: list
    free: bool  # may be dropped
    repeatable: bool  # may be repeated (no label, so no duplicate numbering)


@dataclass
class Template:
    name: str
    units: list[Unit]
    partner: int | None  # index in COUNTRIES of the country to swap
    apostrophe: str
    chars: int = 0

    @property
    def first_free(self) -> int | None:
        return next((i for i, u in enumerate(self.units) if u.free), None)


def _raw_units(text: str) -> list[tuple[int, int]]:
    """Spans of (content lines + the blank lines after them)."""
    spans, start, pos, seen_blank = [], 0, 0, False
    for line in text.splitlines(keepends=True):
        blank = not line.strip()
        if not blank and seen_blank:
            spans.append((start, pos))
            start, seen_blank = pos, False
        if blank and pos > start:
            seen_blank = True
        pos += len(line)
    if pos > start:
        spans.append((start, pos))
    return spans


def _continues(nxt: str) -> bool:
    """Does this unit continue the previous one (a sentence cut by a wrap or a note)?"""
    s = nxt.lstrip()
    return bool(s) and s[0].islower() and not _LABEL_START.match(nxt)


def _paragraph_units(text: str) -> list[tuple[int, int]]:
    """Raw units merged so that each one ends a paragraph (or is a heading)."""
    raw = _raw_units(text)
    merged: list[list[int]] = []
    open_ = False
    for s, e in raw:
        chunk = text[s:e]
        if merged and (open_ or _continues(chunk)):
            merged[-1][1] = e
        else:
            merged.append([s, e])
        content = [ln for ln in chunk.splitlines() if ln.strip()]
        last = content[-1] if content else ""
        open_ = not (_ends_terminal(last) or (len(content) == 1 and _heading_like(last)))
    return [(s, e) for s, e in merged]


def _classify(chunk: str, index: int, total: int) -> tuple[bool, bool]:
    lines = [ln for ln in chunk.splitlines() if ln.strip()]
    body = " ".join(ln.strip() for ln in lines)
    if index < 2 or index == total - 1 or len(body) < 150:
        return False, False
    if sum(len(ln.strip()) for ln in lines) / len(lines) < 40:  # a list of names
        return False, False
    if _NOTE_MARK.search(chunk):
        return False, False
    if _has_heading(chunk):
        return False, False
    return True, not _LABEL_START.match(chunk)


def _has_heading(chunk: str) -> bool:
    """Does the unit hold a heading: a short run of lines that follows a sentence end,
    has no final punctuation, and is followed by a blank line and a new paragraph?"""
    blocks = [b.splitlines() for b in re.split(r"\n[ \t]*\n", chunk) if b.strip()]
    blocks = [[ln for ln in b if ln.strip()] for b in blocks]
    prev_terminal = True
    for j, lines in enumerate(blocks):
        nxt = blocks[j + 1][0].lstrip() if j + 1 < len(blocks) else ""
        if not (nxt[:1].islower() and not _LABEL_START.match(nxt)):
            for k in range(len(lines)):
                if not (prev_terminal if k == 0 else _ends_terminal(lines[k - 1])):
                    continue
                tail = " ".join(ln.strip() for ln in lines[k:])
                first = tail[:1]
                if (
                    not _ends_terminal(lines[-1])
                    and len(tail) < 200
                    and (first.isupper() or first.isdigit() or first == "#")
                ):
                    return True
        prev_terminal = _ends_terminal(lines[-1])
    return False


def _slots(text: str) -> list[tuple[int, int, object]]:
    found: list[tuple[int, int, object]] = []
    for m in DATE_RE.finditer(text):
        found.append((m.start(), m.end(), DateSlot(m.groupdict())))
    taken = [(s, e) for s, e, _ in found]
    for m in PARTY_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if m.group("adj"):
            idx, form = _BY_ADJ[m.group("adj").lower()]
            slot = PartySlot(idx, m.group(0), "adj", form, "", "")
        else:
            pre = m.group("pre") or ""
            kind = _PREFIX_KIND[pre.lower()] if pre else ""
            idx = _BY_NAME[m.group("name").lower()]
            slot = PartySlot(idx, m.group(0), kind, m.group("name"), pre, m.group("sep") or "")
        found.append((m.start(), m.end(), slot))
    return sorted(found, key=lambda t: t[0])


def compile_template(name: str, text: str) -> Template:
    """Cut a text into units of literal strings and slots (once per template)."""
    slots = _slots(text)
    spans = _paragraph_units(text)
    # A boundary inside a slot would cut it: merge such units.
    fixed: list[list[int]] = []
    for s, e in spans:
        if fixed and any(a < s < b for a, b, _ in slots):
            fixed[-1][1] = e
        else:
            fixed.append([s, e])
    units = []
    for i, (s, e) in enumerate(fixed):
        pieces: list = []
        pos = s
        for a, b, slot in slots:
            if a < s or b > e:
                continue
            if a > pos:
                pieces.append(text[pos:a])
            pieces.append(slot)
            pos = b
        if pos < e:
            pieces.append(text[pos:e])
        free, rep = _classify(text[s:e], i, len(fixed))
        units.append(Unit(pieces, free, rep))
    counts = Counter(slot.country for _, _, slot in slots if isinstance(slot, PartySlot))
    partner = counts.most_common(1)[0][0] if counts else None
    apostrophe = "’" if text.count("’") > text.count("'") else "'"
    return Template(name, units, partner, apostrophe, len(text))


def load_templates(paths: list[Path]) -> list[Template]:
    return [compile_template(p.stem, p.read_bytes().decode("utf-8-sig")) for p in sorted(paths)]


def default_template_paths(folder: Path = DEFAULT_TEMPLATES) -> list[Path]:
    """The template texts of ``folder``. In ``documents/`` these are the five seed texts
    (``.txt``) only: the real corpus beside them (``.md``, ``.markdown``) is not a
    template, so the synthetic corpus, and every figure measured on it, stays the same."""
    suffixes = (".txt",) if folder == DEFAULT_TEMPLATES else (".txt", ".md")
    return sorted(p for p in folder.iterdir() if p.suffix in suffixes)


# -- documents ---------------------------------------------------------------------------


@dataclass
class SynthDoc:
    index: int
    name: str  # file name, e.g. synth_000123.txt
    data: bytes
    template: str
    partner: str  # the country that replaced the template's partner ("" when none)
    shift: Shift
    length_mode: str
    meta: dict = field(default_factory=dict)


# mode -> (probability to drop a body paragraph, to repeat it, most extra copies)
LENGTH_MODES = {"short": (0.5, 0.0, 0), "normal": (0.1, 0.1, 1), "long": (0.0, 0.5, 3)}


def _render_unit(unit: Unit, shift: Shift, swap: dict[int, int], apostrophe: str) -> str:
    return "".join(
        p
        if isinstance(p, str)
        else p.render(shift)
        if isinstance(p, DateSlot)
        else p.render(swap, apostrophe)
        for p in unit.pieces
    )


def vary(text: str, shift: Shift, partner: str | None = None) -> str:
    """``text`` with every date moved by ``shift`` and its partner country swapped with
    ``partner`` (no paragraph dropped or repeated): the rules, one text at a time."""
    tpl = compile_template("text", text)
    swap: dict[int, int] = {}
    if partner is not None and tpl.partner is not None:
        target = _BY_NAME[partner.lower()]
        swap = {tpl.partner: target, target: tpl.partner}
    return "".join(_render_unit(u, shift, swap, tpl.apostrophe) for u in tpl.units)


def _render(tpl: Template, rng: random.Random) -> tuple[str, str, Shift, str]:
    shift = Shift(rng.randint(-120, 12), rng.randint(-6, 6))
    swap: dict[int, int] = {}
    partner = ""
    if tpl.partner is not None:
        target = rng.choice([i for i in range(len(COUNTRIES)) if i != tpl.partner])
        swap = {tpl.partner: target, target: tpl.partner}
        partner = COUNTRIES[target].name
    r = rng.random()
    mode = "short" if r < 0.25 else "normal" if r < 0.75 else "long"
    p_drop, p_rep, max_rep = LENGTH_MODES[mode]
    out: list[str] = []
    first_free = tpl.first_free
    for i, unit in enumerate(tpl.units):
        copies = 1
        if unit.free:
            # The first body paragraph always stays: no document is left without body text.
            if i != first_free and rng.random() < p_drop:
                copies = 0
            elif unit.repeatable and rng.random() < p_rep:
                copies = 1 + rng.randint(1, max_rep)
        if not copies:
            continue
        out.append(_render_unit(unit, shift, swap, tpl.apostrophe) * copies)
    return "".join(out), partner, shift, mode


def iter_documents(templates: list[Template], seed: int) -> Iterator[SynthDoc]:
    """Synthetic documents 0, 1, 2, ... for ``seed`` (endless; take what you need)."""
    seen: set[bytes] = set()
    i = 0
    while True:
        for attempt in range(100):
            rng = random.Random(f"aidecl-synth:{seed}:{i}:{attempt}")
            tpl = templates[rng.randrange(len(templates))]
            text, partner, shift, mode = _render(tpl, rng)
            data = text.encode("utf-8")
            digest = hashlib.sha256(data).digest()
            if digest not in seen:
                break
        else:  # pragma: no cover - 100 collisions in a row means a broken template
            raise RuntimeError(f"cannot make document {i} distinct")
        seen.add(digest)
        yield SynthDoc(i, f"synth_{i:06d}.txt", data, tpl.name, partner, shift, mode)
        i += 1


def generate(
    out: Path, count: int, seed: int, templates: list[Template] | None = None
) -> list[SynthDoc]:
    """Write ``count`` documents to ``out`` (old ``synth_*.txt`` files there are removed)."""
    templates = templates or load_templates(default_template_paths())
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("synth_*.txt"):
        old.unlink()
    docs = []
    for doc in iter_documents(templates, seed):
        if doc.index >= count:
            break
        (out / doc.name).write_bytes(doc.data)
        doc.data = b""  # keep memory flat for large corpora
        docs.append(doc)
    return docs


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, type=Path, help="folder to write synth_*.txt to")
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--templates", type=Path, default=DEFAULT_TEMPLATES, help="folder of template texts"
    )
    p.add_argument("--extra", type=Path, action="append", default=[], help="extra template")
    p.add_argument("--manifest", type=Path, help="write one JSON line per document here")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    templates = load_templates([*default_template_paths(args.templates), *args.extra])
    docs = generate(args.out, args.count, args.seed, templates)
    if args.manifest:
        with args.manifest.open("w", encoding="utf-8") as f:
            for d in docs:
                row = {
                    "file": d.name,
                    "template": d.template,
                    "partner": d.partner,
                    "shift_months": d.shift.months,
                    "shift_days": d.shift.days,
                    "length": d.length_mode,
                }
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    took = time.perf_counter() - t0
    print(f"wrote {len(docs)} documents to {args.out} in {took:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
