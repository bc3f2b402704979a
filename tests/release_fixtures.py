"""Small packages built from inline texts, for the release and diff tests."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from aidecl_data.parse.document import parse_document
from aidecl_data.publish import stage_package
from aidecl_data.publish.tables import build_tables

DECL_A = """# Déclaration conjointe sur l'intelligence artificielle

Paris, le 3 mars 2025

La France et l'Inde s'engagent à coopérer dans le domaine de l'intelligence artificielle.

Elles saluent le Partenariat mondial sur l'intelligence artificielle.

Elles conviennent de se réunir à nouveau en 2026.
"""
# The same text with its second paragraph reworded.
DECL_A_EDITED = DECL_A.replace("Elles saluent le", "Elles saluent chaleureusement le")
ROADMAP_B = """# Feuille de route franco-japonaise sur le numérique

Tokyo, le 5 juin 2025

La France et le Japon lancent un dialogue sur la cybersécurité.
"""


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_package(root: Path, docs: dict[str, str]) -> Path:
    """Parse ``docs`` (document_id -> Markdown text) and stage the package in ``root``."""
    parsed = [parse_document(t.encode(), d, f"{d}.md") for d, t in sorted(docs.items())]
    stage_package(build_tables(parsed), root)
    return root


def change_schema(root: Path) -> None:
    """What another branch's schema change looks like in a package: ``documents.edition``
    added (a new last CSV column), ``dates.is_relative`` published as a string."""
    desc_path = root / "datapackage.json"
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    csv_path = root / "data" / "documents.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",edition", *(ln + ",2" for ln in lines[1:])]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    csv_path.write_bytes(data)
    for res in desc["resources"]:
        if res["name"] == "documents":
            res["schema"]["fields"].append({"name": "edition", "type": "string"})
            res["bytes"], res["hash"] = len(data), "sha256:" + hashlib.sha256(data).hexdigest()
        if res["name"] == "dates":
            for f in res["schema"]["fields"]:
                if f["name"] == "is_relative":
                    f["type"] = "string"
    desc.pop("contentHash", None)
    desc_path.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def build_package_from_files(root: Path, paths: list[Path]) -> Path:
    """Parse these files (the corpus, say) and stage their package in ``root``."""
    parsed = [parse_document(p.read_bytes(), p.stem.lower(), p.name) for p in sorted(paths)]
    stage_package(build_tables(parsed), root)
    return root
