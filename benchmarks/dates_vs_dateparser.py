"""Date extraction: our grammar against dateparser's ``search_dates``, on the gold files.

Why: the dates table promises every date expression and nothing else; this measures both
extractors on the same texts against gold written by reading them
(``tests/gold/dates/*.json``: the five corpus documents and the unseen English Paris Call).

How it is applied (see ``aidecl_data.parse.dates.scoring`` for the gold format and matching):
- each source file is read whole and every white-space run collapsed to one space (the
  PDF texts are hard-wrapped; a flat text gives gold and predictions one offset system);
- ours: ``find_dates(text, language, reference)`` with the gold file's language and
  reference (the document's dateline date, or none when the text is undated);
- dateparser: ``search_dates(text, languages=[language], add_period=True,
  settings={"RELATIVE_BASE": reference})``; its matches are located in the text in order,
  and its period ("day", "month", "year") gives the precision and the span of the date;
  ``is_relative`` is not scored;
- a prediction matches a gold date if the spans are equal, or they overlap with the same
  start and end dates; precision, recall and F1 are micro-averaged over matches;
  "invented" counts matches whose predicted precision is finer than what is written.
- time: median wall time of ``--repeat`` runs per text (dateparser: at most 3 runs).

    uv run python benchmarks/dates_vs_dateparser.py [--repeat 50] [--json] [--show-errors]
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from aidecl_data.parse.dates import find_dates
from aidecl_data.parse.dates.scoring import GoldDocument, Score, Span, load_gold, score

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "dates"


def ours(doc: GoldDocument) -> list[Span]:
    return [
        Span(m.start, m.end, m.text, m.start_date, m.end_date, m.precision, m.is_relative)
        for m in find_dates(doc.text, doc.language, doc.reference)
    ]


def _period_span(d: dt.date, period: str | None) -> tuple[dt.date, dt.date, str]:
    if period == "year":
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31), "year"
    if period == "month":
        last = calendar.monthrange(d.year, d.month)[1]
        return dt.date(d.year, d.month, 1), dt.date(d.year, d.month, last), "month"
    return d, d, "day"


def dateparser_extractor() -> Callable[[GoldDocument], list[Span]] | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None

    def run(doc: GoldDocument) -> list[Span]:
        settings: dict[str, object] = {}
        if doc.reference:
            settings["RELATIVE_BASE"] = dt.datetime.combine(doc.reference, dt.time())
        found = (
            search_dates(doc.text, languages=[doc.language], settings=settings, add_period=True)
            or []
        )
        out, pos = [], 0
        for item in found:
            text, when = item[0], item[1]
            period = item[2] if len(item) > 2 else None
            at = doc.text.find(text, pos)
            if at < 0:
                at = doc.text.find(text)
            if at < 0:
                continue
            pos = at + len(text)
            start, end, precision = _period_span(when.date(), period)
            out.append(Span(at, at + len(text), text, start, end, precision))
        return out

    return run


def timed(fn: Callable[[GoldDocument], list[Span]], doc: GoldDocument, repeat: int):
    times, result = [], []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        result = fn(doc)
        times.append(time.perf_counter() - t0)
    return result, statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=50, help="runs per text for our grammar")
    ap.add_argument("--json", action="store_true", help="print one JSON object at the end")
    ap.add_argument("--show-errors", action="store_true", help="list misses and spurious")
    args = ap.parse_args(argv)

    docs = []
    for path in sorted(GOLD.glob("*.json")):
        try:
            docs.append(load_gold(path, ROOT))
        except FileNotFoundError as exc:
            print(f"skip {path.name}: source missing ({exc.filename})", file=sys.stderr)
    extractors: dict[str, tuple[Callable[[GoldDocument], list[Span]], int]] = {
        "grammar": (ours, args.repeat)
    }
    dp = dateparser_extractor()
    if dp is None:
        print(
            "dateparser is not installed in this environment: skipping it "
            "(it is in the dev dependency group: `uv sync --group dev`).",
            file=sys.stderr,
        )
    else:
        extractors["dateparser"] = (dp, min(3, args.repeat))

    report: dict[str, dict] = {}
    header = f"{'document':<24} {'chars':>6}  " + "  ".join(
        f"{name + ' P/R/F1':>24} {'ms':>8}" for name in extractors
    )
    print(header)
    totals = {name: Score() for name in extractors}
    for doc in docs:
        row = f"{doc.document_id:<24} {len(doc.text):>6}  "
        for name, (fn, repeat) in extractors.items():
            pred, secs = timed(fn, doc, repeat)
            sc = score(doc.dates, pred)
            totals[name] = totals[name].add(sc)
            report.setdefault(name, {})[doc.document_id] = {
                "precision": round(sc.precision, 4),
                "recall": round(sc.recall, 4),
                "f1": round(sc.f1, 4),
                "invented": sc.invented,
                "wrong_dates": sc.wrong_dates,
                "ms": round(secs * 1000, 3),
                "chars": len(doc.text),
            }
            row += f"{sc.precision:>7.2f} {sc.recall:>7.2f} {sc.f1:>8.3f} {secs * 1000:>8.2f}  "
            if args.show_errors:
                for g in sc.missed or []:
                    print(f"  [{name}] {doc.document_id} missed   {g.text!r}", file=sys.stderr)
                for p in sc.spurious or []:
                    print(
                        f"  [{name}] {doc.document_id} spurious {p.text!r} {p.start_date}",
                        file=sys.stderr,
                    )
        print(row)
    row = f"{'ALL (micro)':<24} {sum(len(d.text) for d in docs):>6}  "
    for name in extractors:
        t = totals[name]
        ms = sum(v["ms"] for v in report[name].values())
        report[name]["ALL"] = {
            "precision": round(t.precision, 4),
            "recall": round(t.recall, 4),
            "f1": round(t.f1, 4),
            "invented": t.invented,
            "wrong_dates": t.wrong_dates,
            "ms": round(ms, 3),
        }
        row += f"{t.precision:>7.2f} {t.recall:>7.2f} {t.f1:>8.3f} {ms:>8.2f}  "
    print(row)
    for name in extractors:
        a = report[name]["ALL"]
        print(f"{name}: invented day/month {a['invented']}, wrong dates {a['wrong_dates']}")
    if args.json:
        print(json.dumps(report, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
