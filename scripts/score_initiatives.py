"""Initiative recall and precision on exact spans, with the gazetteer on and off.

    uv run python scripts/score_initiatives.py [GOLD.json ...] [--show]

Each gold file (default: every ``tests/gold/entities/initiatives*.json``) names its texts
(``sources``: a path in the repository, or a file name looked for in ``documents/`` and
``../shared/corpus-dev``) and their mentions, written by reading. Gazetteer on: span and
id must match (the gold id when it gives one). Gazetteer off
(``aidecl_data.parse.entities.gazetteer.disabled()``): span only, since ids are then the
slugs of the names as written. A gold file may split its texts into ``tuned`` and
``held_out``; each part is reported on its own. ``--show`` lists misses and extras;
``--skip-front-matter`` ignores what is found in a YAML front matter block.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.entities import gazetteer
from aidecl_data.parse.entities.scoring import Score, score_document

ROOT = Path(__file__).resolve().parents[1]


def source_path(path: str) -> Path | None:
    """The text a gold file names: its path in the repository, else a file of that name
    in ``documents/`` (the published corpus) or ``../shared/corpus-dev``."""
    p = ROOT / path
    if p.is_file():
        return p
    name = Path(path).name
    for base in (ROOT / "documents", ROOT.parent / "shared" / "corpus-dev"):
        hits = sorted(base.rglob(name)) if base.is_dir() else []
        if hits:
            return hits[0]
    return None


def parse(path: Path, doc_id: str):
    return parse_document(path.read_bytes(), doc_id, path.name)


def _front_matter_end(path: Path) -> int:
    """End of a leading YAML front matter block (0 when there is none)."""
    text = path.read_bytes().decode("utf-8")
    if not text.startswith("---\n"):
        return 0
    end = text.find("\n---", 4)
    return end + 4 if end > 0 else 0


def score_gold(
    gold: dict, docs: list[str], show: bool = False, skip_front_matter: bool = False
) -> tuple[Score, Score]:
    on, off = Score(), Score()
    for did in docs:
        path = source_path(gold["sources"][did])
        if path is None:
            print(f"  missing text: {gold['sources'][did]}", file=sys.stderr)
            continue
        want = gold["mentions"][did]
        fm = _front_matter_end(path) if skip_front_matter else 0
        found = [m for m in parse(path, did).initiative_mentions if m.char_start >= fm]
        s, missed, extra = score_document(found, want)
        on.add(s)
        with gazetteer.disabled():
            found = [m for m in parse(path, did).initiative_mentions if m.char_start >= fm]
            s_off, _, _ = score_document(found, want, False)
        off.add(s_off)
        if show and (missed or extra):
            print(f"  {did}: {s}")
            for g in missed:
                print(f"    - {g['text']!r} {g['char_start']} {g.get('initiative_id')}")
            for m in extra:
                print(f"    + {m.text!r} {m.char_start} {m.initiative_id}")
    return on, off


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--show", action="store_true")
    ap.add_argument(
        "--skip-front-matter",
        action="store_true",
        help="ignore mentions found inside YAML front matter (read as metadata, not text, "
        "once the parser reads front matter as such)",
    )
    args = ap.parse_args()
    files = args.gold or sorted((ROOT / "tests/gold/entities").glob("initiatives*.json"))
    for f in files:
        gold = json.loads(f.read_text(encoding="utf-8"))
        parts = {"all": list(gold["mentions"])}
        if gold.get("held_out"):
            parts = {"held_out": gold["held_out"]}
            if gold.get("tuned"):
                parts = {"tuned": gold["tuned"], **parts}
        for part, docs in parts.items():
            on, off = score_gold(gold, docs, args.show, args.skip_front_matter)
            print(f"{f.name} [{part}, {len(docs)} texts]")
            print(f"  gazetteer on : {on}")
            print(f"  gazetteer off: {off}")


if __name__ == "__main__":
    main()
