"""Heading levels from numbering and position (plain and PDF text, no typography)."""

from __future__ import annotations

import pytest

from aidecl_data.parse.layout.headings import assign_levels


@pytest.mark.parametrize(
    ("heads", "expected"),
    [
        # "1.1." whose parent "1." is never printed hangs under the unnumbered heading
        # that stood last when its numbering started; "1.2." joins it there.
        (
            [(0, False, ""), (0, True, ""), (0, False, ""), (2, False, "1.1."),
             (0, True, ""), (2, False, "1.2."), (0, True, "")],
            [1, 2, 2, 3, 4, 3, 4],
        ),
        # the parent printed: one level under it
        ([(1, False, "1."), (2, False, "1.1."), (2, False, "1.2."), (1, False, "2.")],
         [1, 2, 2, 1]),
        # numbered headings with nothing before: their own depth
        ([(2, False, "1.1."), (2, False, "1.2.")], [2, 2]),
        # unnumbered only: right after a heading goes one under, else siblings
        ([(0, False, ""), (0, True, ""), (0, False, "")], [1, 2, 2]),
    ],
)  # fmt: skip
def test_levels(heads, expected) -> None:
    depths = [(d, after) for d, after, _ in heads]
    labels = [lab for _, _, lab in heads]
    assert assign_levels(depths, labels) == expected
