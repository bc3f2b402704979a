"""Data-quality warnings: each code on a small inline text, the Problem hook, the report."""

from __future__ import annotations

from aidecl_data.explore.report import Report, format_report
from aidecl_data.parse.document import parse_document
from aidecl_data.parse.model import Problem
from aidecl_data.parse.warnings import LONG_CLAUSE, collect_warnings


def parse(text: str, doc_id: str = "doc"):
    return parse_document(text.encode("utf-8"), doc_id, f"{doc_id}.md")


def codes(parsed) -> list[str]:
    return [w.code for w in parsed.document_warnings]


def test_a_dated_titled_text_has_no_warning():
    p = parse("# Déclaration commune\n\nParis, le 12 novembre 2018\n\nLes parties conviennent.\n")
    assert p.document.date == "2018-11-12"
    assert codes(p) == []


def test_no_date_and_inferred_title():
    p = parse("Les deux pays conviennent de coopérer.\n\nIls se reverront.\n")
    assert codes(p) == ["no_date", "title_inferred"]
    n = p.document.char_count
    assert all((w.char_start, w.char_end) == (0, n) for w in p.document_warnings)
    assert [w.ordinal for w in p.document_warnings] == [1, 2]


def test_inferred_date():
    p = parse("# Déclaration\n\nLors de la visite du 6 au 7 mai 2024, les parties conviennent.\n")
    assert p.document.date_source == "inferred"
    assert "date_inferred" in codes(p)


def test_long_clause_carries_the_clause_span():
    body = "Les parties conviennent de coopérer. " * (LONG_CLAUSE // 30)
    text = "# Déclaration\n\nParis, le 12 novembre 2018\n\n" + body.strip() + "\n"
    p = parse(text)
    (w,) = [w for w in p.document_warnings if w.code == "long_clause"]
    c = p.clauses[0]
    assert (w.char_start, w.char_end) == (c.char_start, c.char_end)
    assert c.clause_id in w.message


def test_markup_left_points_at_the_markup_in_the_source():
    # A lone "<" inside a word is not a tag; a stray tag the cleaner does not know is.
    text = "# Déclaration\n\nParis, le 12 novembre 2018\n\nLes parties conviennent.\n"
    p = parse(text)
    c = p.clauses[0]
    c.text = "Les parties __conviennent."  # as a cleaner that missed "__" would leave it
    regions = []  # no region: the warning falls back on the clause span
    ws = collect_warnings(p, regions)
    (w,) = [w for w in ws if w.code == "markup_left"]
    assert (w.char_start, w.char_end) == (c.char_start, c.char_end)


def test_every_problem_becomes_a_warning_with_its_code_and_span():
    p = parse("# Déclaration\n\nParis, le 12 novembre 2018\n\nLe Partenariat mondial.\n")
    p.problems.append(Problem("doc", "initiative_rejected", "'Partenariat' is generic", 40, 51))
    p.problems.append(Problem("doc", "unmapped_name", "no ISO code for 'Atlantis'"))
    ws = collect_warnings(p, [])
    assert [(w.code, w.char_start) for w in ws] == [
        ("unmapped_name", 0),  # no span given: the whole text
        ("initiative_rejected", 40),
    ]


def test_unmapped_name_of_a_signatory_list_is_a_warning_with_its_span():
    # issue 12, item 5: a capitalized name in a signatory list that matched no country
    # or organisation
    text = (
        "# Déclaration sur l'IA\n\nParis, le 11 février 2025\n\nLes signataires conviennent."
        "\n\nPays signataires :\n\n1. Canada\n2. Atlantide\n3. Japon\n4. Bordurie\n"
    )
    p = parse(text)
    assert [(s.name, s.iso3) for s in p.signatories] == [
        ("Canada", "CAN"), ("Atlantide", ""), ("Japon", "JPN"), ("Bordurie", "")
    ]  # fmt: skip
    ws = [w for w in p.document_warnings if w.code == "unmapped_name"]
    assert [text[w.char_start : w.char_end] for w in ws] == ["Atlantide", "Bordurie"]
    assert "'Atlantide'" in ws[0].message and "no country or organisation" in ws[0].message


def test_report_groups_by_code_and_ranks_documents():
    rows = [
        {"document_id": "a", "code": "long_clause"},
        {"document_id": "a", "code": "long_clause"},
        {"document_id": "b", "code": "no_date"},
        {"document_id": "b", "code": "title_inferred"},
        {"document_id": "c", "code": "date_inferred"},
    ]
    r = Report(10, rows, {"a": "Doc A", "b": "Doc B"})
    assert r.by_code() == [
        ("long_clause", 2, 1),
        ("date_inferred", 1, 1),
        ("no_date", 1, 1),
        ("title_inferred", 1, 1),
    ]
    assert [d for d, _, _ in r.to_check_first()] == ["b", "a", "c"]
    text = format_report(r, top=2)
    assert text.splitlines()[0] == "5 warnings in 3 of 10 documents"
    assert "long_clause x2" in text and "(2 of 3)" in text


def test_report_of_a_clean_package():
    assert format_report(Report(3, [])) == "0 warnings in 0 of 3 documents"
