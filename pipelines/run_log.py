"""What the ``core_tables`` step writes to the run's log about the parser's warnings.

Why not one line per warning: every line of a Dagster run's log is an event stored in the
instance's event log (an SQL insert, its serialization, the handlers). A corpus of 10,000
synthetic documents carries about 3,800 warnings (every rejected initiative candidate is
one), and logging each took 1.7 s of a 6 s build that added one document, most of the
step's time, to repeat warnings the previous build had already logged. The log now gives
each warning of the documents parsed in this run (new information; at most
``LINES`` of them), and one line per warning code for the others; every warning is still
in the ``document_warnings`` table, the step's ``problems`` metadata and ``aidecl report``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

LINES = 200


def problem_lines(
    problems: Sequence, fresh: Iterable[str], limit: int = LINES, shown: int = 3
) -> list[str]:
    """Log lines for ``problems`` (``Problem`` records): those of documents in ``fresh``
    (parsed in this run) one per line as ``id: kind:
    message``, the first ``limit`` of them; then, per code, the count of the others with
    their first documents."""
    fresh = set(fresh)
    lines: list[str] = []
    rest: dict[str, list[str]] = {}
    for p in problems:
        if p.document_id in fresh and len(lines) < limit:
            lines.append(f"{p.document_id}: {p.kind}: {p.message}")
        else:
            rest.setdefault(p.kind, []).append(p.document_id)
    for kind, docs in sorted(rest.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        firsts = list(dict.fromkeys(docs))
        more = f", ... ({len(firsts)} documents)" if len(firsts) > shown else ""
        lines.append(
            f"{kind}: {len(docs)} more in {', '.join(firsts[:shown])}{more} "
            "(all in the document_warnings table and `aidecl report`)"
        )
    return lines
