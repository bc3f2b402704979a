"""The blocking check that every act cue and theme evidence lies inside its clause.

``check_spans`` (in ``checks``) proves a span ends inside its document; an act's cue must
also lie inside the clause that holds it (``cue_clause_id``: the clause itself, or the
lead-in of an item whose act is inherited), and a theme's evidence inside its clause, so
that a reader who opens the clause sees the words that justify the label.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa
import pyarrow.compute as pc

# table -> the column naming the clause whose span must hold the row's span
SPAN_CLAUSE: dict[str, str] = {"clause_acts": "cue_clause_id", "clause_themes": "clause_id"}
MAX_EXAMPLES = 3


def check_spans_in_clause(tables: Mapping[str, pa.Table], only: str | None = None) -> list[str]:
    """One failure message per table whose spans leave their clause (or name none)."""
    clauses = tables.get("clauses")
    if clauses is None:
        return []
    out = []
    for name, column in SPAN_CLAUSE.items():
        if (only is not None and name != only) or name not in tables:
            continue
        rows = tables[name]
        if not {column, "char_start", "char_end"} <= set(rows.column_names):
            continue
        at = pc.index_in(rows.column(column), value_set=clauses.column("clause_id"))
        start = clauses.column("char_start").take(at)
        end = clauses.column("char_end").take(at)
        inside = pc.and_(
            pc.greater_equal(rows.column("char_start"), start),
            pc.less_equal(rows.column("char_end"), end),
        )
        bad_mask = pc.invert(pc.fill_null(inside, False))
        bad = rows.filter(bad_mask)
        if bad.num_rows:
            shown = [
                f"{c}@{s}:{e}"
                for c, s, e in zip(
                    bad.column(column).to_pylist(),
                    bad.column("char_start").to_pylist(),
                    bad.column("char_end").to_pylist(),
                    strict=True,
                )
            ]
            more = f" (+{len(shown) - MAX_EXAMPLES} more)" if len(shown) > MAX_EXAMPLES else ""
            out.append(
                f"{name}: {bad.num_rows} span(s) outside their clause ({column}): "
                + ", ".join(shown[:MAX_EXAMPLES])
                + more
            )
    return out
