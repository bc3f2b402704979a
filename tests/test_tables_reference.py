"""The column-wise ``build_tables`` gives exactly the tables of the former row-wise build.

The former implementation (a dict per row, ``_convert`` per cell, a Python sort) is kept
below as the reference. Equality is checked with ``pa.Table.equals`` (schema metadata
included) and on the published CSV bytes, over the corpus, documents of the synthetic
corpus generator, and a few hundred random documents made to hit the edge cases (absent
values, non-ASCII and astral-plane strings in sort keys, ties in the initiative merge).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.model import (
    ClauseRow,
    DateRow,
    DocumentRow,
    InitiativeRow,
    MentionRow,
    NoteRow,
    ParsedDocument,
    SectionRow,
    SignatoryRow,
)
from aidecl_data.publish.csvio import table_to_csv_bytes
from aidecl_data.publish.schema import TABLES, Table, arrow_schema, get_table
from aidecl_data.publish.tables import (
    TableBuildError,
    build_tables,
    document_tuples,
    insert_documents,
    remove_documents,
    table_from_tuples,
)
from tests.fixtures_publish import doc_a, sample_docs

ROOT = Path(__file__).resolve().parents[1]


# -- the reference: the row-wise build as it was -------------------------------------------
def _ref_convert(value: Any, ftype: str, where: str) -> Any:
    if value is None or value == "":
        return None
    if ftype == "date":
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise TableBuildError(f"{where}: {value!r} is not an ISO date") from None
    if ftype == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise TableBuildError(f"{where}: {value!r} is not an integer")
        return value
    if ftype == "boolean":
        if not isinstance(value, bool):
            raise TableBuildError(f"{where}: {value!r} is not a boolean")
        return value
    if not isinstance(value, str):
        raise TableBuildError(f"{where}: {value!r} is not a string")
    return value


def _ref_sort_key(row: dict[str, Any], key: tuple[str, ...]) -> tuple:
    return tuple((row[k] is None, row[k] if row[k] is not None else 0) for k in key)


def _ref_canonical(rows) -> list[InitiativeRow]:
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    en: dict[str, Counter[str]] = defaultdict(Counter)
    fr: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        names[r.initiative_id][r.name] += 1
        kinds[r.initiative_id][r.kind] += 1
        en[r.initiative_id][r.name_en] += bool(r.name_en)
        fr[r.initiative_id][r.name_fr] += bool(r.name_fr)

    def best(counts: Counter[str]) -> str:
        known = [kv for kv in counts.items() if kv[0]]  # a name where one is known
        return min(known, key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0] if known else ""

    out = []
    for iid in sorted(names):
        name = min(names[iid].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]
        kind = min(kinds[iid].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        out.append(InitiativeRow(iid, name, kind, best(en[iid]), best(fr[iid])))
    return out


def _ref_source_rows(table: str, docs: list[ParsedDocument]) -> list[Any]:
    if table == "documents":
        return [d.document for d in docs]
    if table == "initiatives":
        return _ref_canonical(r for d in docs for r in d.initiatives)
    return [r for d in docs for r in getattr(d, table)]


def _ref_rows_for(t: Table, docs: list[ParsedDocument]) -> list[dict[str, Any]]:
    columns = [(f.name, f.type) for f in t.columns]
    out = []
    for src in _ref_source_rows(t.name, docs):
        where_id = getattr(src, t.primary_key[0], "?")
        out.append(
            {n: _ref_convert(getattr(src, n), ft, f"{t.name} {where_id} {n}") for n, ft in columns}
        )
    out.sort(key=lambda r: _ref_sort_key(r, t.sort_key))
    return out


def reference_build_tables(docs) -> dict[str, pa.Table]:
    docs = list(docs)
    out = {}
    for t in TABLES:
        schema = arrow_schema(t)
        rows = _ref_rows_for(t, docs)
        arrays = [pa.array([r[f.name] for r in rows], type=f.type) for f in schema]
        out[t.name] = pa.Table.from_arrays(arrays, schema=schema)
    return out


def assert_same_tables(got: dict[str, pa.Table], want: dict[str, pa.Table]) -> None:
    assert list(got) == list(want)
    for name in want:
        assert got[name].equals(want[name], check_metadata=True), name
        assert table_to_csv_bytes(got[name]) == table_to_csv_bytes(want[name]), name


# -- documents ------------------------------------------------------------------------------
_WORDS = ["Paris", "paris", "Élysée", "éducation", "Zurich", "Ωmega", "ǅ", "a", "A", "ab", ""]
_WORDS += ["\uffff", "\U00010000", "\U0001f600x", "z\u0301", "ß", "ss", "I\u0307", "0", "-1"]


_ROW_CLASSES = {
    "sections": SectionRow,
    "clauses": ClauseRow,
    "notes": NoteRow,
    "signatories": SignatoryRow,
    "initiative_mentions": MentionRow,
    "dates": DateRow,
}
_INITIATIVE_IDS = ["gpai", "oecd", "un", "G7", "ǅx", "é"]


def _value(rng: random.Random, ftype: str):
    if ftype == "integer":
        return rng.choice([0, 1, -5, 2**40, rng.randrange(1000)])
    if ftype == "boolean":
        return rng.random() < 0.5
    if rng.random() < 0.25:
        return ""
    if ftype == "date":
        return dt.date(
            rng.randrange(1, 9999), rng.randrange(1, 13), rng.randrange(1, 29)
        ).isoformat()
    return rng.choice(_WORDS) + rng.choice(_WORDS)


def _random_row(rng: random.Random, t: Table, doc_id: str, k: int) -> list:
    """A row of ``t`` for document ``doc_id``: random values, unique keys, few ordinals."""
    row = []
    for f in t.columns:
        if f.name == "document_id":
            row.append(doc_id)
        elif f.name == t.primary_key[0]:
            row.append(f"{doc_id}/{t.name}{k}")
        elif f.name == "ordinal" and t.name == "signatories":
            row.append(k)
        elif f.name == "initiative_id":
            row.append(rng.choice(_INITIATIVE_IDS))
        elif f.name in ("ordinal", "char_start"):  # sort keys: ties and NULLs likely
            row.append(rng.choice([0, 1, 2, 3, None]))
        else:
            row.append(_value(rng, f.type))
    return row


def _random_doc(rng: random.Random, i: int) -> ParsedDocument:
    """A document whose values hit the edge cases (rows need not make sense as a text)."""
    d = f"r{rng.randrange(60):02d}{rng.choice(_WORDS)}{i}"
    parts = {
        name: [cls(*_random_row(rng, get_table(name), d, k)) for k in range(rng.randrange(5))]
        for name, cls in _ROW_CLASSES.items()
    }
    initiatives = [
        InitiativeRow(
            rng.choice(_INITIATIVE_IDS),
            _value(rng, "string"),
            _value(rng, "string"),
            rng.choice(["", _value(rng, "string")]),
            rng.choice(["", _value(rng, "string")]),
        )
        for _ in range(rng.randrange(4))
    ]
    document = DocumentRow(*_random_row(rng, get_table("documents"), d, 0))
    return ParsedDocument(document, initiatives=initiatives, **parts)


@pytest.fixture(scope="module")
def random_docs() -> list[ParsedDocument]:
    rng = random.Random(8)
    return [_random_doc(rng, i) for i in range(300)]


@pytest.fixture(scope="module")
def parsed_docs() -> list[ParsedDocument]:
    """The corpus and 100 documents of the synthetic corpus generator, parsed."""
    out = [
        parse_document(p.read_bytes(), p.stem.lower(), p.name)
        for p in sorted((ROOT / "documents").glob("*.txt"))
    ]
    spec = importlib.util.spec_from_file_location(
        "synth_corpus", ROOT / "benchmarks" / "synth_corpus.py"
    )
    sc = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synth_corpus", sc)
    spec.loader.exec_module(sc)
    templates = sc.load_templates(sc.default_template_paths())
    for doc in sc.iter_documents(templates, seed=5):
        if doc.index >= 100:
            break
        out.append(parse_document(doc.data, doc.name.removesuffix(".txt"), doc.name))
    return out


def test_equal_to_the_reference_on_parsed_documents(parsed_docs):
    got = build_tables(parsed_docs)
    assert got["clauses"].num_rows > 500 and got["initiatives"].num_rows > 3
    assert_same_tables(got, reference_build_tables(parsed_docs))


def test_equal_to_the_reference_on_random_documents(random_docs):
    got = build_tables(random_docs)
    assert got["documents"].column("date").null_count > 0
    assert_same_tables(got, reference_build_tables(random_docs))
    assert_same_tables(build_tables(random_docs[::-1]), got)


def test_equal_to_the_reference_on_the_hand_made_documents():
    assert_same_tables(build_tables(sample_docs()), reference_build_tables(sample_docs()))
    assert_same_tables(build_tables([]), reference_build_tables([]))


def test_arrow_string_order_is_python_order(random_docs, parsed_docs):
    """UTF-8 byte order == code point order, also past the BMP (UTF-16 order differs)."""
    values = sorted(
        {w + v for w in _WORDS for v in _WORDS}
        | {c.text for d in parsed_docs for c in d.clauses}
        | {d.document.title for d in random_docs}
    )
    arr = pa.array(values[::-1], type=pa.string())
    assert pc.take(arr, pc.sort_indices(arr)).to_pylist() == values
    assert "\uffff" < "\U00010000"  # the pair that UTF-16 code units order the other way


def _with(table: str, attr: str, value) -> ParsedDocument:
    doc = doc_a()
    row = doc.document if table == "documents" else getattr(doc, table)[0]
    setattr(row, attr, value)
    return doc


@pytest.mark.parametrize(
    ("table", "attr", "value"),
    [
        ("clauses", "ordinal", 3.0),  # pa.array would truncate it silently
        ("clauses", "ordinal", 2.5),
        ("clauses", "ordinal", True),
        ("clauses", "ordinal", "3"),
        ("clauses", "text", 7),
        ("clauses", "text", b"bytes"),  # pa.array would take it as UTF-8
        ("dates", "is_relative", 1),
        ("dates", "is_relative", "false"),
        ("dates", "start_date", "2024-02-30"),
        ("dates", "start_date", "2024-1-5"),
        ("dates", "start_date", "mars 2024"),
        ("documents", "char_count", [1]),
    ],
)
def test_a_value_of_the_wrong_type_is_an_error_naming_table_row_and_column(table, attr, value):
    doc = _with(table, attr, value)
    with pytest.raises(TableBuildError) as ref:
        reference_build_tables([doc])
    with pytest.raises(TableBuildError) as got:
        build_tables([doc])
    assert str(got.value) == str(ref.value)
    row_id = getattr(doc.document if table == "documents" else getattr(doc, table)[0],
                     get_table(table).primary_key[0])  # fmt: skip
    assert str(got.value).startswith(f"{table} {row_id} {attr}: ")


@pytest.mark.parametrize(
    ("table", "attr", "value"),
    [
        ("dates", "start_date", "20230301"),  # Python's fromisoformat reads it; Arrow not
        ("documents", "date", 20230301),  # read as str(value), as it always was
        ("dates", "start_date", dt.date(2023, 3, 1)),
        ("dates", "start_date", None),
        ("clauses", "ordinal", ""),  # "" is absent in every column type
        ("dates", "is_relative", ""),
        ("clauses", "ordinal", None),
    ],
)
def test_values_the_per_cell_rules_accept_are_kept(table, attr, value):
    docs = [_with(table, attr, value), *sample_docs()[1:]]
    assert_same_tables(build_tables(docs), reference_build_tables(docs))


@pytest.mark.parametrize("added", [1, 5, 70])  # 70: above MAX_INSERTED_DOCUMENTS, one sort
def test_inserting_new_documents_into_sorted_tables_equals_sorting_all(random_docs, added):
    kept, new = build_tables(random_docs[added:]), document_tuples(random_docs[:added])
    want = build_tables(random_docs)
    for t in TABLES:
        if t.name == "initiatives":
            continue
        got = insert_documents(t, kept[t.name], table_from_tuples(t, new[t.name]))
        assert got.equals(want[t.name], check_metadata=True), t.name


@pytest.mark.parametrize("removed", [1, 5, 70])  # 70: above MAX_INSERTED_DOCUMENTS, a filter
def test_removing_documents_from_sorted_tables_equals_building_without_them(random_docs, removed):
    gone = {d.document.document_id for d in random_docs[-removed:]}
    full, want = build_tables(random_docs), build_tables(random_docs[:-removed])
    for t in TABLES:
        if t.name != "initiatives":
            got = remove_documents(t, full[t.name], gone)
            assert got.equals(want[t.name], check_metadata=True), t.name
