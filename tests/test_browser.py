"""What a reader gets in a real browser: Debian's Chromium, driven by Playwright.

The built site is served as in production: by Debian's nginx on 127.0.0.1, under a sub-path
(/werkkaarten/), with the nginx snippet the build writes (nginx-security-headers.conf) and the
site's own 404 page (scripts/nginx.py). So every test also proves that the site works under a
sub-path and satisfies its own Content-Security-Policy as nginx sends it (axe-core too runs under
that policy). One page of each kind is also read from the plain Python static server with the
headers of the shipped `_headers` file, the file static hosts such as Netlify and Cloudflare Pages read.

No test waits a fixed time: each waits for a condition the reader would see (the typed query is
answered, the new page's heading is there) through Playwright's auto-waiting `expect`, and fails with
a message when the condition never holds.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import SITE_URL, once_per_run
from payloads import SUMMARY, TITLE
from playwright.sync_api import Browser, Page, Request, expect

from macros.addresses import page_url
from scripts.browser import serve
from scripts.built_site import page_path, reader_pages, search_records
from scripts.check_links import broken_links
from scripts.nginx import NginxError, serve_nginx
from scripts.offline import build_offline

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PREFIX = "/werkkaarten/"
#: How long a condition may take before the test fails (a search is answered in well under a second).
PATIENCE_MS = 30_000

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
    "leernetwerk": "achtergrond/leernetwerk/",
    "veiligheidsbeoordeling": "interventies/veiligheidsbeoordeling/",
    # Phrases, abbreviations and likely misspellings a professional types between appointments.
    "MASIC pilot": "interventies/masic/",
    "huisverbod tijdelijk": "interventies/dwangmaatregelen/",
    "zorg en veiligheidshuis": "interventies/zorg-en-veiligheidshuis/",
    "need to know": "interventies/need-to-know/",
    "informatie delen": "interventies/need-to-know/",
    "nazorg": "interventies/nazorg/",
    "TOP3": "interventies/top3/",
    "gezinsprofielen": "interventies/gezinsprofielen/",
    "neutraal herformuleren": "interventies/neutraal-herformuleren/",
    "meervoudige partijdigheid": "interventies/meervoudige-partijdigheid/",
    "trauma": "interventies/traumasensitief-werken/",
    "motiverende gespreksvoering": "interventies/motiverende-gespreksvoering/",
    "casusanalyse": "interventies/retrospectieve-casusanalyse/",
    "Leo en Nora": "casussen/leo-en-nora/",
    "Jordy": "casussen/jordy/",
    "Simone": "casussen/simone/",
    "Hengelo": "casussen/hengelo/",
    "Signs of Safety": "achtergrond/signs-of-safety/",
    "meldcode": "achtergrond/signs-of-safety/",
    "situationeel geweld": "achtergrond/intieme-terreur/",
    "stagnatie": "achtergrond/stagnatie/",
    "blinde vlekken": "achtergrond/oproep/",
    "casussupport": "achtergrond/casussupport/",
    "gezinsvertegenwoordiger": "achtergrond/gezinsvertegenwoordiger/",
    "vechtscheiding": "tips/tips-van-simone/",
    "respect": "partnerschap/respecteer-ouders/",
    "kleine veranderingen": "partnerschap/kleine-veranderingen/",
    "uitzonderingen": "partnerschap/details-en-uitzonderingen/",
    "adviezen beleid": "lessen/adviezen-voor-beleid/",
    "workshop Losser": "lessen/workshop-losser/",
    "opleiders": "opleiders/",
    "uithuispl": "interventies/uithuisplaatsing/",  # half typed: the last word is matched as a beginning
    "veiligheidsbeoor": "interventies/veiligheidsbeoordeling/",
    "Mediation": "interventies/mediation/",  # capitals as typed at the start of a sentence
    "contactweigering": "achtergrond/contactverlies/",
    # The review's ten queries (ux-2026-12-04.md, Task 4; issue 22, F3): the page a professional needs.
    "omgang weigeren": "achtergrond/contactverlies/",
    "huiselijk geweld melden": "vraagstukken/veilig-genoeg/",
    # "meldcode" is above: achtergrond/signs-of-safety/
    "kind wil niet naar vader": "checklists/contactverlies/",
    "ouderschapsplan": "interventies/mediation/",
    "mediation bij geweld": "interventies/mediation/",
    "veiligheidsplan": "interventies/veiligheidsbeoordeling/",
    "gesprek met beide ouders": "checklists/gesprek-voorbereiden/",
    "signalen": "checklists/signalen-intieme-terreur/",
    "Veilig Thuis": "vraagstukken/veilig-genoeg/",
    # Practice words, some the sources never use (found by a card's search_terms), and checklist moments.
    "kind wil moeder niet zien": "checklists/contactverlies/",
    "kind weigert contact": "achtergrond/contactverlies/",
    "omgangsregeling": "checklists/contactverlies/",
    "melden": "vraagstukken/veilig-genoeg/",
    "melding doen": "vraagstukken/veilig-genoeg/",
    "schaalvraag": "interventies/veiligheidsbeoordeling/",
    "ondertoezichtstelling": "interventies/uithuisplaatsing/",
    "kinderen uit huis plaatsen": "interventies/uithuisplaatsing/",
    "contactverbod": "interventies/dwangmaatregelen/",
    "politie": "interventies/dwangmaatregelen/",
    "stalking": "achtergrond/geweld-na-scheiding/",
    "ex-partnergeweld": "achtergrond/geweld-na-scheiding/",
    "dwingende controle": "achtergrond/intieme-terreur/",
    "signalen van geweld": "checklists/signalen-intieme-terreur/",
    "intervisie": "checklists/blinde-vlekken/",
    "supervisie": "checklists/blinde-vlekken/",
    "eerste gesprek": "checklists/tips-aan-de-poort/",
    "intake": "checklists/tips-aan-de-poort/",
    "ouder boos na gesprek": "partnerschap/drie-situaties/",
    "ruzie tussen ouders": "achtergrond/kenmerken-complexe-scheiding/",
    "ouders apart spreken": "interventies/verklarende-analyse/",
    "communicatie tussen ouders stilleggen": "interventies/parallel-ouderschap/",
    "gesprek voorbereiden": "checklists/gesprek-voorbereiden/",
    "mediation voorwaarden": "checklists/mediation-voorwaarden/",
    "is het veilig": "vraagstukken/veilig-genoeg/",
    "trauma kind": "interventies/traumasensitief-werken/",
    "frustratie": "achtergrond/stagnatie/",
    "oordeel over ouders": "lessen/oordeel/",
    "privacy": "interventies/need-to-know/",
    "multidisciplinair overleg": "checklists/veilig-genoeg/",
    "jeugdbescherming": "interventies/uithuisplaatsing/",
    "samenwerking met ouders afbrokkelt": "checklists/samenwerking-afbrokkelt/",
    "vastgelopen casus": "checklists/uit-het-fiksen/",
    "coercive control": "achtergrond/intieme-terreur/",
    "OTS": "interventies/uithuisplaatsing/",
    "gegevens delen": "interventies/need-to-know/",
    "vader wil kind niet zien": "achtergrond/contactverlies/",
    "kindermishandeling": "achtergrond/signs-of-safety/",
}


#: One page of each kind a reader opens: home, a card, a case, a list page, a checklist, a declared pack,
#: the ad-hoc pack and the glossary.
KINDS_OF_PAGE = [
    "",
    "partnerschap/respecteer-ouders/",
    "casussen/leo-en-nora/",
    "checklists/",
    "checklists/veilig-genoeg/",
    "lespakketten/samenwerken-aan-veiligheid/",
    "lespakket/?k=p1,cl4",
    "over/begrippen/",
]

#: True once the search panel lists the results for exactly `query` (zoeken.js marks the list with the
#: query it answers, so a half-typed query's results are never read as the whole query's).
SEARCH_ANSWERED = """query => document.getElementById("wk-zoekresultaten").getAttribute("data-wk-zoekterm") === query"""

#: The first result of each page in the panel (a result's sections follow it as further links).
RESULT_PAGES = "#wk-zoekresultaten > li > a:first-child"

#: What only search fetches: Pagefind's files, and the theme's index and worker.
SEARCH_FILES = re.compile(r"/pagefind/|/search/search_index\.json|/search\.json|/workers/search\.")


def search_for(page: Page, query: str, typed: bool = True) -> list[str]:
    """Type `query` into the open search field (key by key, or at once as a paste) and return the result
    pages, as paths below the site root."""
    field = page.locator("input.md-search__input")
    field.fill("")
    if typed:
        field.press_sequentially(query)
    else:
        field.fill(query)
    expect(field).to_have_value(query)
    page.wait_for_function(SEARCH_ANSWERED, arg=query, timeout=PATIENCE_MS)
    hrefs = page.eval_on_selector_all(RESULT_PAGES, "links => links.map(a => a.href)")
    return [urlparse(href).path.split(PREFIX, 1)[-1] for href in hrefs]


AXE_SOURCE = AXE.read_text(encoding="utf-8") if AXE.exists() else ""


#: Selects axe's WCAG rules about colour (its category `cat.color`: the contrast of text, links told
#: apart by colour alone), whose outcome depends on the colour scheme. Every other rule reads structure,
#: names and roles, which the scheme does not change.
COLOUR_RULES = "tags => axe.getRules(tags).filter(rule => rule.tags.includes('cat.color')).map(rule => rule.ruleId)"


def axe_violations(page: Page, where: str, colour_only: bool = False) -> list[str]:
    """axe-core's WCAG 2.1 AA violations on the page as it is now, one line each, naming up to three elements
    (every WCAG 2.1 A and AA rule, or only those about colour).

    axe is evaluated through the browser's debugging protocol, which the page's Content-Security-Policy
    does not govern (a script tag would be refused), so the page is checked under its real policy.
    """
    assert AXE_SOURCE, f"{AXE} is missing: run 'npm ci' (make test does)"
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(f"() => {{ {AXE_SOURCE}\n }}")
    scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    only = {"type": "tag", "values": WCAG_AA}
    if colour_only:
        only = {"type": "rule", "values": page.evaluate(COLOUR_RULES, WCAG_AA)}
        assert "color-contrast" in only["values"], only
    result = page.evaluate("only => axe.run(document, {runOnly: only, resultTypes: ['violations']})", only)
    found = []
    for violation in result["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        found.append(f"{where} ({scheme}): {violation['id']} ({violation['help']}) at {targets}")
    return found


#: A click on the palette toggle that is shown (Material hides the other one).
TOGGLE_SCHEME = """() => [...document.querySelectorAll("form[data-md-component='palette'] label")]
  .find(label => label.getClientRects().length > 0).click()"""


def toggle_colour_scheme(page: Page) -> None:
    """Switch light and dark with the site's own toggle; colour transitions are finished at once, so axe
    reads the colours the reader ends up with.

    The toggle is clicked from script, not with the pointer: a pointer left on it would show its
    tooltip, half faded in, for axe to measure.
    """
    before = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    page.evaluate(TOGGLE_SCHEME)
    page.wait_for_function("old => document.body.getAttribute('data-md-color-scheme') !== old", arg=before)
    page.evaluate("() => document.getAnimations().forEach(animation => animation.finish())")


def expect_theme_search_ready(page: Page) -> None:
    """The offline edition's search (the theme's own): wait until its index is loaded, when the theme swaps
    'initialising' for its placeholder."""
    placeholder = page.evaluate(
        "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"
    )
    expect(page.locator(".md-search-result__meta"), "the search index never loaded").to_have_text(
        placeholder, timeout=PATIENCE_MS
    )


@dataclass
class Watch:
    """Everything a page did that a reader should never see: errors, foreign requests, CSP breaches."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    search_requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    open_requests: dict[Request, str] = field(default_factory=dict)

    def attach(self, page: Page) -> None:
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("request", self._request)
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        page.on("requestfinished", lambda r: self.open_requests.pop(r, None))
        page.on("requestfailed", lambda r: self.open_requests.pop(r, None))

    def _request(self, request: Request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        self.open_requests[request] = request.url
        if SEARCH_FILES.search(url.path):
            self.search_requests.append(request.url)
        if f"{url.scheme}://{url.netloc}" != self.origin:
            self.foreign_requests.append(request.url)

    def settle(self, page: Page) -> None:
        """Wait until the page has done what it does after `load`: no request is open, and the theme's
        scripts have drawn two frames since (its set-up, such as tooltips, runs from those).

        Each open request is awaited to its end (finished or failed); requests it leads to are awaited too.
        """
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        while self.open_requests:
            request = next(iter(self.open_requests))
            response = request.response()  # None when the request failed
            if response is not None:
                response.finished()
            self.open_requests.pop(request, None)

    def assert_clean(self, where: str, searched: bool = False) -> None:
        """Nothing a reader should not see happened; nothing of search was fetched unless search was used."""
        assert not self.foreign_requests, f"{where}: requests to other hosts: {self.foreign_requests}"
        if not searched:
            fetched = self.search_requests
            assert not fetched, f"{where}: search files fetched before search was opened: {fetched}"
        assert not self.console_errors, f"{where}: console errors (incl. CSP): {self.console_errors}"
        assert not self.failed, f"{where}: failed requests: {self.failed}"


def shipped_headers(site: Path) -> dict[str, str]:
    """The headers the shipped `_headers` file gives every page (its `/*` block), read as a host reads it."""
    blocks: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = blocks.setdefault(line.strip(), {})
            continue
        name, colon, value = line.strip().partition(":")
        assert current is not None and colon, f"_headers: not a header line: {line!r}"
        current[name.strip()] = value.strip()
    assert blocks.get("/*"), f"_headers has no headers for every page ('/*'): {sorted(blocks)}"
    return blocks["/*"]


@pytest.fixture(scope="session")
def published(site: Path) -> Path:
    """The built site with the header files the build ships (scripts/build.py writes them after its check)."""
    for name in ("_headers", "nginx-security-headers.conf"):
        assert (site / name).is_file(), f"the build did not write {name}"
    return site


@pytest.fixture(scope="session")
def base_url(published: Path) -> Iterator[str]:
    """The site as production serves it: Debian's nginx with the shipped nginx-security-headers.conf.

    Fails (never skips) when nginx is missing or refuses the configuration.
    """
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(serve_nginx(published, PREFIX))
        except NginxError as error:
            problem = str(error)
        else:
            problem = ""
        if problem:  # failed outside the except block: the message alone, no chained traceback
            pytest.fail(problem, pytrace=False)
        yield url


@pytest.fixture(scope="session")
def static_host_url(published: Path) -> Iterator[str]:
    """The site on the plain Python static server, with the headers the shipped `_headers` file declares."""
    with serve(published, PREFIX, shipped_headers(published)) as url:
        yield url


@pytest.fixture(scope="session")
def page_urls(site: Path) -> list[str]:
    """Every real page of the site (not redirect pages), as paths below the site root."""
    urls = [page_path(site, page) for page in reader_pages(site)]
    assert len(urls) > 50, f"only {len(urls)} pages found in {site}"
    return urls


@pytest.fixture
def open_page(browser: Browser, request: pytest.FixtureRequest):
    """Open a page in a fresh browser context, on nginx unless `base` names another server.

    `init_script` runs in the page before the site's own scripts.
    """
    contexts = []

    def open_(path: str = "", *, base: str | None = None, init_script: str | None = None, **context_args):
        base = base or request.getfixturevalue("base_url")  # nginx starts only for tests that use it
        context = browser.new_context(**context_args)
        contexts.append(context)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        watch = Watch(origin=base.rsplit(PREFIX, 1)[0])
        watch.attach(page)
        page.goto(base + path, wait_until="load")
        return page, watch

    yield open_
    for context in contexts:
        context.close()


def open_clean(page: Page, watch: Watch, base: str, path: str, expected: dict[str, str]) -> None:
    """Open a page: it is there, sent with the headers `_headers` declares, and loads clean once settled."""
    where = path or "home"
    response = page.goto(base + path, wait_until="load")
    assert response is not None and response.status == 200, f"{where}: {response and response.status}"
    sent = response.all_headers()
    wrong = {name: sent.get(name) for name, value in expected.items() if sent.get(name) != value}
    assert not wrong, f"{where}: headers differ from _headers: {wrong}"
    watch.settle(page)
    watch.assert_clean(where)


#: The every-page sweep in shards, so each worker (one per core) takes a share of the pages.
SHARDS = 8


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_page_loads_clean_and_passes_axe_in_both_schemes(open_page, page_urls, published, shard) -> None:
    """Every page as production serves it (nginx with the shipped nginx-security-headers.conf): the
    headers `_headers` declares, no console or CSP error, no failed or foreign request; then axe-core's
    WCAG 2.1 A and AA rules once the page has settled, and those about colour (COLOUR_RULES) again in
    the other colour scheme.

    The scheme is switched with the site's own toggle, as a reader switches it, and the next page opens
    in the scheme chosen last: so the sweep loads each page once. Red when: a page loads an image from
    another host ("casussen/: requests to other hosts"); the include of the snippet is dropped from
    scripts/nginx.py ("headers differ from _headers"); the snippet is not valid nginx (nginx refuses to
    start, e.g. a CSP line longer than its 4096-character limit for one parameter); tips/ gets an <img>
    without alt; in the dark scheme, the copy buttons lose their own colour ("color-contrast ... .wk-kopieer").
    """
    expected = {name.lower(): value for name, value in shipped_headers(published).items()}
    page, watch = open_page("")
    base = page.url
    problems: list[str] = []
    for path in page_urls[shard::SHARDS]:
        where = path or "home"
        open_clean(page, watch, base, path, expected)
        problems += axe_violations(page, where)
        toggle_colour_scheme(page)  # the next page opens in this scheme and is checked in it first
        problems += axe_violations(page, where, colour_only=True)
    assert not problems, "\n".join(problems)


def test_a_static_host_serves_each_kind_of_page_clean_with_the_shipped_headers(
    open_page, static_host_url, published
) -> None:
    """The plain Python static server with the headers of the shipped `_headers` file, as static hosts such
    as Netlify and Cloudflare Pages read it: one page of each kind loads clean under that policy.

    The sweep above loads every page under the same headers (it checks nginx sends what `_headers` says).
    Red when: `_headers` loses its `/*` block, or declares a policy the pages break (a console CSP error).
    """
    expected = {name.lower(): value for name, value in shipped_headers(published).items()}
    page, watch = open_page("", base=static_host_url)
    for path in KINDS_OF_PAGE:
        open_clean(page, watch, static_host_url, path, expected)


def test_missing_page_gets_the_sites_404_page_with_its_headers(open_page, published, base_url) -> None:
    """Inside and outside the sub-path, a missing page is a 404 with the site's own 404 page, headers included.

    Red when: `error_page 404` is dropped from scripts/nginx.py (nginx's bare 404 page, no article),
    or the include of nginx-security-headers.conf is (no CSP on the 404 page).
    """
    expected = shipped_headers(published)["Content-Security-Policy"]
    origin = base_url.rsplit(PREFIX, 1)[0]
    for address in (base_url + "bestaat-niet/", origin + "/", origin + "/elders/"):
        page, watch = open_page("")
        response = page.goto(address, wait_until="load")
        assert response is not None and response.status == 404, f"{address}: {response and response.status}"
        assert response.headers.get("content-security-policy") == expected, f"{address}: no CSP on the 404 page"
        expect(page.locator("article h1")).to_have_text("Deze pagina bestaat niet (meer)")
        watch.settle(page)  # its styles and scripts load from the sub-path, whatever the address
        # The page itself is the one failed request (and the one console line Chromium logs for it).
        assert watch.failed == [f"404 {address}"], f"{address}: failed requests: {watch.failed}"
        assert len(watch.console_errors) == 1 and "404" in watch.console_errors[0], watch.console_errors
        assert not watch.foreign_requests, f"{address}: requests to other hosts: {watch.foreign_requests}"


def test_home_leads_to_each_family(open_page, handbook, base_url) -> None:
    """A real click on each family's tile; instant navigation swaps the page, so wait for the new one.

    Red when: the Partnerschap tile links to achtergrond/ (the address never becomes partnerschap/).
    """
    for family in handbook.family_registry.families:
        page, _ = open_page("")
        page.locator("article .grid").get_by_role("link", name=family.title, exact=True).click()
        expect(page).to_have_url(base_url + f"{family.id}/")
        # The heading without its ¶ link.
        expect(page.locator("article h1")).to_have_text(re.compile(rf"^{re.escape(family.title)}¶?$"))


def test_dutch_search_finds_the_card(open_page) -> None:
    """One page, many queries: Pagefind loads once, as for a reader, and fetches what each query needs.

    Each query is entered at once, as pasted (typing key by key is tested below); the top three are read
    only once the panel answers that exact query (SEARCH_ANSWERED). Red when: a card is left out of the
    search index (`search: exclude: true` on MASIC: "'MASIC': expected interventies/masic/").
    """
    page, _ = open_page("")
    page.locator("input.md-search__input").click()  # the search field sits in the header on a desktop screen
    misses = []
    for query, expected in SEARCHES.items():
        top = list(dict.fromkeys(search_for(page, query, typed=False)))[:3]
        if expected not in top:
            misses.append(f"'{query}': expected {expected}, top 3 is {top}")
    assert not misses, "\n".join(misses)


def test_practice_words_find_the_card_without_showing_the_terms(open_page, handbook) -> None:
    """A word only a card's search terms hold ("ouderschapsplan") puts that card first; the result shows the
    card's own words (its code, type and summary), never the hidden terms; a checklist whose moment matches
    the query is among the first three.

    Red when: zoeken.js shows Pagefind's excerpt as is (it then ends in the marked term), or the checklist's
    moment loses its weight ("gesprek met beide ouders" then puts CL2 below the cards that mention it).
    """
    page, _ = open_page("")
    page.locator("input.md-search__input").click()
    mediation = handbook.cards["mediation"]
    assert "ouderschapsplan" in mediation.search_terms
    assert search_for(page, "ouderschapsplan", typed=False)[0] == "interventies/mediation/"
    first = page.locator("#wk-zoekresultaten > li").first
    shown = first.inner_text()
    assert "ouderschapsplan" not in shown.lower(), shown
    assert mediation.summary[:40] in shown.replace("\n", " "), shown
    top = list(dict.fromkeys(search_for(page, "gesprek met beide ouders", typed=False)))[:3]
    assert "checklists/gesprek-voorbereiden/" in top, top
    top = list(dict.fromkeys(search_for(page, "kind wil niet naar vader", typed=False)))[:3]
    assert "checklists/contactverlies/" in top, top
    # No page's text says "veiligheidsplan": the two lists that answer it are found, neither shows the word.
    assert set(search_for(page, "veiligheidsplan", typed=False)[:2]) == {
        "checklists/veilig-genoeg/",
        "interventies/veiligheidsbeoordeling/",
    }
    shown = page.locator("#wk-zoekresultaten").inner_text()
    assert "veiligheidsplan" not in shown.lower(), shown


@pytest.mark.parametrize("how", ["keyboard shortcut", "search button on a phone"])
def test_search_is_fetched_only_when_the_reader_opens_it(open_page, how: str) -> None:
    """A reader who only reads a card downloads nothing of search; opening search loads it, and a typed
    query then lists results that lead to the card (Enter opens the first).

    Red when: the page loads Pagefind (or the theme's index) as it loads ("search files fetched before
    search was opened"), opening search no longer loads it (no answer to the query), or the closed
    panel is drawn (its scroll area and results took Tab stops, review F21).
    """
    phone = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
    page, watch = open_page("partnerschap/respecteer-ouders/", **(phone if how.endswith("phone") else {}))
    watch.settle(page)
    watch.assert_clean("a card, search not opened")
    output = page.locator(".wk-zoeken .md-search__output")
    expect(output, "the closed search panel is drawn (its results would take Tab stops)").to_be_hidden()
    if how == "keyboard shortcut":
        page.keyboard.press("/")
    else:
        page.locator("label.md-header__button[for='__search']").tap()
    field = page.locator("input.md-search__input")
    expect(field, "opening search does not move focus to the search field").to_be_focused()
    assert "intieme-terreur" in " ".join(search_for(page, "intieme terreur")[:3])
    assert watch.search_requests, "search answered without fetching Pagefind"
    expect(page.locator("#wk-zoekstatus")).to_have_text(re.compile(r"^\d+ resultaten voor ‘intieme terreur’"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/achtergrond/intieme-terreur/$"))
    expect(page.locator("#__search")).not_to_be_checked()
    expect(output).to_be_hidden()
    watch.settle(page)
    watch.assert_clean("after a search", searched=True)


def test_a_search_that_finds_nothing_offers_a_way_on(open_page) -> None:
    """Red when: 'Niets gevonden' leaves the reader without links, or they point outside the site."""
    page, watch = open_page("checklists/veilig-genoeg/")
    page.locator("input.md-search__input").click()
    assert search_for(page, "xqzwv") == []
    expect(page.locator("#wk-zoekstatus")).to_have_text("Niets gevonden voor ‘xqzwv’.")
    ways = page.locator("[data-wk-niets] a")
    expect(ways).to_have_count(4)
    base = page.url.split(PREFIX)[0] + PREFIX
    for href in ways.evaluate_all("links => links.map(a => a.href)"):
        assert href.startswith(base), href
    watch.assert_clean("no results", searched=True)


MOBILE_PAGES = [
    "",
    "partnerschap/respecteer-ouders/",
    "interventies/mediation/",
    "casussen/leo-en-nora/",
    "achtergrond/welke-aanpak-past/",
    "checklists/",
    "checklists/signalen-intieme-terreur/",
    "opleiders/",
    "rollen/",
]


@pytest.mark.parametrize("path", MOBILE_PAGES)
def test_mobile_has_no_horizontal_scroll_and_a_usable_menu(open_page, path: str) -> None:
    """At 360 px: no sideways scrolling, the card's content starts in the first screen, and the menu opens.

    Red when: opleiders/ gets a 900 px wide block, or the copy buttons move back above a card's summary.
    """
    page, watch = open_page(path, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    watch.settle(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{path or 'home'}: page is {width}px wide on a 360px screen"
    summary = page.locator("article .wk-samenvatting")
    if summary.count():
        top = summary.bounding_box()["y"]
        assert top < 740, f"{path}: the summary starts below the first screen ({top:.0f}px)"
    page.locator("label.md-header__button[for='__drawer']").click()
    drawer = page.locator("nav.md-nav--primary")
    expect(drawer.get_by_role("link", name="Checklists", exact=True).first).to_be_visible()
    watch.assert_clean(path)


#: Everything a keyboard user can operate or that the page puts in the Tab order.
CONTROLS = (
    "a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe,"
    " [contenteditable]:not([contenteditable=false]), [tabindex]:not([tabindex='-1'])"
)

#: Tags every visible, enabled control in the article with data-wk-control; returns the tags.
TAG_CONTROLS = """selector => {
  const article = document.querySelector('article');
  const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const name = e => (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40);
  return [...article.querySelectorAll(selector)]
    .filter(e => visible(e) && !e.disabled && !e.closest('[inert]'))
    // In a closed <details> only its summary can be reached; the rest opens with it.
    .filter(e => !e.closest('details:not([open]) > :not(summary)'))
    .map((e, i) => (e.dataset.wkControl = `${i}: <${e.tagName.toLowerCase()}> ${name(e)}`));
}"""

#: Where focus is: the tag of the focused control, a description of an untagged element, and
#: whether the focus is before (-1), in (0) or after (1) the article.
FOCUSED = """() => {
  const e = document.activeElement, article = document.querySelector('article');
  const where = article.contains(e) ? 0
    : (article.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING ? 1 : -1);
  const tag = e.dataset ? e.dataset.wkControl : undefined;
  return {tag: tag || null, where, untagged: tag ? null : e.outerHTML.slice(0, 80)};
}"""


def test_keyboard_skip_link_visible_focus_and_every_control_reachable(open_page) -> None:
    """The first Tab shows the skip link on screen; Tab then reaches every control in the article.

    Each visible control in the article is tagged; the tags reached by Tab must be exactly that set.
    Red when: one link in the article gets tabindex="-1", even with an extra <span tabindex="0">
    added, which fooled the old count-based test ("Tab does not reach 1 of 20 controls"); or the
    focused skip link is moved off-screen (`.md-skip:focus {transform: translateY(-300px)}`).
    """
    page, watch = open_page("partnerschap/respecteer-ouders/")
    watch.settle(page)  # the theme's scripts have set up the page (e.g. tooltips on abbreviations)
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip, "the first Tab does not land on the skip link").to_be_focused()
    expect(skip).to_have_css("opacity", "1")  # its focus transition is done: it is shown
    outline = skip.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.boxShadow]; }")
    assert outline[0] != "none" or outline[1] != "none", f"skip link has no visible focus: {outline}"
    box, viewport = skip.bounding_box(), page.viewport_size
    assert box and viewport and box["width"] > 0 and box["height"] > 0, f"skip link has no box: {box}"
    assert box["x"] >= 0 and box["y"] >= 0, f"skip link starts off-screen: {box}"
    assert box["x"] + box["width"] <= viewport["width"], f"skip link ends off-screen: {box}, {viewport}"
    assert box["y"] + box["height"] <= viewport["height"], f"skip link ends off-screen: {box}, {viewport}"

    controls = page.evaluate(TAG_CONTROLS, CONTROLS)
    assert len(controls) > 10, f"only {len(controls)} controls found in the article"
    reached: list[str] = []
    untagged: list[str] = []
    for _ in range(len(controls) + 200):  # the article's controls plus the page chrome before it
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUSED)
        if focus["where"] == 1 or (focus["where"] == -1 and (reached or untagged)):
            break  # past the article (or round to the page's start): every control in it had its turn
        if focus["where"] == 0:
            if focus["tag"]:
                reached.append(focus["tag"])
            else:
                untagged.append(focus["untagged"])
    else:
        pytest.fail(f"Tab never left the article; reached {len(reached)} of {len(controls)} controls")
    missing = sorted(set(controls) - set(reached), key=controls.index)
    assert not missing, f"Tab does not reach {len(missing)} of {len(controls)} controls: {missing}"
    assert len(reached) == len(set(reached)), f"Tab visits a control twice: {reached}"
    assert not untagged, f"Tab stops on elements in the article that are no control: {untagged}"


#: The theme's chrome: on screen on a desktop, never on paper.
#: Checklists have no navigation column (nothing to navigate to there), so the primary sidebar is not listed.
CHROME = [".md-header", ".md-tabs", ".wk-zoeken", ".md-footer"]


def test_print_shows_only_the_checklist(open_page, handbook) -> None:
    """For every checklist: printing hides the theme's chrome and shows the title, every item and the form.

    Red when: the print CSS hides `.wk-checklist` ("item 1 is not printed"), or shows a piece of
    chrome (`.md-footer {display: block; position: fixed}` in print: ".md-footer is printed").
    """
    checklists = handbook.ordered_checklists()
    assert len(checklists) > 10
    page, _ = open_page("")
    for checklist in checklists:
        where = f"checklists/{checklist.id}/"
        page.emulate_media(media="screen")
        page.goto(page.url.split(PREFIX)[0] + PREFIX + where, wait_until="load")
        for chrome in CHROME:  # present on screen: so hidden in print means the print CSS hid it
            expect(page.locator(chrome).first, f"{where}: {chrome} not on screen").to_be_visible()
        page.emulate_media(media="print")
        for chrome in CHROME:
            expect(page.locator(chrome).first, f"{where}: {chrome} is printed").to_be_hidden()
        expect(page.locator("article h1"), f"{where}: title not printed").to_be_visible()
        items = page.locator(".wk-checklist li")
        expect(items, f"{where}: not every item").to_have_count(len(checklist.items))
        for index in range(len(checklist.items)):
            expect(items.nth(index), f"{where}: item {index + 1} is not printed").to_be_visible()
        expect(page.locator(".wk-printvoet"), f"{where}: footer not printed").to_be_visible()
        expect(page.locator(".wk-invullen"), f"{where}: form fields not printed").to_be_visible()


@pytest.fixture(scope="session")
def offline_edition(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline edition as `make offline` writes it (scripts/offline.py), with its link and policy checks."""

    def make(target: Path) -> None:
        build_offline(site, target, published=SITE_URL)

    return once_per_run(tmp_path_factory, "offline-edition", make)


def test_every_link_in_the_offline_edition_stays_inside_it(offline_edition: Path) -> None:
    """Red when: links to PDFs, QR codes or cards.json are computed for x/index.html pages again (F6: 98
    of them led outside the zip), or the edition misses the PDFs."""
    assert broken_links(offline_edition)[0] == []
    checklist = (offline_edition / "checklists/veilig-genoeg.html").read_text(encoding="utf-8")
    assert 'href="../pdf/veilig-genoeg.pdf"' in checklist and (offline_edition / "pdf/veilig-genoeg.pdf").is_file()
    trainers = (offline_edition / "opleiders.html").read_text(encoding="utf-8")
    assert 'href="qr/p1.svg"' in trainers and (offline_edition / "qr/p1.svg").is_file()


def test_offline_edition_works_from_disk(browser: Browser, offline_edition: Path) -> None:
    """The offline edition from file://: a click to a family, then a typed search that finds its card.

    The query is typed key by key once the search index is loaded (the theme searches on key presses,
    not on a pasted value); the result is awaited, not slept for. Red when: the query is filled in
    instead of typed (`search.fill(...)`: no key press, so no search and no result).
    """
    target = offline_edition
    assert "unpkg.com" not in (target / "index.html").read_text(encoding="utf-8")

    context = browser.new_context()
    page = context.new_page()
    foreign: list[str] = []
    page.on(
        "request", lambda r: not r.url.startswith(("file://", "data:", "blob:", "about:")) and foreign.append(r.url)
    )
    page.goto((target / "index.html").as_uri())
    page.locator("article .grid").get_by_role("link", name="Partnerschap", exact=True).click()
    expect(page).to_have_url(re.compile(r"/partnerschap/index\.html$"))
    search = page.locator("input.md-search__input")
    search.click()  # from file://, the search index loads once the search field is used
    expect_theme_search_ready(page)
    search.press_sequentially("intieme terreur")
    expect(search).to_have_value("intieme terreur")
    first = page.locator(".md-search-result__list > .md-search-result__item > a").first
    expect(first).to_have_attribute("href", re.compile(r"intieme-terreur"), timeout=PATIENCE_MS)
    assert not foreign, f"the offline edition asked other hosts: {foreign}"
    context.close()


def test_every_word_of_every_title_and_summary_finds_its_card(open_page, handbook, site) -> None:
    """Each distinct word of a card's title and summary, with whatever punctuation stood next to it,
    finds that card (asked of the site's own Pagefind index, as the search panel asks it).

    Red when: a card's title or summary is left out of the index (data-search-exclude on the summary),
    or Pagefind no longer splits on typographic quotes or slashes (a word such as ‘vechtscheiding’ is
    then indexed with its quotes and never found alone).
    """
    page, _ = open_page("")
    words: dict[str, set[str]] = {}
    for card in handbook.ordered():
        for word in re.findall(r"[\w+]+", f"{card.title} {card.summary}"):
            if len(word) >= 3 and not word.isdigit():
                words.setdefault(word.lower(), set()).add(page_url(handbook.paths[card.id]))
    assert len(words) > 300, len(words)
    found = page.evaluate(
        """async words => {
          const pagefind = await import("./pagefind/pagefind.js");
          const out = {};
          for (const word of words) {
            out[word] = (await pagefind.search(word)).results.map(result => result.id);
          }
          return out;
        }""",
        sorted(words),
    )
    index = {id_: record["url"].removeprefix("/") for id_, record in search_records(site).items()}
    misses = []
    for word, pages in sorted(words.items()):
        locations = {index[id_] for id_ in found[word]}
        if not pages & locations:
            misses.append(f"{word}: expected one of {sorted(pages)[:3]}, found {sorted(locations)[:3]}")
    assert not misses, f"{len(misses)} of {len(words)} words do not find their card:\n" + "\n".join(misses[:40])


@pytest.mark.parametrize("server", ["nginx", "no-headers"])
def test_injected_text_never_runs_and_shows_as_written(browser: Browser, injected_site: Path, server: str) -> None:
    """The fixture with a payload in every free-text field (tests/payloads.py), in Chromium: under the
    shipped policy (nginx) and with no headers at all (as GitHub Pages serves it), no script runs, no
    page navigates away, and the text shows as written.

    Red when: the renderer's escaping is switched off (then the build's own check stops it first;
    with that check skipped, alert(3) and the refresh to evil.example run here).
    """
    pages = [page_path(injected_site, page) for page in reader_pages(injected_site)]
    assert len(pages) >= 8
    with contextlib.ExitStack() as stack:
        if server == "nginx":
            base = stack.enter_context(serve_nginx(injected_site, PREFIX))
        else:
            base = stack.enter_context(serve(injected_site, PREFIX))
        context = browser.new_context()
        stack.callback(context.close)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        addresses = [base + path for path in pages]
        elsewhere: list[str] = []  # every navigation of the page to an address we did not open
        page.on("framenavigated", lambda f: f == page.main_frame and f.url not in addresses and elsewhere.append(f.url))
        page.route("**/*", lambda route: route.abort() if "evil.example" in route.request.url else route.continue_())
        for address in addresses:
            page.goto(address, wait_until="load")
            assert page.url == address, f"{address}: navigated to {page.url}"
        page.goto(addresses[0], wait_until="load")  # a refresh left pending by the last page shows up here
        assert not elsewhere, f"an injected refresh or link navigated to {elsewhere}"
        assert not dialogs, f"injected scripts ran: {dialogs}"
        page.goto(base + "partnerschap/respecteer-ouders/", wait_until="load")
        expect(page.locator("article h1")).to_contain_text(TITLE)
        assert page.title().startswith(TITLE), page.title()
        expect(page.locator(".wk-samenvatting")).to_have_text(SUMMARY)


# -- course packs (issue 14): the ad-hoc pack a trainer puts together ------------------------------------


def _codes(url: str) -> list[str]:
    return parse_qs(urlparse(url).query).get("k", [""])[0].split(",")


def _listed(page) -> list[str]:
    return page.locator(".wk-lpb-lijst > li").evaluate_all("items => items.map(li => li.dataset.code)")


def test_a_trainer_builds_an_ad_hoc_pack_from_three_pages(open_page, base_url) -> None:
    """Add three items from three pages (each add stays on its page, this tab keeps the selection),
    reorder with the keyboard, remove one, open the copied link in a fresh context, print.

    Red when: a link loses the selection (the second add starts a new pack), the address does not
    follow a reorder, or print shows the controls or the theme's chrome; or a card downloads the pack
    page's builder (lespakket.js loads it on every page instead of the pack page only).
    """
    page, watch = open_page("partnerschap/respecteer-ouders/")
    builder = re.compile(r"/(lespakket-samenstellen|qrcode-generator)\.js$")
    loaded: list[str] = []
    page.on("request", lambda request: builder.search(request.url) and loaded.append(request.url))
    page.get_by_role("link", name="Aan lespakket toevoegen").click()
    expect(page).to_have_url(re.compile(r"partnerschap/respecteer-ouders/(#[\w-]*)?$"))
    watch.settle(page)
    assert not loaded, f"a card downloads the pack page's builder: {loaded}"
    page.locator("a.wk-lp-naar").click()
    expect(page).to_have_url(re.compile(r"lespakket/\?k=p1$"))
    expect(page.locator(".wk-lpb-lijst > li")).to_have_count(1)
    assert any("lespakket-samenstellen" in url for url in loaded), loaded

    # Second item: from the pack, on to all cards, a family, a card; the tab keeps the selection.
    page.locator("a.wk-lpb-verder", has_text="alle kaarten").click()
    page.locator("article").get_by_role("link", name="Casussen", exact=True).first.click()
    page.locator("article").get_by_role("link", name="Leo en Nora").first.click()
    expect(page).to_have_url(re.compile(r"casussen/leo-en-nora/(#[\w-]*)?$"))
    page.get_by_role("link", name="Aan lespakket toevoegen").click()
    expect(page.locator("a.wk-lp-naar")).to_have_text("Naar je lespakket (2 onderdelen)")

    # Third item: a checklist, reached from the menu.
    page.locator(".md-tabs, .md-nav").get_by_role("link", name="Checklists").first.click()
    page.locator("article").get_by_role("link", name="Is het veilig genoeg?").first.click()
    page.get_by_role("link", name="Aan lespakket toevoegen").click()
    page.locator("a.wk-lp-naar").click()
    expect(page).to_have_url(re.compile(r"lespakket/\?k=p1,c1,cl4$"))
    assert _listed(page) == ["p1", "c1", "cl4"]

    # Reorder with the keyboard: CL4 up; focus stays on CL4's button; the address follows.
    page.get_by_role("button", name="CL4 omhoog").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?k=p1,cl4,c1$"))
    assert _listed(page) == ["p1", "cl4", "c1"]
    expect(page.get_by_role("button", name="CL4 omhoog")).to_be_focused()
    expect(page.get_by_role("status").first).to_have_text("CL4 staat nu op plaats 2.")

    page.get_by_role("button", name="P1 verwijderen").click()
    expect(page).to_have_url(re.compile(r"\?k=cl4,c1$"))
    assert _listed(page) == ["cl4", "c1"]

    copied = page.locator(".wk-lpb-kopieer").get_attribute("data-wk-copy")
    # The published address (SITE_URL), not the one the browser happens to show (review F24).
    assert copied == SITE_URL + "lespakket/?k=cl4,c1" and _codes(copied) == ["cl4", "c1"]
    expect(page.locator(".wk-lpb-link")).to_have_text(copied)

    # Print: only the pack (its parts, in order), no controls, no theme chrome.
    page.emulate_media(media="print")
    for chrome in [*CHROME, ".wk-lpb-app", "article h1", ".wk-lpb-verder"]:
        expect(page.locator(chrome).first, f"{chrome} is printed").to_be_hidden()
    parts = page.locator(".wk-lpb-druk .wk-lp-onderdeel h2")
    expect(parts).to_have_text(["1. Is het veilig genoeg? (CL4)", "2. Leo en Nora (C1)"])
    expect(page.locator(".wk-lpb-druk .wk-checklist li").first).to_be_visible()
    watch.assert_clean("ad-hoc pack")

    fresh, fresh_watch = open_page(page.url.split(PREFIX, 1)[1])
    expect(fresh.locator(".wk-lpb-lijst > li")).to_have_count(2)
    assert _listed(fresh) == ["cl4", "c1"]
    fresh_watch.assert_clean("copied link")


def test_the_ad_hoc_pack_prints_the_notices_of_a_practice_report_and_a_list_of_signs(
    open_page, handbook, tmp_path: Path
) -> None:
    """A 002 card (L7) and the list of signs (CL7), put together by a trainer: the printed pack and its
    PDF say "praktijkverslag … geen onderzoek" and "geen screeningsinstrument", as the pages do.

    Red when: lespakket.js leaves out the notices or the kind headings the declared handout prints
    (both come from macros/handout.py HandoutItem), or calls a card's points "Kernpunten".
    """
    from pypdf import PdfReader

    page, watch = open_page("lespakket/?k=l7,cl7")
    page.emulate_media(media="print")
    paper = page.locator(".wk-lpb-druk")
    practice = " ".join(handbook.kind_of("002").caution.split())
    expect(paper).to_contain_text(practice)
    expect(paper).to_contain_text(handbook.checklist_registry.kinds["signs"].how)
    expect(paper).not_to_contain_text("Kernpunten")
    pdf = tmp_path / "adhoc.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = " ".join(" ".join((p.extract_text() or "") for p in PdfReader(pdf).pages).split())
    assert practice[:60] in text and "geen screeningsinstrument" in text, text[:800]
    watch.assert_clean("ad-hoc pack with notices")


def test_without_javascript_the_pack_page_says_what_it_needs(open_page) -> None:
    page, _ = open_page("lespakket/?k=p1,cl4", java_script_enabled=False)
    expect(page.locator(".wk-lpb-zonder-js")).to_be_visible()
    expect(page.locator(".wk-lpb-zonder-js")).to_contain_text("JavaScript nodig")
    expect(page.locator(".wk-lpb-app")).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_passes_on_the_pack_controls(open_page, scheme: str) -> None:
    """The ad-hoc pack with items (its buttons exist only then), a declared pack and a card with the control."""
    problems = []
    for path in ("lespakket/?k=p1,c1,cl4", "lespakketten/samenwerken-aan-veiligheid/", "casussen/leo-en-nora/"):
        page, watch = open_page(path, color_scheme=scheme)
        watch.settle(page)
        problems += axe_violations(page, path)
    assert not problems, "\n".join(problems)


def test_the_ad_hoc_pack_works_in_the_offline_edition(browser: Browser, offline_edition: Path) -> None:
    """From file://, with no server: the selection in the address still becomes the pack, and the link
    to it that a trainer copies or prints is the published address, never file:// (review F24)."""
    target = offline_edition
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((target / "casussen" / "leo-en-nora.html").as_uri() + "?lespakket=p1")
    page.get_by_role("link", name="Aan lespakket toevoegen").click()
    page.locator("a.wk-lp-naar").click()
    expect(page.locator(".wk-lpb-lijst > li")).to_have_count(2)
    assert _listed(page) == ["p1", "c1"]
    copied = page.locator(".wk-lpb-kopieer").get_attribute("data-wk-copy") or ""
    assert copied == SITE_URL + "lespakket/?k=p1,c1", copied
    page.emulate_media(media="print")
    expect(page.locator(".wk-lpb-druk a.wk-url")).to_have_attribute("href", copied)
    expect(page.locator(".wk-lpb-druk svg.wk-lpb-qr")).to_have_attribute("data-wk-qr", copied)
    page.emulate_media(media="screen")
    page.locator(".wk-lpb-lijst > li").first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"partnerschap/respecteer-ouders\.html$"))
    assert not errors, errors
    context.close()
