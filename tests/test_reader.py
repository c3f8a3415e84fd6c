"""What a reader sees first, and in which language: content first, contents lists, Dutch throughout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.addresses import page_url
from scripts.built_site import search_records

#: English a theme or plugin may print, as whole words or phrases (checked case-sensitively on visible
#: text and on the labels screen readers read: aria-label, title, placeholder, alt).
ENGLISH = re.compile(
    r"\b(Skip to content|Back to top|Table of contents|Made with|Search|Share|Clear|Copy to clipboard|"
    r"Copied|Previous|Next|Initializing|Type to start|No matching|Redirecting|Not found|Close|"
    r"Light mode|Dark mode|Switch to|Edit this page|Last update|Contributors|Footer|Header|Navigation|"
    r"results|click here|You're being redirected)\b"
)
LABELS = ("aria-label", "title", "placeholder", "alt")


def visible_text(soup: BeautifulSoup) -> str:
    for hidden in soup(["script", "style", "code", "svg", "template"]):
        hidden.decompose()
    return soup.get_text(" ")


def test_no_english_on_any_page(site: Path) -> None:
    """Red when: Material's footer line 'Made with' comes back, or a redirect page says 'Redirecting'."""
    found: dict[str, set[str]] = {}
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 150
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        labels = " ".join(el.get(name, "") for name in LABELS for el in soup.find_all(attrs={name: True}))
        for match in ENGLISH.finditer(visible_text(soup) + " " + labels):
            found.setdefault(match.group(0), set()).add(path.relative_to(site).as_posix())
    assert not found, {word: sorted(pages)[:5] for word, pages in found.items()}


def test_the_404_page_is_dutch_and_leads_on(site: Path) -> None:
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "lxml")
    assert soup.h1.get_text(strip=True) == "Deze pagina bestaat niet (meer)"
    links = {a.get_text(strip=True): a["href"] for a in soup.select("article a")}
    for label in ("Startpagina", "Is het veilig genoeg?", "Alle kaarten, per familie", "Checklists", "Per rol"):
        assert label in links, f"404 page lacks the way in '{label}'"
        assert links[label].startswith("/werkkaarten/"), "404 links must work at any depth"
    assert soup.select_one("form[name=zoeken]"), "404 page has no search"


def card_soup(site: Path, handbook, card) -> BeautifulSoup:
    return BeautifulSoup((site / page_url(handbook.paths[card.id]) / "index.html").read_text(), "lxml")


def test_cards_put_content_first(site: Path, handbook) -> None:
    """Title, one short line (code, type, source), the summary; sharing and citing only at the end.

    Red when: the copy buttons move back above the content, or the header line grows the full source titles.
    """
    for card in handbook.ordered():
        article = card_soup(site, handbook, card).select_one("article")
        # The page's text sits in the block that search indexes (overrides/main.html).
        text = article.select_one(":scope > [data-pagefind-body]") or article
        blocks = [el for el in text.find_all(recursive=False) if el.name not in ("a",)]
        first = [el for el in blocks if el.name in ("h1", "div", "p")][:3]
        assert first[0].name == "h1"
        assert "wk-kaartkop" in first[1].get("class", []), f"{card.id}: no short header line after the title"
        line = first[1].get_text(" ", strip=True)
        visible = re.sub(r"\s+", " ", "".join(first[1].find_all(string=True, recursive=False)))
        assert card.code in line and len(visible) < 80, f"{card.id}: header line too long: {line}"
        assert "wk-samenvatting" in first[2].get("class", []), f"{card.id}: the summary is not third"
        share = article.find(id="delen")
        assert share is not None and article.select_one(".wk-citeer").find_previous("h2") == share
        assert article.find(id="bron").find_previous("h2", id="delen"), f"{card.id}: sharing is not at the end"


def test_long_cards_have_their_own_contents_list(site: Path, handbook) -> None:
    """Red when: the contents list disappears, or misses a section of the card."""
    long_cards = 0
    for card in handbook.ordered():
        sections = handbook.sections(handbook.paths[card.id])
        contents = card_soup(site, handbook, card).select_one("nav.wk-inhoud")
        if len(sections) <= 3:
            assert contents is None, f"{card.id}: a contents list for {len(sections)} sections"
            continue
        long_cards += 1
        assert contents is not None, f"{card.id}: {len(sections)} sections and no contents list"
        assert [a["href"] for a in contents.select("a")] == [f"#{anchor}" for anchor, _ in sections]
    assert long_cards >= 20


def test_every_family_has_its_own_menu_entry(site: Path, handbook) -> None:
    """Red when: the first family's index page becomes the section page of 'Kaarten' again (Partnerschap lost)."""
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    entries = {a.get_text(" ", strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link")}
    for family in handbook.family_registry.families:
        assert family.title in entries, f"no menu entry for {family.title}: {sorted(entries)}"


@pytest.mark.parametrize(
    "where", ["kaarten/index.html", "checklists/index.html", "checklists/na-een-gesprek/index.html"]
)
def test_the_key_to_the_codes_is_where_readers_meet_codes(site: Path, handbook, where: str) -> None:
    text = BeautifulSoup((site / where).read_text(encoding="utf-8"), "lxml").select_one(".wk-codesleutel").get_text()
    for card_type in handbook.family_registry.types.values():
        assert f"{card_type.prefix} {card_type.label.lower()}" in text, f"{where}: key lacks {card_type.prefix}"
    assert "CL checklist" in text


def test_home_leads_to_the_situation_card_and_the_checklists(site: Path) -> None:
    """One click from the home page: which approach fits which situation, and the checklists."""
    article = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml").select_one("article")
    hrefs = {a["href"] for a in article.select("a[href]")}
    assert "achtergrond/welke-aanpak-past/" in hrefs
    assert "checklists/" in hrefs


def test_the_situation_card_cites_a_source_in_every_situation(site: Path, handbook) -> None:
    """Every situation section names its sources and links the cards it rests on."""
    card = handbook.cards["welke-aanpak-past"]
    article = card_soup(site, handbook, card).select_one("article")
    situations = [h for h in article.select("h2") if re.match(r"\d\. ", h.get_text(strip=True))]
    assert len(situations) == 5, [h.get_text(strip=True) for h in situations]
    for heading in situations:
        parts = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            parts.append(sibling)
        text = " ".join(part.get_text(" ") for part in parts)
        links = [a for part in parts for a in part.select("a[href]")]
        assert re.search(r"\b00[0-4]\b", text), f"{heading.get_text(strip=True)}: no source named"
        assert links, f"{heading.get_text(strip=True)}: no card linked"


def test_search_results_say_what_a_hit_is(site: Path, handbook) -> None:
    """A card and the checklist of the same name are told apart in search: the title says 'kaart V1' or
    'checklist CL4' (pages say neither). Red when: the heading's screen-reader suffix is dropped."""
    titles = {record["url"].removeprefix("/"): record["meta"]["title"] for record in search_records(site).values()}
    for card in handbook.ordered():
        assert titles[page_url(handbook.paths[card.id])].endswith(f"(kaart {card.code})")
    for checklist in handbook.ordered_checklists():
        assert titles[page_url(handbook.checklist_paths[checklist.id])].endswith(f"(checklist {checklist.code})")
    assert titles["checklists/veilig-genoeg/"] != titles["vraagstukken/veilig-genoeg/"]


def test_search_terms_are_indexed_but_never_shown(site: Path, handbook) -> None:
    """A card's or checklist's search terms (words from practice) are in Pagefind's index, weighted, as the
    last words of the page's indexed text with metadata naming them (so zoeken.js never shows them as an
    excerpt), and nowhere for a reader: the block is `hidden` and aria-hidden.

    Red when: the block loses `hidden` (a reader sees the terms), is put before the page's own text (the
    excerpt would show them), or is left out of the index (data-search-exclude on it).
    """
    records = {record["url"].removeprefix("/"): record for record in search_records(site).values()}
    pages = [(path, card) for card_id, path in handbook.paths.items() for card in [handbook.cards[card_id]]]
    pages += [
        (path, checklist)
        for checklist_id, path in handbook.checklist_paths.items()
        for checklist in [handbook.checklists[checklist_id]]
    ]
    with_terms = [(path, item) for path, item in pages if item.search_terms]
    assert len(with_terms) >= 10, "the reviewed list of search terms is gone"
    for path, item in with_terms:
        url = page_url(path)
        html = (site / url / "index.html").read_text(encoding="utf-8")
        blocks = BeautifulSoup(html, "lxml").select(".wk-zoektermen")
        joined = ", ".join(item.search_terms)
        assert len(blocks) == 1, f"{url}: {len(blocks)} search-term blocks"
        block = blocks[0]
        assert block.has_attr("hidden") and block.get("aria-hidden") == "true", f"{url}: the terms are not hidden"
        assert block.get_text() == joined and block.get("data-pagefind-weight"), url
        record = records[url]
        assert record["meta"].get("zoektermen") == joined, f"{url}: metadata zoektermen is {record['meta']}"
        assert record["content"].rstrip(".").endswith(joined), f"{url}: the terms are not the last indexed words"
    for path, item in pages:
        if not item.search_terms:
            assert "zoektermen" not in records[page_url(path)]["meta"], page_url(path)


def test_pages_about_the_site_are_not_searched(site: Path) -> None:
    """The accessibility statement and the editors' guide are about the site, not guidance: search leaves them
    out, so "melden" or "privacy" finds the cards. Red when: `search: exclude: true` is dropped from one."""
    indexed = {record["url"].removeprefix("/") for record in search_records(site).values()}
    assert {"over/toegankelijkheid/", "over/redactie/"}.isdisjoint(indexed)
    assert "vraagstukken/veilig-genoeg/" in indexed
