"""Every published table: what a row is, its columns, its keys and its row order.

Columns are named here and described in ``fields.py``; the column names equal the field
names of the row dataclasses in ``aidecl_data.parse.model`` (a test checks it). ``TABLES`` is in
publishing order: a table comes after every table it references (self-references aside),
so loading them in this order satisfies every foreign key.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from aidecl_data.publish.schema.fields import Field, field_for


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of the child table reference ``parent_fields`` of table ``parent``."""

    fields: tuple[str, ...]
    parent: str
    parent_fields: tuple[str, ...]


@dataclass(frozen=True)
class SpanWithin:
    """Each row's span (``start``, ``end``) lies inside the span of the row of ``parent``
    that its ``fields`` reference (``parent_fields``): from ``parent_start`` (from 0 when
    None) to ``parent_end``. A document's span is ``0..char_count``; a clause's,
    ``char_start..char_end``. ``publish.checks.references`` checks every one declared."""

    fields: tuple[str, ...]
    parent: str
    parent_fields: tuple[str, ...]
    parent_end: str
    parent_start: str | None = None
    start: str = "char_start"
    end: str = "char_end"


# Rows with a document_id and a char_end: the span lies in the document (implied, see
# Table.spans_within).
IN_DOCUMENT = SpanWithin(("document_id",), "documents", ("document_id",), "char_count")


@dataclass(frozen=True)
class Table:
    """One table of the package (a Frictionless resource, a Parquet file, a DuckDB table)."""

    name: str
    title: str
    description: str
    fields: tuple[str, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    # Row order of the published files: a total order, since it ends with the primary key.
    order_by: tuple[str, ...] = field(default=())
    # Spans that lie inside the span of another row, beyond the implied IN_DOCUMENT (e.g.
    # an evidence span inside its clause); see ``spans``.
    spans: tuple[SpanWithin, ...] = ()

    @property
    def spans_within(self) -> tuple[SpanWithin, ...]:
        """Every span rule of the table: ``IN_DOCUMENT`` for any table (but documents) with
        ``document_id`` and ``char_end`` columns, then the declared ``spans``."""
        implied = self.name != "documents" and {"document_id", "char_end"} <= set(self.fields)
        return ((IN_DOCUMENT,) if implied else ()) + self.spans

    @property
    def span_columns(self) -> tuple[tuple[str, str], ...]:
        """The (start, end) column pairs whose end must not come before their start."""
        pairs = [("char_start", "char_end")] + [(r.start, r.end) for r in self.spans]
        return tuple(dict.fromkeys(p for p in pairs if set(p) <= set(self.fields)))

    @property
    def columns(self) -> list[Field]:
        """The described fields, PK fields always required."""
        out = []
        for name in self.fields:
            f = field_for(self.name, name)
            if name in self.primary_key and not f.required:
                f = replace(f, required=True)
            out.append(f)
        return out

    def column(self, name: str) -> Field:
        return next(f for f in self.columns if f.name == name)

    @property
    def sort_key(self) -> tuple[str, ...]:
        key = list(self.order_by)
        key += [k for k in self.primary_key if k not in key]
        return tuple(key)


def _fk(child: str | tuple[str, ...], parent: str, parent_fields: str | tuple[str, ...]):
    as_tuple = lambda v: (v,) if isinstance(v, str) else tuple(v)  # noqa: E731
    return ForeignKey(as_tuple(child), parent, as_tuple(parent_fields))


TO_DOCUMENT = _fk("document_id", "documents", "document_id")
TO_CLAUSE = _fk("clause_id", "clauses", "clause_id")

# Evidence spans of clause_acts / clause_themes lie inside their clause's span.
IN_CLAUSE = SpanWithin(
    ("clause_id",), "clauses", ("clause_id",), parent_end="char_end", parent_start="char_start"
)
IN_CUE_CLAUSE = SpanWithin(
    ("cue_clause_id",), "clauses", ("clause_id",), parent_end="char_end", parent_start="char_start"
)

TABLES: tuple[Table, ...] = (
    Table(
        name="documents",
        title="Documents",
        description="One row per accepted document: its title, type, language, date, place "
        "and the raw file it was parsed from.",
        fields=(
            "document_id",
            "title",
            "title_source",
            "document_type",
            "language",
            "date",
            "date_precision",
            "date_source",
            "place",
            "source_path",
            "source_sha256",
            "source_format",
            "publisher",
            "char_count",
            "source_url",
            "licence",
            "tags",
        ),
        primary_key=("document_id",),
    ),
    Table(
        name="sections",
        title="Sections",
        description="The headings of each document, with their nesting.",
        fields=(
            "section_id",
            "document_id",
            "parent_section_id",
            "ordinal",
            "level",
            "label",
            "heading",
            "char_start",
            "char_end",
        ),
        primary_key=("section_id",),
        foreign_keys=(TO_DOCUMENT, _fk("parent_section_id", "sections", "section_id")),
        order_by=("document_id", "ordinal"),
    ),
    Table(
        name="clauses",
        title="Clauses",
        description="The body text in reading order: every paragraph and every list item is "
        "one row. Headings, titles, datelines, footnotes, signatory lists and site "
        "boilerplate are not clauses.",
        fields=(
            "clause_id",
            "document_id",
            "section_id",
            "parent_clause_id",
            "ordinal",
            "kind",
            "label",
            "text",
            "char_start",
            "char_end",
            "language",
            "page_start",
            "page_end",
        ),
        primary_key=("clause_id",),
        foreign_keys=(
            TO_DOCUMENT,
            _fk("section_id", "sections", "section_id"),
            _fk("parent_clause_id", "clauses", "clause_id"),
        ),
        order_by=("document_id", "ordinal"),
    ),
    Table(
        name="notes",
        title="Notes",
        description="Footnotes, out of the clause text, linked to the clause carrying the marker.",
        fields=("note_id", "document_id", "label", "text", "clause_id", "char_start", "char_end"),
        primary_key=("note_id",),
        foreign_keys=(TO_DOCUMENT, TO_CLAUSE),
        order_by=("document_id", "char_start"),
    ),
    Table(
        name="initiatives",
        title="Initiatives",
        description="Named initiatives, bodies, summits, agreements and programmes, "
        "deduplicated across the whole corpus.",
        fields=("initiative_id", "name", "kind", "name_en", "name_fr"),
        primary_key=("initiative_id",),
    ),
    Table(
        name="signatories",
        title="Signatories",
        description="Parties and signatories of each document, with ISO 3166-1 alpha-3 codes "
        "for states.",
        fields=(
            "document_id",
            "ordinal",
            "name",
            "name_en",
            "iso3",
            "entity_type",
            "role",
            "entity_id",
            "initiative_id",
            "clause_id",
            "char_start",
            "char_end",
        ),
        primary_key=("document_id", "ordinal"),
        foreign_keys=(
            TO_DOCUMENT,
            _fk("initiative_id", "initiatives", "initiative_id"),
            TO_CLAUSE,
        ),
    ),
    Table(
        name="initiative_mentions",
        title="Initiative mentions",
        description="Every mention of a named initiative in the texts, with its span.",
        fields=(
            "mention_id",
            "initiative_id",
            "document_id",
            "clause_id",
            "text",
            "char_start",
            "char_end",
        ),
        primary_key=("mention_id",),
        foreign_keys=(
            _fk("initiative_id", "initiatives", "initiative_id"),
            TO_DOCUMENT,
            TO_CLAUSE,
        ),
        order_by=("document_id", "char_start"),
    ),
    Table(
        name="dates",
        title="Dates",
        description="Every date expression in the texts, resolved to a day range where possible.",
        fields=(
            "date_id",
            "document_id",
            "clause_id",
            "text",
            "start_date",
            "end_date",
            "precision",
            "is_relative",
            "char_start",
            "char_end",
        ),
        primary_key=("date_id",),
        foreign_keys=(TO_DOCUMENT, TO_CLAUSE),
        order_by=("document_id", "char_start"),
    ),
    Table(
        name="clause_acts",
        title="Clause acts",
        description="What each clause does: one row per act the signatories perform in it "
        "(commit, decide, intend, call for, encourage, welcome, recognize, note), with its "
        "strength, actor, hedge and the cue words as evidence (ANNOTATION.md).",
        fields=(
            "clause_id",
            "document_id",
            "ordinal",
            "act",
            "strength",
            "actor",
            "hedged",
            "inherited",
            "cue",
            "cue_clause_id",
            "char_start",
            "char_end",
        ),
        primary_key=("clause_id", "ordinal"),
        foreign_keys=(TO_CLAUSE, TO_DOCUMENT, _fk("cue_clause_id", "clauses", "clause_id")),
        # the cue lies in the clause holding it (the lead-in of an inherited act)
        spans=(IN_CUE_CLAUSE,),
        order_by=("document_id", "char_start"),
    ),
    Table(
        name="clause_themes",
        title="Clause themes",
        description="What each clause is about: one row per theme of a clause, with the "
        "words that show it (ANNOTATION.md); a passing word is not a theme.",
        fields=("clause_id", "document_id", "theme", "evidence", "char_start", "char_end"),
        primary_key=("clause_id", "theme"),
        foreign_keys=(TO_CLAUSE, TO_DOCUMENT),
        spans=(IN_CLAUSE,),
        order_by=("document_id", "char_start"),
    ),
)

TABLES = (
    *TABLES,
    Table(
        name="texts",
        title="Texts",
        description="The text each document's spans point into (decoded, or read out of a "
        "PDF or a web page), so that every `char_start`/`char_end` of the package can be "
        "checked against the package itself.",
        fields=("document_id", "text"),
        primary_key=("document_id",),
        foreign_keys=(TO_DOCUMENT,),
    ),
    Table(
        name="document_warnings",
        title="Document warnings",
        description="What the parser noticed in a document and could not settle (no date "
        "found, title inferred, a very long clause, markup left in a clause, a name it "
        "could not map, an initiative candidate it rejected): the rows to check first.",
        fields=("document_id", "ordinal", "code", "message", "char_start", "char_end"),
        primary_key=("document_id", "ordinal"),
        foreign_keys=(TO_DOCUMENT,),
        order_by=("document_id", "ordinal"),
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def get_table(name: str) -> Table:
    try:
        return TABLES_BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLES_BY_NAME)}") from None
