"""Where the entity stages (signatories, initiatives) spend their time, part by part.

Why: the figures of benchmarks/README.md, "Entity extraction", come from here: the cost
of compiling the gazetteer's alias regexes, the lazy alias matcher against the one regex,
how many places may start an alias, how many paragraphs are read for chains of names,
and the CPU per document of the functions the two stages call (wrapped with the timers
of ``parse_stages.py``, each stage's regions parsed once beforehand).

    nice uv run python benchmarks/entity_parts.py [--docs documents] [--json out.json]
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

WRAPPED = [
    ("entities.initiatives", "find_known"),
    ("entities.initiatives", "find_english_names"),
    ("entities.initiatives", "find_french"),
    ("entities.initiatives", "_find"),
    ("entities.signatories", "_rows"),
    ("entities.signatories", "_may_have_chain_cue"),
    ("entities.signatories", "enumeration_items"),
    ("entities.signatories", "name_chains"),
    ("entities.signatories", "_party_rows"),
]


def _best(fn, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", default=str(ROOT / "documents"))
    p.add_argument("--json", help="write the figures to this file")
    args = p.parse_args(argv)

    from parse_stages import StageTimer, _files

    from aidecl_data.parse.entities import gazetteer as gz
    from aidecl_data.parse.entities import initiatives as ini
    from aidecl_data.parse.entities import signatories as sg
    from aidecl_data.parse.entities.folding import Cues, fold_same_length, may_hold
    from aidecl_data.parse.entities.front_title import front_title
    from aidecl_data.parse.formats.read import read_text
    from aidecl_data.parse.structure import parse_structure
    from aidecl_data.parse.text import trie_pattern

    docs = []
    for f in _files(Path(args.docs), 0):
        source, prepared = read_text(f.read_bytes(), f.name, False)
        docs.append((f.stem, parse_structure(source, f.stem, prepared)))
    n = len(docs)
    texts = [r.text.text for _, st in docs for r in st.regions]
    out: dict[str, object] = {"documents": n}

    t0 = time.process_time()
    for first in gz._rests():
        gz._leaf_rx(first)
    out["compile_leaf_patterns_s"] = round(time.process_time() - t0, 3)
    t0 = time.process_time()
    gz._all_aliases_rx()
    out["compile_one_alias_regex_s"] = round(time.process_time() - t0, 3)

    def find_known_all() -> None:
        fold_same_length.cache_clear()
        for text in texts:
            gz.find_known(text)

    for label, chars in (("lazy", 10**15), ("one_regex", 0)):
        gz._LAZY_CHARS = chars
        out[f"find_known_{label}_ms_per_doc"] = round(_best(find_known_all) * 1e3 / n, 3)
    gz._LAZY_CHARS = 10**15

    padded = [" " + fold_same_length.__wrapped__(t) for t in texts]
    plain = re.compile(rf"[\W_](?=((?:{trie_pattern(gz._rest_index())})(?:s|x|es)?)(?!\w))")
    out["alias_starts_pattern_ms_per_doc"] = round(
        _best(lambda: [list(plain.finditer(p)) for p in padded]) * 1e3 / n, 3
    )
    out["alias_starts_words_ms_per_doc"] = round(
        _best(lambda: [list(gz._alias_starts(p)) for p in padded]) * 1e3 / n, 3
    )
    out["alias_places_pattern_per_doc"] = round(
        sum(1 for p in padded for _ in plain.finditer(p)) / n, 1
    )
    out["alias_places_words_per_doc"] = round(
        sum(1 for p in padded for _ in gz._alias_starts(p)) / n, 1
    )

    loose = sg._FOUNDING_PIECES + sg._SUPPORT_PIECES + sg._SIGNING_PIECES
    paragraphs = [
        r.text.text for _, st in docs for r in st.regions if r.kind in ("clause", "note", "meta")
    ]
    out["paragraphs"] = len(paragraphs)
    out["paragraphs_loose_cue_pieces"] = sum(
        may_hold(" ".join(t.split()), loose) for t in paragraphs
    )
    out["paragraphs_chain_cue_pieces"] = sum(sg._may_have_chain_cue(Cues(t)) for t in paragraphs)

    timer = StageTimer()
    for mod, fn in WRAPPED:
        m = importlib.import_module("aidecl_data.parse." + mod)
        setattr(m, fn, timer.wrap(f"{mod.split('.')[-1]}.{fn}", getattr(m, fn)))
    t_sig = t_ini = 0.0
    for doc_id, st in docs:
        ini._find_in_text.cache_clear()
        t0 = time.process_time()
        sg.extract_signatories(st.regions, doc_id, st.language, front_title(st))
        t1 = time.process_time()
        ini.extract_initiatives(st.regions, doc_id, st.language, problems=[])
        t_sig += t1 - t0
        t_ini += time.process_time() - t1
    out["signatories_ms_per_doc"] = round(t_sig * 1e3 / n, 3)
    out["initiatives_ms_per_doc"] = round(t_ini * 1e3 / n, 3)
    out["parts_ms_per_doc"] = {
        k: {
            "inclusive": round(timer.total[k] / 1e6 / n, 3),
            "self": round(timer.own[k] / 1e6 / n, 3),
        }
        for k in sorted(timer.total, key=lambda k: -timer.total[k])
    }
    print(json.dumps(out, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
