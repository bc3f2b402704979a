"""Turn the hand-written gold notes of the corpus-dev sample into gold JSON.

The gold of ``tests/gold/corpus-dev/`` is written by reading each text; this helper only
does the clerical part: it finds the exact strings the annotator chose in the decoded file
(so initiative mentions get their ``char_start``/``char_end``), and checks that every
clause's first and last words occur in the source (so a typo is caught). It never runs the
parser.

A notes file (``tests/gold/corpus-dev/notes/<document_id>.txt``) holds one item a line:

    file: fr/trb-1994-....md          path under ../shared/corpus-dev
    title: ...                        the title a person would give the document
    date: 1994-02-15                  ISO date of the document / its signature
    language: fr
    body: <exact string>              mentions are searched from its first occurrence on
    end: <exact string>               ... up to its first occurrence after body (optional)
    skip: <exact string>              no mention in the block (to the next blank line) that
                                      starts there (boilerplate, a signatory list); repeatable
    lang: nl                          language of the clauses that follow (default: language)
    P[ label] :: first words || last words       a paragraph
    I[ label] :: first || last        a list item; parent = the last P
    H :: heading                      a heading (not a clause): the next items have no parent
    J[ label] :: first || last        a nested item; parent = the last I
    S name | iso3 | role[ | entity_type]
    M text => canonical name[ @1,3]   every occurrence of text between body and end
                                      (whitespace-flexible, case-sensitive, never inside a
                                      longer mention already taken); @ keeps those only
    # comment

    uv run python scripts/gold_corpus_build.py [document_id ...] [--show]
    uv run python scripts/gold_corpus_build.py --stats     (the counts of the gold README)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "corpus-dev"
NOTES = GOLD / "notes"
CORPUS = (ROOT / ".." / "shared" / "corpus-dev").resolve()
_WORD = re.compile(r"\w+")


def decoded(path: Path) -> str:
    from aidecl_data.parse.sources import decode_bytes

    return decode_bytes(path.read_bytes(), str(path))


def words(text: str) -> list[str]:
    return _WORD.findall(text.replace("’", "'").casefold())


def flexible(text: str) -> re.Pattern:
    parts = [re.escape(p) for p in text.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


def build(doc_id: str, show: bool = False) -> dict:
    lines = (NOTES / f"{doc_id}.txt").read_text(encoding="utf-8").splitlines()
    head: dict[str, str] = {}
    clauses, signatories, mention_specs, skips = [], [], [], []
    last_p = last_i = ""
    counters: dict[str, int] = {}
    lang = ""
    sec = 0
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"(file|title|date|language|body|end|lang|skip):\s?(.*)$", line)
        if m:
            if m[1] == "skip":
                skips.append(m[2].strip())
            elif m[1] == "lang":
                lang = m[2].strip()
            else:
                head[m[1]] = m[2].strip()
            continue
        if line.startswith("H ::"):  # a heading: not a clause; items below it have no lead-in
            last_p = last_i = ""
            sec += 1
            continue
        m = re.match(r"([PIJ])(?:\s+(\S+))?\s*::\s*(.*?)\s*\|\|\s*(.*)$", line)
        if m:
            tag, label, first, last = m[1], m[2] or "", m[3], m[4]
            kind = "paragraph" if tag == "P" else "item"
            parent = {"P": "", "I": last_p, "J": last_i}[tag]
            key = parent or ("top" if tag == "P" else f"list_{sec}")
            counters[key] = counters.get(key, 0) + 1
            n = counters[key]
            eid = f"para_{n}" if tag == "P" else f"{parent or f'list_{sec}'}__point_{n}"
            clause = {"eid": eid, "kind": kind, "label": label, "parent": parent}
            clause.update(first=first, last=last, language=lang or head.get("language", ""))
            clauses.append(clause)
            if tag == "P":
                last_p = eid
            elif tag == "I":
                last_i = eid
            continue
        if line.startswith("S "):
            parts = [p.strip() for p in line[2:].split("|")]
            name, iso3, role = parts[0], parts[1], parts[2]
            etype = parts[3] if len(parts) > 3 else ("state" if iso3 else "organisation")
            signatories.append({"name": name, "iso3": iso3, "role": role, "entity_type": etype})
            continue
        if line.startswith("M "):
            m = re.match(r"M (.*?)\s*=>\s*(.*?)(?:\s+@([\d,]+))?$", line)
            if not m:
                raise SystemExit(f"{doc_id}: bad mention line: {line}")
            keep = {int(x) for x in m[3].split(",")} if m[3] else None
            mention_specs.append((m[1], m[2], keep))
            continue
        raise SystemExit(f"{doc_id}: cannot read line: {line}")

    path = CORPUS / head["file"]
    src = decoded(path)
    start = src.index(head["body"]) if head.get("body") else 0
    end = src.index(head["end"], start) if head.get("end") else len(src)

    # Typo check: the first and last words of every clause occur in the source.
    plain = re.sub(r"</?sup>", "", src)  # 21<sup>st</sup> reads 21st
    plain = re.sub(r"\]\(+[^)\s]*\)+|<[^>]*>|\{:[^}]*\}", " ", plain)
    src_words = " ".join(words(plain))
    for c in clauses:
        for key in ("first", "last"):
            w = " ".join(words(c[key]))
            if w and w not in src_words:
                print(f"  {doc_id}: {key} words not in source: {c[key]!r}", file=sys.stderr)

    taken: list[tuple[int, int]] = []
    for text in skips:  # a skipped block counts as taken: no mention inside it
        s0 = src.index(text, start)
        blank = re.compile(r"\n[ \t]*\n").search(src, s0)
        taken.append((s0, blank.start() if blank else len(src)))
    n_skips = len(taken)
    mentions = []
    # Longer strings first so a name inside a longer name is not taken twice.
    for text, canon, keep in sorted(mention_specs, key=lambda s: -len(s[0])):
        hits = [
            (mm.start(), mm.end())
            for mm in flexible(text).finditer(src, start, end)
            if not any(s < mm.end() and mm.start() < e for s, e in taken)
        ]
        if not hits:
            print(f"  {doc_id}: mention not found: {text!r}", file=sys.stderr)
        for k, (s, e) in enumerate(hits, 1):
            if keep and k not in keep:
                continue
            taken.append((s, e))
            mentions.append(
                {"text": " ".join(src[s:e].split()), "name": canon, "char_start": s, "char_end": e}
            )
    del taken[:n_skips]
    mentions.sort(key=lambda x: x["char_start"])
    if show:
        for mt in mentions:
            s, e = mt["char_start"], mt["char_end"]
            ctx = src[max(0, s - 40) : e + 30].replace("\n", " ")
            print(f"  {mt['name']:40.40s} | {ctx}")
    gold = {
        "document_id": doc_id,
        "source_path": f"../shared/corpus-dev/{head['file']}",
        "title": head["title"],
        "date": head.get("date", ""),
        "language": head["language"],
        "clauses": clauses,
        "signatories": signatories,
        "initiatives": mentions,
    }
    out = GOLD / f"{doc_id}.json"
    out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return gold


def stats() -> None:
    """The counts of the gold README: texts, bytes, clauses, signatories, mentions per family."""
    rows: dict[tuple[str, str], list[int]] = {}
    for path in sorted(GOLD.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        key = (g["language"], g["document_id"].split("-")[0])
        size = (ROOT / g["source_path"]).resolve().stat().st_size
        counts = (1, size, len(g["clauses"]), len(g["signatories"]), len(g["initiatives"]))
        rows[key] = [a + b for a, b in zip(rows.get(key, [0] * 5), counts, strict=True)]
    rows[("", "total")] = [sum(r[i] for r in rows.values()) for i in range(5)]
    print("| language | family | texts | bytes | clauses | signatories | mentions |")
    for (lang, fam), r in rows.items():
        print(f"| {lang} | {fam} | " + " | ".join(f"{x:,}" for x in r) + " |")


def main(argv: list[str]) -> int:
    if "--stats" in argv:
        stats()
        return 0
    show = "--show" in argv
    ids = [a for a in argv if not a.startswith("--")] or sorted(p.stem for p in NOTES.glob("*.txt"))
    for doc_id in ids:
        g = build(doc_id, show)
        print(
            f"{doc_id}: {len(g['clauses'])} clauses, {len(g['signatories'])} signatories, "
            f"{len(g['initiatives'])} mentions"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
