"""The provenance manifest: every document has a row, and the build publishes it."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest

from aidecl_data.build.manifest import MANIFEST_NAME, Provenance, apply_manifest, load_manifest
from aidecl_data.parse.sources import list_document_paths
from tests.conftest import CORPUS


def test_every_document_of_the_corpus_has_its_provenance():
    manifest = load_manifest(CORPUS)
    names = {p.name for p in list_document_paths(CORPUS)}
    assert names == set(manifest), "documents/ and MANIFEST.csv disagree"
    for name, prov in manifest.items():
        assert prov.licence, name
        if prov.source_repository:
            assert len(prov.commit) == 40 and prov.path, name


def test_manifest_is_no_document():
    assert MANIFEST_NAME not in {p.name for p in list_document_paths(CORPUS)}


def test_repository_url():
    p = Provenance("x.md", "owner/repo", "dir/a b.md", "a" * 40)
    assert p.repository_url == f"https://github.com/owner/repo/blob/{'a' * 40}/dir/a%20b.md"
    assert Provenance("x.md").repository_url == ""


def test_apply_keeps_the_texts_own_url_and_fills_the_licence(tmp_path: Path):
    with open(tmp_path / MANIFEST_NAME, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "source_repository", "path", "commit", "licence", "kind"])
        w.writerow(["a.md", "o/r", "p/a.md", "c" * 40, "CC0-1.0", "statement"])
        w.writerow(["b.md", "o/r", "p/b.md", "c" * 40, "CC0-1.0", "statement"])
    string = pa.string()
    docs = pa.table(
        {
            "document_id": pa.array(["a", "b", "z"], string),
            "source_path": pa.array(["a.md", "b.md", "z.md"], string),
            "source_url": pa.array(["https://own.example/a", None, None], string),
            "licence": pa.array([None, None, None], string),
        }
    )
    out = apply_manifest(docs, load_manifest(tmp_path))
    assert out.column("source_url").to_pylist() == [
        "https://own.example/a",
        f"https://github.com/o/r/blob/{'c' * 40}/p/b.md",
        None,
    ]
    assert out.column("licence").to_pylist() == ["CC0-1.0", "CC0-1.0", None]
    assert out.schema == docs.schema


def test_no_manifest_changes_nothing(tmp_path: Path):
    assert load_manifest(tmp_path) == {}


@pytest.mark.integration
def test_the_build_publishes_provenance_and_follows_a_changed_manifest(tmp_path: Path):
    import shutil

    from pipelines.cli import run_build
    from pipelines.resources import AideclSettings
    from tests.conftest import SEEDS

    docs = tmp_path / "documents"
    shutil.copytree(SEEDS, docs)
    first = sorted(p.name for p in docs.iterdir())[0]

    def write_manifest(licence: str) -> None:
        with open(docs / MANIFEST_NAME, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["file", "source_repository", "path", "commit", "licence", "kind"])
            w.writerow([first, "o/r", f"x/{first}", "c" * 40, licence, "declaration"])

    def licences() -> dict[str, str]:
        with open(tmp_path / "pkg" / "data" / "documents.csv", encoding="utf-8") as fh:
            return {r["source_path"]: r["licence"] for r in csv.DictReader(fh)}

    settings = AideclSettings(
        documents_dir=str(docs), out_dir=str(tmp_path / "pkg"), state_dir=str(tmp_path / "s")
    )
    write_manifest("CC0-1.0")
    assert run_build(settings).success
    assert licences()[first] == "CC0-1.0"
    assert run_build(settings).up_to_date
    write_manifest("Etalab-2.0")
    report = run_build(settings)
    assert report.success and not report.up_to_date
    assert licences()[first] == "Etalab-2.0"
    assert sum(1 for v in licences().values() if v) == 1
