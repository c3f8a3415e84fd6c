"""The eight partnership principles as a reader gets them: own pages, an index grid in order."""

from __future__ import annotations

import itertools
import re

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
        assert html.title.get_text().startswith(title) and f"({code})" in html.title.get_text(), card_id
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


def test_sidebar_stays_small(page, handbook) -> None:
    """Every page carries the same navigation, whatever the number of cards."""
    sizes = {
        len(page(url).select("nav.md-nav--primary a")) for url in ["", "partnerschap/respecteer-ouders/", "checklists/"]
    }
    assert max(sizes) < 30, sizes
