"""What changed between two packages: documents, clauses, rows and schema, as data.

``diff_packages(old, new)`` returns a plain dict (the JSON release notes) and
``notes_markdown`` renders it; ``aidecl diff`` and ``aidecl release`` print the same report.

- Documents are matched by ``document_id``; one is *changed* when its source sha256
  differs.
- The clauses of a changed document are aligned by their text, in reading order
  (``difflib``), not by id: a paragraph inserted near the top shifts every later eId, and
  an id-by-id comparison would call each of those an edit. Aligned pairs whose text
  differs are *edited* (when at least half alike, else one removed and one added).
- Rows are matched by each table's primary key over the columns both versions have:
  added, removed, and changed (same key, another value); a table whose CSV file has the
  same sha256 in both descriptors is not read beyond its row count.
- Columns are compared by name and Table Schema type, table by table.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from aidecl_data.publish.snapshot import Snapshot

EDIT_SIMILARITY = 0.5  # below this, an aligned pair is one clause removed and one added
SNIPPET = 90  # characters of a clause quoted in the notes


def empty_snapshot(label: str = "(nothing)") -> Snapshot:
    """The package before the first release: no tables, no documents."""
    return Snapshot(label, {"resources": []}, lambda rel: b"")


def _snippet(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1].rstrip() + "…"


def _by_id(rows: Iterable[Mapping[str, Any]], key: str) -> dict[str, Mapping[str, Any]]:
    return {r[key]: r for r in rows}


def _clauses_of(snap: Snapshot, documents: list[str]) -> dict[str, list[Mapping[str, Any]]]:
    """The clauses of these documents only, in reading order."""
    out: dict[str, list[Mapping[str, Any]]] = {}
    if not documents or "clauses" not in snap.resources:
        return out
    table = snap.table("clauses")
    mask = pc.is_in(table.column("document_id"), value_set=pa.array(documents, pa.string()))
    for row in table.filter(mask).to_pylist():
        out.setdefault(row["document_id"], []).append(row)
    for rows in out.values():
        rows.sort(key=lambda r: int(r["ordinal"] or 0))
    return out


def _clause(row: Mapping[str, Any]) -> dict[str, str]:
    return {"clause_id": row["clause_id"], "text": _snippet(row["text"])}


def diff_clauses(
    old: list[Mapping[str, Any]], new: list[Mapping[str, Any]]
) -> dict[str, list[dict[str, str]]]:
    """Clauses added, removed and edited between two versions of one document."""
    out: dict[str, list[dict[str, str]]] = {"added": [], "removed": [], "edited": []}
    a = [r["text"] or "" for r in old]
    b = [r["text"] or "" for r in new]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        while olds and news:  # pair in order: a rewritten paragraph stays one edit
            o, n = olds[0], news[0]
            if difflib.SequenceMatcher(None, o["text"] or "", n["text"] or "").ratio() < (
                EDIT_SIMILARITY
            ):
                break
            out["edited"].append(
                {
                    "old_clause_id": o["clause_id"],
                    "clause_id": n["clause_id"],
                    "old_text": _snippet(o["text"]),
                    "text": _snippet(n["text"]),
                }
            )
            olds.pop(0)
            news.pop(0)
        out["removed"] += [_clause(r) for r in olds]
        out["added"] += [_clause(r) for r in news]
    return out


def diff_documents(old: Snapshot, new: Snapshot) -> dict[str, list[dict[str, Any]]]:
    before = _by_id(old.rows("documents"), "document_id")
    after = _by_id(new.rows("documents"), "document_id")
    moved = [
        d
        for d in sorted(before.keys() & after.keys())
        if before[d]["source_sha256"] != after[d]["source_sha256"]
    ]
    old_clauses, new_clauses = _clauses_of(old, moved), _clauses_of(new, moved)

    def brief(row: Mapping[str, Any]) -> dict[str, Any]:
        return {"document_id": row["document_id"], "title": row["title"]}

    changed = []
    for doc_id in moved:
        o, n = before[doc_id], after[doc_id]
        changed.append(
            {
                **brief(n),
                "old_sha256": o["source_sha256"],
                "sha256": n["source_sha256"],
                "clauses": diff_clauses(old_clauses.get(doc_id, []), new_clauses.get(doc_id, [])),
            }
        )
    return {
        "added": [brief(after[d]) for d in sorted(after.keys() - before.keys())],
        "removed": [brief(before[d]) for d in sorted(before.keys() - after.keys())],
        "changed": changed,
    }


def _count_changes(
    old: pa.Table, new: pa.Table, key: list[str], common: list[str]
) -> tuple[int, int, int]:
    """Rows added, removed and changed (same key, another value), counted by DuckDB over
    the two Arrow tables rather than as Python dicts (docs/scaling.md has the cost)."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.register("a", old.select(common))
        con.register("b", new.select(common))
        using = ", ".join(_q(k) for k in key)
        others = [c for c in common if c not in key]
        differs = " OR ".join(f"a.{_q(c)} IS DISTINCT FROM b.{_q(c)}" for c in others)

        def count(sql: str) -> int:
            return int(con.execute(sql).fetchone()[0])

        added = count(f"SELECT count(*) FROM b ANTI JOIN a USING ({using})")
        removed = count(f"SELECT count(*) FROM a ANTI JOIN b USING ({using})")
        changed = (
            count(f"SELECT count(*) FROM a JOIN b USING ({using}) WHERE {differs}") if others else 0
        )
        return added, removed, changed
    finally:
        con.close()


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _same_file(old: Snapshot, new: Snapshot, name: str) -> bool:
    """The same CSV bytes (by the descriptors' sha256) under the same columns."""
    a, b = old.resources[name].get("hash"), new.resources[name].get("hash")
    return bool(a) and a == b and old.columns(name) == new.columns(name)


def diff_rows(old: Snapshot, new: Snapshot) -> list[dict[str, Any]]:
    """Per table (in the new package's order, then dropped tables): counts of rows."""
    names = list(new.resources) + [n for n in old.resources if n not in new.resources]
    out = []
    for name in names:
        in_old, in_new = name in old.resources, name in new.resources
        entry = {"table": name, "rows_before": 0, "rows_after": 0}
        if in_old and in_new:
            key = new.primary_key(name) or list(new.columns(name))
            common = [c for c in new.columns(name) if c in old.columns(name)]
            if not all(k in common for k in key):
                key = common
            a, b = old.table(name), new.table(name)
            same = _same_file(old, new, name)
            added, removed, changed = (0, 0, 0) if same else _count_changes(a, b, key, common)
            entry.update(
                rows_before=a.num_rows,
                rows_after=b.num_rows,
                added=added,
                removed=removed,
                changed=changed,
            )
        else:
            rows = (new if in_new else old).table(name).num_rows
            entry.update(
                rows_before=0 if in_new else rows,
                rows_after=rows if in_new else 0,
                added=rows if in_new else 0,
                removed=0 if in_new else rows,
                changed=0,
            )
        out.append(entry)
    return out


def diff_schema(old: Snapshot, new: Snapshot) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {
        "tables_added": [],
        "tables_removed": [],
        "columns_added": [],
        "columns_removed": [],
        "columns_retyped": [],
    }
    for name in new.resources:
        if name not in old.resources:
            out["tables_added"].append({"table": name})
            continue
        a, b = old.columns(name), new.columns(name)
        for col, typ in b.items():
            if col not in a:
                out["columns_added"].append({"table": name, "column": col, "type": typ})
            elif a[col] != typ:
                out["columns_retyped"].append(
                    {"table": name, "column": col, "old_type": a[col], "type": typ}
                )
        for col, typ in a.items():
            if col not in b:
                out["columns_removed"].append({"table": name, "column": col, "type": typ})
    out["tables_removed"] = [{"table": n} for n in old.resources if n not in new.resources]
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary_line(report: Mapping[str, Any]) -> str:
    """One sentence: what a reader of the changelog needs first."""
    docs = report["documents"]
    parts = [
        f"{_plural(len(docs['added']), 'document')} added, {len(docs['removed'])} removed, "
        f"{len(docs['changed'])} changed"
    ]
    added = sum(t["added"] for t in report["tables"])
    removed = sum(t["removed"] for t in report["tables"])
    changed = sum(t["changed"] for t in report["tables"])
    parts.append(f"{_plural(added, 'row')} added, {removed} removed, {changed} changed")
    schema = report["schema"]
    changes = [
        (len(schema["tables_added"]), "table", "added"),
        (len(schema["tables_removed"]), "table", "removed"),
        (len(schema["columns_added"]), "column", "added"),
        (len(schema["columns_removed"]), "column", "removed"),
        (len(schema["columns_retyped"]), "column", "retyped"),
    ]
    said = [f"{_plural(n, word)} {what}" for n, word, what in changes if n]
    parts.append("schema: " + (", ".join(said) if said else "unchanged"))
    return "; ".join(parts) + "."


def diff_packages(old: Snapshot, new: Snapshot) -> dict[str, Any]:
    """The whole comparison as JSON-ready data (the release notes' facts)."""
    report: dict[str, Any] = {
        "old": {"label": old.label, "version": old.version, "content_hash": _hash(old)},
        "new": {"label": new.label, "version": new.version, "content_hash": _hash(new)},
        "documents": diff_documents(old, new),
        "tables": diff_rows(old, new),
        "schema": diff_schema(old, new),
    }
    report["summary"] = summary_line(report)
    return report


def _hash(snap: Snapshot) -> str:
    return snap.content_hash if snap.resources else ""


def _md_documents(docs: Mapping[str, Any]) -> list[str]:
    lines = ["## Documents", ""]
    if not (docs["added"] or docs["removed"] or docs["changed"]):
        return [*lines, "No document added, removed or changed.", ""]
    for kind in ("added", "removed"):
        if docs[kind]:
            lines.append(f"{kind.capitalize()}:")
            lines += [f"- `{d['document_id']}`: {d['title']}" for d in docs[kind]]
            lines.append("")
    if docs["changed"]:
        lines.append("Changed (the source text's sha256 differs):")
        for d in docs["changed"]:
            lines.append(
                f"- `{d['document_id']}`: {d['title']} "
                f"(sha256 {d['old_sha256'][:12]} → {d['sha256'][:12]})"
            )
            c = d["clauses"]
            for e in c["edited"]:
                ids = e["clause_id"]
                if e["old_clause_id"] != e["clause_id"]:
                    ids = f"{e['old_clause_id']} → {e['clause_id']}"
                lines.append(f"  - clause edited `{ids}`: “{e['old_text']}” → “{e['text']}”")
            lines += [f"  - clause added `{x['clause_id']}`: “{x['text']}”" for x in c["added"]]
            lines += [f"  - clause removed `{x['clause_id']}`: “{x['text']}”" for x in c["removed"]]
            if not (c["edited"] or c["added"] or c["removed"]):
                lines.append("  - no clause changed (headings, notes or metadata only)")
        lines.append("")
    return lines


def _md_tables(tables: list[Mapping[str, Any]]) -> list[str]:
    lines = [
        "## Rows per table",
        "",
        "| table | before | after | added | removed | changed |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for t in tables:
        lines.append(
            f"| {t['table']} | {t['rows_before']} | {t['rows_after']} | {t['added']} "
            f"| {t['removed']} | {t['changed']} |"
        )
    return [*lines, ""]


def _md_schema(schema: Mapping[str, Any]) -> list[str]:
    lines = ["## Schema", ""]
    items = [f"- table added `{t['table']}`" for t in schema["tables_added"]]
    items += [f"- table removed `{t['table']}`" for t in schema["tables_removed"]]
    items += [
        f"- column added `{c['table']}.{c['column']}` ({c['type']})"
        for c in schema["columns_added"]
    ]
    items += [
        f"- column removed `{c['table']}.{c['column']}` ({c['type']})"
        for c in schema["columns_removed"]
    ]
    items += [
        f"- column retyped `{c['table']}.{c['column']}`: {c['old_type']} → {c['type']}"
        for c in schema["columns_retyped"]
    ]
    return [*lines, *(items or ["No table or column added, removed or retyped."]), ""]


def notes_markdown(report: Mapping[str, Any], heading: str, intro: Iterable[str] = ()) -> str:
    """The report as Markdown under ``# heading`` (``intro``: lines after the heading)."""
    old, new = report["old"], report["new"]
    since = old["version"] or old["label"]
    lines = [f"# {heading}", "", *intro]
    if old["content_hash"]:
        lines.append(
            f"Compared with {since} ({old['content_hash'][:19]}… → {new['content_hash'][:19]}…)."
        )
    else:
        lines.append("First release: everything is new.")
    lines += ["", f"**Summary:** {report['summary']}", ""]
    lines += _md_documents(report["documents"])
    lines += _md_tables(report["tables"])
    lines += _md_schema(report["schema"])
    return "\n".join(lines).rstrip("\n") + "\n"
