"""Failure records: formatted only at the edges, the same line the checks always printed."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from aidecl_data.publish.checks import Failure, describe, flatten
from aidecl_data.publish.checks.failure import failure


@pytest.mark.parametrize(
    ("record", "line"),
    [
        (
            failure("clauses", "enum", "values not in ['a']", column="kind", values=["x", "y"]),
            "clauses.kind: values not in ['a']: 'x', 'y'",
        ),
        (
            failure(
                "dates", "span_order", "5 span(s) ending before they start", values=list("abcde")
            ),
            "dates: 5 span(s) ending before they start: 'a', 'b', 'c' (+2 more)",
        ),
        (
            Failure("clauses", "constraint-error", "constraint-error: bad", column="kind", row=4),
            "clauses (row 4, field kind): constraint-error: bad",
        ),
        (
            Failure("clauses", "sha256", "sha256 differs", file="data/clauses.csv"),
            "data/clauses.csv: sha256 differs",
        ),
    ],
)
def test_describe(record: Failure, line: str):
    assert describe(record) == line


def test_failure_keeps_the_count_and_a_few_examples():
    f = failure("t", "pattern", "values not matching x", column="c", values=list(range(10)))
    assert (f.count, f.examples) == (10, (0, 1, 2))


def test_as_dict_is_json():
    f = failure(
        "signatories", "primary_key_duplicate", "dup", values=[("a", 1), ("b", dt.date(2025, 1, 2))]
    )
    d = json.loads(json.dumps(f.as_dict()))
    assert d["examples"] == [["a", 1], ["b", "2025-01-02"]]
    assert flatten([f]) == [("signatories", "", "primary_key_duplicate")]
