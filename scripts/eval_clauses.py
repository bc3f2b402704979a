"""Clause-boundary precision, recall and F1 of the parser against the hand-made gold.

Gold files (``tests/gold/structure/<document_id>.json``) give, for every clause, its first
and last words as read in the source. A parsed clause matches a gold clause when its text
begins with the gold first words and ends with the gold last words (words = runs of
letters and digits, case and apostrophe style folded), matched in reading order. The
baseline splits the text on blank lines and takes every block as a clause.

    uv run python scripts/eval_clauses.py [--baseline-only]
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "structure"
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.replace("’", "'").casefold())


def load_gold() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


def source_path(doc_id: str, gold: dict) -> Path:
    if gold.get("source_path"):
        return (ROOT / gold["source_path"]).resolve()
    return ROOT / "documents" / f"{doc_id}.txt"


def match(pred_texts: list[str], gold_clauses: list[dict]) -> list[int | None]:
    """For each gold clause, the index of the parsed clause matching it (in order), or None."""
    out: list[int | None] = []
    pw = [words(t) for t in pred_texts]
    j = 0
    for g in gold_clauses:
        f, lst = words(g["first"]), words(g["last"])
        found = None
        for k in range(j, len(pw)):
            w = pw[k]
            if w[: len(f)] == f and (not lst or w[-len(lst) :] == lst):
                found = k
                break
        out.append(found)
        if found is not None:
            j = found + 1
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def baseline_clauses(source: str) -> list[str]:
    text = source.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return [b.strip() for b in re.split(r"\n[ \t]*\n", text) if b.strip()]


def evaluate(parse: bool = True) -> dict[str, dict]:
    from aidecl_data.parse.sources import decode_bytes
    from aidecl_data.parse.structure import parse_structure

    results = {}
    for doc_id, gold in load_gold().items():
        path = source_path(doc_id, gold)
        src = decode_bytes(path.read_bytes(), str(path))  # decoded as parse_document does
        row = {"gold": len(gold["clauses"])}
        base = baseline_clauses(src)
        m = match(base, gold["clauses"])
        row["baseline"] = (sum(x is not None for x in m), len(base))
        if parse:
            t0 = time.perf_counter()
            st = parse_structure(src, doc_id)
            row["ms"] = (time.perf_counter() - t0) * 1000
            texts = [c.text for c in st.clauses]
            m = match(texts, gold["clauses"])
            row["parser"] = (sum(x is not None for x in m), len(texts))
            row["missed"] = [
                g["first"] for g, x in zip(gold["clauses"], m, strict=True) if x is None
            ]
        results[doc_id] = row
    return results


def main(argv: list[str]) -> int:
    res = evaluate(parse="--baseline-only" not in argv)
    tot = {"parser": [0, 0, 0], "baseline": [0, 0, 0]}
    head = ("document", "gold", "P", "R", "F1", "base F1", "ms")
    print("{:24s} {:>4s}  {:>5s} {:>5s} {:>5s}  {:>7s}  {:>6s}".format(*head))
    for doc_id, r in res.items():
        corpus = not doc_id.startswith("paris")
        bf = prf(r["baseline"][0], r["baseline"][1], r["gold"])[2]
        line = f"{doc_id:24s} {r['gold']:4d}  "
        if "parser" in r:
            p, rc, f = prf(r["parser"][0], r["parser"][1], r["gold"])
            line += f"{p:5.3f} {rc:5.3f} {f:5.3f}  {bf:7.3f}  {r['ms']:6.1f}"
            if corpus:
                for k, v in zip(
                    (0, 1, 2), (r["parser"][0], r["parser"][1], r["gold"]), strict=True
                ):
                    tot["parser"][k] += v
        else:
            line += f"{'':17s}  {bf:7.3f}"
        if corpus:
            for k, v in zip(
                (0, 1, 2), (r["baseline"][0], r["baseline"][1], r["gold"]), strict=True
            ):
                tot["baseline"][k] += v
        print(line + ("" if corpus else "  (extra, not corpus)"))
        for miss in r.get("missed", []):
            print(f"    missed: {miss}")
    bf = prf(*tot["baseline"])[2]
    if tot["parser"][2]:  # the parser was scored (not --baseline-only)
        p, rc, f = prf(*tot["parser"])
        scores = f"{p:5.3f} {rc:5.3f} {f:5.3f}"
    else:
        scores = f"{'':17s}"
    print(f"{'corpus overall':24s} {tot['baseline'][2]:4d}  {scores}  {bf:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
