"""The overview page's charts, drawn as SVG on the server: nothing is fetched from a CDN.

Each chart is a Vega-Lite spec built with Altair and rendered by vl-convert (which bundles
Vega), so the page works offline and the same data gives the same SVG. The charts that
need the annotation tables (acts, themes) appear when the package has them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

TOP = 15  # bars in a "most" chart
PAIR_TOP = 12  # countries in the co-signature matrix
WIDTH = 560


@dataclass
class Chart:
    name: str
    title: str
    caption: str
    svg: str
    rows: list[dict[str, Any]] = field(default_factory=list)  # the data, shown as a table


def _rows(con: sqlite3.Connection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _tables(con: sqlite3.Connection) -> set[str]:
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _svg(chart) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict())


def _count_axis(rows: list[dict[str, Any]], key: str, title: str):
    """An axis of whole numbers: explicit ticks when the counts are small."""
    import altair as alt

    top = max((int(r[key]) for r in rows), default=0)
    values = list(range(top + 1)) if top <= 10 else alt.Undefined
    return alt.Axis(title=title, values=values, format="d")


def _bar(rows: list[dict[str, Any]], y: str, x: str, title: str, color: str = "#3867d6"):
    import altair as alt

    height = max(60, 22 * len(rows))
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color=color)
        .encode(
            x=alt.X(f"{x}:Q", axis=_count_axis(rows, x, title)),
            y=alt.Y(f"{y}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320)),
            tooltip=[alt.Tooltip(f"{y}:N"), alt.Tooltip(f"{x}:Q")],
        )
        .properties(width=WIDTH - 200, height=height)
    )


def _per_year(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["year"]] = totals.get(r["year"], 0) + int(r["documents"])
    return [{"documents": n} for n in totals.values()]


def documents_by_year(con: sqlite3.Connection) -> Chart:
    import altair as alt

    rows = _rows(
        con,
        "SELECT coalesce(substr(date, 1, 4), 'undated') AS year, language, "
        "count(*) AS documents FROM documents GROUP BY 1, 2 ORDER BY 1, 2",
    )
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="year", axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "documents:Q",
                stack="zero",
                axis=_count_axis(_per_year(rows), "documents", "documents"),
            ),
            color=alt.Color("language:N", title="language"),
            tooltip=["year:O", "language:N", "documents:Q"],
        )
        .properties(width=WIDTH, height=220)
    )
    return Chart(
        "documents_by_year",
        "Documents per year and language",
        "By the date each text bears (undated texts apart).",
        _svg(chart),
        rows,
    )


def top_signatories(con: sqlite3.Connection) -> Chart:
    rows = _rows(
        con,
        "SELECT coalesce(min(name_en), iso3) AS country, iso3, "
        "count(DISTINCT document_id) AS documents FROM signatories "
        f"WHERE iso3 IS NOT NULL GROUP BY iso3 ORDER BY documents DESC, iso3 LIMIT {TOP}",
    )
    return Chart(
        "top_signatories",
        "Countries that sign most",
        "States named as a party or a signatory, by number of documents.",
        _svg(_bar(rows, "country", "documents", "documents")),
        rows,
    )


def cosignatures(con: sqlite3.Connection) -> Chart:
    import altair as alt

    top = [
        r["iso3"]
        for r in _rows(
            con,
            "SELECT iso3, count(DISTINCT document_id) AS n FROM signatories "
            f"WHERE iso3 IS NOT NULL GROUP BY iso3 ORDER BY n DESC, iso3 LIMIT {PAIR_TOP}",
        )
    ]
    marks = ", ".join("'" + c.replace("'", "''") + "'" for c in top) or "''"
    rows = _rows(
        con,
        "SELECT a.iso3 AS country, b.iso3 AS with_country, "
        "count(DISTINCT a.document_id) AS documents "
        "FROM signatories a JOIN signatories b ON a.document_id = b.document_id "
        f"AND a.iso3 <> b.iso3 WHERE a.iso3 IN ({marks}) AND b.iso3 IN ({marks}) "
        "GROUP BY 1, 2 ORDER BY 1, 2",
    )
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_rect()
        .encode(
            x=alt.X("with_country:N", title="with", sort=top),
            y=alt.Y("country:N", title=None, sort=top),
            color=alt.Color("documents:Q", scale=alt.Scale(scheme="blues"), title="documents"),
            tooltip=["country:N", "with_country:N", "documents:Q"],
        )
        .properties(width=22 * max(len(top), 4), height=22 * max(len(top), 4))
    )
    most = max((r["documents"] for r in rows), default=0)
    text = chart.mark_text(fontSize=10).encode(
        text="documents:Q",
        color=alt.condition(
            alt.datum.documents > most * 0.6, alt.value("white"), alt.value("#222")
        ),
    )
    return Chart(
        "cosignatures",
        "Who signs with whom",
        f"Documents signed together, among the {len(top)} states that sign most.",
        _svg(chart + text),
        [r for r in rows if r["country"] < r["with_country"]],
    )


def top_initiatives(con: sqlite3.Connection) -> Chart:
    rows = _rows(
        con,
        "SELECT i.name AS initiative, count(DISTINCT m.document_id) AS documents, "
        "count(*) AS mentions FROM initiative_mentions m JOIN initiatives i "
        "USING (initiative_id) GROUP BY i.initiative_id, i.name "
        f"ORDER BY documents DESC, mentions DESC, i.name LIMIT {TOP}",
    )
    return Chart(
        "top_initiatives",
        "Initiatives named in most documents",
        "Summits, bodies, agreements and processes, by number of documents that name them.",
        _svg(_bar(rows, "initiative", "documents", "documents", "#20bf6b")),
        rows,
    )


def label_mix(con: sqlite3.Connection, table: str, column: str, title: str) -> Chart:
    rows = _rows(
        con,
        f'SELECT "{column}" AS {column}, count(*) AS clauses FROM "{table}" '
        f"GROUP BY 1 ORDER BY clauses DESC, 1",
    )
    return Chart(
        table,
        title,
        f"Rows of `{table}` by {column}.",
        _svg(_bar(rows, column, "clauses", "clauses", "#8854d0")),
        rows,
    )


def figures(con: sqlite3.Connection) -> list[tuple[str, int]]:
    """The headline counts: documents, clauses, states, initiatives, dates."""
    tables = _tables(con)
    out = []
    for label, sql, table in (
        ("documents", "SELECT count(*) FROM documents", "documents"),
        ("clauses", "SELECT count(*) FROM clauses", "clauses"),
        (
            "states",
            "SELECT count(DISTINCT iso3) FROM signatories WHERE iso3 IS NOT NULL",
            "signatories",
        ),
        ("initiatives", "SELECT count(*) FROM initiatives", "initiatives"),
        ("dates", "SELECT count(*) FROM dates", "dates"),
    ):
        if table in tables:
            out.append((label, con.execute(sql).fetchone()[0]))
    return out


def build_charts(con: sqlite3.Connection) -> list[Chart]:
    tables = _tables(con)
    charts = [documents_by_year(con)]
    if "signatories" in tables:
        charts += [top_signatories(con), cosignatures(con)]
    if {"initiatives", "initiative_mentions"} <= tables:
        charts.append(top_initiatives(con))
    for table, column, title in (
        ("clause_acts", "act", "What the clauses do (acts)"),
        ("clause_themes", "theme", "What the clauses are about (themes)"),
    ):
        cols = {r[1] for r in con.execute(f'PRAGMA table_info("{table}")')}
        if table in tables and column in cols:
            charts.append(label_mix(con, table, column, title))
    return charts
