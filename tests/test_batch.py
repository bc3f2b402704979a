"""``parse_batch`` and the cache encoding: same documents whatever path they take.

The batch parses in worker processes that write the cache themselves, and the cache
stores rows as tuples; these tests pin that every path stores the documents
``parse_document`` gives and reports ids in input order, with rejections kept apart.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from aidecl_data.build import batch as batch_mod
from aidecl_data.build.batch import parse_batch
from aidecl_data.build.cache import ParseCache, decode, encode
from aidecl_data.parse.document import parse_document
from aidecl_data.parse.sources import SourceFile, sha256_bytes

ROOT = Path(__file__).resolve().parents[1]


def _sources(n: int) -> list[SourceFile]:
    corpus = sorted((ROOT / "documents").glob("*.txt"))
    out = []
    for i in range(n):
        raw = corpus[i % len(corpus)].read_bytes() + f"\n\nParagraphe de fin {i}.\n".encode()
        out.append(SourceFile(f"doc_{i:03d}", f"/x/doc_{i:03d}.txt", raw, sha256_bytes(raw)))
    return out


def _expected(sources):
    return [parse_document(s.raw, s.document_id, Path(s.path).name) for s in sources]


def test_encode_decode_round_trip_and_old_entries():
    doc = _expected(_sources(2))[1]
    assert decode(encode(doc)) == doc
    assert decode(pickle.dumps(doc)) == doc  # entries written before the tuple format
    with pytest.raises(pickle.UnpicklingError):
        decode(pickle.dumps(("something", "else")))


@pytest.mark.parametrize("workers", [1, 2])
def test_pool_and_serial_fill_the_cache_and_report_in_order(tmp_path, monkeypatch, workers):
    """Worker processes are forked, so the patched parser below is theirs too."""
    monkeypatch.setattr(batch_mod, "PARALLEL_THRESHOLD", 4)

    def parse_or_fail(raw, document_id, source_path=""):
        if document_id == "bad":
            raise ValueError("cannot parse")
        return parse_document(raw, document_id, source_path)

    monkeypatch.setattr(batch_mod, "parse_document", parse_or_fail)
    sources = _sources(7)
    sources[3] = SourceFile("bad", "/x/bad.txt", sources[3].raw, sources[3].sha256)
    cache = ParseCache(tmp_path, parser_version="t")
    first = parse_batch(sources, cache, workers)
    assert [(r.path, r.reason) for r in first.rejected] == [
        ("/x/bad.txt", "parser error: ValueError: cannot parse")
    ]
    good = [s for s in sources if s.document_id != "bad"]
    assert first.parsed == [s.document_id for s in good] and first.reused == []
    assert [cache.get(s.document_id, s.sha256) for s in good] == _expected(good)
    second = parse_batch(sources, cache, workers)
    assert second.parsed == [] and second.reused == first.parsed
    assert [r.path for r in second.rejected] == ["/x/bad.txt"]  # a rejection is not cached


def test_without_a_cache_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sources = _sources(3)
    result = parse_batch(sources, None, 1)
    assert result.parsed == [s.document_id for s in sources]
    assert (result.reused, result.rejected) == ([], [])
    assert list(tmp_path.iterdir()) == []
