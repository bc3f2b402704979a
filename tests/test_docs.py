"""Docs that cannot drift: README's command-line block and settings table are checked
against the code they describe, and docstrings hold no timing figures.

Everything expected is derived from the argument parser (``pipelines.cli.make_parser``)
and from ``AideclSettings``: a new subcommand or option needs only its README line, and a
failure says which line to add or replace.
"""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

import pytest

from pipelines.cli import make_parser
from pipelines.resources import AideclSettings

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
COMMAND_LINE = "## Command line"
SETTINGS = "### Settings"


def _section(heading: str) -> list[str]:
    """The lines of README's section under ``heading`` (to the next heading)."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
    return lines[start:end]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _token(action: argparse.Action) -> str:
    """How the README writes one argument: ``[--json]``, ``[--out DIR]``, ``SQL``."""
    if action.metavar is not None:
        metavar = str(action.metavar)
    elif action.choices:
        metavar = "|".join(str(c) for c in action.choices)
    else:
        metavar = action.dest.upper()
    if not action.option_strings:
        return metavar
    name = max(action.option_strings, key=len)
    return f"[{name}]" if action.nargs == 0 else f"[{name} {metavar}]"


def _expected(sub: argparse.ArgumentParser) -> list[str]:
    return [_token(a) for a in sub._actions if not isinstance(a, argparse._HelpAction)]


def _usage(name: str, tokens: list[str]) -> str:
    return " ".join(["aidecl", name, *tokens])


def _readme_entries() -> dict[str, list[str]]:
    """Each ``aidecl <command> ...`` entry of the indented block (continuation lines
    joined), as its command and its argument tokens (quotes dropped)."""
    entries: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in _section(COMMAND_LINE):
        if not line.startswith("    "):
            if current is not None and line.strip():
                break  # the block is over
            continue
        words = re.findall(r"\[[^\]]*\]|\S+", line.strip())
        if words[:1] == ["aidecl"]:
            current = entries.setdefault(words[1], [])
            words = words[2:]
        if current is not None:
            current += [w.strip('"') for w in words]
    return entries


SUBCOMMANDS = sorted(_subcommands())


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_readme_command_line_lists_every_subcommand_and_option(name: str):
    sub = _subcommands()[name]
    want = _expected(sub)
    entries = _readme_entries()
    line = _usage(name, want)
    assert name in entries, (
        f"README.md, section {COMMAND_LINE!r}: add this line to the indented block:\n    {line}"
    )
    got = entries[name]
    missing = [t for t in want if t not in got]
    extra = [t for t in got if t not in want]
    assert not missing and not extra, (
        f"README.md, section {COMMAND_LINE!r}: the `aidecl {name}` entry "
        + (f"lacks {' '.join(missing)}" if missing else "")
        + (" and " if missing and extra else "")
        + (f"has {' '.join(extra)}, which the parser does not" if extra else "")
        + f"; write it as:\n    {line}"
    )


def test_readme_command_line_lists_no_other_subcommand():
    extra = sorted(set(_readme_entries()) - set(SUBCOMMANDS))
    assert not extra, f"README.md, section {COMMAND_LINE!r}: remove the entries of {extra}"


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_and_option_has_help(name: str):
    parser = make_parser()
    top = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help for a in top._choices_actions}
    assert helps.get(name), f"pipelines/cli.py: give subcommand {name!r} a help= text"
    for action in _subcommands()[name]._actions:
        assert action.help, f"pipelines/cli.py: give `aidecl {name}` {_token(action)} a help="


def test_every_setting_is_documented():
    section = "\n".join(_section(SETTINGS))
    for name in AideclSettings.model_fields:
        assert f"| `{name}` |" in section, (
            f"README.md, section {SETTINGS!r}: add a row to the table:\n"
            f"| `{name}` | <what it sets> | <its CLI option, or -> |"
        )


def test_the_parser_renders_the_readme_tokens():
    """The token rules above, on the parser as it is (so the checks cannot pass vacuously)."""
    build = _expected(_subcommands()["build"])
    assert "[--out DIR]" in build and "[--json]" in build and "[--workers N]" in build
    assert _expected(_subcommands()["query"])[-1] == "SQL"
    assert "[--format table|csv|json]" in _expected(_subcommands()["query"])


# -- no figures in docstrings -------------------------------------------------------------

# A duration (``0.4 s``, ``12 ms``, ``37 us``), a speed-up (``3x faster``, ``15 times
# slower``), a count of instructions or the word "measured": figures that go stale unseen
# in a docstring. They belong in docs/scaling.md or benchmarks/README.md, where a script
# reproduces them.
FIGURE = re.compile(
    r"\d[\d,.]*\s?(?:ms|µs|us|s|min)\b(?![-\w])"
    r"|\d+(?:\.\d+)?\s?(?:x|times)\s+(?:faster|slower|quicker)"
    r"|\binstructions\b|\bmeasured\b",
)


def _docstrings(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                yield getattr(node, "name", "<module>"), doc


def test_docstrings_quote_no_timing_figures():
    found = [
        f"{path.relative_to(ROOT)}:{name}: {line.strip()}"
        for folder in ("src", "pipelines")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for name, doc in _docstrings(path)
        for line in doc.splitlines()
        if FIGURE.search(line)
    ]
    assert not found, (
        "move these figures to docs/scaling.md (or benchmarks/README.md) and say in the "
        "docstring why, not how fast:\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("took 0.4 s for 10,000 documents", True),
        ("1.1 to 0.6 ms per document", True),
        ("37 -> 9 us", True),
        ("about 3x faster both ways", True),
        ("6.3M -> 5.9M instructions", True),
        ("measured on the synthetic corpus", True),
        ("files over 5 MB are rejected", False),
        ("more than 5 % of the characters", False),
        ("the 2-s rule", False),
        ("sections 1.1. and 2.", False),
    ],
)
def test_figure_pattern(text: str, flagged: bool):
    assert bool(FIGURE.search(text)) is flagged
