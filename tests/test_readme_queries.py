"""Every example query of README.md runs on the committed package and answers something."""

from __future__ import annotations

import json
import re

import pytest

from aidecl_data.explore.query import run_query
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Example queries are the ```sql blocks of README; each must return at least one row.
QUERIES = re.findall(r"```sql\n(.*?)```", README, flags=re.S)


def test_readme_has_five_example_queries():
    assert len(QUERIES) >= 5


@pytest.mark.parametrize("sql", QUERIES, ids=[f"query_{i + 1}" for i in range(len(QUERIES))])
def test_readme_query_answers(sql: str):
    rows = json.loads(run_query(ROOT / "datapackage", sql, fmt="json"))
    assert rows, f"README query returned no row:\n{sql}"
