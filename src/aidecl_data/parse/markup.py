"""What counts as markup left in a clause: one definition for the warnings and the figures.

A module of its own, with no imports from the library, so ``scripts/corpus_report.py`` can
measure any version of the parser (``--baseline``) with the same definition.
"""

from __future__ import annotations

import re

# Markup a reader should never see in a clause: an HTML tag (``<br>``, ``</a>``), an HTML
# entity (``&amp;``, ``&#8217;``), Markdown link or image syntax (``](``, ``![``), a
# kramdown attribute list (``{: ...}``), a backslash escape (``\*``, ``\.``), emphasis
# marks (``**``, ``__``), a heading mark at the start (``## ``), or a pipe table (a
# ``| --- |`` delimiter, a clause starting with ``| ``).
MARKUP = re.compile(
    r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"
    r"|&(?:[A-Za-z]{2,8}|#\d{2,6}|#x[0-9A-Fa-f]{2,6});"
    r"|\]\(|!\["
    r"|\{:[^}]*\}"
    r"|\\[\\`*_{}\[\]()#+.!|-]"
    r"|\*\*|__"
    r"|^#{1,6}\s"
    r"|\|[ \t]*:?-{3,}:?[ \t]*\||^\|[ \t]"  # a pipe table: its delimiter row, a row
)

__all__ = ["MARKUP"]
