"""File names as the package and the reports show them: always valid UTF-8.

A file name is bytes. Python gives a name that is not UTF-8 (``D\\xe9claration.md``, a
Latin-1 name unzipped from an old archive) as a ``str`` with surrogate escapes, which
opens the file but cannot be written to a CSV, a Parquet file or the JSON summary: one
such name failed the whole build with ``UnicodeEncodeError``. The tables and the reports
therefore show each byte that is not UTF-8 as ``\\xNN``: readable, and it names the exact
bytes of the file. Valid names are shown unchanged.
"""

from __future__ import annotations

import os


def shown(text: str) -> str:
    """``text`` (a path, or a reason naming one) with undecodable name bytes as ``\\xNN``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = os.fsencode(text)
        except UnicodeEncodeError:  # not from a file name: any lone surrogate
            return text.encode("utf-8", "backslashreplace").decode("ascii")
        return raw.decode("utf-8", "backslashreplace")
    return text


def source_name(path: str) -> str:
    """The ``source_path`` of a document read from ``path``: its file name, shown."""
    return shown(os.path.basename(path))


def rejection(rejected) -> dict[str, str]:
    """A ``RejectedDocument`` as the reports give it: ``{"path": ..., "reason": ...}``."""
    return {"path": shown(rejected.path), "reason": shown(rejected.reason)}
