"""Per-document listing of initiative misses and false hits on the corpus-dev gold, classified.

    uv run python scripts/initiative_errors.py [--gazetteer-off] [--summary]

Each error of ``parse_document`` against ``tests/gold/corpus-dev/*.json`` (exact spans) is
put in one class, by how the found span and the gold span relate:

- ``truncated``: a found mention lies inside a gold one ("Technology Council" for
  "U.S.-EU Trade and Technology Council");
- ``over-extended``: a found mention holds a gold one and more ("... Meeting on Blake
  Island");
- ``overlapping``: the two cross;
- ``missed``: nothing found over the gold span;
- ``false hit``: a found mention over no gold span (a company, an agency, a generic phrase,
  a name the gold leaves out).

Counts per class and per layout family end the listing (``--summary``: only them).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_corpus_gold import family, load_gold, source_file

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.entities import gazetteer


def classify(gold: list[tuple[int, int, str]], found: list[tuple[int, int, str]]):
    """(class, gold text or "", found text or "") for every error of one document."""
    gspans = {(s, e) for s, e, _ in gold}
    fspans = {(s, e) for s, e, _ in found}
    out = []
    for s, e, t in gold:
        if (s, e) in fspans:
            continue
        near = [(a, b, u) for a, b, u in found if a < e and s < b and (a, b) not in gspans]
        if not near:
            out.append(("missed", t, ""))
        for a, b, u in near:
            if s <= a and b <= e:
                out.append(("truncated", t, u))
            elif a <= s and e <= b:
                out.append(("over-extended", t, u))
            else:
                out.append(("overlapping", t, u))
    for a, b, u in found:
        if (a, b) not in gspans and not any(s < b and a < e for s, e, _ in gold):
            out.append(("false hit", "", u))
    return out


def main(argv: list[str]) -> int:
    off = "--gazetteer-off" in argv
    by_class: Counter = Counter()
    by_family: Counter = Counter()
    for doc_id, g in load_gold().items():
        path = source_file(g)
        raw = path.read_bytes()
        if off:
            with gazetteer.disabled():
                parsed = parse_document(raw, doc_id, str(path))
        else:
            parsed = parse_document(raw, doc_id, str(path))
        gold = [(m["char_start"], m["char_end"], m["text"]) for m in g["initiatives"]]
        found = [(m.char_start, m.char_end, m.text) for m in parsed.initiative_mentions]
        errors = classify(gold, found)
        if errors and "--summary" not in argv:
            print(doc_id)
            for cls, t, u in errors:
                print(f"    {cls:13s} gold {t!r:60.60s} found {u!r:.60s}")
        for cls, _, _ in errors:
            by_class[cls] += 1
            by_family[(family(doc_id), cls)] += 1
    print("errors by class:", dict(by_class.most_common()))
    for fam in sorted({f for f, _ in by_family}):
        print(f"  {fam}:", {c: n for (f, c), n in sorted(by_family.items()) if f == fam})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
