"""Figures for agreements, treaties and official bilingual texts in ../shared/corpus-dev.

For the French files (Légifrance agreements ``etalab-*``, Dutch treaty database texts
``trb-*``, web posts) and the English ones: clauses, sections (article headings among
them), clauses in another language than the document's (a translation or a database
note), documents with a place and a date, and signatory rows by role and entity type.

    uv run python scripts/treaty_eval.py [--files]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from aidecl_data.parse.document import parse_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus-dev"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", action="store_true", help="one line per French file")
    args = ap.parse_args()
    for lang in ("fr", "en"):
        paths = sorted(p for p in (CORPUS / lang).glob("*") if p.suffix in (".md", ".markdown"))
        tot: Counter[str] = Counter()
        roles: Counter[tuple[str, str]] = Counter()
        for p in paths:
            d = parse_document(p.read_bytes(), p.stem, p.name)
            other = sum(1 for c in d.clauses if getattr(c, "language", lang) != d.document.language)
            arts = sum(1 for s in d.sections if s.section_id.split("/")[-1].startswith("art_"))
            sig = Counter(r.role for r in d.signatories)
            tot.update(
                docs=1,
                clauses=len(d.clauses),
                translated=other,
                sections=len(d.sections),
                articles=arts,
                dated=bool(d.document.date),
                dated_text=d.document.date_source == "text",
                placed=bool(d.document.place),
            )
            for r in d.signatories:
                roles[(r.role, r.entity_type)] += 1
            if args.files and lang == "fr":
                print(
                    f"{p.name[:60]:60} cl={len(d.clauses):3} other={other:3} art={arts:3} "
                    f"date={d.document.date or '-':10} place={d.document.place or '-':14} "
                    f"sig={dict(sig)}"
                )
        print(f"[{lang}] {dict(tot)}")
        print(f"[{lang}] signatory rows by (role, entity_type): {dict(sorted(roles.items()))}")


if __name__ == "__main__":
    main()
