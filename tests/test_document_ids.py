"""Document ids made safe from file names people save (issue 17, fault 2), and the build
that publishes a folder holding such a name beside good files."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from aidecl_data.explore.report import format_report, load_report
from aidecl_data.parse.sources import document_id_for, scan_documents
from aidecl_data.publish.schema import resource_path
from aidecl_data.publish.schema.fields import SLUG
from pipelines.cli import run_build
from pipelines.resources import AideclSettings
from tests.conftest import SEEDS


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Déclaration commune (2025).md", "declaration-commune-2025"),
        ("000_bc9b0feb0189aed7.txt", "000_bc9b0feb0189aed7"),
        (
            "wh-2021-03-01-u-s-mexico-joint-declaration.md",
            "wh-2021-03-01-u-s-mexico-joint-declaration",
        ),
        ("Feuille de route franco–indienne.TXT", "feuille-de-route-franco-indienne"),
        ("  Œuvre   commune !!.markdown", "oeuvre-commune"),
        ("Straße_Øresund.md", "strasse_oresund"),
        ("-_-x-_-.txt", "x"),
        ("A.B.C.txt", "a-b-c"),  # the last suffix only is dropped
    ],
)
def test_id_is_the_stem_made_safe(name, expected):
    assert document_id_for(Path(name)) == expected


def test_a_stem_with_nothing_left_still_gets_a_stable_safe_id():
    a, b = document_id_for("日本.md"), document_id_for("中国.md")
    assert a.startswith("document-") and b.startswith("document-") and a != b
    assert a == document_id_for("日本.txt")


def test_every_id_fits_the_published_pattern():
    import re

    for name in ["Ünïcödé — test (1).md", "x" * 300 + ".txt", "'quoted' \"name\".md", "é.md"]:
        assert re.match(SLUG, document_id_for(name)), name


def test_collision_after_folding_is_rejected_with_a_reason(tmp_path: Path):
    (tmp_path / "Déclaration commune (2025).md").write_text("# Déclaration\n\nTexte un.\n")
    (tmp_path / "declaration-commune-2025.txt").write_text("Déclaration\n\nTexte deux.\n")
    (tmp_path / "autre.txt").write_text("Déclaration\n\nTexte trois.\n")
    accepted, rejected = scan_documents(tmp_path)
    assert [s.document_id for s in accepted] == ["declaration-commune-2025", "autre"] or [
        s.document_id for s in accepted
    ] == ["autre", "declaration-commune-2025"]
    assert len(rejected) == 1
    assert "declaration-commune-2025" in rejected[0].reason
    assert "already used by" in rejected[0].reason


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("ids")
    docs = tmp / "documents"
    shutil.copytree(SEEDS, docs)
    seed = sorted(docs.glob("*.txt"))[0]
    (docs / "Déclaration commune (2025).md").write_bytes(seed.read_bytes() + b"\nFin.\n")
    # The same id once folded, other content: rejected, never costing the others.
    (docs / "declaration commune 2025.txt").write_text(
        "Déclaration\n\nUn autre texte, même identifiant.\n", encoding="utf-8"
    )
    settings = AideclSettings(
        documents_dir=str(docs), out_dir=str(tmp / "pkg"), state_dir=str(tmp / "state")
    )
    return {"report": run_build(settings), "pkg": tmp / "pkg"}


@pytest.mark.integration
def test_a_folder_with_an_unsafe_name_publishes_every_good_file(built):
    report = built["report"]
    assert report.success, report.failures
    assert report.documents == 6  # five seeds + the unsafe name
    rejected = {Path(r["path"]).name: r["reason"] for r in report.summary()["rejected"]}
    assert list(rejected) == ["declaration commune 2025.txt"]
    assert "already used by" in rejected["declaration commune 2025.txt"]
    with open(built["pkg"] / resource_path("documents", "csv"), encoding="utf-8") as fh:
        rows = {r["document_id"]: r for r in csv.DictReader(fh)}
    assert rows["declaration-commune-2025"]["source_path"] == "Déclaration commune (2025).md"


@pytest.mark.integration
def test_report_reads_the_built_package(built):
    report = load_report(built["pkg"])
    assert report.documents == 6
    text = format_report(report)
    assert text.splitlines()[0].endswith("of 6 documents")
    # The seed whose date is only inferred is flagged, by code and by document.
    codes = {code for code, _, _ in report.by_code()}
    assert {"no_date", "date_inferred", "title_inferred"} <= codes
    assert "documents to check first" in text
