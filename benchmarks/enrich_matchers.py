"""Would a one-pass multi-pattern matcher beat the lexicon regexes of clause enrichment?

    nice uv run --with pyahocorasick --with ahocorasick-rs python benchmarks/enrich_matchers.py

Why: ``parse/enrich`` runs three lexicon regexes (acts, hedges, themes) over each clause's
scanned copy (``wordindex``); ``re`` tries each at every word start, and this C work
is the floor of ``enrich_benchmark.py`` (``lexicon_scans``). An Aho-Corasick automaton
over the literal prefixes of every alternative of the three lexicons (a space, then the
letters up to the first regex operator: a necessary condition of a match) finds every
place where some alternative may match in one pass over the document; each place must
then be confirmed by the lexicon's own pattern (``pattern.match`` there), since the
alternatives are regexes (look-behinds, ``\\w+``, optional letters) and ``finditer``'s
leftmost, first-alternative, non-overlapping answer is what the rules read.

Over the same texts as ``enrich_benchmark.py`` (or ``--docs DIR``; CPU time, best of
``--repeat``, one process), per document: the three ``re`` scans of every clause
(scanned copies made beforehand); one pass of each matcher over the document's clauses
joined (``pyahocorasick``, ``ahocorasick_rs``, when importable), the number of candidate
places it reports and the confirmation of each place by ``pattern.match``; and the whole
replacement per clause as ``document_rows`` reads clauses (``per_clause_with_spans``:
places, confirmation in text order, spans), asserted equal to the ``re`` answer. Measured
in issue 14's fifth round and not adopted then; the sixth round adopted ``pyahocorasick``
(a dependency now; ``ahocorasick_rs`` is not), one pass per document with the places
mapped to clauses (``enrich.places``); ``enrich_benchmark.py`` measures it in place.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from enrich_benchmark import best, corpus

from aidecl_data.parse.enrich.lexicon import act_lexicon, hedge_pattern, theme_lexicon
from aidecl_data.parse.enrich.places import prefix_keys
from aidecl_data.parse.enrich.wordindex import scan_text
from aidecl_data.parse.sources import decode_bytes
from aidecl_data.parse.structure import parse_structure


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--docs", type=Path, help="a folder of texts instead of the real corpus")
    args = ap.parse_args(argv)
    docs = []
    files = sorted(args.docs.glob("*.*")) if args.docs else corpus()
    for p in files:
        st = parse_structure(decode_bytes(p.read_bytes(), p.name), p.stem.lower())
        lang = st.language if st.language in ("fr", "en") else "en"
        scans = [scan_text(r.text.text) for r in st.regions if r.kind == "clause" and r.clause_id]
        docs.append((lang, scans, "\x00".join(scans)))
    patterns = {
        lang: (
            act_lexicon(lang)[1].pattern,
            hedge_pattern(lang).pattern,
            theme_lexicon(lang)[0].pattern,
        )
        for lang in ("fr", "en")
    }
    # " prefix" -> the lexicons (0 acts, 1 hedges, 2 themes) it may start a match of: the
    # keys the parser's own automaton is built from.
    keyed = {lang: prefix_keys(lang) for lang in ("fr", "en")}

    def re_scans():
        for lang, scans, _ in docs:
            acts, hedges, themes = patterns[lang]
            for s in scans:
                list(acts.finditer(s))
                hedges.search(s)
                list(themes.finditer(s))

    n = len(docs)
    result: dict = {"documents": n, "repeat": args.repeat}
    result["re_three_scans_ms_per_document"] = round(1000 * best(re_scans, args.repeat) / n, 4)
    result["prefix_keys"] = {lang: len(k) for lang, k in keyed.items()}
    matchers = {}
    try:
        import ahocorasick

        automata = {}
        for lang, k in keyed.items():
            a = ahocorasick.Automaton()
            for key, lexicons in k.items():
                a.add_word(key, (len(key), tuple(sorted(lexicons))))
            a.make_automaton()
            automata[lang] = a
        matchers["pyahocorasick"] = lambda lang, text: [
            (end - v[0] + 1, v[1]) for end, v in automata[lang].iter(text)
        ]
    except ImportError:
        pass
    try:
        import ahocorasick_rs

        rs = {}
        for lang, k in keyed.items():
            words = list(k)
            rs[lang] = (ahocorasick_rs.AhoCorasick(words), [tuple(sorted(k[w])) for w in words])
        matchers["ahocorasick_rs"] = lambda lang, text: [
            (start, rs[lang][1][i])
            for i, start, _ in rs[lang][0].find_matches_as_indexes(text, overlapping=True)
        ]
    except ImportError:
        pass
    if "ahocorasick_rs" in matchers:
        # the whole replacement, per clause as ``document_rows`` reads them: one pass of
        # the automaton, then each lexicon's matches confirmed in text order, skipping the
        # places inside the previous match (``finditer``'s answer, asserted equal)
        def replaced():
            out = []
            for lang, scans, _ in docs:
                automaton, lexicons = rs[lang]
                acts, hedges, themes = patterns[lang]
                for s in scans:
                    places: tuple[set, set, set] = (set(), set(), set())
                    for i, start, _ in automaton.find_matches_as_indexes(s, overlapping=True):
                        for lexicon in lexicons[i]:
                            places[lexicon].add(start)
                    found = []
                    for rx, at in ((acts, places[0]), (themes, places[2])):
                        spans, last = [], 0
                        for p in sorted(at):
                            if p >= last and (m := rx.match(s, p)):
                                spans.append(m.span())
                                last = m.end()
                        found.append(spans)
                    hedged = any(hedges.match(s, p) for p in places[1])
                    out.append((found[0], hedged, found[1]))
            return out

        def with_re():
            out = []
            for lang, scans, _ in docs:
                acts, hedges, themes = patterns[lang]
                for s in scans:
                    out.append(
                        (
                            [m.span() for m in acts.finditer(s)],
                            bool(hedges.search(s)),
                            [m.span() for m in themes.finditer(s)],
                        )
                    )
            return out

        assert replaced() == with_re()
        result["per_clause_with_spans"] = {
            "re_ms_per_document": round(1000 * best(with_re, args.repeat) / n, 4),
            "ahocorasick_rs_confirmed_ms_per_document": round(
                1000 * best(replaced, args.repeat) / n, 4
            ),
            "identical": True,
        }
    for name, find in matchers.items():
        found = [find(lang, joined) for lang, _, joined in docs]
        places = [sorted({(s, n) for s, ns in hits for n in ns}) for hits in found]

        def one_pass(find=find):
            for lang, _, joined in docs:
                find(lang, joined)

        def confirm(places=places):
            for (lang, _, joined), doc_places in zip(docs, places, strict=True):
                rx = patterns[lang]
                for start, lexicon in doc_places:
                    rx[lexicon].match(joined, start)

        result[name] = {
            "one_pass_ms_per_document": round(1000 * best(one_pass, args.repeat) / n, 4),
            "candidate_places_per_document": round(sum(map(len, places)) / n, 1),
            "confirm_ms_per_document": round(1000 * best(confirm, args.repeat) / n, 4),
        }
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
