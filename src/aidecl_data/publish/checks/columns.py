"""Column-wise building blocks of the checks, with pyarrow.compute.

The checks run over whole columns (see docs/scaling.md for what this saves). A column of a
type the schema does not produce falls back to the cell-by-cell Python rule, so every
verdict and message stays the one Python gives.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

# Every character for which str.isspace() holds, which is what ``\s`` means in Python's
# ``re`` (and so in Frictionless) for a str pattern; RE2 (pyarrow) takes ``\s`` for ASCII
# [\t\n\f\r ] only, so ``\s`` is spelled out. tests/test_checks_vectorized.py checks this
# class over every code point.
PY_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


_RE2_WHITESPACE = "".join(f"\\x{{{ord(c):x}}}" for c in PY_WHITESPACE)


_QUANTIFIER = re.compile(r"\{\d+(,\d*)?\}")


@functools.lru_cache(maxsize=64)
def re2_fullmatch_pattern(pattern: str) -> str | None:
    """An RE2 pattern matching exactly the strings ``re.fullmatch(pattern, s)`` accepts, or
    None when ``pattern`` uses a construct whose meaning differs between the two engines
    (the caller then matches in Python).

    Handled: ``\\s`` (in and out of classes) and ``\\S`` (outside classes), escaped
    punctuation, ``^`` first and ``$`` last (Python's ``$`` also matches before a final
    newline, which fullmatch then rejects, so it means end of text as in RE2). Refused:
    other letter or digit escapes (``\\d``, ``\\w``, ``\\b``... are Unicode-aware in Python,
    ASCII in RE2), ``(?`` groups and flags, possessive quantifiers, ``[`` or a leading ``]``
    inside a class, a brace that is not a ``{m}``/``{m,}``/``{m,n}`` quantifier.
    """
    if any(s in pattern for s in ("(?", "{,", "*+", "++", "?+", "}+")):
        return None
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            e = pattern[i + 1 : i + 2]
            if e == "s":
                out.append(_RE2_WHITESPACE if in_class else f"[{_RE2_WHITESPACE}]")
            elif e == "S" and not in_class:
                out.append(f"[^{_RE2_WHITESPACE}]")
            elif not e or e.isalnum() or not e.isascii():
                return None
            else:
                out.append(c + e)
            i += 2
            continue
        if in_class:
            if c == "[" or (c == "]" and out[-1] in ("[", "[^")):
                return None
            in_class = c != "]"
            out.append(c)
        elif c == "[":
            in_class = True
            negated = pattern[i + 1 : i + 2] == "^"
            out.append("[^" if negated else "[")
            i += 2 if negated else 1
            continue
        elif (c == "^" and i != 0) or (c == "$" and i != len(pattern) - 1):
            return None
        elif c == "{" and not _QUANTIFIER.match(pattern, i):
            return None  # a literal brace: the engines disagree on which braces are literal
        else:
            out.append(c)
        i += 1
    if in_class:
        return None
    rx = "\\A(?:" + "".join(out) + ")\\z"
    try:
        pc.match_substring_regex(pa.array([], pa.string()), rx)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return rx


def is_text(t: pa.DataType) -> bool:
    return pa.types.is_string(t) or pa.types.is_large_string(t)


def vectorizable(t: pa.DataType) -> bool:
    """Types whose pyarrow comparisons, hashing and to_pylist agree with Python's."""
    return is_text(t) or pa.types.is_integer(t) or pa.types.is_boolean(t) or pa.types.is_date32(t)


def empty_mask(col: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray:
    """True where the value is NULL or "" (both mean empty, as in the CSV), else False."""
    missing = pc.is_null(col)
    if is_text(col.type):
        missing = pc.or_(missing, pc.fill_null(pc.equal(col, ""), False))
    return missing


def sorted_unique(col: pa.ChunkedArray | pa.Array) -> list[Any]:
    return sorted(pc.unique(col).to_pylist())


def key_tuples(table: pa.Table, fields: tuple[str, ...]) -> list[tuple]:
    cols = [table.column(f).to_pylist() for f in fields]
    return list(zip(*cols, strict=True)) if cols else []
