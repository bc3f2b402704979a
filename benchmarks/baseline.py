"""Run a measuring script again with an earlier commit's library in place of this one.

Why: "did this change make the parser slower?" is answered by measuring both versions the
same way, on the same documents, minutes apart. ``parse_stages.py --baseline COMMIT`` and
``scripts/corpus_report.py --baseline COMMIT`` call ``rerun_with_commit`` (and
``initiative_stage.py --baseline`` calls ``commit_src`` for its alternated pairs): it extracts the
commit's ``src/`` (``git archive``) into a temporary folder and runs the script again
without ``--baseline``, with that folder first on the import path (``PYTHONPATH``, or the
variable a script that puts ``src/`` on ``sys.path`` itself reads instead).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rerun_with_commit(
    script: str,
    commit: str,
    argv: list[str],
    drop: tuple[str, ...] = (),
    env_var: str = "PYTHONPATH",
) -> int:
    """``script`` run again with ``argv`` less ``--baseline COMMIT`` and the flags in
    ``drop``, importing the library of ``commit``; its exit code."""
    rest = [a for a in argv if a not in drop]
    i = rest.index("--baseline")
    rest = rest[:i] + rest[i + 2 :]
    with commit_src(commit) as src:
        env = {**os.environ, env_var: str(src)}
        return subprocess.run([sys.executable, script, *rest], env=env).returncode


@contextlib.contextmanager
def commit_src(commit: str) -> Iterator[Path]:
    """The ``src/`` folder of ``commit``, extracted (``git archive``) into a temporary
    folder for as long as the block runs."""
    with tempfile.TemporaryDirectory(prefix="aidecl-baseline-") as tmp:
        archive = subprocess.run(
            ["git", "archive", commit, "src"], cwd=ROOT, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        yield Path(tmp) / "src"
