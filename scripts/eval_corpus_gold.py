"""Score ``parse_document`` on the gold sample of the real corpus (``tests/gold/corpus-dev/``).

The gold was written by reading each text (``tests/gold/corpus-dev/README.md`` has the
rules); this script only compares. Per document and in total it reports:

- clause boundaries: precision, recall and F1, a parsed clause matching a gold clause when
  it starts with the gold first words and ends with the gold last words, in reading order
  (the matching of ``scripts/eval_clauses.py``);
- title (compared after folding case, whitespace and apostrophes) and date (ISO, exact);
- signatories: precision and recall of (iso3, or the folded name for an organisation; role);
- initiative mentions: precision and recall on exact spans (char_start, char_end), with the
  curated gazetteer on, then switched off (``gazetteer.disabled()`` when the library has
  it, else reported as n/a).

Each text is read from ``documents/`` when it is there (same file name), else from
``../shared/corpus-dev/``.

    uv run python scripts/eval_corpus_gold.py [--json] [--misses]
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "corpus-dev"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_clauses import match, prf  # noqa: E402


def load_gold() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


def source_file(gold: dict) -> Path:
    """The document in ``documents/`` when it was copied there, else the corpus file."""
    corpus_path = (ROOT / gold["source_path"]).resolve()
    docs = ROOT / "documents"
    for candidate in (docs / corpus_path.name, docs / corpus_path.parent.name / corpus_path.name):
        if candidate.is_file():
            return candidate
    return corpus_path


def family(doc_id: str) -> str:
    """The layout family of a gold text, from the source's file-name prefix."""
    for prefix in ("wh", "numgouv", "frrn", "etalab", "trb"):
        if doc_id.startswith(prefix + "-"):
            return prefix
    return "other"


def fold(text: str) -> str:
    """Case, accents, apostrophes, whitespace and invisible format characters (U+2060) folded."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(
        c for c in text if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )
    return " ".join(text.split()).casefold()


_ARTICLES = ("the ", "l'", "la ", "le ", "les ")


def party_key(name: str, iso3: str) -> str:
    if iso3:
        return iso3
    key = fold(name)
    for article in _ARTICLES:
        if key.startswith(article):
            key = key[len(article) :]
    return key


def gazetteer_switch():
    """The gazetteer's off switch as a context manager, or None when the library has none."""
    try:
        from aidecl_data.parse.entities import gazetteer
    except ImportError:
        return None
    return getattr(gazetteer, "disabled", None)


def _overlap(gold: Counter, pred: Counter) -> int:
    return sum((gold & pred).values())


def score_document(doc_id: str, gold: dict, off_switch) -> dict:
    from aidecl_data.parse.document import parse_document

    path = source_file(gold)
    raw = path.read_bytes()
    row: dict = {"document_id": doc_id, "language": gold["language"], "family": family(doc_id)}
    try:
        parsed = parse_document(raw, doc_id, str(path))
    except Exception as exc:  # a crash scores zero; the other documents still count
        parsed = None
        row["error"] = f"{type(exc).__name__}: {exc}"

    texts = [c.text for c in parsed.clauses] if parsed else []
    found = match(texts, gold["clauses"])
    row["clauses"] = {
        "tp": sum(x is not None for x in found),
        "pred": len(texts),
        "gold": len(gold["clauses"]),
        "missed": [g["first"] for g, x in zip(gold["clauses"], found, strict=True) if x is None],
    }
    hit = {x for x in found if x is not None}
    row["clauses"]["extra"] = [t[:70] for k, t in enumerate(texts) if k not in hit]

    title = parsed.document.title if parsed else ""
    date = parsed.document.date if parsed else ""
    row["title"] = {"ok": fold(title) == fold(gold["title"]), "pred": title, "gold": gold["title"]}
    row["date"] = {"ok": date == gold["date"], "pred": date, "gold": gold["date"]}

    gold_sig = Counter((party_key(s["name"], s["iso3"]), s["role"]) for s in gold["signatories"])
    pred_sig = Counter(
        (party_key(s.name, s.iso3), s.role) for s in (parsed.signatories if parsed else [])
    )
    row["signatories"] = {
        "tp": _overlap(gold_sig, pred_sig),
        "pred": sum(pred_sig.values()),
        "gold": sum(gold_sig.values()),
        "missed": sorted(f"{k}/{r}" for k, r in (gold_sig - pred_sig).elements()),
        "extra": sorted(f"{k}/{r}" for k, r in (pred_sig - gold_sig).elements()),
    }

    gold_spans = Counter((m["char_start"], m["char_end"]) for m in gold["initiatives"])
    row["initiatives"] = _mentions(gold, gold_spans, parsed)
    if off_switch is None:
        row["initiatives_gazetteer_off"] = None
    else:
        try:
            with off_switch():
                parsed_off = parse_document(raw, doc_id, str(path))
        except Exception:  # scored as finding nothing
            parsed_off = None
        row["initiatives_gazetteer_off"] = _mentions(gold, gold_spans, parsed_off)
    return row


def _mentions(gold: dict, gold_spans: Counter, parsed) -> dict:
    pred = parsed.initiative_mentions if parsed else []
    pred_spans = Counter((m.char_start, m.char_end) for m in pred)
    text_of = {(m.char_start, m.char_end): m.text for m in pred}
    gold_text = {(m["char_start"], m["char_end"]): m["text"] for m in gold["initiatives"]}
    return {
        "tp": _overlap(gold_spans, pred_spans),
        "pred": sum(pred_spans.values()),
        "gold": sum(gold_spans.values()),
        "missed": [gold_text[s] for s in sorted((gold_spans - pred_spans).elements())],
        "extra": [text_of[s] for s in sorted((pred_spans - gold_spans).elements())],
    }


def evaluate() -> dict:
    off_switch = gazetteer_switch()
    rows = [score_document(doc_id, g, off_switch) for doc_id, g in load_gold().items()]
    return {"documents": rows, "totals": totals(rows), "groups": groups(rows)}


def _sum(rows: list[dict], key: str) -> tuple[int, int, int]:
    parts = [r[key] for r in rows if r.get(key) is not None]
    return tuple(sum(p[k] for p in parts) for k in ("tp", "pred", "gold"))


def totals(rows: list[dict]) -> dict:
    cp, cr, cf = prf(*_sum(rows, "clauses"))
    sp, sr, _ = prf(*_sum(rows, "signatories"))
    ip, ir, _ = prf(*_sum(rows, "initiatives"))
    out = {
        "documents": len(rows),
        "clauses_gold": _sum(rows, "clauses")[2],
        "clause_precision": round(cp, 4),
        "clause_recall": round(cr, 4),
        "clause_f1": round(cf, 4),
        "title_accuracy": round(sum(r["title"]["ok"] for r in rows) / len(rows), 4),
        "date_accuracy": round(sum(r["date"]["ok"] for r in rows) / len(rows), 4),
        "signatories_gold": _sum(rows, "signatories")[2],
        "signatory_precision": round(sp, 4),
        "signatory_recall": round(sr, 4),
        "mentions_gold": _sum(rows, "initiatives")[2],
        "initiative_precision": round(ip, 4),
        "initiative_recall": round(ir, 4),
        "initiative_precision_gazetteer_off": None,
        "initiative_recall_gazetteer_off": None,
    }
    if rows and all(r["initiatives_gazetteer_off"] is not None for r in rows):
        op, orc, _ = prf(*_sum(rows, "initiatives_gazetteer_off"))
        out["initiative_precision_gazetteer_off"] = round(op, 4)
        out["initiative_recall_gazetteer_off"] = round(orc, 4)
    return out


def groups(rows: list[dict]) -> dict:
    """Totals per language and per layout family."""
    out = {}
    for key in ("language", "family"):
        for value in sorted({r[key] for r in rows}):
            out[f"{key}={value}"] = totals([r for r in rows if r[key] == value])
    return out


def _pr(part: dict | None) -> str:
    if part is None:
        return f"{'n/a':>11s}"
    p, r, _ = prf(part["tp"], part["pred"], part["gold"])
    if not part["gold"] and not part["pred"]:
        return f"{'-':>11s}"
    return f"{p:5.2f} {r:5.2f}"


def _opt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def print_table(result: dict, misses: bool) -> None:
    head = ("document", "lang", "gold", "clause F1", "title", "date")
    head += ("sig P  R", "ini P  R", "off P  R")
    print("{:44s} {:4s} {:>4s} {:>9s} {:>5s} {:>5s} {:>11s} {:>11s} {:>11s}".format(*head))
    for r in result["documents"]:
        c = r["clauses"]
        f1 = prf(c["tp"], c["pred"], c["gold"])[2]
        print(
            f"{r['document_id'][:44]:44s} {r['language']:4s} {c['gold']:4d} {f1:9.3f} "
            f"{'ok' if r['title']['ok'] else 'X':>5s} {'ok' if r['date']['ok'] else 'X':>5s} "
            f"{_pr(r['signatories'])} {_pr(r['initiatives'])} {_pr(r['initiatives_gazetteer_off'])}"
            + (f"  ERROR {r['error']}" if "error" in r else "")
        )
        if misses:
            _print_misses(r)
    print()
    for name, t in {"total": result["totals"], **result["groups"]}.items():
        print(
            f"{name:18s} docs {t['documents']:3d}  clauses {t['clauses_gold']:4d} "
            f"P {t['clause_precision']:.3f} R {t['clause_recall']:.3f} F1 {t['clause_f1']:.3f}  "
            f"title {t['title_accuracy']:.3f} date {t['date_accuracy']:.3f}  "
            f"sig P {t['signatory_precision']:.3f} R {t['signatory_recall']:.3f}  "
            f"ini P {t['initiative_precision']:.3f} R {t['initiative_recall']:.3f}  "
            f"off P {_opt(t['initiative_precision_gazetteer_off'])} "
            f"R {_opt(t['initiative_recall_gazetteer_off'])}"
        )


def _print_misses(r: dict) -> None:
    if not r["title"]["ok"]:
        print(f"    title: {r['title']['pred']!r} (gold {r['title']['gold']!r})")
    if not r["date"]["ok"]:
        print(f"    date: {r['date']['pred']!r} (gold {r['date']['gold']!r})")
    for label, part in (("clause", r["clauses"]), ("signatory", r["signatories"])):
        for m in part["missed"]:
            print(f"    missed {label}: {m}")
        for m in part["extra"]:
            print(f"    extra {label}: {m}")
    for m in r["initiatives"]["missed"]:
        print(f"    missed mention: {m}")
    for m in r["initiatives"]["extra"]:
        print(f"    extra mention: {m}")


def main(argv: list[str]) -> int:
    result = evaluate()
    if "--json" in argv:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print_table(result, "--misses" in argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
