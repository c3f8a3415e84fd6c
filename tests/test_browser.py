"""What a reader gets in a real browser: Debian's Chromium, driven by Playwright.

The built site is served over HTTP on 127.0.0.1 under a sub-path (/werkkaarten/), with the
security headers the site ships for static hosts, so every test also proves that the site works
under a sub-path and satisfies its own Content-Security-Policy.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from scripts.browser import CHROMIUM_ARGS, chromium_path, serve
from scripts.project import BUILD_ENV
from scripts.security_headers import write as write_security_headers

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

#: What a professional types, and the card that must be among the first three results.
SEARCHES = {
    "partnerschap": "partnerschap/",
    "veilig genoeg": "vraagstukken/veilig-genoeg/",
    "intieme terreur": "achtergrond/intieme-terreur/",
    "huisverbod": "interventies/dwangmaatregelen/",
    "uithuisplaatsing": "interventies/uithuisplaatsing/",
    "MASIC": "interventies/masic/",
    "mediation": "interventies/mediation/",
    "MDA++": "interventies/mda-plus-plus/",
    "ZVH": "interventies/zorg-en-veiligheidshuis/",
    "parallel ouderschap": "interventies/parallel-ouderschap/",
    "contactverlies": "achtergrond/contactverlies/",
    "tegenspraak": "interventies/tegenspraak/",
    "verklarende analyse": "interventies/verklarende-analyse/",
    "herstelbemiddeling": "interventies/mediation/",
    "complimenten": "partnerschap/signalen-van-veiligheid/",
    "laten kiezen": "partnerschap/keuzemogelijkheden/",
    "presentiebenadering": "interventies/presentiebenadering/",
    "Vraagkrachtwijzer": "partnerschap/vraagkrachtwijzer/",
    "leernetwerk": "interventies/leernetwerk/",
    "schaalvraag": "interventies/veiligheidsbeoordeling/",
}


@dataclass
class Watch:
    """Everything a page did that a reader should never see: errors, foreign requests, CSP breaches."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("request", self._request)
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))

    def _request(self, request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if f"{url.scheme}://{url.netloc}" != self.origin:
            self.foreign_requests.append(request.url)

    def assert_clean(self, where: str) -> None:
        assert not self.foreign_requests, f"{where}: requests to other hosts: {self.foreign_requests}"
        assert not self.console_errors, f"{where}: console errors (incl. CSP): {self.console_errors}"
        assert not self.failed, f"{where}: failed requests: {self.failed}"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    headers = write_security_headers(site)
    with serve(site, "/werkkaarten/", headers) as url:
        yield url


@pytest.fixture(scope="session")
def page_urls(site: Path) -> list[str]:
    """Every real page of the site (not redirect pages), as paths below the site root."""
    urls = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel.startswith(("k/", "assets", "search")) or 'http-equiv="refresh"' in index.read_text()[:600]:
            continue
        urls.append("" if rel == "." else f"{rel}/")
    return urls


@pytest.fixture
def open_page(browser: Browser, base_url: str):
    contexts = []

    def open_(path: str = "", **context_args) -> tuple[Page, Watch]:
        context = browser.new_context(**context_args)
        contexts.append(context)
        page = context.new_page()
        watch = Watch(origin=base_url.rsplit("/werkkaarten/", 1)[0])
        watch.attach(page)
        page.goto(base_url + path, wait_until="load")
        return page, watch

    yield open_
    for context in contexts:
        context.close()


def test_every_page_loads_clean_and_stays_on_its_own_host(open_page, page_urls) -> None:
    assert len(page_urls) > 50
    page, watch = open_page("")
    for path in page_urls:
        page.goto(page.url.split("/werkkaarten/")[0] + "/werkkaarten/" + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        watch.assert_clean(path or "home")


def test_axe_finds_no_wcag_a_or_aa_violations(open_page, page_urls) -> None:
    # axe is injected as an inline script, which the site's own CSP rightly refuses.
    page, _ = open_page("", bypass_csp=True)
    problems = []
    for path in page_urls:
        page.goto(page.url.split("/werkkaarten/")[0] + "/werkkaarten/" + path, wait_until="load")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
        for violation in result["violations"]:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            problems.append(f"{path or 'home'}: {violation['id']} ({violation['help']}) at {targets}")
    assert not problems, "\n".join(problems)


def test_home_leads_to_each_family(open_page, handbook) -> None:
    for family in handbook.family_registry.families:
        page, _ = open_page("")
        page.locator("article .grid").get_by_role("link", name=family.title, exact=True).click()
        page.wait_for_load_state("load")
        heading = page.locator("article h1").evaluate("h => h.firstChild.textContent")  # without the ¶ link
        assert heading.strip() == family.title


def test_dutch_search_finds_the_card(open_page) -> None:
    """One page, many queries: the index and the search worker load once, as for a reader."""
    page, _ = open_page("")
    search = page.locator("input.md-search__input")
    search.click()  # the search field sits in the header on a desktop screen
    misses = []
    for query, expected in SEARCHES.items():
        search.fill("")
        page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
        search.press_sequentially(query)  # typed, as a reader does: the theme searches on key presses
        # Results are ready when the list shows links highlighted for this query (?h=...).
        page.wait_for_function(
            "() => [...document.querySelectorAll('.md-search-result__item a')]"
            ".some(a => new URL(a.href).searchParams.get('h'))",
            timeout=45000,
        )
        page.wait_for_timeout(300)
        hrefs = page.eval_on_selector_all(
            ".md-search-result__list > .md-search-result__item > a", "links => links.map(a => a.href)"
        )
        top = [urlparse(href).path.split("/werkkaarten/", 1)[-1] for href in hrefs[:3]]
        if expected not in top:
            misses.append(f"'{query}': expected {expected}, top 3 is {top}")
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("path", ["", "partnerschap/respecteer-ouders/", "checklists/", "opleiders/", "rollen/"])
def test_mobile_has_no_horizontal_scroll_and_a_usable_menu(open_page, path: str) -> None:
    page, watch = open_page(path, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{path or 'home'}: page is {width}px wide on a 375px screen"
    page.locator("label.md-header__button[for='__drawer']").click()
    drawer = page.locator("nav.md-nav--primary")
    drawer.get_by_role("link", name="Checklists", exact=True).first.wait_for(state="visible")
    watch.assert_clean(path)


def test_keyboard_skip_link_visible_focus_and_every_control_reachable(open_page) -> None:
    page, _ = open_page("partnerschap/respecteer-ouders/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "md-skip" in focused, f"first Tab lands on {focused!r}, not the skip link"
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow, s.transform]; })()"
    )
    assert outline[0] != "none" or outline[2] != "none", f"skip link has no visible focus: {outline}"
    controls = page.eval_on_selector_all(
        "article a[href], article button", "els => els.filter(e => e.offsetParent !== null).length"
    )
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        marker = page.evaluate(
            "(() => { const e = document.activeElement; if (!e.closest('article')) return null;"
            " if (!e.dataset.wkSeen) e.dataset.wkSeen = Math.random().toString(36).slice(2);"
            " return e.dataset.wkSeen; })()"
        )
        if marker:
            reached.add(marker)
        if len(reached) >= controls:
            break
    assert len(reached) >= controls, f"Tab reaches {len(reached)} of {controls} controls in the article"


def test_print_shows_only_the_checklist(open_page, handbook) -> None:
    checklist = handbook.ordered_checklists()[0]
    page, _ = open_page(f"checklists/{checklist.id}/")
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".md-search"]:
        locator = page.locator(chrome).first
        assert locator.count() == 0 or not locator.is_visible(), f"{chrome} is printed"
    assert page.locator(".wk-printvoet").is_visible()
    assert page.locator(".wk-invullen").is_visible()


def test_offline_edition_works_from_disk(browser: Browser, tmp_path: Path, handbook) -> None:
    shim = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
    target = tmp_path / "werkkaarten"
    env = {**BUILD_ENV, "WERKKAARTEN_OFFLINE": "true"}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    shutil.copy(shim, target / "assets/javascripts/iframe-worker-shim.js")
    assert "unpkg.com" not in (target / "index.html").read_text(encoding="utf-8")

    context = browser.new_context()
    page = context.new_page()
    foreign: list[str] = []
    page.on(
        "request", lambda r: not r.url.startswith(("file://", "data:", "blob:", "about:")) and foreign.append(r.url)
    )
    page.goto((target / "index.html").as_uri())
    page.locator("article .grid").get_by_role("link", name="Partnerschap", exact=True).click()
    page.wait_for_load_state("load")
    assert page.url.endswith("partnerschap/index.html")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("intieme terreur")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert "intieme-terreur" in page.locator(".md-search-result__item a").first.get_attribute("href")
    assert not foreign, f"the offline edition asked other hosts: {foreign}"
    context.close()
