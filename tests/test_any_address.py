"""The site works at any published address: the root of a domain, the default sub-path, a deeper path.

Each is built as `make build` builds it (its own SITE_URL, the link check resolving against that
path) and served by nginx under that path with the headers the build wrote, then read in Chromium:
pages, the pack page and the ad-hoc pack, search, a short link and the 404 page. The fuzz report
found `make build` failing for every path but `/werkkaarten/` (F3): the test suite only ever built that one.

What is built is the minimal fixture (tests/fixture: the real code, theme and settings around a page of
every kind), so three addresses cost three small builds; the whole handbook at its default address
is read page by page in tests/test_browser.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SITE_URL, TEST_ENV, fixture_built_once
from playwright.sync_api import Browser, expect
from test_browser import RESULT_PAGES, Watch, search_for

from scripts.nginx import serve_nginx

HOST = "https://handboek.gemeente-voorbeeld.nl"
#: The published path of each build (the default one is the suite's own site).
ADDRESSES = {"root": "/", "default": "/werkkaarten/", "deep": "/jeugd/werkkaarten/"}
#: Pages of each kind a reader opens: home, a card, a checklist, a declared pack, the ad-hoc pack.
PAGES = [
    "",
    "partnerschap/respecteer-ouders/",
    "checklists/voor-het-gesprek/",
    "lespakketten/eerste/",
    "lespakket/?k=p1,cl1",
]


@pytest.fixture(scope="session", params=list(ADDRESSES))
def addressed_site(request: pytest.FixtureRequest, tmp_path_factory) -> tuple[str, Path]:
    """(published path, built fixture) for each address; builds without PDFs (their links are checked on
    the suite's own build) and without compressed copies."""
    path = ADDRESSES[request.param]
    env = {**TEST_ENV, "SITE_URL": SITE_URL if path == "/werkkaarten/" else HOST + path}
    return path, fixture_built_once(tmp_path_factory, f"fixture-at-{request.param}", env=env)


@pytest.fixture(scope="session")
def served(addressed_site: tuple[str, Path]) -> Iterator[tuple[str, Path, str]]:
    path, site = addressed_site
    with serve_nginx(site, path) as url:
        yield path, site, url


def test_pages_load_clean_at_every_address(browser: Browser, served) -> None:
    """Red when: a page loads a script, style or image from outside its own path (a root-relative link
    written for /werkkaarten/), or a console error or CSP breach appears."""
    path, _, url = served
    for page_path in PAGES:
        context = browser.new_context()
        page = context.new_page()
        watch = Watch(origin=url.removesuffix(path))
        watch.attach(page)
        page.goto(url + page_path, wait_until="load")
        watch.settle(page)
        watch.assert_clean(f"{path}{page_path}")
        context.close()


def test_search_short_link_pack_and_404_at_every_address(browser: Browser, served) -> None:
    """Red when: search results, a short link or the 404 page's links point outside the published path."""
    _, _, url = served
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.locator("input.md-search__input").click()
    search_for(page, "mediation")
    first = page.locator(RESULT_PAGES).first
    expect(first).to_have_attribute("href", re.compile(re.escape(url) + r".*interventies/mediation/"))

    page.goto(url + "k/p1/", wait_until="load")
    expect(page).to_have_url(url + "partnerschap/respecteer-ouders/")

    page.goto(url + "lespakket/?k=p1,cl1", wait_until="load")
    expect(page.locator(".wk-lpb-lijst > li")).to_have_count(2)

    response = page.goto(url + "bestaat-niet/", wait_until="load")
    assert response is not None and response.status == 404
    expect(page.locator("article h1")).to_have_text("Deze pagina bestaat niet (meer)")
    links = page.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")
    assert links and all(link.startswith(url) for link in links), links
    context.close()


def test_printed_addresses_follow_the_published_path(served) -> None:
    """QR codes, citations and cards.json carry the published address, never the default path."""
    path, site, _ = served
    published = SITE_URL if path == "/werkkaarten/" else HOST + path
    card = (site / "partnerschap/respecteer-ouders/index.html").read_text(encoding="utf-8")
    assert f"{published}partnerschap/respecteer-ouders/" in card
    assert json.loads((site / "cards.json").read_text(encoding="utf-8"))["site"] == published
