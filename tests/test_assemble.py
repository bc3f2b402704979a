"""``assemble_tables``: incremental, and always equal to a build from scratch.

Each build is compared with ``build_tables`` over the same documents parsed afresh (itself
checked against the former row-wise build in ``test_tables_reference.py``), while the
counters say where the rows came from: the row store, the parse cache or the parser.
"""

from __future__ import annotations

import itertools
import json
import pickle
from pathlib import Path

import pyarrow as pa
import pytest

from aidecl_data.build import batch as batch_mod
from aidecl_data.build import rowstore as rowstore_mod
from aidecl_data.build.assemble import assemble_tables
from aidecl_data.build.cache import ParseCache, decode_rows, encode
from aidecl_data.build.rowstore import RowStore
from aidecl_data.parse.document import parse_document
from aidecl_data.parse.model import Problem
from aidecl_data.parse.sources import SourceFile, sha256_bytes
from aidecl_data.publish.tables import build_tables
from tests.test_tables_reference import assert_same_tables

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "documents").glob("*.txt"))
PV = "test-pv"


def _source(i: int, extra: str = "") -> SourceFile:
    raw = CORPUS[i % len(CORPUS)].read_bytes() + f"\n\nParagraphe de fin {i}.{extra}\n".encode()
    return SourceFile(f"doc_{i:03d}", f"/x/doc_{i:03d}.txt", raw, sha256_bytes(raw))


def _from_scratch(sources: list[SourceFile]) -> dict[str, pa.Table]:
    return build_tables(parse_document(s.raw, s.document_id, Path(s.path).name) for s in sources)


def _where(a) -> tuple[int, int, int]:
    return a.from_row_store, a.from_parse_cache, len(a.parsed)


@pytest.fixture
def sources() -> list[SourceFile]:
    return [_source(i) for i in range(7)]


def test_second_build_parses_nothing_and_changes_parse_only_what_changed(tmp_path, sources):
    first = assemble_tables(sources, tmp_path, 1, parser_version=PV)
    assert _where(first) == (0, 0, 7) and first.reused == []
    assert first.parsed == [s.document_id for s in sources]
    assert_same_tables(first.tables, _from_scratch(sources))

    second = assemble_tables(sources, tmp_path, 1, parser_version=PV)
    assert _where(second) == (7, 0, 0) and second.reused == first.parsed
    assert_same_tables(second.tables, first.tables)

    changed = [*sources]
    changed[2] = _source(2, " Modifié")  # same id, new content
    del changed[4]
    changed.append(_source(9))
    third = assemble_tables(changed, tmp_path, 1, parser_version=PV)
    assert third.parsed == ["doc_002", "doc_009"]
    assert _where(third) == (5, 0, 2)
    assert_same_tables(third.tables, _from_scratch(changed))
    assert "doc_004" not in third.tables["documents"].column("document_id").to_pylist()

    fourth = assemble_tables(changed, tmp_path, 1, parser_version=PV)
    assert _where(fourth) == (7, 0, 0)
    assert_same_tables(fourth.tables, third.tables)

    back = assemble_tables(sources, tmp_path, 1, parser_version=PV)  # both versions cached
    assert _where(back) == (5, 2, 0)
    assert_same_tables(back.tables, first.tables)


def test_only_deletions_keep_the_order_without_a_sort(tmp_path, sources):
    assemble_tables(sources, tmp_path, 1, parser_version=PV)
    fewer = sources[1:5]
    got = assemble_tables(fewer, tmp_path, 1, parser_version=PV)
    assert _where(got) == (4, 0, 0)
    assert_same_tables(got.tables, _from_scratch(fewer))
    assert _where(assemble_tables(fewer, tmp_path, 1, parser_version=PV)) == (4, 0, 0)


def test_a_renamed_file_is_not_taken_from_the_row_store(tmp_path, sources):
    assemble_tables(sources, tmp_path, 1, parser_version=PV)
    s = sources[0]
    renamed = [SourceFile(s.document_id, "/x/doc_000.md", s.raw, s.sha256), *sources[1:]]
    got = assemble_tables(renamed, tmp_path, 1, parser_version=PV)
    assert got.from_row_store == 6 and got.from_parse_cache == 1 and got.parsed == []
    paths = dict(
        zip(
            got.tables["documents"].column("document_id").to_pylist(),
            got.tables["documents"].column("source_path").to_pylist(),
            strict=True,
        )
    )
    assert paths[s.document_id] == "doc_000.md"  # the cached row, under its new name
    assert_same_tables(got.tables, _from_scratch(renamed))


def _corrupt_by_flipping_a_byte(root: Path) -> None:
    path = max((root / "rows").glob("gen-*/clauses.arrow"), key=lambda p: p.stat().st_size)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def _truncate(root: Path) -> None:
    path = next((root / "rows").glob("gen-*/dates.arrow"))
    path.write_bytes(path.read_bytes()[:100])


def _drop_a_file(root: Path) -> None:
    next((root / "rows").glob("gen-*/documents.arrow")).unlink()


def _garbage_pointer(root: Path) -> None:
    (root / "rows" / "CURRENT").write_text("{not json")


def _pointer_to_nowhere(root: Path) -> None:
    current = root / "rows" / "CURRENT"
    body = json.loads(current.read_text())
    body["generation"] = "gen-missing"
    current.write_text(json.dumps(body))


def _no_store(root: Path) -> None:
    (root / "rows" / "CURRENT").unlink()


@pytest.mark.parametrize(
    "damage",
    [
        _corrupt_by_flipping_a_byte,
        _truncate,
        _drop_a_file,
        _garbage_pointer,
        _pointer_to_nowhere,
        _no_store,
    ],
)
def test_a_damaged_or_missing_row_store_falls_back_to_the_parse_cache(tmp_path, sources, damage):
    assemble_tables(sources, tmp_path, 1, parser_version=PV)
    damage(tmp_path)
    assert RowStore(tmp_path, PV).load() is None
    got = assemble_tables(sources, tmp_path, 1, parser_version=PV)
    assert _where(got) == (0, 7, 0)
    assert_same_tables(got.tables, _from_scratch(sources))
    assert _where(assemble_tables(sources, tmp_path, 1, parser_version=PV)) == (7, 0, 0)


def test_a_row_store_is_never_read_by_another_parser_version(tmp_path, sources):
    assemble_tables(sources, tmp_path, 1, parser_version=PV)
    other = assemble_tables(sources, tmp_path, 1, parser_version="other-pv")
    assert _where(other) == (0, 0, 7)
    assert_same_tables(other.tables, _from_scratch(sources))
    assert RowStore(tmp_path, PV).load() is None  # one store at a time: the newest
    assert RowStore(tmp_path, "other-pv").load() is not None


def test_a_row_store_written_by_other_code_is_not_read(tmp_path, sources, monkeypatch):
    assemble_tables(sources, tmp_path, 1, parser_version=PV)
    monkeypatch.setattr(rowstore_mod, "FORMAT", "aidecl-rowstore-next")
    assert RowStore(tmp_path, PV).load() is None


def test_a_build_killed_while_writing_keeps_the_previous_store(tmp_path, sources, monkeypatch):
    assemble_tables(sources[:3], tmp_path, 1, parser_version=PV)
    real = pa.ipc.new_file
    calls = []

    def dies_on_the_fourth_file(sink, schema):
        calls.append(1)
        if len(calls) == 4:
            raise KeyboardInterrupt  # stands for the kill
        return real(sink, schema)

    monkeypatch.setattr(pa.ipc, "new_file", dies_on_the_fourth_file)
    with pytest.raises(KeyboardInterrupt):
        assemble_tables(sources, tmp_path, 1, parser_version=PV)
    monkeypatch.undo()
    kept = RowStore(tmp_path, PV).load()
    assert kept is not None and kept["documents"].num_rows == 3
    (tmp_path / "rows" / ".tmp-gen-leftover").mkdir()  # what a kill -9 leaves
    got = assemble_tables(sources, tmp_path, 1, parser_version=PV)
    assert _where(got) == (3, 4, 0)  # the four were cached by the killed build
    assert_same_tables(got.tables, _from_scratch(sources))
    assert sorted(p.name for p in (tmp_path / "rows").iterdir() if p.name.startswith(".tmp")) == []


def test_rejections_and_problems_come_back_from_the_row_store(tmp_path, sources, monkeypatch):
    def parse_with_problems(raw, document_id, source_path=""):
        if document_id == "doc_003":
            raise ValueError("cannot parse")
        doc = parse_document(raw, document_id, source_path)
        doc.problems = [Problem(document_id, "note", f"{document_id} {k}") for k in range(2)]
        return doc

    monkeypatch.setattr(batch_mod, "parse_document", parse_with_problems)
    first = assemble_tables(sources, tmp_path, 1, parser_version=PV)
    assert [(r.path, r.reason) for r in first.rejected] == [
        ("/x/doc_003.txt", "parser error: ValueError: cannot parse")
    ]
    good = [s for s in sources if s.document_id != "doc_003"]
    want = [f"{s.document_id} {k}" for s in good for k in range(2)]
    assert [p.message for p in first.problems] == want
    second = assemble_tables(sources, tmp_path, 1, parser_version=PV)
    assert _where(second) == (6, 0, 0) and [r.path for r in second.rejected] == ["/x/doc_003.txt"]
    assert second.problems == first.problems
    assert_same_tables(second.tables, _from_scratch(good))


def test_the_pool_gives_the_same_tables(tmp_path, sources, monkeypatch):
    """Workers are forked: they store the cache entries and send their bytes back."""
    monkeypatch.setattr(batch_mod, "PARALLEL_THRESHOLD", 4)
    got = assemble_tables(sources, tmp_path, 2, parser_version=PV)
    assert _where(got) == (0, 0, 7)
    assert_same_tables(got.tables, _from_scratch(sources))
    cache = ParseCache(tmp_path, PV)
    assert all(cache.has(s.document_id, s.sha256) for s in sources)


def test_decode_rows_reads_both_entry_formats(sources):
    doc = parse_document(sources[0].raw, sources[0].document_id, "doc_000.txt")
    rows = decode_rows(encode(doc))
    assert rows == decode_rows(pickle.dumps(doc))  # an entry from before the tuple format
    assert rows["document"] == [tuple(vars(doc.document).values())]
    assert len(rows["clauses"]) == len(doc.clauses) > 0
    with pytest.raises(pickle.UnpicklingError):
        decode_rows(pickle.dumps(("x", "y")))


def test_no_documents_gives_the_eight_empty_tables(tmp_path, sources):
    assert_same_tables(assemble_tables([], tmp_path, 1, parser_version=PV).tables, build_tables([]))
    assemble_tables(sources[:2], tmp_path, 1, parser_version=PV)
    emptied = assemble_tables([], tmp_path, 1, parser_version=PV)
    assert_same_tables(emptied.tables, build_tables([]))
    assert emptied.parsed == emptied.reused == []


def test_an_unwritable_row_store_does_not_fail_the_build(tmp_path, sources, monkeypatch):
    def full_disk(self, tables):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(RowStore, "save", full_disk)
    got = assemble_tables(sources, tmp_path, 1, parser_version=PV)
    assert "No space left" in got.row_store_error
    assert_same_tables(got.tables, _from_scratch(sources))


@pytest.mark.parametrize("reverse", [False, True])
def test_first_build_sorted_batch_by_batch_equals_a_build_from_scratch(
    tmp_path, sources, monkeypatch, reverse
):
    """Batches of 2 documents, sorted as they are made: in id order they need no sort at the
    end (no sort sees the whole clauses table); out of order, the end sort still runs."""
    from aidecl_data.build import assemble as assemble_mod

    monkeypatch.setattr(assemble_mod._NewRows, "BATCH", 2)
    sorted_sizes: list[tuple[str, int]] = []
    real_sort = assemble_mod.sort_table

    def spy(table, data):
        sorted_sizes.append((getattr(table, "name", table), data.num_rows))
        return real_sort(table, data)

    monkeypatch.setattr(assemble_mod, "sort_table", spy)
    given = sources[::-1] if reverse else sources
    got = assemble_tables(given, tmp_path, 1, parser_version=PV)
    assert_same_tables(got.tables, _from_scratch(sources))
    clauses = got.tables["clauses"].num_rows
    whole_sorts = [n for name, n in sorted_sizes if name == "clauses" and n == clauses]
    assert bool(whole_sorts) == reverse


def _layout(tables: dict[str, pa.Table]) -> dict[str, list[list[int]]]:
    return {name: [[len(c) for c in col.chunks] for col in t.columns] for name, t in tables.items()}


@pytest.mark.parametrize("cached", [0, 3])
def test_rows_typed_by_the_workers_give_the_same_batches(tmp_path, sources, monkeypatch, cached):
    """Workers type their chunk's rows as Arrow (``rowchunks``); the batches cut from the
    chunks, mixed with documents read from the parse cache, are the tables this process
    makes from tuples, chunk for chunk (Parquet pages are cut along the chunks)."""
    from aidecl_data.build import assemble as assemble_mod

    monkeypatch.setattr(batch_mod, "PARALLEL_THRESHOLD", 4)
    monkeypatch.setattr(batch_mod, "MAX_ROWS_CHUNK", 2)
    monkeypatch.setattr(batch_mod, "MAX_CHUNK", 1)
    monkeypatch.setattr(assemble_mod._NewRows, "BATCH", 3)
    sources = [_source(i) for i in range(20)]  # chunks of 2 documents, then of 1
    got = {}
    for workers in (2, 1):
        state = tmp_path / f"w{workers}"
        for s in sources[:cached]:  # read from the parse cache, typed in this process
            ParseCache(state, PV).put(parse_document(s.raw, s.document_id, Path(s.path).name))
        got[workers] = assemble_tables(sources, state, workers, parser_version=PV)
        assert _where(got[workers]) == (0, cached, len(sources) - cached)
    assert_same_tables(got[2].tables, _from_scratch(sources))
    assert _layout(got[2].tables) == _layout(got[1].tables)
    for name, table in got[1].tables.items():
        assert table.equals(got[2].tables[name]), name


def test_row_chunks_cover_the_documents_once_in_order():
    for n in (5, 64, 100, 999, 10_000):
        bounds = batch_mod.row_chunks(n, 2)
        assert bounds[0][0] == 0 and bounds[-1][1] == n
        assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
        assert max(stop - start for start, stop in bounds) <= batch_mod.MAX_ROWS_CHUNK
