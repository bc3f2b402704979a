"""What clause enrichment (acts and themes) costs next to the rest of parsing.

    nice uv run python benchmarks/enrich_benchmark.py [--repeat 3] [--json OUT] [--docs DIR]

Over ``documents/`` and ``../shared/corpus-dev`` (every ``.md``/``.markdown``/``.txt``),
or the texts of ``--docs DIR``: ``parse_document`` whole, and ``enrich.document_rows``
alone on the same document's structure; each the best of ``--repeat`` runs per document
(CPU time, one process), so the figures are the cost of the code, not of the machine's
other load. The budget (issue 14): enrichment at most a tenth of the parse time.

``enrich_first_run`` is the first ``document_rows`` call of each document (before
``parse_document`` runs on it): the rules keep small caches keyed on the words before a
cue (``classify_subject``, ``named_actor``, ``agent_actor``) and on matched cue words
(``Lexicon.name_at``), which the best-of-N figure finds warm for that very document; the
first run finds them warm only for the documents before it, as a build's parse worker
does. ``enrich_parts`` records the calls ``document_rows`` makes to each part and replays
them alone (``document_rows``: the remainder). ``lexicon_scans`` is the part of
enrichment that is C work every clause needs (its scanned copy, the three lexicon regexes
over it; since issue 14's sixth round the scanned copies of a document and one
Aho-Corasick pass over them, ``enrich.places``, then the lexicon patterns at the places it
finds): the floor of this design. ``scan_copies`` in ``enrich_parts`` is
``places.document_scans``, ``act_regex``/``theme_regex`` the patterns run at its places.
``token_scan`` measures the alternative of issue 14's third round, a tokenised scan
(every word token of every clause with its offset, one ``re`` call per clause, before any
dictionary lookup): it costs more than the three regex scans it would replace (see
README, "What each clause does"; ``enrich_matchers.py`` measures the Aho-Corasick
matchers).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import re
import sys
import time
from pathlib import Path

from aidecl_data.parse.document import parse_document
from aidecl_data.parse.enrich import document as enrich_document
from aidecl_data.parse.enrich import document_rows
from aidecl_data.parse.enrich.acts import find_acts, hedged, sentences
from aidecl_data.parse.enrich.lexicon import act_lexicon, hedge_pattern, theme_lexicon
from aidecl_data.parse.enrich.places import confirmed, document_scans
from aidecl_data.parse.enrich.themes import find_themes
from aidecl_data.parse.enrich.wordindex import scan_text
from aidecl_data.parse.entities.signatories import extract_signatories
from aidecl_data.parse.sources import decode_bytes
from aidecl_data.parse.structure import parse_structure

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = (ROOT / "documents", ROOT.parent / "shared" / "corpus-dev")
SUFFIXES = {".md", ".markdown", ".txt"}


WARM_UP = {
    "fr": "Déclaration\n\nLa France et l'Inde s'engagent à soutenir la recherche. "
    "Le Comité mixte veillera à la sécurité de l'IA.\n",
    "en": "Statement\n\nThe United States and Japan commit to support research. "
    "The Commission will welcome safe AI.\n",
}


def corpus() -> list[Path]:
    out = []
    for folder in FOLDERS:
        if folder.is_dir():
            out += sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file())
    # documents/ holds copies of corpus-dev texts: each text once
    seen: set[bytes] = set()
    unique = []
    for p in out:
        if p.name.lower() in {"readme.md", "sources.md"}:
            continue
        digest = hashlib.sha256(p.read_bytes()).digest()
        if digest not in seen:
            seen.add(digest)
            unique.append(p)
    return unique


def lexicon_scans(texts: list[str], lang: str) -> None:
    """Only the work every clause needs: its scanned copy and the act, hedge and theme
    lexicons matched in it (the floor under which no rule-side saving can go)."""
    lang = lang if lang in ("fr", "en") else "en"
    acts_rx = act_lexicon(lang)[1].pattern
    hedge_rx = hedge_pattern(lang).pattern
    theme_rx = theme_lexicon(lang)[0].pattern
    for scan, acts, hedges, themes in document_scans(texts, lang):
        list(confirmed(acts_rx, scan, acts))
        any(hedge_rx.match(scan, p) for p in hedges)
        list(confirmed(theme_rx, scan, themes))


_WORD = re.compile(r"[^\W_]+")


def token_scan(texts: list[str]) -> None:
    """The first step of a tokenised scan: each clause's word tokens with their offsets
    (the lookups of cues and themes by first word would come on top)."""
    for t in texts:
        scan = scan_text(t)
        [(m.start(), m.group()) for m in _WORD.finditer(scan)]


PARTS = (
    "scan_copies",
    "sentences",
    "act_regex",
    "act_rules",
    "theme_regex",
    "theme_rules",
    "hedges",
)


def record_calls(run) -> dict[str, list]:
    """The calls ``document_rows`` makes to the parts of enrichment, during ``run()``:
    scanned copies and places, sentence splits, ``find_acts`` (its lazily split sentences
    resolved), ``find_themes``, ``hedged``."""
    calls: dict[str, list] = {k: [] for k in ("scan", "sentences", "acts", "themes", "hedged")}
    saved = {n: getattr(enrich_document, n) for n in ("document_scans", "sentences", "find_acts")}
    saved |= {n: getattr(enrich_document, n) for n in ("find_themes", "hedged")}

    def scan(texts, lang):
        calls["scan"].append((texts, lang))
        return saved["document_scans"](texts, lang)

    def split(text):
        calls["sentences"].append(text)
        return saved["sentences"](text)

    def acts(text, lang, scan, sents, *rest):
        sents = sents() if callable(sents) else sents
        calls["acts"].append((text, lang, scan, sents, *rest))
        return saved["find_acts"](text, lang, scan, sents, *rest)

    def themes(*a):
        calls["themes"].append(a)
        return saved["find_themes"](*a)

    def hedges(*a):
        calls["hedged"].append(a)
        return saved["hedged"](*a)

    patched = {"document_scans": scan, "sentences": split, "find_acts": acts}
    patched |= {"find_themes": themes, "hedged": hedges}
    for name, fn in patched.items():
        setattr(enrich_document, name, fn)
    try:
        run()
    finally:
        for name, fn in saved.items():
            setattr(enrich_document, name, fn)
    return calls


def breakdown(calls: dict[str, list], repeat: int) -> dict[str, float]:
    """CPU seconds of each part, replaying the recorded calls (best of ``repeat``); the
    lexicon patterns are timed alone at the same places of the same scanned copies and
    taken out of the rules that run them (``find_acts``'s and ``find_themes``'s last
    argument: the places)."""

    def lexicon_matches(pattern_of, recorded) -> float:
        """The lexicon pattern of each recorded call's language, run at its places."""
        return best(
            lambda: [
                list(confirmed(pattern_of(a[1] if a[1] in ("fr", "en") else "en"), a[2], a[-1]))
                for a in recorded
            ],
            repeat,
        )

    out = {
        "scan_copies": best(lambda: [document_scans(*a) for a in calls["scan"]], repeat),
        "sentences": best(lambda: [sentences(t) for t in calls["sentences"]], repeat),
        "act_regex": lexicon_matches(lambda lang: act_lexicon(lang)[1].pattern, calls["acts"]),
        "act_rules": best(lambda: [find_acts(*a) for a in calls["acts"]], repeat),
        "theme_regex": lexicon_matches(
            lambda lang: theme_lexicon(lang)[0].pattern, calls["themes"]
        ),
        "theme_rules": best(lambda: [find_themes(*a) for a in calls["themes"]], repeat),
        "hedges": best(lambda: [hedged(*a) for a in calls["hedged"]], repeat),
    }
    out["act_rules"] = max(0.0, out["act_rules"] - out["act_regex"])
    out["theme_rules"] = max(0.0, out["theme_rules"] - out["theme_regex"])
    return out


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--docs", type=Path, help="a folder of texts (e.g. a synthetic corpus)")
    args = ap.parse_args(argv)
    files = (
        sorted(p for p in args.docs.glob("*") if p.suffix in SUFFIXES) if args.docs else corpus()
    )
    # lexicons, regexes and name indexes are built on first use: not part of any document
    for lang, text in WARM_UP.items():
        parse_document(text.encode(), f"warm-up-{lang}", f"warm-up-{lang}.txt")
    parse_total = enrich_total = scan_total = token_total = first_total = 0.0
    worst = (0.0, "")
    rows = 0
    parts = dict.fromkeys(PARTS, 0.0)
    for p in files:
        raw = p.read_bytes()
        doc_id = p.stem.lower()
        source = decode_bytes(raw, p.name)
        st = parse_structure(source, doc_id)
        signatories, _ = extract_signatories(st.regions, doc_id, st.language)
        first_total += best(
            lambda st=st, source=source, doc_id=doc_id, sig=signatories: document_rows(
                st.clauses, st.regions, source, doc_id, st.language, sig, st.title
            ),
            1,
        )
        parsed = parse_document(raw, doc_id, p.name)  # warm up (lexicons compiled once)
        rows += len(parsed.clause_acts) + len(parsed.clause_themes)
        t_parse = best(
            lambda raw=raw, doc_id=doc_id, p=p: parse_document(raw, doc_id, p.name), args.repeat
        )
        t_enrich = best(
            lambda st=st, source=source, doc_id=doc_id, sig=signatories: document_rows(
                st.clauses, st.regions, source, doc_id, st.language, sig, st.title
            ),
            args.repeat,
        )
        calls = record_calls(
            lambda st=st, source=source, doc_id=doc_id, sig=signatories: document_rows(
                st.clauses, st.regions, source, doc_id, st.language, sig, st.title
            )
        )
        for name, seconds in breakdown(calls, args.repeat).items():
            parts[name] += seconds
        texts = [r.text.text for r in st.regions if r.kind == "clause" and r.clause_id]
        t_scan = best(lambda texts=texts, st=st: lexicon_scans(texts, st.language), args.repeat)
        t_token = best(lambda texts=texts: token_scan(texts), args.repeat)
        token_total += t_token
        parse_total += t_parse
        enrich_total += t_enrich
        scan_total += t_scan
        worst = max(worst, (t_enrich / t_parse if t_parse else 0.0, p.name))
    n = len(files)
    result = {
        "documents": n,
        "acts_and_themes_rows": rows,
        "parse_document_ms_per_document": round(1000 * parse_total / n, 3),
        "enrich_ms_per_document": round(1000 * enrich_total / n, 3),
        "parse_without_enrich_ms_per_document": round(1000 * (parse_total - enrich_total) / n, 3),
        "enrich_share_of_parse_document": round(enrich_total / parse_total, 4),
        "enrich_first_run_ms_per_document": round(1000 * first_total / n, 3),
        "enrich_over_rest_of_parse": round(enrich_total / (parse_total - enrich_total), 4),
        "lexicon_scans_ms_per_document": round(1000 * scan_total / n, 3),
        "lexicon_scans_over_rest_of_parse": round(scan_total / (parse_total - enrich_total), 4),
        "token_scan_ms_per_document": round(1000 * token_total / n, 3),
        "token_scan_over_rest_of_parse": round(token_total / (parse_total - enrich_total), 4),
        # enrichment by part (recorded calls replayed; ``document_rows`` is the rest: the
        # walk over clauses, list inheritance, span mapping, row objects)
        "enrich_parts_ms_per_document": {
            **{name: round(1000 * seconds / n, 3) for name, seconds in parts.items()},
            "document_rows": round(1000 * (enrich_total - sum(parts.values())) / n, 3),
        },
        "worst_document": {"file": worst[1], "enrich_share": round(worst[0], 4)},
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "repeat": args.repeat,
    }
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
