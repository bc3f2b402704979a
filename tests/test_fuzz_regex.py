"""No regular expression of the library backtracks catastrophically.

Every compiled module-level pattern of ``aidecl_data`` (found in module globals, and in
module-level lists, tuples, sets and dicts) runs against long adversarial strings. A
pattern the library uses only anchored at a position (``.match``/``.fullmatch``, found by
reading the module sources) is timed with ``match``; any other use (``search``, ``sub``,
``finditer``, ``findall``, ``split``) tries every start position, so it is timed with
``search`` too: that is where ``\\s+$`` on a long run of spaces turns quadratic.

The bound (0.5 s per pattern and string) is a hang guard: a linear pattern takes a few
milliseconds on 50,000 characters, a quadratic one tens of seconds (a hard stop at the
bound ends it).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import time

import pytest

import aidecl_data
from tests.test_fuzz_parser import TookTooLong, hard_stop

BOUND = 0.5

ADVERSARIAL = {
    "spaces": " " * 50_000,
    "nbsp": "\u00a0" * 50_000,
    "newlines": "\n" * 50_000,
    "a": "a" * 50_000,
    "a-space": "a " * 25_000,
    "digits": "1" * 50_000,
    "dash-space": "- " * 20_000,
    "num-dot": "1." * 20_000,
    "word-dot": "a.b-" * 12_500,
    "open-paren": "(" * 10_000,
    "stars": "*" * 50_000,
    "sup": "<sup>" * 10_000,
}
# Each string also runs with a character no pattern expects at the end, which is what
# forces a backtracking engine to give up every partial match.
SUFFIXES = ("", "\x00")


def _modules():
    yield aidecl_data
    for info in pkgutil.walk_packages(aidecl_data.__path__, "aidecl_data."):
        yield importlib.import_module(info.name)


def _patterns() -> list[tuple[str, re.Pattern, set[str]]]:
    """(qualified name, pattern, methods the library calls on it)."""
    found: dict[int, tuple[str, re.Pattern, str]] = {}
    sources: dict[str, str] = {}
    for mod in _modules():
        try:
            sources[mod.__name__] = inspect.getsource(mod)
        except (OSError, TypeError):
            sources[mod.__name__] = ""
        for key, value in vars(mod).items():
            items = [(key, value)]
            if isinstance(value, list | tuple | set | frozenset):
                items = [(f"{key}[{i}]", v) for i, v in enumerate(value)]
            elif isinstance(value, dict):
                items = [(f"{key}[{k!r}]", v) for k, v in value.items()]
            # one level deeper: rule tables hold tuples such as (name, priority, pattern, ...)
            items += [
                (f"{name}[{j}]", part)
                for name, obj in list(items)
                if isinstance(obj, tuple | list)
                for j, part in enumerate(obj)
            ]
            for name, obj in items:
                if isinstance(obj, re.Pattern) and isinstance(obj.pattern, str):
                    found.setdefault(id(obj), (f"{mod.__name__}.{name}", obj, key))
    everything = "\n".join(sources.values())
    out = []
    for qualified, pattern, var in sorted(found.values(), key=lambda t: t[0]):
        methods = set(re.findall(rf"\b{re.escape(var)}\.(\w+)\(", everything))
        out.append((qualified, pattern, methods))
    return out


PATTERNS = _patterns()
ANCHORED = {"match", "fullmatch"}

# Patterns known to be quadratic, with the input that shows it (none at the moment: the
# harness's findings were fixed). An entry turns its case into a strict xfail.
KNOWN_SLOW: dict[str, str] = {}


def _params():
    for qualified, pattern, methods in PATTERNS:
        marks = []
        if qualified in KNOWN_SLOW:
            marks.append(
                pytest.mark.xfail(reason=f"quadratic: {KNOWN_SLOW[qualified]}", strict=True)
            )
        yield pytest.param(pattern, methods, id=qualified.removeprefix("aidecl_data."), marks=marks)


def test_patterns_were_found() -> None:
    # The library compiles dozens of patterns; finding none would make the scan vacuous.
    assert len(PATTERNS) >= 20
    names = {q for q, _, _ in PATTERNS}
    assert any(".layout." in n for n in names)
    assert sum(".RULES[" in n for n in names) >= 16  # the date rules, inside their tuples


@pytest.mark.parametrize(("pattern", "methods"), list(_params()))
def test_no_catastrophic_backtracking(pattern: re.Pattern, methods: set[str]) -> None:
    ops = ["match"] if methods and methods <= ANCHORED else ["match", "search"]
    for name, base in ADVERSARIAL.items():
        for suffix in SUFFIXES:
            s = base + suffix
            for op in ops:
                t0 = time.perf_counter()
                try:
                    with hard_stop(BOUND):
                        getattr(pattern, op)(s)
                except TookTooLong:
                    pytest.fail(f"{op} on {name}{suffix!r} still running after {BOUND} s")
                elapsed = time.perf_counter() - t0
                assert elapsed < BOUND, f"{op} on {name}{suffix!r} took {elapsed:.2f} s"
