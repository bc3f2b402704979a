"""``aidecl report``: the data-quality warnings of a package, so a user knows what to check.

Reads the package's ``document_warnings`` and ``documents`` CSV resources (the one file
per table the contract promises; no database needed) and prints:

1. every warning code with its number of warnings and of documents, and what it means;
2. the documents to check first: ranked by the sum of their warnings' weights
   (:data:`WEIGHTS`: what leaves a whole document wrong, such as no date or an invented
   title, weighs more than one long clause), then by id, with their codes and title.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from aidecl_data.publish.schema import resource_path

# What each code means, for the summary (codes not listed are printed as they are).
MEANING = {
    "no_date": "no date found in the text, its metadata or its opening",
    "date_inferred": "date inferred from a date in the opening paragraph",
    "title_inferred": "no title in the text or its metadata: title made up",
    "title_from_heading": "no title of its own: title is the file's opening heading",
    "breaks_restored": "line breaks lost in the source put back by rule",
    "long_clause": "clause over 2,000 characters (paragraphs run together?)",
    "markup_left": "markup left in a clause's text",
    "unmapped_name": "name in a signatory list matched no country or organisation",
    "initiative_rejected": "initiative candidate rejected",
}
# How much one warning of a code says the document needs a look.
WEIGHTS = {
    "no_date": 3,
    "title_inferred": 3,
    "markup_left": 2,
    "long_clause": 2,
    "unmapped_name": 2,
    "date_inferred": 1,
    "title_from_heading": 1,
    "breaks_restored": 1,
    "initiative_rejected": 1,
}


class ReportError(Exception):
    """A package the report cannot read; the message is one line."""


@dataclass
class Report:
    documents: int
    warnings: list[dict[str, str]]
    titles: dict[str, str] = field(default_factory=dict)

    def by_code(self) -> list[tuple[str, int, int]]:
        """(code, warnings, documents), most warnings first."""
        n = Counter(w["code"] for w in self.warnings)
        docs: dict[str, set[str]] = defaultdict(set)
        for w in self.warnings:
            docs[w["code"]].add(w["document_id"])
        return sorted(((c, k, len(docs[c])) for c, k in n.items()), key=lambda r: (-r[1], r[0]))

    def to_check_first(self) -> list[tuple[str, int, Counter]]:
        """(document_id, score, codes) ranked by score, then id."""
        codes: dict[str, Counter] = defaultdict(Counter)
        for w in self.warnings:
            codes[w["document_id"]][w["code"]] += 1
        scored = [
            (doc, sum(WEIGHTS.get(c, 1) * k for c, k in cs.items()), cs)
            for doc, cs in codes.items()
        ]
        return sorted(scored, key=lambda r: (-r[1], r[0]))


def _read_csv(package: Path, table: str, needs: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of a table's CSV file, which must have the columns ``needs``. A file saved
    by a spreadsheet is read too: its byte-order mark (``utf-8-sig``), its CRLF line ends
    and its columns in any order."""
    path = package / resource_path(table, "csv")
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in needs if c not in (reader.fieldnames or [])]
            if missing:
                raise ReportError(f"{path}: no column {missing[0]!r} in its header")
            return list(reader)
    except FileNotFoundError:
        raise ReportError(f"{path}: not found (is {package} a package built by aidecl?)") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ReportError(f"{path}: cannot read: {exc}") from None


def load_report(package: Path) -> Report:
    docs = _read_csv(package, "documents", ("document_id",))
    warnings = _read_csv(package, "document_warnings", ("document_id", "code"))
    return Report(len(docs), warnings, {d["document_id"]: d.get("title", "") for d in docs})


def format_report(report: Report, top: int = 15) -> str:
    out: list[str] = []
    flagged = {w["document_id"] for w in report.warnings}
    out.append(f"{len(report.warnings)} warnings in {len(flagged)} of {report.documents} documents")
    if not report.warnings:
        return out[0]
    out.append("")
    out.append(f"{'code':22} {'warnings':>8} {'documents':>9}  meaning")
    for code, n, d in report.by_code():
        out.append(f"{code:22} {n:>8} {d:>9}  {MEANING.get(code, '')}")
    ranked = report.to_check_first()
    out.append("")
    out.append(f"documents to check first ({min(top, len(ranked))} of {len(ranked)}):")
    for doc, score, codes in ranked[:top]:
        what = ", ".join(f"{c} x{k}" if k > 1 else c for c, k in sorted(codes.items()))
        title = report.titles.get(doc, "")
        title = title if len(title) <= 60 else title[:57] + "..."
        out.append(f"  {score:>3}  {doc}  [{what}]  {title}")
    out.append("")
    out.append(
        "details: aidecl query \"select * from document_warnings where document_id = '...'\""
    )
    return "\n".join(out)


def main(package: Path, top: int = 15) -> int:
    """Print the report; 0, or 2 with a one-line error when the package cannot be read."""
    try:
        if top < 0:  # a negative slice would list all documents but the last ones
            raise ReportError(f"--top {top}: give a number of documents, 0 or more")
        print(format_report(load_report(Path(package)), top))
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


__all__ = ["Report", "ReportError", "format_report", "load_report", "main"]
