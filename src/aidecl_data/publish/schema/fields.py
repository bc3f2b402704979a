"""Every column of the published tables, described once.

A column that means the same thing in several tables (``document_id``, ``char_start``) is
described here once and reused by name. A name that means something different in one table
(``kind`` of a clause vs. ``kind`` of an initiative) gets a table-specific variant in
``FIELDS_BY_TABLE``, still in this module, so that every description lives in one place.
The generators (Frictionless, pyarrow, DuckDB, Markdown) read only these objects.

Empty values: a value that is absent (an empty foreign key, a document without a date, a
clause without a label) is published as NULL (an empty CSV cell), never as "". A field
marked ``required`` must hold a non-empty value in every row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from aidecl_data.parse.enrich.lexicon import ACTORS, ACTS, THEMES

# Logical types, named as in Frictionless Table Schema; each generator maps them.
FIELD_TYPES = ("string", "integer", "boolean", "date")

SLUG = r"^[a-z0-9][a-z0-9_-]*$"
SNAKE = r"^[a-z][a-z0-9_]*$"


@dataclass(frozen=True)
class Field:
    """One column: its logical type, what it means, and the constraints every value meets."""

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: int | None = None
    example: str | None = None

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"field {self.name}: unknown type {self.type!r}")
        if not self.description.strip():
            raise ValueError(f"field {self.name}: empty description")


def _fields(*fields: Field) -> dict[str, Field]:
    out: dict[str, Field] = {}
    for f in fields:
        if f.name in out:
            raise ValueError(f"field {f.name} described twice")
        out[f.name] = f
    return out


FIELDS: dict[str, Field] = _fields(
    # --- identifiers -------------------------------------------------------------------
    Field(
        "document_id",
        "string",
        "Identifier of the document: the source file name's stem, lower-cased.",
        required=True,
        pattern=r"^[^/\s]+$",
        example="000_bc9b0feb0189aed7",
    ),
    Field(
        "section_id",
        "string",
        "Identifier of a section (heading): `<document_id>/<eId>`.",
        pattern=r"^[^/\s]+/\S+$",
    ),
    Field(
        "parent_section_id",
        "string",
        "The enclosing section, for a sub-section; empty at the top level.",
        pattern=r"^[^/\s]+/\S+$",
    ),
    Field(
        "clause_id",
        "string",
        "Identifier of a clause: `<document_id>/<eId>`, the eId built the Akoma Ntoso way "
        "(e.g. `para_3__list_1__point_2`).",
        pattern=r"^[^/\s]+/\S+$",
        example="000_bc9b0feb0189aed7/para_3__list_1__point_2",
    ),
    Field(
        "parent_clause_id",
        "string",
        "The clause that introduces this one (a list item points at the paragraph that "
        "introduces its list); empty otherwise.",
        pattern=r"^[^/\s]+/\S+$",
    ),
    Field(
        "note_id",
        "string",
        "Identifier of a footnote: `<document_id>/<eId>`.",
        required=True,
        pattern=r"^[^/\s]+/\S+$",
    ),
    Field(
        "initiative_id",
        "string",
        "Stable slug of a named initiative, body, summit, agreement or programme; the same "
        "across every document that mentions it.",
        pattern=SLUG,
    ),
    Field(
        "mention_id",
        "string",
        "Identifier of one mention of an initiative: `<document_id>/<eId>`.",
        required=True,
        pattern=r"^[^/\s]+/\S+$",
    ),
    Field(
        "date_id",
        "string",
        "Identifier of one date expression: `<document_id>/<eId>`.",
        required=True,
        pattern=r"^[^/\s]+/\S+$",
    ),
    Field(
        "entity_id",
        "string",
        "Stable identifier of the party across documents: the ISO 3166-1 alpha-3 code for "
        "a state, a slug for other entities.",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$",
    ),
    # --- documents ---------------------------------------------------------------------
    Field(
        "title",
        "string",
        "Title of the document: from the text, else inferred from its first lines.",
        required=True,
    ),
    Field(
        "title_source",
        "string",
        "Where the title comes from: `text` (printed as a title), `metadata` (the `title` "
        "of a YAML front matter; a web page's `<title>`, `og:title` or JSON-LD, a PDF's "
        "/Title, where the text gives none) or `inferred`.",
        required=True,
        enum=("text", "metadata", "inferred"),
    ),
    Field(
        "document_type",
        "string",
        "Kind of text, e.g. `joint_declaration`, `declaration`, `roadmap`, `statement`, "
        "`press_release`, `other`.",
        required=True,
        pattern=SNAKE,
    ),
    Field(
        "language",
        "string",
        "Language of the text (ISO 639-1 code).",
        required=True,
        pattern=r"^[a-z]{2}$",
        example="fr",
    ),
    Field(
        "date",
        "date",
        "Date of the document (ISO 8601); the first day of the month or year when only "
        "these are known (see `date_precision`). Empty when unknown.",
    ),
    Field(
        "date_precision",
        "string",
        "Precision of `date`: `day`, `month` or `year`; empty when there is no date.",
        enum=("day", "month", "year"),
    ),
    Field(
        "date_source",
        "string",
        "Where `date` comes from: `text` (a dateline or signature date), `metadata` (the "
        "`date` of a YAML front matter; a web page's `<time>`, `article:published_time` or "
        "JSON-LD; where the text gives none) or `inferred` (e.g. from dates in the body); "
        "empty when there is no date.",
        enum=("text", "metadata", "inferred"),
    ),
    Field(
        "place",
        "string",
        "Place where the document was adopted or signed, as written; empty when not given.",
    ),
    Field(
        "publisher",
        "string",
        "Publisher of the text where the text names it (e.g. a ministry's website).",
    ),
    Field(
        "source_path",
        "string",
        "File name of the raw text in `documents/`.",
        required=True,
    ),
    Field(
        "source_sha256",
        "string",
        "SHA-256 of the raw file's bytes (hex): identifies the exact text parsed.",
        required=True,
        pattern=r"^[0-9a-f]{64}$",
    ),
    Field(
        "source_format",
        "string",
        "Layout of the raw text: `markdown` (from a web page), `plain` (text pasted from a "
        "web page), `pdf_text` (extracted from a PDF, hard-wrapped), `pdf` (a PDF file, "
        "read from its text layer) or `html` (a web page, its main content read).",
        required=True,
        enum=("markdown", "plain", "pdf_text", "pdf", "html"),
    ),
    Field(
        "char_count",
        "integer",
        "Length of the decoded source text in characters (the range of every span).",
        required=True,
        minimum=0,
    ),
    Field(
        "source_url",
        "string",
        "Original address of the text: the one the text itself gives (e.g. `source_url` "
        "or `url` in its front matter), else its location in the repository it was taken "
        "from (`documents/MANIFEST.csv`); empty when unknown.",
    ),
    Field(
        "licence",
        "string",
        "Licence or copyright status of the source text, as recorded in "
        "`documents/MANIFEST.csv`; empty when not recorded.",
    ),
    Field(
        "tags",
        "string",
        "Tags and categories the page's metadata gives (front matter `tags`, `categories`), "
        "joined with `; `; empty when none.",
    ),
    # --- data-quality warnings ---------------------------------------------------------
    Field(
        "code",
        "string",
        "What kind of warning: `no_date`, `date_inferred`, `title_inferred`, "
        "`title_from_heading` (the title is the file's opening heading), `breaks_restored` "
        "(line breaks lost in the source put back), `long_clause`, "
        "`markup_left`, `unmapped_name` (a name in a signatory list with no country or "
        "organisation), `initiative_rejected`, or another code a later rule adds.",
        required=True,
        pattern=r"^[a-z][a-z0-9_]*$",
    ),
    Field(
        "message",
        "string",
        "The warning in one sentence, naming what to check.",
        required=True,
    ),
    # --- structure ---------------------------------------------------------------------
    Field(
        "ordinal",
        "integer",
        "1-based position in reading order within the document.",
        required=True,
        minimum=1,
    ),
    Field(
        "level",
        "integer",
        "Depth of the heading: 1 for a top-level section.",
        required=True,
        minimum=1,
    ),
    Field(
        "label",
        "string",
        "Numbering as printed (e.g. `1.1.`, `3`, `i)`); empty when unnumbered.",
    ),
    Field(
        "heading",
        "string",
        "Heading text, clean and on one line even when the source wrapped it.",
    ),
    Field(
        "text",
        "string",
        "The text as written in the source, cleaned of markup.",
        required=True,
    ),
    Field(
        "char_start",
        "integer",
        "Start of the span in the decoded source text (0-based character offset).",
        required=True,
        minimum=0,
    ),
    Field(
        "char_end",
        "integer",
        "End of the span in the decoded source text (exclusive character offset).",
        required=True,
        minimum=0,
    ),
    Field(
        "page_start",
        "integer",
        "PDF only: the 1-based page where the clause starts; empty for other formats.",
        minimum=1,
    ),
    Field(
        "page_end",
        "integer",
        "PDF only: the 1-based page where the clause ends (after a page break it goes on "
        "over); empty for other formats.",
        minimum=1,
    ),
    # --- signatories -------------------------------------------------------------------
    Field(
        "name",
        "string",
        "Name as written in the text.",
        required=True,
    ),
    Field(
        "name_en",
        "string",
        "English short name (for a state, its ISO 3166 English short name).",
    ),
    Field(
        "iso3",
        "string",
        "ISO 3166-1 alpha-3 code of a state; empty for an organisation.",
        pattern=r"^[A-Z]{3}$",
        example="FRA",
    ),
    Field(
        "entity_type",
        "string",
        "What the party is: `state`, `organisation` or `subnational`.",
        required=True,
        enum=("state", "organisation", "subnational"),
    ),
    Field(
        "role",
        "string",
        "Role in the document: `party` (a party of a bilateral text), `signatory` (a listed "
        "signatory), `co_chair`, `founding_member`, `supporter` (a government the text lists "
        "as supporting it, not as signing it) or `witness` (an office that witnessed the "
        "signature).",
        required=True,
        pattern=SNAKE,
    ),
    # --- initiatives -------------------------------------------------------------------
    Field(
        "name_fr",
        "string",
        "French name.",
    ),
    Field(
        "kind",
        "string",
        "Kind of initiative, e.g. `summit`, `agreement`, `organisation`, `programme`, "
        "`process`, `other`.",
        required=True,
        pattern=SNAKE,
    ),
    # --- dates -------------------------------------------------------------------------
    Field(
        "start_date",
        "date",
        "First day the expression denotes (ISO 8601); empty when it cannot be resolved "
        "(e.g. a relative date in an undated text).",
    ),
    Field(
        "end_date",
        "date",
        "Last day the expression denotes (a month spans its first to last day); empty when "
        "it cannot be resolved.",
    ),
    Field(
        "precision",
        "string",
        "Precision of the expression: `day`, `month` or `year`.",
        required=True,
        enum=("day", "month", "year"),
    ),
    # --- clause acts and themes (ANNOTATION.md) -------------------------------------------
    Field(
        "act",
        "string",
        "What the signatories do in the clause (ANNOTATION.md section 1): `COMMIT`, "
        "`AGREE_DECIDE`, `INTEND`, `CALL_FOR`, `ENCOURAGE`, `SUPPORT_WELCOME`, "
        "`RECOGNIZE_AFFIRM` or `NOTE`. A clause with no act has no row (`NONE` in the view "
        "`clause_profile`).",
        required=True,
        enum=ACTS,
    ),
    Field(
        "strength",
        "integer",
        "Strength of the act: 5 (COMMIT, AGREE_DECIDE), 4 (INTEND), 3 (CALL_FOR), 2 "
        "(ENCOURAGE, SUPPORT_WELCOME), 1 (RECOGNIZE_AFFIRM), 0 (NOTE).",
        required=True,
        minimum=0,
    ),
    Field(
        "actor",
        "string",
        "Who performs the act: `collective` (we, both countries, the parties), "
        "`single_party` (one named signatory), `other` (someone who is not a signatory: "
        '"Le Comité mixte veillera", "the Commission will"; the row is kept as '
        "evidence, and `clause_profile` leaves it out of the clause's primary act), "
        "`none` (impersonal).",
        required=True,
        enum=ACTORS,
    ),
    Field(
        "hedged",
        "boolean",
        'Whether the act is softened ("le cas échéant", "where possible", "explore", '
        '"on a voluntary basis" ...).',
        required=True,
    ),
    Field(
        "inherited",
        "boolean",
        'Whether a list item takes this act from its lead-in ("Les participants '
        "s'engagent à :\"); its cue is then the lead-in's, in `cue_clause_id`.",
        required=True,
    ),
    Field(
        "cue",
        "string",
        "The evidence of the act: the cue words exactly as in the decoded source text at "
        "`char_start`:`char_end` (e.g. `s'engagent`, `ont reconnu`, `are committed`).",
        required=True,
    ),
    Field(
        "cue_clause_id",
        "string",
        "The clause whose text holds the cue: the clause itself, or the lead-in of a list "
        "item whose act is inherited.",
        required=True,
        pattern=r"^[^/\s]+/\S+$",
    ),
    Field(
        "theme",
        "string",
        "What the clause is substantially about (ANNOTATION.md section 2), one of: "
        + ", ".join(f"`{t}`" for t in THEMES)
        + ".",
        required=True,
        enum=THEMES,
    ),
    Field(
        "evidence",
        "string",
        "The words that show the theme, exactly as in the decoded source text at "
        "`char_start`:`char_end`.",
        required=True,
    ),
    Field(
        "is_relative",
        "boolean",
        "Whether the expression is relative to the document's date (e.g. `le 31 mars dernier`).",
        required=True,
    ),
)


def _variant(name: str, **changes) -> Field:
    return replace(FIELDS[name], **changes)


# Same column name, different meaning in one table (PUDL's FIELD_METADATA_BY_RESOURCE).
FIELDS_BY_TABLE: dict[str, dict[str, Field]] = {
    "sections": {
        "section_id": _variant("section_id", required=True),
        "label": _variant(
            "label", description="Numbering of the heading as printed (e.g. `1.1.`)."
        ),
    },
    "clauses": {
        "clause_id": _variant("clause_id", required=True),
        "section_id": _variant(
            "section_id",
            description="The section the clause is in; empty before the first heading.",
        ),
        "kind": _variant(
            "kind",
            description="`paragraph` (a paragraph of body text) or `item` (a list item).",
            enum=("paragraph", "item"),
            pattern=None,
        ),
        "text": _variant(
            "text",
            description="The clause as one clean string: markup and footnote markers removed, "
            "hard wraps and page breaks joined.",
        ),
        "language": _variant(
            "language",
            description="Language of the clause (ISO 639-1). A clause in another language "
            "than the document's (the translation printed after an official text, a "
            "database note) is kept, but dates, signatories and initiatives are not read "
            "from it, so nothing is counted twice.",
            required=False,
        ),
    },
    "texts": {
        "text": _variant(
            "text",
            description="The text every span of the document points into: the decoded file "
            "for a text file, the text read out of a PDF (pages separated by a form feed) or "
            "out of a web page's main content (written as Markdown). "
            "`substr(text, char_start + 1, char_end - char_start)` is a span's text.",
        ),
    },
    "notes": {
        "label": _variant("label", description="Footnote label as printed (e.g. `1`, `*`)."),
        "text": _variant("text", description="Text of the footnote, cleaned of markup."),
        "clause_id": _variant(
            "clause_id", description="The clause that carries the footnote marker, if any."
        ),
    },
    "signatories": {
        "clause_id": _variant(
            "clause_id", description="The clause in which the party is named, if any."
        ),
        "initiative_id": _variant(
            "initiative_id",
            description="For a `founding_member` (or similar) row, the initiative concerned.",
        ),
        "char_start": _variant(
            "char_start",
            description="Start of the name in the decoded source text (0-based character offset).",
        ),
        "char_end": _variant(
            "char_end",
            description="End of the name in the decoded source text (exclusive character offset).",
        ),
        "ordinal": _variant(
            "ordinal", description="1-based position of the party in the document's list."
        ),
    },
    "document_warnings": {
        "ordinal": _variant(
            "ordinal", description="1-based number of the warning within its document."
        ),
        "char_start": _variant(
            "char_start",
            description="Start of the text concerned in the decoded source text; 0 for a "
            "warning about the whole document (which spans the whole text).",
        ),
        "char_end": _variant(
            "char_end",
            description="End of the text concerned (exclusive); the text's length for a "
            "warning about the whole document.",
        ),
    },
    "initiatives": {
        "initiative_id": _variant("initiative_id", required=True),
        "name": _variant(
            "name",
            description="Canonical name: the most frequent form across the documents "
            "(ties broken by the longest, then alphabetical).",
        ),
        "name_en": _variant(
            "name_en",
            description="English name: the curated one for a known initiative (also when "
            "only French texts mention it), else the most frequent form in English texts; "
            "empty when no English text names it.",
        ),
        "name_fr": _variant(
            "name_fr",
            description='French name: the curated one for a known initiative ("Union '
            'européenne" for "European Union"), else the most frequent form in French '
            "texts; empty when no French text names it.",
        ),
    },
    "initiative_mentions": {
        "initiative_id": _variant("initiative_id", required=True),
        "clause_id": _variant(
            "clause_id", description="The clause holding the mention; empty outside clauses."
        ),
        "text": _variant("text", description="The mention as written in the source."),
    },
    "dates": {
        "clause_id": _variant(
            "clause_id",
            description="The clause holding the expression; empty outside clauses (e.g. in "
            "the dateline or a heading).",
        ),
        "text": _variant("text", description="The date expression as written in the source."),
    },
}


FIELDS_BY_TABLE["clause_acts"] = {
    "clause_id": _variant("clause_id", required=True, description="The clause performing the act."),
    "ordinal": _variant("ordinal", description="1-based position of the act in its clause."),
    "char_start": _variant(
        "char_start", description="Start of the cue in the decoded source text (0-based)."
    ),
    "char_end": _variant("char_end", description="End of the cue in the decoded source text."),
}
FIELDS_BY_TABLE["clause_themes"] = {
    "clause_id": _variant("clause_id", required=True, description="The clause about the theme."),
    "char_start": _variant(
        "char_start", description="Start of the evidence in the decoded source text (0-based)."
    ),
    "char_end": _variant("char_end", description="End of the evidence in the decoded source text."),
}


def field_for(table: str, name: str) -> Field:
    """The description of column ``name`` in ``table`` (its variant, else the shared one)."""
    variant = FIELDS_BY_TABLE.get(table, {}).get(name)
    if variant is not None:
        return variant
    return FIELDS[name]
