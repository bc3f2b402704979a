"""Releases and their notes, around an added document, an edited paragraph, a removed
document and a schema change; each release's notes compared in full with what a reader
of the two packages expects."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from aidecl_data.parse.document import parse_document
from aidecl_data.publish.content import content_hash
from aidecl_data.publish.diff import diff_clauses
from aidecl_data.publish.release import (
    ReleaseError,
    make_release,
    next_version,
)
from aidecl_data.publish.snapshot import open_snapshot
from pipelines.cli import main
from tests.release_fixtures import (
    DECL_A,
    DECL_A_EDITED,
    ROADMAP_B,
    build_package,
    change_schema,
    sha,
)

STEPS = [  # (documents, transform of the package) for releases 2026.12.0 .. 2026.12.4
    ({"decl_a": DECL_A}, None),
    ({"decl_a": DECL_A, "roadmap_b": ROADMAP_B}, None),  # a document added
    ({"decl_a": DECL_A_EDITED, "roadmap_b": ROADMAP_B}, None),  # a paragraph edited
    ({"decl_a": DECL_A_EDITED}, None),  # a document removed
    ({"decl_a": DECL_A_EDITED}, change_schema),  # a column added, one retyped
]
TABLE_HEAD = (
    "| table | before | after | added | removed | changed |\n"
    "| --- | ---: | ---: | ---: | ---: | ---: |\n"
)


def rows(*counts: tuple[int, int, int, int, int]) -> str:
    names = [
        "documents",
        "sections",
        "clauses",
        "notes",
        "initiatives",
        "signatories",
        "initiative_mentions",
        "dates",
        "clause_acts",
        "clause_themes",
        "texts",
        "document_warnings",
    ]
    lines = [
        f"| {n} | {b} | {a} | {ad} | {rm} | {ch} |"
        for n, (b, a, ad, rm, ch) in zip(names, counts, strict=True)
    ]
    return TABLE_HEAD + "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def chain(tmp_path_factory) -> dict:
    """Five packages and their releases, one a day from 2026-12-01."""
    base = tmp_path_factory.mktemp("releases")
    out = {"releases": base / "releases", "packages": [], "results": []}
    for i, (docs, transform) in enumerate(STEPS):
        pkg = build_package(base / f"package{i}", docs)
        if transform:
            transform(pkg)
        out["packages"].append(pkg)
        when = dt.datetime(2026, 12, 1 + i, 9, 0, tzinfo=dt.UTC)
        out["results"].append(make_release(pkg, out["releases"], now=when))
    return out


def notes(chain: dict, i: int) -> str:
    return (chain["results"][i].path / "RELEASE_NOTES.md").read_text(encoding="utf-8")


def head(chain: dict, i: int) -> str:
    """The lines every notes file starts with: version, date, citation, comparison."""
    version = f"2026.12.{i}"
    new = content_hash(open_snapshot(chain["packages"][i]).descriptor)
    old = content_hash(open_snapshot(chain["packages"][i - 1]).descriptor)
    return (
        f"# aidecl-data {version}\n\n"
        f"Released 2026-12-0{i + 1}T09:00:00Z. Cite as: aidecl-data, version {version} "
        f"({new}).\n\n"
        f"Compared with 2026.12.{i - 1} ({old[:19]}… → {new[:19]}…).\n\n"
    )


def test_versions_follow_the_calendar(chain):
    assert [r.version for r in chain["results"]] == [f"2026.12.{i}" for i in range(5)]
    assert next_version(["2026.12.0", "2026.12.4"], dt.date(2027, 1, 2)) == "2027.1.0"
    assert next_version(["2026.12.0", "2026.12.4"], dt.date(2026, 12, 9)) == "2026.12.5"


def test_first_release_lists_everything(chain):
    text = notes(chain, 0)
    assert "First release: everything is new." in text
    assert "- `decl_a`: Déclaration conjointe sur l'intelligence artificielle\n" in text
    assert (
        rows(
            (0, 1, 1, 0, 0),
            (0, 0, 0, 0, 0),
            (0, 3, 3, 0, 0),
            (0, 0, 0, 0, 0),
            (0, 1, 1, 0, 0),
            (0, 2, 2, 0, 0),
            (0, 1, 1, 0, 0),
            (0, 2, 2, 0, 0),
            (0, 3, 3, 0, 0),  # "s'engagent", "saluent", "conviennent"
            (0, 0, 0, 0, 0),
            (0, 1, 1, 0, 0),
            (0, 0, 0, 0, 0),
        )
        in text
    )


def test_notes_of_an_added_document(chain):
    # roadmap_b brings one clause, two signatories (France, Japan), one date, and one act
    # ("lancent") and one theme ("cybersécurité") of its clause.
    assert notes(chain, 1) == head(chain, 1) + (
        "**Summary:** 1 document added, 0 removed, 0 changed; 8 rows added, 0 removed, "
        "0 changed; schema: unchanged.\n\n"
        "## Documents\n\n"
        "Added:\n"
        "- `roadmap_b`: Feuille de route franco-japonaise sur le numérique\n\n"
        "## Rows per table\n\n"
        + rows(
            (1, 2, 1, 0, 0),
            (0, 0, 0, 0, 0),
            (3, 4, 1, 0, 0),
            (0, 0, 0, 0, 0),
            (1, 1, 0, 0, 0),
            (2, 4, 2, 0, 0),
            (1, 1, 0, 0, 0),
            (2, 3, 1, 0, 0),
            (3, 4, 1, 0, 0),
            (0, 1, 1, 0, 0),
            (1, 2, 1, 0, 0),
            (0, 0, 0, 0, 0),
        )
        + "\n## Schema\n\nNo table or column added, removed or retyped.\n"
    )


def test_notes_of_an_edited_paragraph(chain):
    # The second paragraph gains a word: that clause is edited, and the rows after it in
    # the text (the third clause, the "2026" date, the mention in the second paragraph)
    # keep their ids but move their spans; the document row changes its sha256.
    old, new = sha(DECL_A)[:12], sha(DECL_A_EDITED)[:12]
    assert notes(chain, 2) == head(chain, 2) + (
        "**Summary:** 0 documents added, 0 removed, 1 changed; 0 rows added, 0 removed, "
        "7 changed; schema: unchanged.\n\n"
        "## Documents\n\n"
        "Changed (the source text's sha256 differs):\n"
        f"- `decl_a`: Déclaration conjointe sur l'intelligence artificielle (sha256 {old} → "
        f"{new})\n"
        "  - clause edited `decl_a/para_2`: “Elles saluent le Partenariat mondial sur "
        "l'intelligence artificielle.” → “Elles saluent chaleureusement le Partenariat "
        "mondial sur l'intelligence artificielle.”\n\n"
        "## Rows per table\n\n"
        + rows(
            (2, 2, 0, 0, 1),
            (0, 0, 0, 0, 0),
            (4, 4, 0, 0, 2),
            (0, 0, 0, 0, 0),
            (1, 1, 0, 0, 0),
            (4, 4, 0, 0, 0),
            (1, 1, 0, 0, 1),
            (3, 3, 0, 0, 1),
            (4, 4, 0, 0, 1),  # the act of the third clause moves its span
            (1, 1, 0, 0, 0),
            (2, 2, 0, 0, 1),
            (0, 0, 0, 0, 0),
        )
        + "\n## Schema\n\nNo table or column added, removed or retyped.\n"
    )


def test_notes_of_a_removed_document(chain):
    assert notes(chain, 3) == head(chain, 3) + (
        "**Summary:** 0 documents added, 1 removed, 0 changed; 0 rows added, 8 removed, "
        "0 changed; schema: unchanged.\n\n"
        "## Documents\n\n"
        "Removed:\n"
        "- `roadmap_b`: Feuille de route franco-japonaise sur le numérique\n\n"
        "## Rows per table\n\n"
        + rows(
            (2, 1, 0, 1, 0),
            (0, 0, 0, 0, 0),
            (4, 3, 0, 1, 0),
            (0, 0, 0, 0, 0),
            (1, 1, 0, 0, 0),
            (4, 2, 0, 2, 0),
            (1, 1, 0, 0, 0),
            (3, 2, 0, 1, 0),
            (4, 3, 0, 1, 0),
            (1, 0, 0, 1, 0),
            (2, 1, 0, 1, 0),
            (0, 0, 0, 0, 0),
        )
        + "\n## Schema\n\nNo table or column added, removed or retyped.\n"
    )


def test_notes_of_a_schema_change(chain):
    # Rows are compared over the columns both versions have: a new column changes none.
    assert notes(chain, 4) == head(chain, 4) + (
        "**Summary:** 0 documents added, 0 removed, 0 changed; 0 rows added, 0 removed, "
        "0 changed; schema: 1 column added, 1 column retyped.\n\n"
        "## Documents\n\n"
        "No document added, removed or changed.\n\n"
        "## Rows per table\n\n"
        + rows(
            (1, 1, 0, 0, 0),
            (0, 0, 0, 0, 0),
            (3, 3, 0, 0, 0),
            (0, 0, 0, 0, 0),
            (1, 1, 0, 0, 0),
            (2, 2, 0, 0, 0),
            (1, 1, 0, 0, 0),
            (2, 2, 0, 0, 0),
            (3, 3, 0, 0, 0),
            (0, 0, 0, 0, 0),
            (1, 1, 0, 0, 0),
            (0, 0, 0, 0, 0),
        )
        + "\n## Schema\n\n"
        "- column added `documents.edition` (string)\n"
        "- column retyped `dates.is_relative`: boolean → string\n"
    )


def test_json_notes_hold_the_same_facts(chain):
    facts = json.loads((chain["results"][2].path / "release.json").read_text(encoding="utf-8"))
    assert facts["version"] == "2026.12.2" and facts["previous"] == "2026.12.1"
    assert facts["created"] == "2026-12-03T09:00:00Z"
    assert facts["documents"]["changed"][0]["clauses"] == {
        "added": [],
        "removed": [],
        "edited": [
            {
                "old_clause_id": "decl_a/para_2",
                "clause_id": "decl_a/para_2",
                "old_text": "Elles saluent le Partenariat mondial sur l'intelligence artificielle.",
                "text": "Elles saluent chaleureusement le Partenariat mondial sur "
                "l'intelligence artificielle.",
            }
        ],
    }
    assert facts["summary"] in (chain["releases"] / "CHANGELOG.md").read_text(encoding="utf-8")


def test_unchanged_data_is_refused(chain):
    with pytest.raises(ReleaseError, match=r"did not change since release 2026\.12\.4"):
        make_release(chain["packages"][4], chain["releases"])
    # the same data built again from the same documents is the same data
    again = build_package(chain["packages"][0].parent / "again", {"decl_a": DECL_A_EDITED})
    change_schema(again)
    with pytest.raises(ReleaseError, match="nothing to release"):
        make_release(again, chain["releases"])
    assert sorted(p.name for p in chain["releases"].iterdir()) == [
        *(f"2026.12.{i}" for i in range(5)),
        "CHANGELOG.md",
    ]


def test_changelog_lists_every_release_newest_first(chain):
    text = (chain["releases"] / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = [ln for ln in text.splitlines() if ln.startswith("## ")]
    assert headings == [
        f"## [2026.12.{i}](2026.12.{i}/RELEASE_NOTES.md) (2026-12-0{i + 1})"
        for i in reversed(range(5))
    ]
    assert "0 documents added, 1 removed, 0 changed; 0 rows added, 8 removed" in text


def test_archive_checksums_and_released_descriptor(chain):
    result = chain["results"][1]
    sums = (result.path / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((result.path / name).read_bytes()).hexdigest() == digest
    assert sorted(ln.split("  ")[1] for ln in sums) == [
        "RELEASE_NOTES.md",
        "aidecl-data-2026.12.1.zip",
        "release.json",
    ]
    with zipfile.ZipFile(result.archive) as z:
        names = z.namelist()
        desc = json.loads(z.read("aidecl-data-2026.12.1/datapackage.json"))
    assert "aidecl-data-2026.12.1/aidecl.duckdb" in names
    assert "aidecl-data-2026.12.1/README.md" in names
    assert "aidecl-data-2026.12.1/data/clauses.csv" in names
    assert "aidecl-data-2026.12.1/data/clauses.parquet" in names
    assert desc["version"] == "2026.12.1" and desc["created"] == "2026-12-02T09:00:00Z"
    assert desc["contentHash"] == content_hash(desc)
    assert desc["licenses"][0]["name"] == "ODC-BY-1.0"
    assert [s["document_id"] for s in desc["sources"]] == ["decl_a", "roadmap_b"]
    assert desc["sourcesSummary"]["licences"] == [{"name": "unknown", "documents": 2}]


def test_the_package_itself_stays_byte_stable(tmp_path):
    """No date, no release number in the published package: same documents, same bytes."""
    a = build_package(tmp_path / "a", {"decl_a": DECL_A})
    b = build_package(tmp_path / "b", {"decl_a": DECL_A})
    desc = (a / "datapackage.json").read_bytes()
    assert desc == (b / "datapackage.json").read_bytes()
    assert "created" not in json.loads(desc)
    assert json.loads(desc)["contentHash"] == content_hash(json.loads(desc))


def test_versions_must_grow(chain, tmp_path):
    pkg = build_package(tmp_path / "p", {"roadmap_b": ROADMAP_B})
    with pytest.raises(ReleaseError, match=r"not after the latest release 2026\.12\.4"):
        make_release(pkg, chain["releases"], version="2026.12.3")
    with pytest.raises(ReleaseError, match="not calendar versioning"):
        make_release(pkg, tmp_path / "other", version="1.0")


def test_diff_command_prints_the_release_report(chain, capsys):
    """``aidecl diff`` on two release archives gives the notes' report."""
    old, new = chain["results"][1].archive, chain["results"][2].path
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    body = notes(chain, 2).split("**Summary:**", 1)[1]
    assert out.startswith("# Changes from 2026.12.1 to 2026.12.2\n")
    assert out.endswith(body)
    assert main(["diff", "--format", "json", str(chain["packages"][2]), str(old)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"]["changed"][0]["clauses"]["edited"][0]["clause_id"] == (
        "decl_a/para_2"
    )


def test_release_command_refuses_with_a_message(chain, capsys):
    args = ["release", "--package", str(chain["packages"][4]), "--releases"]
    assert main([*args, str(chain["releases"])]) == 1
    assert "release refused: the data did not change" in capsys.readouterr().err


def test_clause_ids_stay_when_another_paragraph_changes():
    """Editing one paragraph leaves every clause id of the document where it was."""
    before = parse_document(DECL_A.encode(), "decl_a", "decl_a.md").clauses
    after = parse_document(DECL_A_EDITED.encode(), "decl_a", "decl_a.md").clauses
    assert [c.clause_id for c in before] == [c.clause_id for c in after]
    changed = [a.clause_id for a, b in zip(before, after, strict=True) if a.text != b.text]
    assert changed == ["decl_a/para_2"]
    rewritten = DECL_A.replace("Elles conviennent de se réunir", "Les deux pays se réuniront")
    third = parse_document(rewritten.encode(), "decl_a", "decl_a.md").clauses
    assert [c.clause_id for c in third] == [c.clause_id for c in before]


def _clauses(*texts: str) -> list[dict]:
    return [{"clause_id": f"d/para_{i}", "text": t} for i, t in enumerate(texts, 1)]


def test_clause_diff_aligns_by_text_not_by_id():
    """A paragraph inserted at the top shifts every eId: one clause added, nothing edited."""
    old = _clauses("Premier paragraphe.", "Deuxième paragraphe.", "Troisième.")
    new = _clauses(
        "Nouveau préambule.", "Premier paragraphe.", "Deuxième paragraphe.", "Troisième."
    )
    assert diff_clauses(old, new) == {
        "added": [{"clause_id": "d/para_1", "text": "Nouveau préambule."}],
        "removed": [],
        "edited": [],
    }
    replaced = _clauses("Premier paragraphe.", "Tout autre chose ici.", "Troisième.")
    assert diff_clauses(old, replaced) == {
        "added": [{"clause_id": "d/para_2", "text": "Tout autre chose ici."}],
        "removed": [{"clause_id": "d/para_2", "text": "Deuxième paragraphe."}],
        "edited": [],
    }


def test_a_package_that_does_not_match_its_descriptor_is_not_released(tmp_path):
    pkg = build_package(tmp_path / "p", {"decl_a": DECL_A})
    (pkg / "data" / "clauses.csv").write_text("clause_id\n", encoding="utf-8")
    with pytest.raises(ReleaseError, match=r"clauses\.csv: sha256 differs"):
        make_release(pkg, tmp_path / "releases")
    assert not (tmp_path / "releases").exists() or not any(
        Path(tmp_path / "releases").glob("2026*")
    )


def test_release_asset_materializes_on_demand(tmp_path):
    import dagster as dg

    from pipelines.release_asset import release
    from pipelines.resources import AideclSettings

    pkg = build_package(tmp_path / "pkg", {"decl_a": DECL_A})
    settings = AideclSettings(out_dir=str(pkg), releases_dir=str(tmp_path / "rel"))
    config = {"ops": {"release": {"config": {"version": "2026.12.7"}}}}
    result = dg.materialize([release], resources={"settings": settings}, run_config=config)
    meta = result.asset_materializations_for_node("release")[0].metadata
    assert meta["version"].value == "2026.12.7"
    assert (tmp_path / "rel" / "2026.12.7" / "SHA256SUMS").is_file()
    again = dg.materialize(
        [release], resources={"settings": settings}, raise_on_error=False, run_config=config
    )
    assert not again.success


def test_a_snapshot_reads_texts_that_span_many_lines(tmp_path):
    """The ``texts`` table holds whole documents, newlines included, in quoted CSV cells."""
    import pyarrow as pa

    from aidecl_data.publish.csvio import table_to_csv_bytes
    from aidecl_data.publish.snapshot import open_snapshot

    # Long enough that the CSV reader works in several blocks (they are cut at newlines).
    text = "Titre\n\n1. Premier paragraphe,\nsur deux lignes.\n\n- « Second »,\n" * 60_000
    table = pa.table({"document_id": ["a", "b"], "text": [text, "x"]})
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "texts.csv").write_bytes(table_to_csv_bytes(table))
    fields = [{"name": "document_id", "type": "string"}, {"name": "text", "type": "string"}]
    resource = {"name": "texts", "path": "data/texts.csv", "schema": {"fields": fields}}
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": [resource]}))
    assert open_snapshot(tmp_path).rows("texts") == [
        {"document_id": "a", "text": text},
        {"document_id": "b", "text": "x"},
    ]
