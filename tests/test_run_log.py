"""The run log's lines about warnings: those of parsed documents in full (bounded), the
others summarized per code (pipelines/run_log.py)."""

from aidecl_data.parse.model import Problem
from pipelines.run_log import problem_lines


def test_parsed_documents_in_full_the_others_counted_per_code():
    problems = [
        Problem("a", "initiative_rejected", "x"),
        Problem("b", "initiative_rejected", "y"),
        Problem("b", "unmapped_name", "z"),
        Problem("c", "initiative_rejected", "w"),
    ]
    lines = problem_lines(problems, fresh={"b"})
    assert lines == [
        "b: initiative_rejected: y",
        "b: unmapped_name: z",
        "initiative_rejected: 2 more in a, c "
        "(all in the document_warnings table and `aidecl report`)",
    ]


def test_lines_are_bounded_whatever_the_corpus():
    problems = [Problem(f"d{i:05d}", "initiative_rejected", "m") for i in range(5000)]
    lines = problem_lines(problems, fresh={p.document_id for p in problems}, limit=10)
    assert len(lines) == 11
    assert lines[-1].startswith("initiative_rejected: 4990 more in d00010, d00011, d00012, ...")
    assert problem_lines([], fresh=set()) == []
