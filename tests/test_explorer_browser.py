"""The explorer in a real browser: Debian's Chromium loads the pages of a running
``aidecl serve``, searches for a word, opens a document in the reader and finds its
highlights, each a link to its row."""

from __future__ import annotations

import contextlib
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from scripts.explorer_browser import chromium, running_server
from tests.conftest import CORPUS
from tests.release_fixtures import build_package_from_files

pytestmark = pytest.mark.integration

BILATERAL = "002_005aedb553b34193"  # France-China, 2024: dates, parties, initiatives


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    package = build_package_from_files(
        tmp_path_factory.mktemp("served") / "pkg", sorted(CORPUS.glob("*.txt"))
    )
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(running_server(package))
        browser = stack.enter_context(chromium())
        yield base, browser


def wait(browser, css: str, timeout: float = 30):
    return WebDriverWait(browser, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def test_home_search_then_read_the_clause(site):
    base, b = site
    b.get(base + "/")
    assert "Diplomatic texts on artificial intelligence" in b.find_element(By.TAG_NAME, "h1").text
    box = b.find_element(By.ID, "hero-search")
    box.send_keys("cybersecurite", Keys.ENTER)  # without its accents
    wait(b, "table.rows-and-columns")
    assert "/aidecl/clause_search" in b.current_url
    assert 'search matches "cybersecurite"' in b.page_source
    assert b.find_elements(By.CSS_SELECTOR, "td.col-text")
    link = b.find_element(By.CSS_SELECTOR, "td.col-clause_id a")
    clause_id = link.text
    link.click()
    wait(b, "article.reader-text")
    assert "/-/reader/" in b.current_url
    fragment = urllib.parse.urlparse(b.current_url).fragment
    target = b.find_element(By.ID, fragment)
    assert target.get_attribute("data-clause-id") == clause_id
    assert "cybersécurité" in target.text.lower()


def test_reader_highlights_link_to_their_rows(site):
    base, b = site
    b.get(f"{base}/-/reader/{BILATERAL}")
    wait(b, "article.reader-text")
    assert b.find_element(By.CSS_SELECTOR, "h1.doc-title").text == (
        "Déclaration conjointe du 7 mai 2024"
    )
    marks = {
        kind: b.find_elements(By.CSS_SELECTOR, f"article a.hl.hl-{kind}")
        for kind in ("dates", "signatories", "initiative_mentions")
    }
    assert all(marks.values()), {k: len(v) for k, v in marks.items()}
    assert "du 6 au 7 mai 2024" in [m.text for m in marks["dates"]]
    assert len(b.find_elements(By.CSS_SELECTOR, "article .clause")) == 13
    assert "version" in b.find_element(By.ID, "citation").text
    date = marks["dates"][0]
    href = date.get_attribute("href")
    assert "/aidecl/dates/" in href
    date.click()
    wait(b, "table.rows-and-columns")
    assert b.current_url == href
    assert "du 6 au 7 mai 2024" in b.page_source


def test_reader_shows_section_headings_and_footnotes(site):
    base, b = site
    b.get(f"{base}/-/reader/003_d31d5ff027f99deb")  # the roadmap: numbered sections
    wait(b, "article.reader-text")
    headings = [h.text for h in b.find_elements(By.CSS_SELECTOR, "article .section-heading")]
    assert len(headings) >= 5
    b.get(f"{base}/-/reader/001_1a389439d4f9db67")  # the summit text: footnotes
    wait(b, "article.reader-text")
    notes = b.find_elements(By.CSS_SELECTOR, "section.footnotes li")
    refs = b.find_elements(By.CSS_SELECTOR, "article .clause a.note-ref")
    assert notes and refs
    fragment = urllib.parse.urlparse(refs[0].get_attribute("href")).fragment
    assert b.find_element(By.ID, fragment) in notes


def test_documents_list_opens_the_reader(site):
    base, b = site
    b.get(base + "/-/documents")
    links = b.find_elements(By.CSS_SELECTOR, "a.doc-link")
    assert len(links) == 5
    title = links[0].text
    links[0].click()
    wait(b, "h1.doc-title")
    assert b.find_element(By.CSS_SELECTOR, "h1.doc-title").text == title


def test_overview_charts_render_without_network(site):
    base, b = site
    b.get(base + "/-/overview")
    wait(b, "section.chart svg")
    names = [s.get_attribute("id") for s in b.find_elements(By.CSS_SELECTOR, "section.chart")]
    assert names == [
        "documents_by_year",
        "top_signatories",
        "cosignatures",
        "top_initiatives",
        "clause_acts",
        "clause_themes",
    ]
    assert all(
        s.find_elements(By.TAG_NAME, "svg")
        for s in b.find_elements(By.CSS_SELECTOR, "section.chart")
    )
    # nothing on the page comes from another host
    sources = b.execute_script(
        "return [...document.querySelectorAll('script[src],link[href],img[src]')]"
        ".map(e => e.src || e.href)"
    )
    assert all(s.startswith(base) for s in sources), sources


def test_tables_facets_and_canned_queries(site):
    base, b = site
    b.get(base + "/aidecl")
    text = b.page_source
    for name in ("documents", "clauses", "signatories", "clause_context", "hiroshima_signatories"):
        assert name in text
    b.get(base + "/aidecl/signatories")
    wait(b, "table.rows-and-columns")
    assert "Parties and signatories of each document" in b.page_source
    facet = b.find_element(By.CSS_SELECTOR, '.facet-info[data-column="iso3"] li a')
    facet.click()
    wait(b, "table.rows-and-columns")
    assert "iso3=" in b.current_url
    b.get(base + "/aidecl/hiroshima_signatories")
    wait(b, "table.rows-and-columns")
    assert b.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
