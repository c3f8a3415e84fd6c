"""The eight partnership principles as a reader gets them: own pages, an index grid in order."""

from __future__ import annotations

import itertools
import re
from urllib.parse import urljoin

from macros.addresses import page_url

#: Any absolute base will do: links are resolved against it, then it is taken off again.
BASE = "https://site.invalid/"

PRINCIPLES = [
    ("P1", "respecteer-ouders", "Respecteer ouders en jeugdigen"),
    ("P2", "persoon-niet-mishandeling", "Werk samen met de persoon, niet met de mishandeling"),
    ("P3", "signalen-van-veiligheid", "Erken dat in elk gezin signalen van veiligheid aanwezig zijn"),
    ("P4", "kind-centraal", "Stel de veiligheid en het welzijn van het kind centraal"),
    ("P5", "details-en-uitzonderingen", "Zoek altijd naar de details en naar uitzonderingen"),
    ("P6", "wat-wil-de-ouder", "Ga na wat de ouder of jeugdige wil"),
    ("P7", "keuzemogelijkheden", "Bied keuzemogelijkheden"),
    ("P8", "kleine-veranderingen", "Concentreer je op het tot stand brengen van kleine veranderingen"),
]


def test_each_principle_has_a_page_with_title_summary_code_and_source(page) -> None:
    for code, card_id, title in PRINCIPLES:
        html = page(f"partnerschap/{card_id}/")
        article = html.select_one("article")
        assert article.h1.get_text(strip=True).startswith(title), card_id
        assert html.title.get_text().startswith(title) and f"· kaart {code}" in html.title.get_text(), card_id
        head = article.select_one(".wk-kaartkop")
        assert head.select_one(".wk-code").get_text(strip=True) == code
        assert "Houding en uitgangspunten" in head.get_text(), f"{card_id}: source not named in the header"
        summary = article.select_one(".wk-samenvatting").get_text(strip=True)
        assert re.fullmatch(r"[A-Z].{9,299}[.?!]", summary), card_id
        assert article.select_one("#voorbeeldvragen, #voorbeeld"), f"{card_id}: example questions missing"
        assert article.select_one("#bron"), f"{card_id}: source section missing"


def test_index_grid_lists_all_eight_in_order(page) -> None:
    grid = page("partnerschap/").select_one("article .grid.cards")
    links = [a["href"] for a in grid.select("a")]
    assert links == [f"{card_id}/" for _, card_id, _ in PRINCIPLES]
    codes = [c.get_text(strip=True) for c in grid.select(".wk-code")]
    assert codes == [code for code, _, _ in PRINCIPLES]


def test_each_principle_links_to_the_next_in_code_order(page) -> None:
    """The sidebar lists families, not cards; cards lead to their neighbours in reading order."""
    for (_, card_id, _), (next_code, next_id, _) in itertools.pairwise(PRINCIPLES):
        link = page(f"partnerschap/{card_id}/").select_one("article nav.wk-buren .wk-buren__volgende")
        assert link is not None and link["href"] == f"../{next_id}/", card_id
        assert link.get_text().startswith(next_code)


def target(from_url: str, href: str) -> str:
    """Where a link on the page at `from_url` leads, as a site path ('over/bronnen/#bron-001')."""
    return urljoin(BASE + from_url, href).removeprefix(BASE)


def words(text: str) -> str:
    return " ".join(text.split())


def test_sidebar_stays_small(page, handbook) -> None:
    """Every page carries the same navigation, whatever the number of cards: families and index pages, no card.

    Red when: mkdocs.yml lists a card in the navigation, or the navigation's selector stops matching.
    """
    card_pages = {page_url(path) for path in handbook.paths.values()}
    family_pages = {f"{family.id}/" for family in handbook.family_registry.families}
    sizes = {}
    for url in ["", "partnerschap/respecteer-ouders/", "checklists/"]:
        links = page(url).select("nav.md-nav--primary a[href]")
        sizes[url] = len(links)
        targets = {target(url, a["href"]).partition("#")[0] for a in links}
        assert family_pages <= targets, f"{url or 'home'}: the sidebar misses families {sorted(family_pages - targets)}"
        assert not targets & card_pages, f"{url or 'home'}: the sidebar lists cards {sorted(targets & card_pages)}"
    # About 20 links today (families, checklists, roles, trainers' and 'over' pages), against more than 60 cards.
    assert min(sizes.values()) > 5 and max(sizes.values()) < 30, sizes


def test_every_card_footer_lists_its_sources(page, handbook) -> None:
    """The 'Bron' section at the foot of every card names each source and links to its entry on the sources page.

    Red when: the footer's source list is removed (the 'Bron' heading kept), or a source's link or title changes.
    """
    for card_id, card in handbook.cards.items():
        here = page_url(handbook.paths[card_id])
        heading = page(here).select_one("article #bron")
        assert heading is not None, f"{card_id}: no 'Bron' section"
        listing = heading.find_next_sibling()
        assert listing is not None and listing.name == "ul", f"{card_id}: no source list under 'Bron'"
        items = listing.find_all("li", recursive=False)
        assert len(items) == len(card.sources), f"{card_id}: {len(items)} sources listed, {len(card.sources)} named"
        for item, key in zip(items, card.sources, strict=True):
            source = handbook.source(key)
            title = item.find("strong")
            assert title is not None and words(title.get_text()) == words(source.title), f"{card_id}: {key} title"
            assert f"{source.publisher}, {source.date}" in words(item.get_text()), f"{card_id}: {key} publisher"
            links = [target(here, a["href"]) for a in item.select("a[href]")]
            assert links == [f"over/bronnen/#bron-{key}"], f"{card_id}: source {key} links to {links}"
