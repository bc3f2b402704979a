"""Names -> ISO 3166-1 alpha-3 / stable ids, demonyms, and the name scanner."""

from __future__ import annotations

import csv

import pycountry
import pytest

from aidecl_data.parse.entities.countries import (
    DATA_DIR,
    demonym_index,
    find_names,
    lookup,
    name_index,
)


@pytest.mark.parametrize(
    ("name", "entity_id", "entity_type"),
    [
        ("Arménie", "ARM", "state"),  # pycountry French name
        ("Germany", "DEU", "state"),  # pycountry English name
        ("ALLEMAGNE", "DEU", "state"),  # case folding
        ("Senegal", "SEN", "state"),  # accent folding ("Sénégal")
        ("République de Corée", "KOR", "state"),  # ISO's inverted "Corée, République de"
        ("République tchèque", "CZE", "state"),
        ("Emirats arabes unis", "ARE", "state"),  # alias, no accent on the capital
        ("Nigéria", "NGA", "state"),  # alias
        ("Vatican", "VAT", "state"),  # alias
        ("République populaire de Chine", "CHN", "state"),  # French official name
        ("Republic of India", "IND", "state"),
        ("l'Inde", "IND", "state"),  # elided article
        ("la France", "FRA", "state"),  # article
        ("Türkiye", "TUR", "state"),
        ("Viet Nam", "VNM", "state"),
        ("Pays-Bas", "NLD", "state"),
        ("États-Unis", "USA", "state"),
        ("Royaume-Uni", "GBR", "state"),
        ("Union européenne", "org-european-union", "organisation"),
        ("the European Union", "org-european-union", "organisation"),
        ("Commission de l'Union africaine", "org-african-union-commission", "organisation"),
        ("African Union Commission", "org-african-union-commission", "organisation"),
        ("Québec", "CA-QC", "subnational"),
    ],
)
def test_lookup(name: str, entity_id: str, entity_type: str) -> None:
    ent = lookup(name)
    assert ent is not None
    assert (ent.entity_id, ent.entity_type) == (entity_id, entity_type)
    assert ent.iso3 == (entity_id if entity_type == "state" else "")
    assert ent.name_en


@pytest.mark.parametrize("name", ["Atlantide", "Paris", "la communauté internationale", ""])
def test_unknown_names_are_not_guessed(name: str) -> None:
    assert lookup(name) is None


def test_alias_csv_is_well_formed() -> None:
    with (DATA_DIR / "country_aliases.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows
    for row in rows:
        assert row["entity_type"] in {"state", "organisation", "subnational"}
        assert row["name_en"]
        if row["entity_type"] == "state":
            assert pycountry.countries.get(alpha_3=row["entity_id"]) is not None, row
        elif row["entity_type"] == "subnational":
            assert pycountry.subdivisions.get(code=row["entity_id"]) is not None, row
        else:
            assert row["entity_id"].startswith("org-"), row


def test_leaders_csv_is_well_formed() -> None:
    from aidecl_data.parse.entities.leaders import leader_index

    with (DATA_DIR / "leaders.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows
    org_ids = {e.entity_id for e in name_index().values() if e.entity_type == "organisation"}
    for row in rows:
        assert row["office"] and row["name"], row
        if row["entity_type"] == "state":
            assert pycountry.countries.get(alpha_3=row["entity_id"]) is not None, row
        else:
            assert row["entity_type"] == "organisation" and row["entity_id"] in org_ids, row
    # every row is read, none shadows another
    assert len(leader_index()) == len(rows)


def test_demonyms() -> None:
    combining, adjective = demonym_index()
    assert combining["franco"] == "FRA"
    assert adjective["indienne"] == "IND"
    assert adjective["japonais"] == "JPN"
    assert adjective["chinoises"] == "CHN"  # plural forms are derived
    for iso in {*combining.values(), *adjective.values()}:
        assert pycountry.countries.get(alpha_3=iso) is not None


def test_find_names_spans_and_longest_match() -> None:
    text = "M. Xi Jinping, Président de la République populaire de Chine, et la France."
    hits = find_names(text)
    assert [(h.text, h.entity.iso3) for h in hits] == [
        ("République populaire de Chine", "CHN"),
        ("France", "FRA"),
    ]
    for h in hits:
        assert text[h.start : h.end] == h.text


def test_find_names_needs_a_capital() -> None:
    assert find_names("la porcelaine de chine et le canada dry") == []


def test_lookup_word_filter_never_turns_down_a_key() -> None:
    """``lookup`` turns down an ASCII name by its words before computing its key: every
    spelling of every indexed key (case, article, marks, spacing) resolves as the key
    itself does, and words that make no key resolve to nothing."""
    from aidecl_data.parse.entities.countries import name_key

    index = name_index()
    forms = []
    for key in index:
        title = key.title()
        forms += [key, key.upper(), f"The {title}", f"la  {title}", f"l'{key}", f"{title}.;"]
        forms += [title.replace(" ", "\n "), f"{title} (FR)", f"{key} x", f"x {key}"]
    for form in forms:
        assert lookup.__wrapped__(form) == index.get(name_key(form)), form
    assert lookup.__wrapped__("Signed by the Parties") is None
    assert lookup.__wrapped__("the  FRANCE.") == lookup("France")
