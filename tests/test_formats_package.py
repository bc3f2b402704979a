"""PDF and HTML documents through a whole build: spans checked against the package itself.

Every ``char_start``/``char_end`` of the published tables must cut, out of the published
``texts`` text of its document, the words of its row, whatever the source format; files
that cannot be read are rejected with a reason and cost nothing to the others.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pdf_maker import make_pdf

pytestmark = pytest.mark.integration
FIXTURES = Path(__file__).parent / "fixtures"
DOCUMENTS = Path(__file__).parents[1] / "documents"


def norm(s: str) -> str:
    return " ".join(s.split())


def read(pkg: Path, table: str) -> list[dict]:
    with open(pkg / "data" / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("formats")
    docs = tmp / "documents"
    docs.mkdir()
    shutil.copy(FIXTURES / "paris-call-en.pdf", docs / "paris-call-en.pdf")
    shutil.copy(FIXTURES / "html" / "ministere_declaration_fr.html", docs / "decl_fr.html")
    shutil.copy(FIXTURES / "html" / "no_main_text.html", docs / "salle-de-presse.htm")
    shutil.copy(DOCUMENTS / "000_bc9b0feb0189aed7.txt", docs / "000_bc9b0feb0189aed7.txt")
    (docs / "scan.pdf").write_bytes(make_pdf([None, None]))
    (docs / "fake.pdf").write_bytes(b"not a pdf at all")
    pkg, state = tmp / "pkg", tmp / "state"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "build",
            "--documents",
            str(docs),
            "--out",
            str(pkg),
            "--state",
            str(state),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return pkg, json.loads(proc.stdout.strip().splitlines()[-1])


def test_unreadable_files_are_rejected_with_a_reason(built):
    _, summary = built
    reasons = {Path(r["path"]).name: r["reason"] for r in summary["rejected"]}
    assert reasons == {
        "scan.pdf": "no text layer: 2 pages are images (read them with --ocr)",
        "fake.pdf": "not a PDF (no %PDF- signature)",
        "salle-de-presse.htm": reasons["salle-de-presse.htm"],
    }
    assert reasons["salle-de-presse.htm"].startswith("no main text")
    assert summary["documents"] == 3


def test_every_span_round_trips_through_the_published_texts(built):
    pkg, _ = built
    texts = {r["document_id"]: r["text"] for r in read(pkg, "texts")}
    docs = {r["document_id"]: r for r in read(pkg, "documents")}
    assert set(texts) == set(docs) == {"paris-call-en", "decl_fr", "000_bc9b0feb0189aed7"}
    assert {d["source_format"] for d in docs.values()} == {"pdf", "html", "markdown"}
    for doc_id, d in docs.items():
        assert int(d["char_count"]) == len(texts[doc_id])
    checked = 0
    for table in ("clauses", "notes", "sections", "dates", "initiative_mentions", "signatories"):
        for r in read(pkg, table):
            src = texts[r["document_id"]][int(r["char_start"]) : int(r["char_end"])]
            value = r.get("text") or r.get("heading") or r.get("name")
            span = norm(src.replace("<sup>1</sup>", "").replace("**", "").replace("#", ""))
            assert norm(value) in span or span in norm(value), (table, r)
            checked += 1
    assert checked > 60


def test_pdf_clauses_carry_their_pages(built):
    pkg, _ = built
    rows = read(pkg, "clauses")
    pdf = [r for r in rows if r["document_id"] == "paris-call-en"]
    assert pdf and all(1 <= int(r["page_start"]) <= int(r["page_end"]) <= 4 for r in pdf)
    assert all(
        r["page_start"] == r["page_end"] == "" for r in rows if r["document_id"] != "paris-call-en"
    )
