"""The parser's warnings of a build, summarized by code for people and for Dagster.

Why a summary and not one line per warning: a corpus gives hundreds of warnings (every
rejected initiative candidate is one; 403 on the 245 real texts, about 3,800 on 10,000
synthetic ones), and each line in the asset's log was one Dagster event written to the
run's event log: a cost that grew with the corpus, for a log nobody reads (figures in
docs/scaling.md).
The run's metadata carries one entry per code with its count and first documents, which
the command line prints as is, so the counts stay exact however many warnings there
are; ``aidecl report`` lists every warning with its span, from the package.
"""

from __future__ import annotations

from collections.abc import Iterable

SHOWN = 3  # documents named per code


def summarize(problems: Iterable[tuple[str, str]]) -> list[dict]:
    """``(document_id, code)`` pairs -> one entry per code, most frequent first:
    ``{"kind", "count", "documents" (how many), "first" (the first SHOWN of them)}``."""
    by_code: dict[str, list[str]] = {}
    for document_id, code in problems:
        by_code.setdefault(code, []).append(document_id)
    out = []
    for code, docs in sorted(by_code.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        distinct = list(dict.fromkeys(docs))
        out.append(
            {
                "kind": code,
                "count": len(docs),
                "documents": len(distinct),
                "first": distinct[:SHOWN],
            }
        )
    return out


def warning_lines(summary: list[dict]) -> list[str]:
    """One line per code with its count and first documents, then where to see them all."""
    lines = []
    for s in summary:
        more = f", ... ({s['documents']} documents)" if s["documents"] > len(s["first"]) else ""
        lines.append(f"warning: {s['kind']}: {s['count']} in {', '.join(s['first'])}{more}")
    if lines:
        lines.append("warning: `aidecl report` lists every warning with its span")
    return lines
