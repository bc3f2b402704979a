"""What the first ``parse_document`` call of a fresh process costs (the lazily compiled
patterns: the gazetteer's aliases, the country and date grammars...), beside the import
and a second call on another short text.

    uv run python scripts/time_first_parse.py

CPU time of the process (steadier than wall time on a shared machine). Run it a few
times: each run is one fresh process.
"""

from __future__ import annotations

import time

t0 = time.process_time()
from aidecl_data.parse import document  # noqa: E402

t1 = time.process_time()
RAW = (
    b"# Declaration\n\nLe Sommet pour l'action sur l'IA a Paris, avec le Partenariat mondial"
    b" sur l'IA (PMIA) et l'OCDE. The G7 Hiroshima AI Process.\n"
)
document.parse_document(RAW, "x", "x.md")
t2 = time.process_time()
document.parse_document(RAW.replace(b"Paris", b"Lyon"), "y", "y.md")
t3 = time.process_time()
print(
    f"import {1000 * (t1 - t0):.0f} ms, first parse {1000 * (t2 - t1):.0f} ms, "
    f"second {1000 * (t3 - t2):.1f} ms"
)
