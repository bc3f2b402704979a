"""The parse cache: keyed by content and parser version, robust to bad entries."""

from __future__ import annotations

from aidecl_data.build import version
from aidecl_data.build.cache import ParseCache
from aidecl_data.parse.document import parse_document


def _doc(text: str = "Un paragraphe.\n\nUn autre paragraphe.\n"):
    return parse_document(text.encode(), "doc_a", "doc_a.txt")


def test_hit_needs_same_sha_id_and_version(tmp_path):
    parsed = _doc()
    sha = parsed.document.source_sha256
    ParseCache(tmp_path, parser_version="v1").put(parsed)
    assert ParseCache(tmp_path, parser_version="v1").get("doc_a", sha) == parsed
    assert ParseCache(tmp_path, parser_version="v2").get("doc_a", sha) is None
    assert ParseCache(tmp_path, parser_version="v1").get("doc_b", sha) is None
    assert ParseCache(tmp_path, parser_version="v1").get("doc_a", "0" * 64) is None


def test_corrupt_entry_is_a_miss(tmp_path):
    parsed = _doc()
    cache = ParseCache(tmp_path, parser_version="v1")
    cache.put(parsed)
    path = cache._path("doc_a", parsed.document.source_sha256)
    path.write_bytes(b"not a pickle")
    assert cache.get("doc_a", parsed.document.source_sha256) is None
    assert not path.exists()


def test_parser_version_follows_parsing_code(tmp_path, monkeypatch):
    """Editing a parsing module changes the version; editing publishing code does not."""
    import shutil

    root = tmp_path / "aidecl_data"
    shutil.copytree(version._ROOT.parent, root, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(version, "_ROOT", root / "parse")
    base = version._parser_fingerprint()
    (root / "publish" / "extra.py").write_text("X = 1\n")
    assert version._parser_fingerprint() == base
    structure = root / "parse" / "structure.py"
    structure.write_text(structure.read_text() + "\n# change\n")
    assert version._parser_fingerprint() != base
